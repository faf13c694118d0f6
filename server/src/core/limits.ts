/**
 * Texts larger than this are not linted, by the CLI or the language server. Real Dockerfiles and compose files are
 * a few kilobytes; parsing a multi-megabyte text takes seconds and hundreds of megabytes, and would stall an editor.
 */
export const MAX_LINT_BYTES = 1024 * 1024;

/** Why a text is not linted, or undefined when it is within the limit. */
export function tooLargeToLint(byteLength: number): string | undefined {
	if (byteLength <= MAX_LINT_BYTES) return undefined;
	return `too large to lint (${(byteLength / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_LINT_BYTES / 1024 / 1024} MB)`;
}
