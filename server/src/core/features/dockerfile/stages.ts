import type { Position, Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Instruction, Stage } from '../../dockerfile/model';
import { objectMemo } from '../../object-memo';
import { rangeContains } from '../position';

/**
 * Where a stage's name is written: its `AS name`, a `FROM name`, `COPY --from=name` (or `ADD`), and a
 * `RUN --mount=…,from=name`; `--from=1` names a stage by its index (not a name: renaming leaves it).
 */
export interface StageOccurrence {
	stage: Stage;
	range: Range;
	kind: 'declaration' | 'from' | 'copy-from' | 'mount-from';
	/** `--from=<index>`. */
	byIndex: boolean;
}

const memo = objectMemo<DockerfileModel, readonly StageOccurrence[]>('dockerfileStageOccurrences');

export function stageOccurrences(model: DockerfileModel): readonly StageOccurrence[] {
	let occurrences = memo.get(model);
	if (occurrences === undefined) {
		occurrences = collect(model);
		memo.set(model, occurrences);
	}
	return occurrences;
}

function collect(model: DockerfileModel): StageOccurrence[] {
	const occurrences: StageOccurrence[] = [];
	for (const stage of model.stages) {
		if (stage.nameRange !== undefined) {
			occurrences.push({ stage, range: stage.nameRange, kind: 'declaration', byIndex: false });
		}
	}
	for (const stage of model.stages) {
		// Only a base written as the name: `FROM ${BASE}` resolving to a stage has no name to rename.
		const written = stage.from.args[0]?.value.toLowerCase();
		if (stage.baseStage !== undefined && written === stage.baseStage.name) {
			occurrences.push({ stage: stage.baseStage, range: stage.baseRange, kind: 'from', byIndex: false });
		}
	}
	for (const instruction of model.instructions) {
		if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
			const from = instruction.flag('from');
			if (from?.value === undefined || from.value === null || from.valueRange === null) continue;
			const target = stageNamed(model, from.value, instruction);
			if (target !== undefined) {
				occurrences.push({ ...target, range: from.valueRange, kind: 'copy-from' });
			}
		} else if (instruction.keyword === 'RUN') {
			for (const flag of instruction.flags) {
				if (flag.name === 'mount' && flag.value !== null && flag.valueRange !== null) {
					const occurrence = mountFrom(model, instruction, flag.value, flag.valueRange);
					if (occurrence !== undefined) occurrences.push(occurrence);
				}
			}
		}
	}
	return occurrences.sort(
		(a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
	);
}

/**
 * The stage `name` means in `instruction`: the last stage of that name before it, else the first after (BuildKit
 * lets `--from` name a later stage); a number is a stage index.
 */
export function stageNamed(
	model: DockerfileModel,
	name: string,
	instruction: Instruction,
): { stage: Stage; byIndex: boolean } | undefined {
	if (/^\d+$/.test(name)) {
		const stage = model.stages[Number(name)];
		return stage === undefined ? undefined : { stage, byIndex: true };
	}
	const lower = name.toLowerCase();
	let found: Stage | undefined;
	for (const stage of stagesByName(model).get(lower) ?? []) {
		if (stage.from.start < instruction.start) found = stage;
		else if (found === undefined) return { stage, byIndex: false };
	}
	return found === undefined ? undefined : { stage: found, byIndex: false };
}

const byNameMemo = objectMemo<DockerfileModel, Map<string, Stage[]>>('dockerfileStagesByName');

/** The stages of each name, in order: a file of thousands of stages and COPYs reads each name's list only. */
function stagesByName(model: DockerfileModel): Map<string, Stage[]> {
	let map = byNameMemo.get(model);
	if (map === undefined) {
		map = new Map();
		for (const stage of model.stages) {
			if (stage.name === undefined) continue;
			const list = map.get(stage.name);
			if (list === undefined) map.set(stage.name, [stage]);
			else list.push(stage);
		}
		byNameMemo.set(model, map);
	}
	return map;
}

/** `from=name` inside a mount's value (written on one line). */
function mountFrom(
	model: DockerfileModel,
	instruction: Instruction,
	value: string,
	valueRange: Range,
): StageOccurrence | undefined {
	if (valueRange.start.line !== valueRange.end.line) return undefined;
	const start = model.index.offsetAt(valueRange.start);
	const written = model.text.slice(start, model.index.offsetAt(valueRange.end));
	if (written !== value) return undefined;
	let at = 0;
	for (const option of written.split(',')) {
		if (option.toLowerCase().startsWith('from=')) {
			const name = option.slice('from='.length);
			const target = name === '' ? undefined : stageNamed(model, name, instruction);
			if (target === undefined) return undefined;
			const line = valueRange.start.line;
			const character = valueRange.start.character + at + 'from='.length;
			return {
				...target,
				range: { start: { line, character }, end: { line, character: character + name.length } },
				kind: 'mount-from',
			};
		}
		at += option.length + 1;
	}
	return undefined;
}

export function stageReferenceAt(model: DockerfileModel, position: Position): StageOccurrence | undefined {
	return stageOccurrences(model).find((occurrence) => rangeContains(occurrence.range, position));
}
