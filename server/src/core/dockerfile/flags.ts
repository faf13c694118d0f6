import { ModifiableInstruction, type Argument, type Instruction as AstInstruction } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';
import { cachedRawArguments } from './raw-arguments';

/**
 * dockerfile-ast builds an instruction's flags (`--mount=type=cache,target=/x`) in the constructor of
 * every RUN, COPY, ADD, CMD…, because its getArguments needs their number to drop them: each flag a
 * Flag with its options, every one with ranges (a tenth of the bytes a Dockerfile parse allocated).
 * Here getArguments counts the flags by the same test instead, and the model builds its own flags
 * (name, value, ranges) from the words when a rule asks. The library's getFlags still works, unchanged.
 * `libraryArguments` still runs the library's own method: the unit tests compare the two.
 */

/** What getArguments and the flag reader use of a ModifiableInstruction (not in its public types). */
interface FlagInternals {
	document: { getText(): string; offsetAt(position: Position): number; positionAt(offset: number): Position };
	getRawArguments(): Argument[];
	stopSearchingForFlags(value: string): boolean;
	/** getFlags' answer, once it has started building it. */
	flags?: unknown[];
}

/** The model's view of one flag, as dockerfile-ast's Flag reports it. */
export interface Flag {
	name: string;
	value: string | null;
	range: Range;
	valueRange: Range | null;
}

type GetArguments = (this: ModifiableInstruction) => Argument[];
type PatchedGetArguments = GetArguments & { library?: GetArguments };

const prototype = ModifiableInstruction.prototype as unknown as { getArguments: PatchedGetArguments };

/** Installs the counting getArguments on dockerfile-ast's ModifiableInstruction (once). */
export function installFlagCount(): void {
	if (prototype.getArguments.library !== undefined) return;
	const library = prototype.getArguments;
	const patched: PatchedGetArguments = function (this: ModifiableInstruction) {
		const internals = this as unknown as FlagInternals;
		// Instruction.getArguments, the method the library's override calls first, is getRawArguments.
		const args = internals.getRawArguments();
		// While getFlags runs it asks getArguments for the words with its list still empty: none dropped then.
		const count = internals.flags !== undefined ? internals.flags.length : flagWords(internals, args);
		for (let i = 0; i < count; i++) args.shift();
		return args;
	};
	patched.library = library;
	prototype.getArguments = patched;
}

/** The library's own getArguments, of any instruction (for the comparison tests). */
export function libraryArguments(instruction: AstInstruction): Argument[] {
	if (!(instruction instanceof ModifiableInstruction)) return instruction.getArguments();
	const method = prototype.getArguments;
	return (method.library ?? method).call(instruction as ModifiableInstruction);
}

/** How many words getFlags turns into flags: those starting `--` before the first that stops its search. */
function flagWords(instruction: FlagInternals, args: readonly Argument[]): number {
	let count = 0;
	for (const arg of args) {
		const value = arg.getValue();
		if (instruction.stopSearchingForFlags(value)) break;
		if (value.indexOf('--') === 0) count++;
	}
	return count;
}

/** The words getFlags reads as flags, in order (none for instructions that take no flags). */
export function flagArguments(ast: AstInstruction): Argument[] {
	const flags: Argument[] = [];
	if (!(ast instanceof ModifiableInstruction)) return flags;
	const internals = ast as unknown as FlagInternals;
	for (const arg of cachedRawArguments(ast)) {
		const value = arg.getValue();
		if (internals.stopSearchingForFlags(value)) break;
		if (value.indexOf('--') === 0) flags.push(arg);
	}
	return flags;
}

/** An instruction's words as getArguments and getFlags divide them, read without copying the list. */
export interface WordLayout {
	/** Every word, flags included (dockerfile-ast's raw arguments). */
	words: readonly Argument[];
	/** getArguments is `words` without this many leading words. */
	dropped: number;
	/** The last word getFlags reads as a flag. */
	lastFlag: Argument | undefined;
}

export function wordLayout(ast: AstInstruction): WordLayout {
	const words = cachedRawArguments(ast);
	if (!(ast instanceof ModifiableInstruction)) return { words, dropped: 0, lastFlag: undefined };
	const internals = ast as unknown as FlagInternals;
	let count = 0;
	let lastFlag: Argument | undefined;
	for (const word of words) {
		const value = word.getValue();
		if (internals.stopSearchingForFlags(value)) break;
		if (value.indexOf('--') === 0) {
			count++;
			lastFlag = word;
		}
	}
	return { words, dropped: internals.flags !== undefined ? internals.flags.length : count, lastFlag };
}

/**
 * The flags as dockerfile-ast's getFlags names them: the name after `--` up to `=`, the value after
 * it (null without `=`), the value's range starting after the first `=` of the text as written.
 */
export function readFlags(ast: AstInstruction): Flag[] {
	const flags: Flag[] = [];
	const { document } = ast as unknown as FlagInternals;
	for (const arg of flagArguments(ast)) {
		const value = arg.getValue();
		const range = arg.getRange();
		const start = document.offsetAt(range.start);
		const written = document.getText().substring(start, document.offsetAt(range.end));
		const nameEnd = value.indexOf('=');
		const writtenEquals = written.indexOf('=');
		if (writtenEquals === -1) {
			flags.push({ name: value.substring(2), value: null, range, valueRange: null });
		} else if (writtenEquals === value.length - 1) {
			flags.push({
				name: value.substring(2, writtenEquals),
				value: '',
				range,
				valueRange: { start: range.end, end: range.end },
			});
		} else {
			flags.push({
				name: value.substring(2, nameEnd),
				value: value.substring(nameEnd + 1),
				range,
				valueRange: { start: document.positionAt(start + writtenEquals + 1), end: range.end },
			});
		}
	}
	return flags;
}
