import { editDistance } from '../../config';
import { buildPaths, buildSpec, builtDockerfile, dockerfileOnDisk, type BuildSpec } from '../../compose/build';
import type { ComposeModel, Service } from '../../compose/model';
import type { DockerfileModel } from '../../dockerfile/model';
import type { FileHost, Report, Rule } from '../../types';

export const buildTarget: Rule<ComposeModel> = {
	meta: {
		id: 'compose/build-target',
		scope: 'compose',
		severity: 'error',
		description: 'Build from a context and Dockerfile that exist, and a `target` stage the Dockerfile has',
		guide: 'Multi-stage builds; Docker Compose',
		aliases: [],
		fixable: false,
		messages: {
			unknownTarget:
				'`{{service}}` builds target `{{target}}`, but {{where}} has no stage of that name{{closest}}; {{stages}}',
			buildsFromContext: '`{{service}}` builds from context `{{context}}`, which does not exist ({{contextDir}})',
			cannotBuilt: '`{{service}}` cannot be built: {{name}} ({{dockerfilePath}})',
		},
		docs: {
			rationale:
				'`docker compose build` fails when `build.context` or `build.dockerfile` does not exist, or when `build.target` names a stage the Dockerfile does not define (a stage renamed in the Dockerfile and not in the compose file). The check reads the Dockerfile the way Compose does: the context relative to the compose file, the Dockerfile relative to the context.',
			example:
				'services:\n  api:\n    build:\n      context: .\n      target: prod\n      dockerfile_inline: |\n        FROM node:22-alpine AS build\n        FROM node:22-alpine AS production\n',
			useInstead:
				'services:\n  api:\n    build:\n      context: .\n      target: production\n      dockerfile_inline: |\n        FROM node:22-alpine AS build\n        FROM node:22-alpine AS production\n',
		},
	},
	perService: true,
	check({ model, host, path, report }) {
		const composePath = model.path ?? path;
		for (const service of model.services) {
			const spec = buildSpec(model, service);
			if (spec === undefined || spec.remote || spec.unresolved) continue;
			const missing =
				host === undefined || composePath === undefined ? undefined : missingOnDisk(spec, host, composePath, service);
			if (missing !== undefined) {
				report(missing);
				continue;
			}
			const target = targetProblem(model, service, host, composePath);
			if (target !== undefined) report(target);
		}
	},
};

/** The context directory or the Dockerfile that is not there (`dockerfile_inline` needs no file). */
function missingOnDisk(spec: BuildSpec, host: FileHost, composePath: string, service: Service): Report | undefined {
	const paths = buildPaths(spec, composePath);
	if (paths === undefined) return undefined;
	if (!host.exists(paths.contextDir)) {
		const range = spec.contextView?.range ?? spec.range;
		return {
			range,
			messageId: 'buildsFromContext',
			data: { service: service.name, context: spec.context, contextDir: paths.contextDir },
		};
	}
	if (paths.dockerfilePath === undefined || dockerfileOnDisk(host, paths) !== undefined) return undefined;
	const range = spec.dockerfileView?.range ?? spec.contextView?.range ?? spec.range;
	const name =
		spec.dockerfile === undefined
			? `no \`Dockerfile\` in context \`${spec.context}\``
			: `\`${spec.dockerfile}\` does not exist`;
	return {
		range,
		messageId: 'cannotBuilt',
		data: { service: service.name, name, dockerfilePath: paths.dockerfilePath },
	};
}

function targetProblem(
	model: ComposeModel,
	service: Service,
	host: FileHost | undefined,
	composePath: string | undefined,
): Report | undefined {
	const built = builtDockerfile(model, service, host, composePath);
	const target = built?.spec.target;
	const targetView = built?.spec.targetView;
	if (built === undefined || target === undefined || targetView === undefined) return undefined;
	const stages = stageNames(built.model);
	// A Dockerfile without stages is another rule's finding; stage names built from ARGs cannot be read.
	if (built.model.stages.length === 0 || built.model.stages.some((stage) => stage.nameText?.includes('$'))) {
		return undefined;
	}
	if (stages.includes(target.toLowerCase())) return undefined;
	const where = built.path === undefined ? 'the inline Dockerfile' : `\`${built.spec.dockerfile ?? 'Dockerfile'}\``;
	return {
		range: targetView.range,
		messageId: 'unknownTarget',
		data: {
			service: service.name,
			target,
			where,
			closest: closest(target, stages),
			stages:
				stages.length === 0 ? 'it names no stage' : `its stages: ${stages.map((name) => `\`${name}\``).join(', ')}`,
		},
	};
}

function stageNames(model: DockerfileModel): string[] {
	return model.stages.flatMap((stage) => (stage.name === undefined ? [] : [stage.name]));
}

function closest(target: string, names: readonly string[]): string {
	const limit = Math.max(1, Math.floor(target.length / 3));
	// The distance is at least the difference in length: names that cannot be within the limit are not compared.
	const near = names.filter(
		(name) => Math.abs(name.length - target.length) <= limit && target.length <= MAX_SUGGESTED_LENGTH,
	);
	const ranked = near
		.map((name) => ({ name, distance: editDistance(target.toLowerCase(), name) }))
		.sort((a, b) => a.distance - b.distance);
	const best = ranked[0];
	return best !== undefined && best.distance <= limit ? ` (did you mean \`${best.name}\`?)` : '';
}

/** No "did you mean" for a longer target: comparing it costs its length times each name's, and nobody mistypes 256 characters. */
const MAX_SUGGESTED_LENGTH = 256;
