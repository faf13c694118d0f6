/**
 * Text from a linted file (a service named `"web\e]0;PWNED\a"`, a path with an escape in its name)
 * must not drive the terminal or log viewer that shows a report: C0 controls but tab and newline,
 * DEL and the C1 range are written as `\x1b`-style escapes. A linear scan, one pass.
 */
export function escapeControls(text: string): string {
	let out = '';
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (!isEscaped(code)) continue;
		out += text.slice(from, i) + `\\x${code.toString(16).padStart(2, '0')}`;
		from = i + 1;
	}
	return from === 0 ? text : out + text.slice(from);
}

function isEscaped(code: number): boolean {
	if (code < 0x20) return code !== 0x09 && code !== 0x0a;
	return code >= 0x7f && code <= 0x9f;
}

/**
 * JSON.stringify escapes C0 as JSON requires, but leaves DEL and C1 raw: a tool that prints a
 * message from the report (a CI log, `jq -r`) would pass them to the terminal. `\u007f`-style escapes
 * decode to the same string.
 */
export function stringifyJson(value: unknown, indent?: number): string {
	return JSON.stringify(value, null, indent).replace(
		/[\u007f-\u009f]/g,
		(char) => `\\u00${char.charCodeAt(0).toString(16)}`,
	);
}
