import {
	effectiveHealthcheck,
	exposedPorts,
	httpPort,
	probeFor,
	runsNoService,
	setsCommand,
	stageBaseFacts,
	startupLine,
} from '../../dockerfile/image-tools';
import { finalStage, inheritedInstructions, type DockerfileModel, type Stage } from '../../dockerfile/model';
import { endsOpen } from '../../dockerfile/open-end';
import { insertLinesAtEnd, insertLinesBefore } from '../../fixes';
import type { Fix, Rule } from '../../types';

/** The guide's timings. */
export const HEALTHCHECK_FLAGS = '--interval=30s --timeout=10s --start-period=30s --retries=3';

export const requireHealthcheck: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/require-healthcheck',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Give the final image a HEALTHCHECK',
		guide: 'Health Checks (mandatory)',
		guideMandate: 'Health check (mandatory)',
		aliases: ['DS026', 'CKV_DOCKER_2', 'DL3057'],
		fixable: true,
		messages: {
			finalStageHas:
				'The final stage has no HEALTHCHECK: Docker cannot tell a hung service from a healthy one (write `HEALTHCHECK NONE` to opt out)',
		},
		docs: {
			rationale:
				'Without a HEALTHCHECK, Docker only knows whether the process is alive, not whether it answers: a hung server stays "running", restart policies and orchestrators never replace it, and `depends_on: condition: service_healthy` cannot work. Write `HEALTHCHECK NONE` to opt out deliberately.',
			example: 'FROM node:22-alpine\nEXPOSE 3000\nCMD ["node", "server.js"]',
			useInstead:
				'FROM node:22-alpine\nEXPOSE 3000\nHEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \\\n  CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]',
			fix: "Inserts the guide's HEALTHCHECK before the final `CMD`/`ENTRYPOINT`, probing `/health` on the first port the stage EXPOSEs (skipping well-known non-HTTP ports such as 5432, 6379 or FastCGI's 9000, and TLS ports), with a tool the image has: BusyBox `wget` on Alpine, `curl` where it is installed, else `node` or `python3` on those images (in the JSON form, as they need no shell). No fix when the stage EXPOSEs no port or nothing in the image can make the request (distroless, unknown bases).",
		},
	},
	check({ model, report }) {
		const stage = finalStage(model);
		if (
			stage === undefined ||
			effectiveHealthcheck(stage) !== undefined ||
			isArtifactStage(stage) ||
			runsNoService(stage)
		) {
			return;
		}
		const fix = healthcheckFix(model, stage);
		report({
			range: stage.from.range,
			messageId: 'finalStageHas',
			...(fix ? { fix } : {}),
		});
	},
};

/**
 * A `FROM scratch` stage that copies files in but sets no command only carries them
 * (`docker build --output`, `COPY --from=` sources): nothing runs to check.
 */
function isArtifactStage(stage: Stage): boolean {
	if (stageBaseFacts(stage).family !== 'scratch') return false;
	return (
		!setsCommand(stage) &&
		inheritedInstructions(stage).some((instruction) => instruction.keyword === 'COPY' || instruction.keyword === 'ADD')
	);
}

function healthcheckFix(model: DockerfileModel, stage: Stage): Fix | undefined {
	const port = httpPort(exposedPorts(stage));
	if (port === undefined) return undefined;
	const probe = probeFor(stage, port);
	if (probe === undefined) return undefined;
	const line = startupLine(stage, model.index);
	// Appended after an unclosed heredoc or a trailing continuation, it would become part of that instruction.
	if (line === undefined && endsOpen(model)) return undefined;
	const indent = line === undefined ? '' : model.index.indentation(line);
	// A probe that needs no shell is written in the JSON form, which dockerfile/exec-form asks for.
	const command = probe.needsShell ? probe.shell : `[${probe.exec.map((word) => JSON.stringify(word)).join(', ')}]`;
	const lines = [`${indent}HEALTHCHECK ${HEALTHCHECK_FLAGS} ${model.escapeChar}`, `${indent}  CMD ${command}`];
	const edit = line === undefined ? insertLinesAtEnd(model.index, lines) : insertLinesBefore(model.index, line, lines);
	return { title: `Add a HEALTHCHECK probing http://localhost:${port}/health with ${probe.tool}`, edits: [edit] };
}
