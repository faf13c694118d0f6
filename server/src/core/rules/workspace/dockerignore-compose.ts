import { baseName } from '../../paths';
import { builtDockerfile, type BuiltDockerfile } from '../../compose/build';
import type { ComposeModel, Service } from '../../compose/model';
import { objectMemo } from '../../object-memo';
import type { Instruction } from '../../dockerfile/model';
import type { FileHost, Report, Rule } from '../../types';
import {
	copiedByName,
	copiesFromContext,
	copiesWholeContext,
	dockerignore,
	inspectDockerignore,
	isNodeProject,
	malformedLineReport,
	type DockerignoreProblem,
} from './dockerignore';

/**
 * workspace/dockerignore for the build contexts of a compose file: the same question as the
 * Dockerfile rule, asked of `build.context` (which need not be the Dockerfile's folder). Shares the
 * Dockerfile rule's meta so the catalogue lists the id once.
 */
export const dockerignoreCompose: Rule<ComposeModel> = {
	meta: dockerignore.meta,
	// A service's finding reads its own build and what the host holds for it; across services, only whether an earlier
	// service already reported on the same ignore file (firstReporters): on a re-lint, the others' findings hold while
	// the edited service would report on the same file as before, or on none both times.
	perService: true,
	crossServices: {
		share: (model, host) => {
			const whole = model.whole ?? model;
			return JSON.stringify(
				model.services.map((service) =>
					host === undefined ? null : (judge(whole, service, host, whole.path)?.inspectionPath ?? null),
				),
			);
		},
		carry: (from, to) => {
			const reading = firstReporters.get(from);
			if (reading !== undefined) firstReporters.set(to, reading);
		},
	},
	check({ model, host, path, report }) {
		if (host === undefined) return;
		const whole = model.whole ?? model;
		const composePath = whole.path ?? path;
		const judgements = model.services.map((service) => judge(whole, service, host, composePath));
		// Several services may build one context: one finding, on the first (of the whole file) that has one. A whole
		// file's judgements tell that at once; a re-lint's one service reads it from the whole file (or the lint before).
		const first =
			model.servicesOnly === true
				? firstReportersOf(whole, host, composePath)
				: firstReporters.set(whole, firstOf(model.services, judgements));
		for (const [at, service] of model.services.entries()) {
			const judgement = judgements[at];
			if (judgement === undefined || first.get(judgement.inspectionPath) !== service.name) continue;
			const { built, instruction, malformed, problem } = judgement;
			if (malformed !== undefined) report(malformed);
			if (problem === undefined) continue;
			const list = problem.missing.map((entry) => `\`${entry}\``).join(', ');
			const copy = `${instruction} copies the whole context`;
			report({
				range: built.spec.range,
				messageId: problem.existed ? 'serviceNotExcluded' : 'serviceNoIgnoreFile',
				data: {
					service: service.name,
					context: built.spec.context,
					copy,
					ignoreFile: baseName(problem.path),
					list,
				},
				fix: {
					title: problem.existed
						? `Add ${problem.missing.join(', ')} to ${baseName(problem.path)}`
						: `Create .dockerignore in ${built.spec.context}`,
					edits: [],
					files: [problem.change],
				},
			});
		}
	},
};

/** What a service would report, before it is known whether an earlier service reported on the same ignore file. */
interface Judgement {
	built: BuiltDockerfile;
	/** The ignore file the findings are about: one finding per file, on the first service. */
	inspectionPath: string;
	/** `its Dockerfile's \`COPY . .\`` */
	instruction: string;
	malformed: Report | undefined;
	problem: DockerignoreProblem | undefined;
}

/** What a service would report, of the whole file's model; undefined when it reports nothing. */
function judge(
	whole: ComposeModel,
	service: Service,
	host: FileHost,
	composePath: string | undefined,
): Judgement | undefined {
	const built = builtDockerfile(whole, service, host, composePath);
	const contextDir = built?.paths?.contextDir;
	const copyAll = built?.model.instructions.find(copiesWholeContext);
	const sender: Instruction | undefined = copyAll ?? built?.model.instructions.find(copiesFromContext);
	if (built === undefined || contextDir === undefined || sender === undefined) return undefined;
	const inspection = inspectDockerignore(host, {
		contextDir,
		dockerfilePath: built.path,
		node: isNodeProject(built.model, host, contextDir),
		copiedByName: copiedByName(built.model),
		eol: built.model.index.eol,
	});
	const instruction = `its Dockerfile's \`${[sender.keyword, ...sender.args.map((arg) => arg.value)].join(' ')}\``;
	const malformed = malformedLineReport(
		inspection,
		built.spec.range,
		`\`${service.name}\` builds \`${built.spec.context}\`: ${instruction}`,
	);
	const problem = copyAll === undefined ? undefined : inspection.problem;
	if (malformed === undefined && problem === undefined) return undefined;
	return { built, inspectionPath: inspection.path, instruction, malformed, problem };
}

/**
 * For each ignore file some service reports on, the first service of the whole file that does (names are unique in a
 * file's `services`). Made of every service's inspection path (the share above) once per file model; a re-lint whose
 * edited service reports on the same file as before carries it over.
 */
const firstReporters = objectMemo<ComposeModel, ReadonlyMap<string, string>>('dockerignoreFirstReporters');

function firstReportersOf(
	whole: ComposeModel,
	host: FileHost,
	composePath: string | undefined,
): ReadonlyMap<string, string> {
	return (
		firstReporters.get(whole) ??
		firstReporters.set(
			whole,
			firstOf(
				whole.services,
				whole.services.map((service) => judge(whole, service, host, composePath)),
			),
		)
	);
}

/** For each ignore file, the first of the services (in order, beside their judgements) that reports on it. */
function firstOf(services: readonly Service[], judgements: ReadonlyArray<Judgement | undefined>): Map<string, string> {
	const first = new Map<string, string>();
	for (const [at, service] of services.entries()) {
		const path = judgements[at]?.inspectionPath;
		if (path !== undefined && !first.has(path)) first.set(path, service.name);
	}
	return first;
}
