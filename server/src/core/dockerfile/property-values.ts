import { Property } from 'dockerfile-ast';

/**
 * dockerfile-ast reads the name and the value of every ENV, ARG and LABEL property in its parser
 * (Property.getValue: quotes, escapes, continuations and comment lines removed) by appending one
 * character at a time, a new string per character. A text with none of the characters those rules
 * act on (blanks, newlines, `#`, quotes, escape characters) comes out as it went in: here it is
 * returned as it is, and any other text still goes through the library's method.
 * `libraryPropertyValue` runs the library's own method: the unit tests compare the two.
 */

type GetValue = (value: string, escapeChar: string) => string;
type PatchedGetValue = GetValue & { library?: GetValue };

const statics = Property as unknown as { getValue: PatchedGetValue };
/** Characters getValue treats specially, both escape characters included (the other is harmless there). */
const SPECIAL = /[ \t\r\n#"'\\`]/;

/** Installs the pass-through for plain texts on dockerfile-ast's Property (once). */
export function installPropertyValues(): void {
	if (statics.getValue.library !== undefined) return;
	const library = statics.getValue;
	const patched: PatchedGetValue = (value, escapeChar) =>
		SPECIAL.test(value) || value.includes(escapeChar) ? library(value, escapeChar) : value;
	patched.library = library;
	statics.getValue = patched;
}

/** The library's own Property.getValue (for the comparison tests). */
export function libraryPropertyValue(value: string, escapeChar: string): string {
	return (statics.getValue.library ?? statics.getValue)(value, escapeChar);
}
