import { globMatches, parseIgnoreGlob, type Glob } from './glob';

/**
 * A `.dockerignore` read as Docker reads it (moby/patternmatcher's `ignorefile.ReadAll`, then
 * `patternmatcher.New`): comments only where a line starts with `#`, blank lines skipped, each
 * pattern trimmed and cleaned like Go's `filepath.Clean` (`./a//b/` is `a/b`), a leading `/`
 * dropped, `!` re-including what earlier lines excluded.
 */

export interface IgnorePattern {
	/** 1-based line in the file. */
	line: number;
	/** `!`: re-includes what it matches. */
	exclusion: boolean;
	glob: Glob;
}

/** A line Docker refuses: the build fails on it. */
export interface MalformedIgnoreLine {
	line: number;
	/** The pattern as written (trimmed). */
	pattern: string;
	/** What is wrong with it, in words. */
	reason: string;
	/** The error Docker stops with. */
	dockerError: string;
}

export interface IgnoreFile {
	patterns: IgnorePattern[];
	malformed: MalformedIgnoreLine[];
}

export function readIgnoreFile(content: string): IgnoreFile {
	const patterns: IgnorePattern[] = [];
	const malformed: MalformedIgnoreLine[] = [];
	const lines = content.split('\n');
	for (let index = 0; index < lines.length; index++) {
		let raw = lines[index];
		if (raw.endsWith('\r')) raw = raw.slice(0, -1);
		if (index === 0 && raw.startsWith('\uFEFF')) raw = raw.slice(1);
		if (raw.startsWith('#')) continue;
		const written = raw.trim();
		if (written === '') continue;
		const line = index + 1;
		// ReadAll cleans the pattern behind the `!`; New cleans the whole again and only then looks
		// for the `!` (so `!/` ends up a lone `!`).
		const inverted = written.startsWith('!');
		let pattern = inverted ? written.slice(1).trim() : written;
		if (pattern !== '') {
			pattern = cleanPath(pattern);
			if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
		}
		pattern = cleanPath(inverted ? `!${pattern}` : pattern);
		const exclusion = pattern.startsWith('!');
		if (exclusion && pattern.length === 1) {
			malformed.push({
				line,
				pattern: written,
				reason: 'a `!` with no pattern after it',
				dockerError: 'illegal exclusion pattern: "!"',
			});
			continue;
		}
		const parsed = parseIgnoreGlob(exclusion ? pattern.slice(1) : pattern);
		if (parsed.error !== undefined) {
			malformed.push({ line, pattern: written, reason: parsed.error.reason, dockerError: 'syntax error in pattern' });
		} else patterns.push({ line, exclusion, glob: parsed.glob });
	}
	return { patterns, malformed };
}

/**
 * Whether Docker leaves a context path (relative, `/`-separated, clean) out: the last pattern
 * that matches the path or one of its parent folders decides.
 */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
	const parents: string[] = [];
	for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
		parents.push(path.slice(0, slash));
	}
	let ignored = false;
	for (const pattern of patterns) {
		// A pattern that could not change the answer is not tried (as in Docker).
		if (pattern.exclusion !== ignored) continue;
		if (globMatches(pattern.glob, path) || parents.some((parent) => globMatches(pattern.glob, parent))) {
			ignored = !pattern.exclusion;
		}
	}
	return ignored;
}

/** Go's `filepath.Clean` on a `/`-separated path: no empty or `.` parts, `..` resolved lexically. */
export function cleanPath(path: string): string {
	const rooted = path.startsWith('/');
	const parts: string[] = [];
	for (const part of path.split('/')) {
		if (part === '' || part === '.') continue;
		if (part !== '..') parts.push(part);
		else if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
		else if (!rooted) parts.push('..');
	}
	const joined = parts.join('/');
	if (rooted) return `/${joined}`;
	return joined === '' ? '.' : joined;
}
