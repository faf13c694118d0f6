/**
 * Compose's variable interpolation, as `docker compose` evaluates it:
 *   $VAR  ${VAR}                 value of VAR ('' when unset)
 *   ${VAR:-default} ${VAR-default} default when unset or empty / only when unset
 *   ${VAR:?error}   ${VAR?error}   fail when unset or empty / only when unset
 *   ${VAR:+alt}     ${VAR+alt}     alt when set and non-empty / when set
 *   $$                            a literal $
 * Defaults and alternatives may themselves contain interpolation. The syntax is read by
 * `template.ts`; this module finds references and evaluates, without recursion.
 */
import { readDotEnv } from './dotenv';
import { parseTemplate, type Operator, type Piece } from './template';
import { objectMemo } from '../object-memo';

export type { Operator } from './template';

export interface Reference {
	name: string;
	/** Offsets in the interpolated string: the whole `${…}` or `$VAR`. */
	start: number;
	end: number;
	operator?: Operator;
	/** Text after the operator (default, error message or alternative), unevaluated. */
	argument?: string;
}

export interface InterpolationError {
	message: string;
	start: number;
	end: number;
}

export interface Interpolation {
	references: Reference[];
	errors: InterpolationError[];
}

/**
 * Finds every reference in a string (a reference nested in an argument comes before the one that
 * holds it), and the syntax errors Compose would refuse.
 */
export function scanInterpolation(text: string): Interpolation {
	const references: Reference[] = [];
	const errors: InterpolationError[] = [];
	const pieces = parseTemplate(text);
	// References with an argument, reported once their argument's pieces are.
	const holding: Piece[] = [];
	for (let k = 0; k <= pieces.length; k++) {
		while (holding.length > 0 && holding[holding.length - 1].next <= k) {
			references.push(toReference(text, holding.pop()!));
		}
		const piece = pieces[k];
		if (piece === undefined) break;
		if (piece.kind === 'malformed') errors.push({ message: piece.problem!, start: piece.start, end: piece.end });
		else if (piece.kind === 'reference' && piece.operator !== undefined) holding.push(piece);
		else if (piece.kind === 'reference') references.push(toReference(text, piece));
	}
	return { references, errors };
}

function toReference(text: string, piece: Piece): Reference {
	const reference: Reference = { name: piece.name!, start: piece.start, end: piece.end };
	if (piece.operator !== undefined) {
		reference.operator = piece.operator;
		reference.argument = text.slice(piece.argumentStart, piece.argumentEnd);
	}
	return reference;
}

export interface Evaluation {
	value: string;
	/**
	 * Variables read that had no value and no default. A malformed `${…}` (which Compose refuses)
	 * adds '': the value is then unknown, as it is with an unset variable.
	 */
	missing: string[];
	/** `${VAR:?message}` that would fail, with the message (itself interpolated, as Compose does). */
	failures: { name: string; message: string }[];
	/** The variables' values would have made the text longer than MAX_INTERPOLATED_LENGTH: the value is unknown. */
	tooLong?: true;
}

/**
 * How much of an interpolated value may come from variables. Past it the value is unknown (`missing` gets '', as for a
 * malformed reference) and not built: a `.env` of 40 lines each doubling the one before (`A1=${A0}${A0}`) asked for a
 * string of 2^40 characters, and the lint died of it ("Invalid string length" at 640 MB; found in review, issue 22).
 * Every service may read such a value and every rule scan it: 1 MiB of it in 1,500 services took 0.5 s at 64 KB. A
 * certificate or a key is a few KiB.
 */
export const MAX_INTERPOLATED_LENGTH = 64 * 1024;

/**
 * Evaluates a string with the given variables, as Compose would. Walks the pieces in order with a
 * stack of the arguments being evaluated (their text is copied between their pieces); a failing
 * `?` evaluates its message into the same output and takes it back out.
 */
const evaluations = objectMemo<ReadonlyMap<string, string>, Map<string, Evaluation>>('interpolations');

/**
 * `interpolate` for a lint's variables (`model.env`), which no longer change once set: once per
 * text. Rules ask about the same scalar again and again (a 1 MB nesting of defaults was parsed
 * and evaluated once per rule). The evaluation is shared: callers read it, never change it.
 */
export function interpolateOnce(text: string, variables: ReadonlyMap<string, string>): Evaluation {
	const known = evaluations.get(variables) ?? evaluations.set(variables, new Map());
	let evaluation = known.get(text);
	if (evaluation === undefined) {
		evaluation = interpolate(text, variables);
		known.set(text, evaluation);
	}
	return evaluation;
}

export function interpolate(text: string, variables: ReadonlyMap<string, string>): Evaluation {
	const evaluation: Evaluation = { value: '', missing: [], failures: [] };
	const pieces = parseTemplate(text);
	const parts: string[] = [];
	// One entry per text being evaluated: the whole string, then arguments inside it.
	const cursors = [0];
	const ends = [text.length];
	const nexts = [pieces.length];
	/** For a failing `?`'s message: the piece index of its reference and where its output starts; -1 otherwise. */
	const messageOf = [-1];
	const messageStart = [-1];
	let k = 0;
	let fromVariables = 0;
	for (;;) {
		const top = cursors.length - 1;
		if (k >= nexts[top]) {
			parts.push(text.slice(cursors[top], ends[top]));
			const holder = messageOf[top];
			if (holder !== -1) {
				evaluation.failures.push({ name: pieces[holder].name!, message: parts.splice(messageStart[top]).join('') });
			}
			cursors.pop();
			ends.pop();
			nexts.pop();
			messageOf.pop();
			messageStart.pop();
			if (top === 0) break;
			continue;
		}
		const piece = pieces[k];
		parts.push(text.slice(cursors[top], piece.start));
		cursors[top] = piece.end;
		const value = piece.name === undefined ? undefined : variables.get(piece.name);
		if (piece.kind === 'escape') {
			parts.push('$');
		} else if (piece.kind === 'malformed') {
			parts.push(text.slice(piece.start, piece.end));
			evaluation.missing.push('');
		} else if (piece.operator === undefined) {
			if (value === undefined) evaluation.missing.push(piece.name!);
			fromVariables += value?.length ?? 0;
			if (fromVariables > MAX_INTERPOLATED_LENGTH) return tooLongToBuild();
			parts.push(value ?? '');
		} else {
			const colon = piece.operator.startsWith(':');
			const present = value !== undefined && (!colon || value !== '');
			const kind = piece.operator[piece.operator.length - 1];
			// Which side Compose takes: the argument (a default, an alternative, a failure's message) or the value.
			if (kind === '+' ? present : !present) {
				cursors.push(piece.argumentStart!);
				ends.push(piece.argumentEnd!);
				nexts.push(piece.next);
				messageOf.push(kind === '?' ? k : -1);
				messageStart.push(parts.length);
				k++;
				continue;
			}
			fromVariables += value?.length ?? 0;
			if (fromVariables > MAX_INTERPOLATED_LENGTH) return tooLongToBuild();
			parts.push(value ?? '');
			k = piece.next;
			continue;
		}
		k++;
	}
	evaluation.value = parts.join('');
	return evaluation;
}

/** A value MAX_INTERPOLATED_LENGTH would be passed by: unknown, as for a malformed reference. */
function tooLongToBuild(): Evaluation {
	return { value: '', missing: [''], failures: [], tooLong: true };
}

/**
 * Reads a `.env` file as Compose does (see `dotenv.ts`); unquoted and double-quoted values are
 * interpolated with the values set before them, never with the process environment.
 */
export function parseDotEnv(text: string): Map<string, string> {
	return readDotEnv(text, (value, values) => {
		if (scanInterpolation(value).errors.length > 0) return undefined;
		const evaluation = interpolate(value, values);
		// A value too long to build is left unset, as Compose would never get to set it.
		return evaluation.failures.length > 0 || evaluation.tooLong === true ? undefined : evaluation.value;
	});
}
