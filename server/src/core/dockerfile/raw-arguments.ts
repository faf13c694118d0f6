import { Argument, Instruction as AstInstructionClass, type Instruction as AstInstruction } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';

/**
 * dockerfile-ast's Instruction.getRawArguments, the word splitter under its parser, flags, argument
 * ranges and heredocs, made cheap in two ways, with the same words and ranges:
 * - it rescans the instruction on every call, and the library calls it again and again: an
 *   instruction's text never changes once parsed, so the first answer is kept per instruction;
 * - it built each word one character at a time (a third of the bytes a Dockerfile lint allocated):
 *   here runs of ordinary characters are appended as one slice;
 * - it made a Range and two Positions for every word, though most words' ranges are never read
 *   (a RUN's words are read by value, when at all): here a word keeps its offsets and makes its range
 *   at the first getRange (the library reads ranges only through getRange, isAfter and isBefore),
 *   and getRawArgumentsContent slices by those offsets.
 * `libraryRawArguments` still runs the library's own method: the unit tests compare the two.
 */

/** The parts of dockerfile-ast's instruction the splitter reads (they are not in its public types). */
interface InstructionInternals {
	document: { getText(): string; offsetAt(position: Position): number; positionAt(offset: number): Position };
	range: Range;
	escapeChar: string;
	getInstructionRange(): Range;
}

type RawArguments = (this: AstInstruction) => Argument[];
type PatchedRawArguments = RawArguments & { library?: RawArguments };

const prototype = AstInstructionClass.prototype as unknown as {
	getRawArguments: PatchedRawArguments;
	getRawArgumentsContent: (this: AstInstruction) => string | null;
};
// A symbol-keyed property: cheaper than a WeakMap lookup on this hot path, invisible to the library.
const cached = Symbol('shipshape.rawArguments');
type Locator = InstructionInternals['document'];

/** A word whose Range is made when first asked for, from its document offsets. */
class LazyRangeArgument extends Argument {
	readonly document: Locator;
	readonly startOffset: number;
	readonly endOffset: number;

	constructor(value: string, document: Locator, startOffset: number, endOffset: number) {
		// The range stays undefined until getRange makes it.
		super(value, undefined as unknown as Range);
		this.document = document;
		this.startOffset = startOffset;
		this.endOffset = endOffset;
	}

	override getRange(): Range {
		const self = this as unknown as { range: Range | undefined };
		return (
			self.range ??
			(self.range = {
				start: this.document.positionAt(this.startOffset),
				end: this.document.positionAt(this.endOffset),
			})
		);
	}

	// The library's versions read the range field directly.
	override isAfter(position: Position): boolean {
		this.getRange();
		return super.isAfter(position);
	}

	override isBefore(position: Position): boolean {
		this.getRange();
		return super.isBefore(position);
	}
}

/** Converts positions to offsets (the model's TextIndex). */
interface OffsetReader {
	offsetAt(position: Position): number;
}

/** Document offset where a word starts, without making its range when the splitter made the word. */
export function argumentStartOffset(argument: Argument, index: OffsetReader): number {
	return argument instanceof LazyRangeArgument ? argument.startOffset : index.offsetAt(argument.getRange().start);
}

/** Document offset where a word ends, without making its range when the splitter made the word. */
export function argumentEndOffset(argument: Argument, index: OffsetReader): number {
	return argument instanceof LazyRangeArgument ? argument.endOffset : index.offsetAt(argument.getRange().end);
}

/** Installs the splitter on dockerfile-ast's Instruction (once, however often it is called). */
export function installRawArguments(): void {
	if (prototype.getRawArguments.library !== undefined) return;
	const library = prototype.getRawArguments;
	const patched: PatchedRawArguments = function (this: AstInstruction & { [cached]?: Argument[] }) {
		const args = this[cached] ?? (this[cached] = splitRawArguments(this as unknown as InstructionInternals));
		// Each caller gets its own array: ModifiableInstruction.getArguments shifts the flags off it.
		return args.slice();
	};
	patched.library = library;
	prototype.getRawArguments = patched;
	const libraryContent = prototype.getRawArgumentsContent;
	libraryContentOf = libraryContent;
	// The library slices between the first and the last word's positions, which makes both ranges (every RUN,
	// CMD and ENTRYPOINT does it while being parsed): the offsets give the same slice.
	prototype.getRawArgumentsContent = function (this: AstInstruction) {
		// getArguments, as the library's: an instruction with flags leaves them out.
		const args = this.getArguments();
		if (args.length === 0) return null;
		const first = args[0];
		const last = args[args.length - 1];
		if (!(first instanceof LazyRangeArgument && last instanceof LazyRangeArgument)) return libraryContent.call(this);
		return first.document.getText().substring(first.startOffset, last.endOffset);
	};
}

/** The cached word list itself, not a copy: for readers that only look (a copy per call adds up on long RUNs). */
export function cachedRawArguments(instruction: AstInstruction): readonly Argument[] {
	const internals = instruction as AstInstruction & { [cached]?: Argument[] };
	return internals[cached] ?? (internals[cached] = splitRawArguments(instruction as unknown as InstructionInternals));
}

let libraryContentOf: ((this: AstInstruction) => string | null) | undefined;

/** The library's own getRawArgumentsContent (for the comparison tests; it reads the arguments through the splitter). */
export function libraryRawArgumentsContent(instruction: AstInstruction): string | null {
	return (libraryContentOf ?? prototype.getRawArgumentsContent).call(instruction);
}

/** The library's own getRawArguments, uncached (for the comparison tests). */
export function libraryRawArguments(instruction: AstInstruction): Argument[] {
	const method = prototype.getRawArguments;
	return (method.library ?? method).call(instruction);
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const DOLLAR = 36;

function isBlank(code: number): boolean {
	return code === SPACE || code === TAB || code === CR || code === LF;
}

/**
 * Splits the text after the keyword into words. The library's rules, which this keeps:
 * - spaces, tabs and newlines separate words; escape + newline (blanks allowed before the newline)
 *   is a continuation, and a word cut by one goes on after it unless blanks came before the escape;
 * - inside a continuation, a line whose first character is `#` is a comment and is skipped;
 * - escape + `$` keeps both characters, escape + any other character keeps that character;
 * - a word's range ends at the escape of a continuation that follows it.
 * Offsets `i` count from the end of the keyword; the document text is read in place.
 */
function splitRawArguments(instruction: InstructionInternals): Argument[] {
	const { document } = instruction;
	const escape = instruction.escapeChar.charCodeAt(0);
	const source = document.getText();
	const keyword = instruction.getInstructionRange();
	const keywordStart = document.offsetAt(keyword.start);
	const keywordLength = document.offsetAt(keyword.end) - keywordStart;
	const instructionStart = document.offsetAt(instruction.range.start);
	const instructionEnd = Math.max(instructionStart, document.offsetAt(instruction.range.end));
	// As the library computes them: the text from `from` on, positions from `base` on.
	const from = Math.min(instructionStart + keywordLength, instructionEnd);
	const length = instructionEnd - from;
	const base = keywordStart + keywordLength;
	const codeAt = (i: number): number => (i < length ? source.charCodeAt(from + i) : -1);
	const args: Argument[] = [];

	let wordStart = -1;
	let word = '';
	/** Where the current word was cut by an escape (its range ends there), or -1. */
	let cutAt = -1;
	let inContinuation = false;
	/** Blanks seen after a continuation's escape, before its newline or the next character. */
	let blanksInContinuation = false;
	let inComment = false;
	let atLineStart = false;

	for (let i = 0; i < length; i++) {
		const code = source.charCodeAt(from + i);
		if (isBlank(code)) {
			if (inContinuation) {
				const newline = code === CR || code === LF;
				blanksInContinuation = !newline;
				if (newline && inComment) {
					inComment = false;
					atLineStart = true;
				}
			} else if (wordStart !== -1) {
				args.push(argument(document, base, word, wordStart, cutAt === -1 ? i : cutAt));
				word = '';
				wordStart = -1;
				cutAt = -1;
			}
			continue;
		}
		if (code === escape) {
			const next = codeAt(i + 1);
			if (next === SPACE || next === TAB) {
				for (let j = i + 2; j < length; j++) {
					const after = source.charCodeAt(from + j);
					if (after === SPACE || after === TAB) continue;
					if (after === CR || after === LF) {
						inComment = false;
						inContinuation = true;
						atLineStart = true;
						if (wordStart !== -1) cutAt = i;
						// `\r` is taken as the first half of `\r\n`.
						i = after === CR ? j + 1 : j;
					} else {
						cutAt = i;
						if (wordStart === -1) i = j - 1;
					}
					break;
				}
			} else if (next === CR || next === LF) {
				inComment = false;
				inContinuation = true;
				atLineStart = true;
				if (wordStart !== -1 && cutAt === -1) cutAt = i;
				i += next === CR ? 2 : 1;
			} else {
				if (blanksInContinuation && cutAt !== -1) {
					args.push(argument(document, base, word, wordStart, cutAt));
					word = '';
					wordStart = -1;
				}
				cutAt = -1;
				blanksInContinuation = false;
				inContinuation = false;
				if (next === -1) break;
				// Escape + `$` keeps both characters, escape + anything else only the character.
				word += next === DOLLAR ? source.slice(from + i, from + i + 2) : source[from + i + 1];
				if (wordStart === -1) wordStart = i;
				i++;
			}
			continue;
		}
		if (inComment) continue;
		if (atLineStart && code === HASH) {
			inComment = true;
			atLineStart = false;
			continue;
		}
		if (blanksInContinuation && cutAt !== -1) {
			args.push(argument(document, base, word, wordStart, cutAt));
			word = '';
			wordStart = -1;
		}
		blanksInContinuation = false;
		inContinuation = false;
		cutAt = -1;
		atLineStart = false;
		if (wordStart === -1) wordStart = i;
		let runEnd = i + 1;
		while (runEnd < length) {
			const following = source.charCodeAt(from + runEnd);
			if (isBlank(following) || following === escape) break;
			runEnd++;
		}
		word += source.slice(from + i, from + runEnd);
		i = runEnd - 1;
	}
	if (wordStart !== -1) args.push(argument(document, base, word, wordStart, cutAt === -1 ? length : cutAt));
	return args;
}

/** A word at offsets [start, end) counted from document offset `base`. */
function argument(document: Locator, base: number, value: string, start: number, end: number): Argument {
	return new LazyRangeArgument(value, document, base + start, base + end);
}
