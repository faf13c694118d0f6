import type { DocumentLink } from 'vscode-languageserver-types';
import { buildSpec, isRemoteContext } from '../compose/build';
import { interpolateOnce } from '../compose/interpolation';
import { parseCompose, type ComposeModel, type View } from '../compose/model';
import { dirnameOf, joinPath } from '../paths';
import type { DocumentKind } from '../types';

/**
 * Document links for the paths a Compose file names: `build` (context and dockerfile),
 * `env_file`, `extends.file` and `include`, resolved against the compose file's folder.
 * Values behind an unset variable, remote contexts and `~` paths get no link.
 */
export function documentLinks(kind: DocumentKind, text: string, path: string): DocumentLink[] {
	return kind === 'compose' ? composeLinks(parseCompose(text), path) : [];
}

/** The links of a compose model already built (the language server's analysis of the version). */
export function composeLinks(model: ComposeModel, path: string): DocumentLink[] {
	const folder = dirnameOf(path);
	const links: DocumentLink[] = [];
	const add = (view: View | undefined, base: string, tooltip: string): void => {
		const target = view === undefined ? undefined : resolvedPath(model, view, base);
		// A value reached through an alias is written elsewhere: link only where the path is written.
		if (view === undefined || target === undefined || view.via !== undefined) return;
		links.push({ range: view.ownRange, target: fileUri(target), tooltip });
	};
	for (const service of model.services) {
		const build = buildSpec(model, service);
		if (build !== undefined && !build.remote) {
			add(build.contextView, folder, 'Build context');
			const contextDir = build.contextView === undefined ? folder : resolvedPath(model, build.contextView, folder);
			if (contextDir !== undefined) add(build.dockerfileView, contextDir, 'Dockerfile');
		}
		for (const envFile of pathEntries(service.view.get('env_file'))) add(envFile, folder, 'Environment file');
		add(service.view.get('extends')?.asMap()?.get('file'), folder, 'Extended file');
	}
	for (const item of model.root?.get('include')?.items() ?? []) {
		if (item.string !== undefined) add(item, folder, 'Included file');
		const map = item.asMap();
		for (const included of pathEntries(map?.get('path'))) add(included, folder, 'Included file');
		for (const envFile of pathEntries(map?.get('env_file'))) add(envFile, folder, 'Environment file');
	}
	return links;
}

/** A path, a list of paths, or a list of `{path: …}` entries (`env_file`'s long syntax). */
function pathEntries(view: View | undefined): View[] {
	if (view === undefined) return [];
	if (!view.isSeq()) return [view];
	return view.items().flatMap((item) => {
		const entry = item.asMap()?.get('path') ?? item;
		return entry.string === undefined ? [] : [entry];
	});
}

function resolvedPath(model: ComposeModel, view: View, base: string): string | undefined {
	const raw = view.string?.trim();
	if (raw === undefined || raw === '') return undefined;
	const evaluation = raw.includes('$') ? interpolateOnce(raw, model.env) : undefined;
	if (evaluation !== undefined && (evaluation.missing.length > 0 || evaluation.failures.length > 0)) return undefined;
	const value = evaluation?.value ?? raw;
	if (value.startsWith('~') || isRemoteContext(value)) return undefined;
	return joinPath(base, value);
}

/** A `file://` URI for an absolute path, POSIX or Windows, encoded as VS Code writes them. */
export function fileUri(path: string): string {
	const segments = path
		.replace(/\\/g, '/')
		.split('/')
		.map((segment, i) => {
			const drive = i <= 1 ? /^([A-Za-z]):$/.exec(segment) : null;
			return drive ? `${drive[1].toLowerCase()}%3A` : encodeURIComponent(segment);
		});
	const joined = segments.join('/');
	return `file://${joined.startsWith('/') ? '' : '/'}${joined}`;
}
