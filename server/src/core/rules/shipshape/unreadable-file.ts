import { resolveSeverity } from '../../config';
import { baseName, dirnameOf } from '../../paths';
import type { TextIndex } from '../../text';
import type { EngineRule, FileHost, Finding, SeveritySetting } from '../../types';

/** How many trailing path components are looked for in the text: enough to tell `a/.env` from `b/.env`. */
const NAME_COMPONENTS = 4;

/**
 * A file the lint needed and the host refused to read (a FIFO, a device, a link out of the project,
 * a file over the size cap) would otherwise look missing, or hang the run: say so, on the line that
 * names it.
 */
export const unreadableFile = {
	meta: {
		id: 'shipshape/unreadable-file',
		scope: 'shipshape',
		severity: 'warning',
		description: 'A file this one refers to could not be read safely',
		aliases: [],
		fixable: false,
		docs: {
			rationale:
				"Shipshape reads the files a Dockerfile or compose file depends on (`.env`, `env_file`, `extends.file`, `include`, `build.dockerfile`, `.dockerignore`), and the repository it runs on may not be trusted. It reads only regular files, up to 1 MB, that resolve inside the project: a named pipe would hang the run, `/dev/zero` would never end, and a `.env` linked to `~/.aws/credentials` would print the CI runner's secrets in a public report. A file refused for one of these reasons is reported here, and the checks that needed it are incomplete.",
			example:
				'services:\n  web:\n    image: nginx:1.27-alpine\n    extends:\n      file: /dev/zero\n      service: base',
			useInstead: 'services:\n  web:\n    image: nginx:1.27-alpine',
		},
	},
	/** Findings for the reads `refusals` recorded (path → reason), at the first line of `index` that names the file. */
	check(
		index: TextIndex,
		refusals: ReadonlyMap<string, string>,
		linted: string | undefined,
		severities?: Array<Record<string, SeveritySetting> | undefined>,
	): Finding[] {
		const severity = resolveSeverity(this.meta.id, this.meta.severity, ...(severities ?? []));
		if (severity === 'off') return [];
		const findings: Finding[] = [];
		for (const [path, reason] of refusals) {
			const shown = shownPath(path, linted);
			findings.push({
				ruleId: this.meta.id,
				severity,
				aliases: [],
				range: rangeNaming(index, path),
				message: `\`${shown}\` ${reason}; not read, so the checks that need it are incomplete`,
			});
		}
		return findings;
	},
} satisfies EngineRule & Record<string, unknown>;

/** A host that notes why each refused read was refused (path → reason). */
export function noteRefusals(host: FileHost | undefined, refusals: Map<string, string>): FileHost | undefined {
	if (host === undefined) return undefined;
	return {
		readFile(path) {
			const text = host.readFile(path);
			if (text === undefined) {
				const reason = host.refusal?.(path);
				if (reason !== undefined) refusals.set(path, reason);
			}
			return text;
		},
		exists: (path) => host.exists(path),
		refusal: (path) => host.refusal?.(path),
	};
}

/** Relative to the linted file's folder when inside it, as the file would name it; else as asked. */
function shownPath(path: string, linted: string | undefined): string {
	if (linted === undefined) return path;
	const folder = dirnameOf(linted);
	const prefix = folder.endsWith('/') || folder.endsWith('\\') ? folder : `${folder}/`;
	return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** The first mention of the file's path (its longest trailing part that occurs), else the start of the file. */
function rangeNaming(index: TextIndex, path: string): Finding['range'] {
	const parts = path.split(/[\\/]/).filter((part) => part !== '');
	for (let count = Math.min(NAME_COMPONENTS, parts.length); count >= 1; count--) {
		const name = count === 1 ? baseName(path) : parts.slice(-count).join('/');
		if (name === '') continue;
		const at = index.text.indexOf(name);
		if (at !== -1) {
			const line = index.positionAt(at).line;
			return { start: { line, character: 0 }, end: { line, character: index.lineEnd(line) - index.lineStarts[line] } };
		}
	}
	return { start: { line: 0, character: 0 }, end: { line: 0, character: index.lineEnd(0) } };
}
