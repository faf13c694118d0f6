import { isScalar, Scalar } from 'yaml';
import type { DocumentLink } from 'vscode-languageserver-types';
import { buildSpec, isRemoteContext } from '../compose/build';
import { interpolateOnce } from '../compose/interpolation';
import { parseCompose, type ComposeModel, type View } from '../compose/model';
import { serviceImage } from '../compose/service';
import { parseVolumeSpec } from '../compose/volumes';
import { dirnameOf, joinPath } from '../paths';
import type { DocumentKind } from '../types';
import { registryPage } from './registry-page';

/**
 * Document links for the paths a Compose file names: `build` (context and dockerfile),
 * `env_file`, `extends.file`, `include`, bind-mount sources (short and long syntax) and the
 * `file` of top-level secrets and configs, resolved against the compose file's folder; and each
 * service's `image` to its registry page. Values behind an unset variable, remote contexts and
 * `~` paths get no link; neither do values written in another file or reached through an alias.
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
		if (view === undefined || target === undefined || !writtenHere(model, view)) return;
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
		for (const item of service.view.get('volumes')?.items() ?? []) {
			const long = item.asMap();
			if (long !== undefined && resolvedText(model, long.get('type')) === 'bind') {
				add(long.get('source'), folder, 'Bind mount source');
			} else if (long === undefined) {
				const link = shortBindLink(model, item, folder);
				if (link !== undefined) links.push(link);
			}
		}
		const image = serviceImage(model, service);
		const page = image === undefined ? undefined : registryPage(image.ref);
		if (image !== undefined && page !== undefined && writtenHere(model, image.view)) {
			links.push({
				range: image.view.ownRange,
				target: page.url,
				tooltip: `${image.ref.repository} on ${page.registry}`,
			});
		}
	}
	for (const section of ['secrets', 'configs'] as const) {
		const tooltip = section === 'secrets' ? 'Secret file' : 'Config file';
		for (const [, entry] of model.root?.get(section)?.asMap()?.entries() ?? []) {
			add(entry.asMap()?.get('file'), folder, tooltip);
		}
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

/** Written in this file, where the link goes (not another file's value, nor one reached through an alias). */
function writtenHere(model: ComposeModel, view: View): boolean {
	return view.via === undefined && view.model === model;
}

/**
 * `./src:/app`: a link on the source when it is a host path. Written without variables, on the source's
 * characters; with variables, on the whole item (where the source ends in the text is not known).
 */
function shortBindLink(model: ComposeModel, item: View, folder: string): DocumentLink | undefined {
	const written = item.string;
	if (written === undefined || !writtenHere(model, item)) return undefined;
	const text = resolvedText(model, item);
	const spec = text === undefined ? undefined : parseVolumeSpec(text);
	if (spec?.type !== 'bind' || spec.source === undefined || spec.source.startsWith('~')) return undefined;
	const target = fileUri(joinPath(folder, spec.source));
	const type = isScalar(item.node) ? item.node.type : undefined;
	const quoted = type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE ? 1 : 0;
	const start = model.index.offsetAt(item.ownRange.start) + quoted;
	const asIs = !written.includes('$') && model.text.startsWith(spec.source, start);
	const range = asIs ? model.index.rangeOf(start, start + spec.source.length) : item.ownRange;
	return { range, target, tooltip: 'Bind mount source' };
}

/** A scalar's text after interpolation; undefined when a variable has no value or it is not a scalar. */
function resolvedText(model: ComposeModel, view: View | undefined): string | undefined {
	const raw = view?.string;
	if (raw === undefined || !raw.includes('$')) return raw;
	const evaluation = interpolateOnce(raw, model.env);
	return evaluation.missing.length > 0 || evaluation.failures.length > 0 ? undefined : evaluation.value;
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
