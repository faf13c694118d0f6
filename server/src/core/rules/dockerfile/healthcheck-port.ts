import {
	exposedPorts,
	exposes,
	healthcheckProbe,
	probesLocalhost,
	tcpPorts,
	type HttpProbe,
} from '../../dockerfile/image-tools';
import type { DockerfileModel } from '../../dockerfile/model';
import { replace } from '../../fixes';
import type { Fix, Rule } from '../../types';

export const healthcheckPort: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/healthcheck-port',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Probe the port the image EXPOSEs',
		guide: 'Health Checks',
		aliases: [],
		fixable: true,
		messages: {
			healthcheckProbesPort: 'The HEALTHCHECK probes port {{port}}, but the image EXPOSEs {{listPorts}}',
		},
		docs: {
			rationale:
				'A HEALTHCHECK that asks `localhost` on a port the service does not listen on fails every time, so the container never becomes healthy. When the stage EXPOSEs one port and the probe asks another, one of the two is stale, usually the probe after the port changed.',
			example:
				'FROM node:22-alpine\nEXPOSE 8080\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]',
			useInstead:
				'FROM node:22-alpine\nEXPOSE 8080\nHEALTHCHECK CMD wget -q --spider http://localhost:8080/health || exit 1\nCMD ["node", "server.js"]',
			fix: 'Changes the probed port to the exposed one, when the stage EXPOSEs exactly one TCP port.',
		},
	},
	check({ model, report }) {
		for (const stage of model.stages) {
			// What a stage EXPOSEs is read from every stage above it: only a stage with a probe needs it.
			if (!stage.instructions.some((instruction) => instruction.keyword === 'HEALTHCHECK')) continue;
			const exposed = exposedPorts(stage);
			// An HTTP probe speaks TCP: only a stage that EXPOSEs some TCP port says which one to use.
			const tcp = exposed.ports.filter((port) => port.protocol === 'tcp');
			if (exposed.unresolved || tcp.length === 0) continue;
			for (const instruction of stage.instructions) {
				if (instruction.keyword !== 'HEALTHCHECK') continue;
				const http = healthcheckProbe(instruction).http;
				if (http === undefined || http.port === undefined || !probesLocalhost(http) || exposes(exposed, http.port)) {
					continue;
				}
				const ports = tcpPorts(exposed);
				const fix = ports.length === 1 ? portFix(model, http, ports[0]) : undefined;
				const range =
					http.portStart !== undefined && http.explicitPort
						? model.index.rangeOf(http.portStart, http.portEnd!)
						: model.index.rangeOf(http.url.start, http.url.end);
				report({
					range,
					messageId: 'healthcheckProbesPort',
					data: {
						port: http.port,
						listPorts: listPorts(
							tcp.map((port) => (port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`)),
						),
					},
					...(fix ? { fix } : {}),
				});
			}
		}
	},
};

function listPorts(ports: string[]): string {
	const unique = [...new Set(ports)];
	return unique.length === 1 ? unique[0] : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

function portFix(model: DockerfileModel, http: HttpProbe, port: number): Fix | undefined {
	if (http.portStart === undefined || http.portEnd === undefined) return undefined;
	const text = http.explicitPort ? `${port}` : `:${port}`;
	return { title: `Probe port ${port}`, edits: [replace(model.index.rangeOf(http.portStart, http.portEnd), text)] };
}
