import type { Position } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../../server/src/core/dockerfile/model';

export type ProbeKind = 'instruction' | '$' | '--' | '--from=';

export interface Probe {
	kind: ProbeKind;
	position: Position;
}

/**
 * Where the parity measure asks both servers for completion and hover: each instruction's start, and right
 * after each `$`, `--` and `--from=` inside an instruction (heredoc bodies included: both servers see them).
 */
export function probes(model: DockerfileModel): Probe[] {
	const found: Probe[] = [];
	const { text, index } = model;
	for (const instruction of model.instructions) {
		found.push({ kind: 'instruction', position: instruction.keywordRange.start });
		for (let at = instruction.start; at < instruction.end; at++) {
			if (text[at] === '$') found.push({ kind: '$', position: index.positionAt(at + 1) });
			else if (text[at] === '-' && text[at + 1] === '-') {
				found.push({ kind: '--', position: index.positionAt(at + 2) });
				if (text.startsWith('from=', at + 2)) found.push({ kind: '--from=', position: index.positionAt(at + 7) });
				at++;
			}
		}
	}
	return found;
}

export interface Tally {
	both: number;
	usOnly: number;
	itOnly: number;
	neither: number;
}

export function emptyTally(): Tally {
	return { both: 0, usOnly: 0, itOnly: 0, neither: 0 };
}

export function count(tally: Tally, us: boolean, it: boolean): void {
	if (us && it) tally.both++;
	else if (us) tally.usOnly++;
	else if (it) tally.itOnly++;
	else tally.neither++;
}
