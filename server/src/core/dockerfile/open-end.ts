import type { DockerfileModel } from './model';

/**
 * Whether lines appended at the end of the file would become part of its last instruction: a
 * heredoc that is never closed, or a line continuation on the last line. A fix that appends an
 * instruction there would turn it into text of that RUN instead (found by the fuzzer).
 */
export function endsOpen(model: DockerfileModel): boolean {
	const last = model.instructions[model.instructions.length - 1];
	if (last === undefined) return false;
	if (last.heredocs.some((heredoc) => !heredoc.terminated)) return true;
	// Comment and blank lines inside a continued instruction are dropped by Docker: the continuation goes on past them.
	const lines = model.text.slice(last.start).split('\n');
	// Not `/^\s*(?:#.*)?$/`: `.` stops at the `\r` of a CRLF comment line after an LF one, and `\s` takes a U+FEFF (both found by the fuzzer).
	while (lines.length > 0 && isBlankOrComment(lines[lines.length - 1])) lines.pop();
	return (lines[lines.length - 1] ?? '').trimEnd().endsWith(model.escapeChar);
}

/** Blank or a comment as the Dockerfile parser sees them: only spaces, tabs and a CR's `\r` are blank (not a U+FEFF, found by the fuzzer). */
function isBlankOrComment(line: string): boolean {
	let at = 0;
	while (at < line.length && (line[at] === ' ' || line[at] === '\t' || line[at] === '\r')) at++;
	return at === line.length || line[at] === '#';
}
