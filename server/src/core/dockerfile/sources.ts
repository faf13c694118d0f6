/**
 * What an ADD or COPY source names, as BuildKit tells them apart: a file of the build context, an archive ADD
 * unpacks, a URL ADD downloads, a git repository ADD clones, or a value only known once variables expand. One
 * classification for every rule that reads sources, and the one unquote for instruction words.
 */
export type SourceKind = 'local' | 'archive' | 'url' | 'git' | 'variable';

/** Archive extensions ADD unpacks (hadolint's list for DL3020). */
const ARCHIVE_EXTENSIONS: ReadonlySet<string> = new Set([
	'tar',
	'tgz',
	'tb2',
	'tbz',
	'tbz2',
	'tpz',
	'tlz',
	'txz',
	'tz',
	'tzst',
	'gz',
	'bz2',
	'xz',
	'lz',
	'lzma',
	'lz4',
	'z',
	'zst',
]);

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export function sourceKind(source: string): SourceKind {
	if (source.includes('$')) return 'variable';
	if (isGitSource(source)) return 'git';
	if (SCHEME.test(source)) return 'url';
	return isArchive(source) ? 'archive' : 'local';
}

/** `git@host:repo`, `git://…`, or a URL whose path ends in `.git` (with a `#ref` or not), as ADD clones them. */
function isGitSource(source: string): boolean {
	if (source.startsWith('git@') || /^git:\/\//i.test(source)) return true;
	if (!SCHEME.test(source)) return false;
	const hash = source.indexOf('#');
	const path = hash === -1 ? source : source.slice(0, hash);
	return path.endsWith('.git');
}

/** Whether a source names an archive ADD unpacks (`.tar`, `.tgz`, `.tar.<anything>`…), from its last two extensions. */
function isArchive(source: string): boolean {
	const name = source.toLowerCase();
	const dot = name.lastIndexOf('.');
	if (dot === -1) return false;
	const extension = name.slice(dot + 1);
	if (ARCHIVE_EXTENSIONS.has(extension)) return true;
	return /^[a-z0-9]+$/.test(extension) && name.slice(0, dot).endsWith('.tar');
}

/** A word without the pair of quotes around it (`"a b"` → `a b`); other words as they are. */
export function unquote(value: string): string {
	const quote = value[0];
	return value.length >= 2 && (quote === '"' || quote === "'") && value[value.length - 1] === quote
		? value.slice(1, -1)
		: value;
}
