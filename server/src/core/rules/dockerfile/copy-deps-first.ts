import type { DockerfileModel, Instruction, Stage } from '../../dockerfile/model';
import { dependencyInstalls, instructionGroups } from '../../dockerfile/packages';
import type { Rule } from '../../types';

/** `COPY . .`, `ADD ./ /app`: the whole build context, not from another stage. */
/**
 * The last whole-context copy among a stage's instructions and its ancestors' (undefined: none), each
 * stage computed once from its base stage's answer; a cycle of stages (a broken file) counts as none.
 */
function lastCopyOfStages(): (stage: Stage) => Instruction | undefined {
	const known = new Map<Stage, Instruction | undefined>();
	return (stage) => {
		const chain: Stage[] = [];
		const seen = new Set<Stage>();
		let from: Instruction | undefined;
		for (let at: Stage | undefined = stage; at !== undefined; at = at.baseStage) {
			if (known.has(at)) {
				from = known.get(at);
				break;
			}
			if (seen.has(at)) break;
			seen.add(at);
			chain.push(at);
		}
		for (let i = chain.length - 1; i >= 0; i--) {
			for (const instruction of chain[i].instructions) if (copiesWholeContext(instruction)) from = instruction;
			known.set(chain[i], from);
		}
		return known.get(stage);
	};
}

function copiesWholeContext(instruction: Instruction): boolean {
	if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flag('from') !== undefined) {
		return false;
	}
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
		messages: {
			installAfterCopy:
				'`{{install}}` runs after `{{copy}}` (line {{line}}), so every source change re-runs it: `COPY {{manifest}} ./` first, install, then copy the rest',
		},
		docs: {
			rationale:
				'Docker reuses a layer only while everything it depends on is unchanged. After `COPY . .`, any edit to any source file invalidates the cache, so a dependency install that follows re-downloads everything on every build. Copy only the manifests (`package*.json`, `requirements.txt`, `go.mod`…) first, install, then copy the rest.',
			example: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev',
			useInstead: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .',
		},
	},
	check({ model, report }) {
		const inherited = lastCopyOfStages();
		for (const group of instructionGroups(model)) {
			if (group.instructions.length === 0) continue;
			// The last whole-context copy of the stages it builds on, then its own instructions: a walk of every inherited
			// instruction per stage was quadratic in a chain of stages built on each other.
			const base = group.instructions[0].stage?.baseStage;
			let copy: Instruction | undefined = base === undefined ? undefined : inherited(base);
			for (const run of group.instructions) {
				if (copiesWholeContext(run)) copy = run;
				if (run.keyword !== 'RUN' || copy === undefined) continue;
				const install = dependencyInstalls(run)[0];
				if (install === undefined) continue;
				report({
					range: model.index.rangeOf(install.start, install.end),
					messageId: 'installAfterCopy',
					data: {
						install: install.label,
						copy: `${copy.keyword} ${copy.args.map((arg) => arg.value).join(' ')}`,
						line: copy.range.start.line + 1,
						manifest: install.manifest,
					},
				});
			}
		}
	},
};
