import { dirname, resolve } from 'node:path';
import type { Finding } from '../core/types';
import { insideAny, realOrResolved, type ProjectRoots } from './project-roots';

/**
 * The first file a finding's fix would create or change outside the roots (a build context at
 * `/abs/outside` or `../`, a `.dockerignore` that links out), as an absolute path; undefined when
 * every change stays inside. Relative change paths are beside the document.
 */
export function changeOutside(finding: Finding, documentPath: string, roots: ProjectRoots): string | undefined {
	return finding.fix?.files
		?.map((change) => resolve(dirname(documentPath), change.path))
		.find((path) => !insideAny(realOrResolved(path), roots));
}

/**
 * The findings with the fixes that would write outside the roots taken away (the finding stays),
 * so that --fix, fix-all and quick fixes never offer them; `leftOut` hears each one.
 */
export function fixesInside(
	findings: readonly Finding[],
	documentPath: string,
	roots: ProjectRoots,
	leftOut?: (finding: Finding, outside: string) => void,
): Finding[] {
	return findings.map((finding) => {
		const outside = changeOutside(finding, documentPath, roots);
		if (outside === undefined) return finding;
		leftOut?.(finding, outside);
		return { ...finding, fix: undefined };
	});
}

/** Whether the document itself (links resolved) may be changed. */
export function documentInside(documentPath: string, roots: ProjectRoots): boolean {
	return insideAny(realOrResolved(documentPath), roots);
}
