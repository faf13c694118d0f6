import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { dependencyInstalls, inheritedGroupInstructions, instructionGroups } from '../../dockerfile/packages';
import type { Rule } from '../../types';

/** `COPY . .`, `ADD ./ /app`: the whole build context, not from another stage. */
function copiesWholeContext(instruction: Instruction): boolean {
	if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flag('from') !== undefined) return false;
	const words = instruction.json ?? instruction.args.map((arg) => arg.value);
	return words.slice(0, -1).some((source) => /^\.\/?$/.test(source));
}

export const copyDepsFirst: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/copy-deps-first',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Copy the dependency manifests and install before copying the whole source',
		guide: 'Multi-Stage Build Optimization: Cache dependencies separately',
		aliases: [],
		fixable: false,
		docs: {
			rationale: 'Docker reuses a layer only while everything it depends on is unchanged. After `COPY . .`, any edit to any source file invalidates the cache, so a dependency install that follows re-downloads everything on every build. Copy only the manifests (`package*.json`, `requirements.txt`, `go.mod`…) first, install, then copy the rest.',
			example: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev',
			useInstead: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .',
		},
	},
	check({ model, report }) {
		for (const group of instructionGroups(model)) {
			if (group.instructions.length === 0) continue;
			const own = new Set(group.instructions);
			// One walk per group, remembering the last whole-context copy: a walk per RUN was quadratic.
			let copy: Instruction | undefined;
			for (const run of inheritedGroupInstructions(model, group.instructions[0])) {
				if (copiesWholeContext(run)) copy = run;
				if (run.keyword !== 'RUN' || copy === undefined || !own.has(run)) continue;
				const install = dependencyInstalls(run)[0];
				if (install === undefined) continue;
				report({
					range: model.index.rangeOf(install.start, install.end),
					message: `\`${install.label}\` runs after \`${copy.keyword} ${copy.args.map((arg) => arg.value).join(' ')}\` (line ${copy.range.start.line + 1}), so every source change re-runs it: \`COPY ${install.manifest} ./\` first, install, then copy the rest`,
				});
			}
		}
	},
};
