/** The TypeScript files `git status --porcelain=v1 -z` lists as changed, added or untracked (not deleted). */
export function changedSourceFiles(porcelain: string): string[] {
	const files: string[] = [];
	const entries = porcelain.split('\0');
	for (let index = 0; index < entries.length; index++) {
		const entry = entries[index];
		if (entry.length < 4) continue;
		const status = entry.slice(0, 2);
		// A rename lists the new path here and the old one as the next entry.
		if (status.startsWith('R') || status.startsWith('C')) index++;
		if (status.includes('D')) continue;
		const path = entry.slice(3);
		if (/\.(?:ts|mts|mjs|js)$/.test(path) && !path.endsWith('.d.ts') && !path.includes('.generated.')) files.push(path);
	}
	return files;
}
