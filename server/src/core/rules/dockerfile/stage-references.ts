import type { DockerfileModel, Instruction, Stage } from '../../dockerfile/model';
import { groupBy } from '../../group-by';
import type { Range, Report, Rule } from '../../types';

export const stageReferences: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/stage-references',
		scope: 'dockerfile',
		severity: 'error',
		description: 'Refer only to stages defined earlier, by unique names',
		guide: 'Multi-Stage Builds',
		aliases: ['DL3022', 'DL3023', 'DL3024', 'DuplicateStageName'],
		fixable: false,
		messages: {
			duplicateStageName:
				'Duplicate stage name `{{stage}}`: a later `FROM` or `--from=` means the last stage of that name, which is easy to misread: give each stage its own name',
			fromNamesStage:
				'`FROM {{stage}}` names a stage defined later (line {{fromLine}}): a stage can only build on stages above it, so Docker pulls an image `{{stage}}` instead',
			fromRefersStage: '`--from={{value}}` refers to the stage it is in: a stage cannot read its own result',
			fromRefersStage2:
				'`--from={{value}}` refers to a stage defined later (line {{fromLine}}): move that stage above this one',
			fromThereNo:
				'`--from={{value}}`: there is no stage {{value}} (stages are numbered from 0 and this file has {{length}})',
			fromNamesNo:
				'`--from={{value}}` names no stage of this file, so Docker pulls an image `{{value}}`: define the stage above, or write the image with its tag (or pass it with `--build-context {{value}}=…`)',
		},
		docs: {
			rationale:
				'`COPY --from=` and `RUN --mount=from=` read from an earlier stage. A name no stage defines is pulled as an image from a registry instead (or fails), a stage cannot copy from itself, a stage defined later is not built yet, and two stages with one name make every reference ambiguous (BuildKit warns and takes the last stage of that name; reported as a warning).',
			example:
				'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static AS build\nCOPY --from=builder /app /app',
			useInstead:
				'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static AS runtime\nCOPY --from=build /app /app',
		},
	},
	check({ model, report }) {
		reportDuplicateNames(model, report);
		// Stages by name, in file order: looked up, not scanned for each stage and each reference.
		const named = groupBy(model.stages, (stage) => stage.name);
		for (const stage of model.stages) reportEarlyBase(stage, named, report);
		for (const instruction of model.instructions) {
			for (const reference of stageReferencesOf(instruction)) {
				checkReference(model, instruction, reference, named, report);
			}
		}
	},
};

interface StageReference {
	value: string;
	range: Range;
}

function reportDuplicateNames(model: DockerfileModel, report: (report: Report) => void): void {
	const seen = new Set<string>();
	for (const stage of model.stages) {
		if (stage.name === undefined || stage.nameRange === undefined) continue;
		if (seen.has(stage.name)) {
			// BuildKit warns (DuplicateStageName) and builds: a later reference means the last stage of that name.
			report({
				range: stage.nameRange,
				severity: 'warning',
				messageId: 'duplicateStageName',
				data: { stage: stage.nameText },
				aliases: ['DL3024', 'DuplicateStageName'],
			});
		}
		seen.add(stage.name);
	}
}

/** `FROM build` above the stage named `build`: Docker pulls an image called `build` instead. */
function reportEarlyBase(
	stage: Stage,
	named: ReadonlyMap<string, readonly Stage[]>,
	report: (report: Report) => void,
): void {
	if (
		stage.image === undefined ||
		stage.image.hasVariables ||
		stage.image.tag !== undefined ||
		stage.image.digest !== undefined
	) {
		return;
	}
	// `FROM node AS node` is fine: the name is not defined yet, so it means the image.
	const later = named.get(stage.baseText.toLowerCase())?.find((candidate) => candidate.index > stage.index);
	if (later === undefined) return;
	report({
		range: stage.baseRange,
		messageId: 'fromNamesStage',
		data: { stage: stage.baseText, fromLine: later.from.range.start.line + 1 },
		aliases: ['DL3022'],
	});
}

/** `COPY --from=x` and `RUN --mount=…,from=x`. */
function stageReferencesOf(instruction: Instruction): StageReference[] {
	const references: StageReference[] = [];
	if (instruction.keyword === 'COPY') {
		const from = instruction.flag('from');
		if (from?.value && from.valueRange) references.push({ value: from.value, range: from.valueRange });
	}
	if (instruction.keyword === 'RUN') {
		for (const flag of instruction.flags) {
			if (flag.name !== 'mount' || !flag.value || !flag.valueRange) continue;
			const match = /(?:^|,)from=([^,]+)/.exec(flag.value);
			if (match === null) continue;
			const start = flag.valueRange.start.character + match.index + match[0].indexOf('=') + 1;
			// A mount value never spans lines, so the range stays on the flag's line.
			references.push({
				value: match[1],
				range: {
					start: { line: flag.valueRange.start.line, character: start },
					end: { line: flag.valueRange.start.line, character: start + match[1].length },
				},
			});
		}
	}
	return references;
}

function checkReference(
	model: DockerfileModel,
	instruction: Instruction,
	reference: StageReference,
	named: ReadonlyMap<string, readonly Stage[]>,
	report: (report: Report) => void,
): void {
	const value = reference.value;
	// Image references (`nginx:1.27`, `ghcr.io/x/y`, digests) and variables are not stage names.
	if (value.includes('$') || /[:/@]/.test(value)) return;
	const current = model.stages[instruction.stage?.index ?? -1] === instruction.stage ? instruction.stage : undefined;
	const currentIndex = current?.index ?? -1;
	// Lower-cased once, not once per stage compared (moby's Dockerfile has 59 stages).
	const name = value.toLowerCase();
	const target = /^\d+$/.test(value) ? model.stages[Number(value)] : named.get(name)?.[0];
	if (target !== undefined && target === current) {
		report({
			range: reference.range,
			messageId: 'fromRefersStage',
			data: { value },
			aliases: ['DL3023'],
		});
	} else if (target !== undefined && target.index > currentIndex) {
		report({
			range: reference.range,
			messageId: 'fromRefersStage2',
			data: { value, fromLine: target.from.range.start.line + 1 },
			aliases: ['DL3022'],
		});
	} else if (target === undefined && /^\d+$/.test(value)) {
		report({
			range: reference.range,
			messageId: 'fromThereNo',
			data: { value, length: model.stages.length },
			aliases: ['DL3022'],
		});
	} else if (target === undefined) {
		report({
			range: reference.range,
			messageId: 'fromNamesNo',
			data: { value },
			aliases: ['DL3022'],
		});
	}
}
