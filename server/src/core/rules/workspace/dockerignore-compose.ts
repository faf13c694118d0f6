import { baseName } from '../../paths';
import { builtDockerfile } from '../../compose/build';
import type { ComposeModel } from '../../compose/model';
import type { Rule } from '../../types';
import {
	copiedByName,
	copiesFromContext,
	copiesWholeContext,
	dockerignore,
	inspectDockerignore,
	isNodeProject,
	malformedLineReport,
} from './dockerignore';

/**
 * workspace/dockerignore for the build contexts of a compose file: the same question as the
 * Dockerfile rule, asked of `build.context` (which need not be the Dockerfile's folder). Shares the
 * Dockerfile rule's meta so the catalogue lists the id once.
 */
export const dockerignoreCompose: Rule<ComposeModel> = {
	meta: dockerignore.meta,
	check({ model, host, path, report }) {
		if (host === undefined) return;
		const seen = new Set<string>();
		for (const service of model.services) {
			const built = builtDockerfile(model, service, host, model.path ?? path);
			const contextDir = built?.paths?.contextDir;
			const copyAll = built?.model.instructions.find(copiesWholeContext);
			const sender = copyAll ?? built?.model.instructions.find(copiesFromContext);
			if (built === undefined || contextDir === undefined || sender === undefined) continue;
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
			// Several services may build one context: one finding, on the first.
			if ((malformed === undefined && problem === undefined) || seen.has(inspection.path)) continue;
			seen.add(inspection.path);
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
