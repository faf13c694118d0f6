/**
 * Files per `shipshape/lintFiles` request: small enough that cancel and progress respond within a
 * moment, large enough that the round trips do not dominate.
 */
export const LINT_BATCH_SIZE = 25;

/** The items in consecutive batches of at most `size`, in order. */
export function batches<T>(items: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
	const result: T[][] = [];
	for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
	return result;
}

/** The progress notification's message: `Linting 120/358 files`. */
export function lintProgressMessage(done: number, total: number): string {
	return `Linting ${done}/${total} ${total === 1 ? 'file' : 'files'}`;
}

/** What a run of "Lint workspace" found, for the closing message and for callers of the command. */
export interface LintWorkspaceSummary {
	/** Files found in the workspace. */
	files: number;
	/** Files the server linted before the end or a cancel. */
	linted: number;
	/** Findings in the linted files, open ones included. */
	findings: number;
	/** Files with at least one finding. */
	filesWithFindings: number;
	cancelled: boolean;
}

/** `Shipshape linted 358 files: 42 findings in 12 files.`, or how far it got before a cancel. */
export function lintSummaryMessage(summary: LintWorkspaceSummary): string {
	const files = (count: number): string => `${count} ${count === 1 ? 'file' : 'files'}`;
	if (summary.files === 0) return 'Shipshape found no Dockerfiles or compose files in this workspace.';
	const found =
		summary.findings === 0
			? 'no findings'
			: `${summary.findings} ${summary.findings === 1 ? 'finding' : 'findings'} in ${files(summary.filesWithFindings)}`;
	if (summary.cancelled) {
		return `Shipshape linting cancelled after ${summary.linted} of ${files(summary.files)}: ${found} so far.`;
	}
	return `Shipshape linted ${files(summary.linted)}: ${found}.`;
}
