/**
 * `$VAR`, `${VAR}`, `${VAR-default}` and `${VAR:-default}` replaced by known values in one pass; an
 * unknown or empty variable takes its default, and without one stays as written. A default ends at
 * the first `}` (no nesting), and `${VAR:+x}`, `${1}` and the like stay as written.
 *
 * A scan, not a /g regex: the regex looked for a `}` from every `${VAR:-` again, so `${A:-` repeated
 * with no `}` took time quadratic in the text.
 */
export function substituteVariables(text: string, variables: ReadonlyMap<string, string>): string {
	let result = '';
	let copied = 0;
	// The first `}` at or after the last point asked; once none is left, none is left further on.
	let brace = text.indexOf('}');
	const braceFrom = (from: number): number => {
		if (brace !== -1 && brace < from) brace = text.indexOf('}', from);
		return brace;
	};
	for (let dollar = text.indexOf('$'); dollar !== -1; ) {
		const found = variableAt(text, dollar, braceFrom);
		if (found === undefined) {
			dollar = text.indexOf('$', dollar + 1);
			continue;
		}
		const value = variables.get(found.name);
		result +=
			text.slice(copied, dollar) +
			(value !== undefined && value !== '' ? value : (found.fallback ?? text.slice(dollar, found.end)));
		copied = found.end;
		dollar = text.indexOf('$', found.end);
	}
	return copied === 0 ? text : result + text.slice(copied);
}

interface Reference {
	name: string;
	fallback?: string;
	/** Offset just after the reference. */
	end: number;
}

/** The reference that starts at the `$` at `dollar`, if one does. */
function variableAt(text: string, dollar: number, braceFrom: (from: number) => number): Reference | undefined {
	if (text[dollar + 1] !== '{') {
		const end = nameEnd(text, dollar + 1);
		return end === dollar + 1 ? undefined : { name: text.slice(dollar + 1, end), end };
	}
	const start = dollar + 2;
	const end = nameEnd(text, start);
	if (end === start) return undefined;
	const name = text.slice(start, end);
	if (text[end] === '}') return { name, end: end + 1 };
	const dash = text[end] === '-' ? end : text.startsWith(':-', end) ? end + 1 : -1;
	if (dash === -1) return undefined;
	const close = braceFrom(dash + 1);
	return close === -1 ? undefined : { name, fallback: text.slice(dash + 1, close), end: close + 1 };
}

/** The end of the name (`[A-Za-z_][A-Za-z0-9_]*`) that starts at `start`; `start` when none does. */
function nameEnd(text: string, start: number): number {
	if (start >= text.length || !isNameChar(text.charCodeAt(start), false)) return start;
	let end = start + 1;
	while (end < text.length && isNameChar(text.charCodeAt(end), true)) end++;
	return end;
}

function isNameChar(code: number, digitAllowed: boolean): boolean {
	return (
		(code >= 65 && code <= 90) ||
		(code >= 97 && code <= 122) ||
		code === 95 ||
		(digitAllowed && code >= 48 && code <= 57)
	);
}
