import type { DockerfileModel, Stage } from '../../dockerfile/model';
import type { Fix, Rule, TextEdit } from '../../types';

export const consistentCasing: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/consistent-casing',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Write `AS` in the casing of its FROM, and stage names in lowercase',
		aliases: ['FromAsCasing', 'StageNameCasing'],
		fixable: true,
		messages: {
			doesNotMatch: "'{{as}}' does not match the casing of '{{keyword}}': write '{{wanted}}'",
			stageNameShould: "Stage name '{{stage}}' should be lowercase: Docker lower-cases it anyway",
		},
		docs: {
			rationale:
				'BuildKit reads `AS` and stage names case-insensitively and lower-cases stage names, and warns when `AS` does not match the casing of FROM or a stage name has capitals: `FROM base AS Build` is referred to as `build`. Part of the `dockerfile/hygiene` group.',
			example:
				'FROM node:22-alpine as Build\nRUN npm ci\nFROM nginx:1.27-alpine\nCOPY --from=Build /app /usr/share/nginx/html',
			useInstead:
				'FROM node:22-alpine AS build\nRUN npm ci\nFROM nginx:1.27-alpine\nCOPY --from=build /app /usr/share/nginx/html',
			fix: '`as` takes the casing of FROM; a stage name is lower-cased with every reference to it (`FROM`, `--from=`, `--mount=…,from=`).',
		},
	},
	check({ model, report }) {
		for (const stage of model.stages) {
			const from = stage.from;
			const as = from.args[1];
			if (as !== undefined && from.args.length >= 3 && as.value.toLowerCase() === 'as') {
				const keyword = from.keywordText;
				const wanted = keyword === keyword.toLowerCase() ? 'as' : keyword === keyword.toUpperCase() ? 'AS' : undefined;
				if (wanted !== undefined && as.value !== wanted) {
					report({
						range: as.range,
						messageId: 'doesNotMatch',
						data: { as: as.value, keyword, wanted },
						aliases: ['FromAsCasing'],
						...withinLines({ title: `Write '${wanted}'`, edits: [{ range: as.range, newText: wanted }] }),
					});
				}
			}
			if (stage.nameText !== undefined && stage.nameRange !== undefined && stage.nameText !== stage.name) {
				report({
					range: stage.nameRange,
					messageId: 'stageNameShould',
					data: { stage: stage.nameText },
					aliases: ['StageNameCasing'],
					...withinLines({
						title: `Rename the stage to '${stage.name}'`,
						edits: [{ range: stage.nameRange, newText: stage.name! }, ...stageReferences(model, stage)],
					}),
				});
			}
		}
	},
};

/**
 * The fix, unless one of its words is split over continuation lines (`AS d\` then `F`): writing the joined word over
 * the split would drop the continuation, and with it empty lines it carried (found by the fuzzer). Reported, not fixed.
 */
function withinLines(fix: Fix): { fix?: Fix } {
	return fix.edits.every((edit) => edit.range.start.line === edit.range.end.line) ? { fix } : {};
}

/** Edits that lower-case the references to a stage: `FROM name`, `--from=name`, `--mount=…,from=name`. */
function stageReferences(model: DockerfileModel, stage: Stage): TextEdit[] {
	const name = stage.name!;
	const edits: TextEdit[] = [];
	for (const other of model.stages) {
		if (other.baseStage === stage && other.from.args[0] !== undefined && other.from.args[0].value !== name) {
			edits.push({ range: other.from.args[0].range, newText: name });
		}
	}
	for (const instruction of model.instructions) {
		for (const flag of instruction.flags) {
			if (flag.valueRange === null || flag.value === null) continue;
			if (flag.name === 'from' && flag.value.toLowerCase() === name && flag.value !== name) {
				edits.push({ range: flag.valueRange, newText: name });
			}
			if (flag.name === 'mount') {
				const start = model.index.offsetAt(flag.valueRange.start);
				for (const match of flag.value.matchAll(/(?:^|,)from=([^,]+)/g)) {
					if (match[1].toLowerCase() !== name || match[1] === name) continue;
					const at = start + match.index + match[0].length - match[1].length;
					edits.push({ range: model.index.rangeOf(at, at + match[1].length), newText: name });
				}
			}
		}
	}
	return edits;
}
