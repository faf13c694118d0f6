import type { ComposeModel, Service, View } from '../../compose/model';
import { formatRange, publishesPorts, servicePorts } from '../../compose/ports';
import { interpolateOnce } from '../../compose/interpolation';
import { interpolated } from '../../compose/service';
import type { Report, Rule } from '../../types';

export const scalingConflict: Rule<ComposeModel> = {
	meta: {
		id: 'compose/scaling-conflict',
		scope: 'compose',
		severity: 'error',
		description:
			'Do not fix a container name or a host port on a service that runs several replicas, nor reuse a container name',
		guide: 'Container Orchestration Strategy',
		aliases: ['no-duplicate-container-names'],
		fixable: false,
		messages: {
			containerNameMakes:
				'`container_name` makes `{{service}}` unscalable: Compose cannot create {{replicas}} containers with one name',
			replicasCannotAll:
				'The {{replicas}} replicas of `{{service}}` cannot all bind host port {{formatRange}}: {{advice}}',
			bothUseContainer:
				'`{{service}}` and `{{first}}` both use the container name `{{name}}`: the second container cannot be created',
		},
		docs: {
			rationale:
				'Container names are unique on a host: Compose refuses to scale a service that sets `container_name`, and two services with the same `container_name` cannot both exist. Likewise a fixed host port can be bound by one replica only, so the second one fails with "port is already allocated"; publish a range at least as large as the replica count (`8000-8002:80`), or let Docker pick the host port. Swarm stacks (`docker stack deploy`), which spread replicas behind the ingress routing mesh, are recognised and their ports not checked.',
			example:
				'services:\n  worker:\n    image: acme/worker:3.2\n    container_name: worker\n    deploy:\n      replicas: 3\n  api:\n    image: acme/api:1.4.2\n    container_name: worker\n',
			useInstead:
				'services:\n  worker:\n    image: acme/worker:3.2\n    deploy:\n      replicas: 3\n  api:\n    image: acme/api:1.4.2\n    container_name: api\n',
		},
	},
	check({ model, report }) {
		const swarm = looksLikeSwarmStack(model);
		for (const service of model.services) {
			const replicas = replicasOf(model, service);
			if (replicas === undefined || replicas <= 1) continue;
			const name = service.view.get('container_name');
			if (name !== undefined && name.scalar !== null) {
				report({
					range: name.range,
					aliases: [],
					messageId: 'containerNameMakes',
					data: { service: service.name, replicas },
				});
			}
			if (!swarm && publishesPorts(model, service)) checkPorts(model, service, replicas, report);
		}
		checkDuplicateNames(model, report);
	},
};

/** `deploy.replicas`, or the legacy `scale`; undefined when unset or not a number. */
function replicasOf(model: ComposeModel, service: Service): number | undefined {
	const view = service.view.at('deploy', 'replicas') ?? service.view.get('scale');
	const text = interpolated(model, view);
	return text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

function checkPorts(model: ComposeModel, service: Service, replicas: number, report: (report: Report) => void): void {
	for (const mapping of servicePorts(model, service)) {
		const published = mapping.published;
		if (published === undefined || mapping.mode === 'ingress') continue;
		// Docker gives each replica one free port of a range published to a single container port.
		const hostPorts = published.end - published.start + 1;
		const perReplica = mapping.target.end - mapping.target.start + 1;
		if (perReplica === 1 && hostPorts >= replicas) continue;
		const advice =
			perReplica === 1
				? `publish a range of at least ${replicas} ports, or only the container port`
				: 'publish only the container ports';
		report({
			range: mapping.view.range,
			aliases: [],
			messageId: 'replicasCannotAll',
			data: { replicas, service: service.name, formatRange: formatRange(published), advice },
		});
	}
}

/** Two services with one `container_name`: the second cannot be created. */
function checkDuplicateNames(model: ComposeModel, report: (report: Report) => void): void {
	const seen = new Map<string, Service>();
	for (const service of model.services) {
		const view = service.view.get('container_name');
		const name = view === undefined ? undefined : containerName(model, view);
		if (view === undefined || name === undefined) continue;
		const first = seen.get(name);
		if (first === undefined) {
			seen.set(name, service);
			continue;
		}
		report({
			range: view.range,
			aliases: ['no-duplicate-container-names'],
			messageId: 'bothUseContainer',
			data: { service: service.name, first: first.name, name },
		});
	}
}

/** The interpolated name; undefined when empty or using a variable with no value. */
function containerName(model: ComposeModel, view: View): string | undefined {
	const written = view.string;
	if (written === undefined) return undefined;
	const evaluation = written.includes('$') ? interpolateOnce(written, model.env) : { value: written, missing: [] };
	const name = evaluation.value.trim();
	return evaluation.missing.length > 0 || name === '' ? undefined : name;
}

/** Swarm-only keys: replicas there sit behind the ingress routing mesh, which shares published ports. */
function looksLikeSwarmStack(model: ComposeModel): boolean {
	const overlay = [...model.declared.networks.values()].some(
		(network) => network.asMap()?.get('driver')?.string === 'overlay',
	);
	return (
		overlay ||
		model.services.some((service) => {
			const deploy = service.view.get('deploy')?.asMap();
			return (
				deploy !== undefined &&
				(deploy.has('placement') ||
					deploy.has('update_config') ||
					deploy.has('rollback_config') ||
					deploy.get('mode')?.string === 'global')
			);
		})
	);
}
