import { baseName, dirnameOf, joinPath } from '../paths';
import type { Range } from 'vscode-languageserver-types';
import type { FileHost } from '../types';
import { interpolated } from './service';
import {
	parseCompose,
	serviceNamed,
	type ComposeModel,
	type ComposeProject,
	type DeclaredKind,
	type MapView,
	type ProjectService,
	type Service,
	type View,
} from './model';

/**
 * Links a Compose file into its project, as `docker compose` assembles one before it checks
 * references: `extends` (same file and other files), the `compose.override.y(a)ml` beside a base
 * file (or the base under an override being linted), and `include`. Other files are read through
 * the host only; their values report at the use in this file (the `extends:` key, the service's
 * key, the `include` item), since a finding cannot point into a file that is not being linted.
 * See README.md in this folder for the choices made.
 */

/** The names `docker compose` looks for, in its order of preference. */
export const BASE_FILE_NAMES: readonly string[] = [
	'compose.yaml',
	'compose.yml',
	'docker-compose.yml',
	'docker-compose.yaml',
];
export const OVERRIDE_FILE_NAMES: readonly string[] = [
	'compose.override.yml',
	'compose.override.yaml',
	'docker-compose.override.yml',
	'docker-compose.override.yaml',
];

/** Bounds how far `include` chains are followed (each level is a file read). */
const MAX_INCLUDE_DEPTH = 8;

export interface ProjectOptions {
	/** Absolute path of the linted file; without it only same-file `extends` is resolved. */
	path?: string;
	host?: FileHost;
}

interface Loader {
	host?: FileHost;
	env: ReadonlyMap<string, string>;
	/** Parsed files by absolute path; undefined when the file cannot be read. */
	files: Map<string, ComposeModel | undefined>;
	/** Files whose `extends` are resolved (or being resolved: a cycle across files stops there). */
	linked: WeakSet<ComposeModel>;
	/** Per linked file, the services whose `extends` chain reaches a cut (MAX_EXTENDS_CHAIN, MAX_EXTENDS_FILES). */
	cuts: Map<ComposeModel, ReadonlySet<string>>;
	/** How many files deep the `extends` being resolved now reach (each is a level of recursion here). */
	filesDeep: number;
}

/** Resolves `extends`, merges the override or base file and collects included files into model.project. */
export function linkProject(model: ComposeModel, options: ProjectOptions = {}): void {
	const loader: Loader = {
		host: options.host,
		env: model.env,
		files: new Map(),
		linked: new WeakSet(),
		cuts: new Map(),
		filesDeep: 0,
	};
	if (options.path !== undefined) loader.files.set(options.path, model);
	const extendsCut = linkExtends(model, options.path, loader);
	const services = new Map<string, ProjectService>(
		model.services.map((service) => [service.name, { name: service.name, view: service.view }]),
	);
	const declared = copyDeclared(model.declared);
	const project: ComposeProject = {
		services,
		declared,
		files: loader.files,
		...(extendsCut.size > 0 ? { extendsCut } : {}),
	};
	if (options.path !== undefined && options.host !== undefined) {
		mergeCompanion(model, options.path, loader, project);
		for (const include of includes(model, options.path)) {
			addIncluded(project, include.path, include.via, loader, 0, new Set([options.path]));
		}
	}
	model.project = project;
}

function copyDeclared(
	declared: Record<DeclaredKind, ReadonlyMap<string, View>>,
): Record<DeclaredKind, Map<string, View>> {
	return {
		volumes: new Map(declared.volumes),
		networks: new Map(declared.networks),
		secrets: new Map(declared.secrets),
		configs: new Map(declared.configs),
	};
}

// ---- extends -------------------------------------------------------------------------------

/**
 * Gives every service that extends another the extended service's keys as a lower layer. Returns the services whose
 * chain was cut here (MAX_EXTENDS_CHAIN), or in a file they extend, or because that file lies too deep
 * (MAX_EXTENDS_FILES); `loader.cuts` keeps, per file, every service whose chain reaches such a cut, for the files
 * that extend it.
 */
function linkExtends(model: ComposeModel, path: string | undefined, loader: Loader): ReadonlySet<string> {
	if (loader.linked.has(model)) return new Set();
	loader.linked.add(model);
	const byName = new Map(model.services.map((service) => [service.name, service]));
	const done = new Set<Service>();
	const cut = new Set<string>();
	const reachesCut = new Set<string>();
	loader.cuts.set(model, reachesCut);
	const visit = (service: Service, stack: Set<Service>): void => {
		if (done.has(service) || stack.has(service)) return; // a cycle: compose refuses it, undefined-reference reports it
		stack.add(service);
		const use = service.view.get('extends');
		const target = use === undefined ? undefined : extendsTarget(model, use);
		let base: MapView | undefined;
		if (target?.file === undefined && target !== undefined) {
			const same = byName.get(target.service);
			// Each link is a level of recursion here and a layer under every lookup: a chain is followed so far.
			if (same !== undefined && stack.size >= MAX_EXTENDS_CHAIN) {
				cut.add(service.name);
				reachesCut.add(service.name);
			} else if (same !== undefined) {
				visit(same, stack);
				base = same.view;
				if (reachesCut.has(same.name)) reachesCut.add(service.name);
			}
		} else if (target?.file !== undefined && path !== undefined) {
			const other = otherFileService(joinPath(dirnameOf(path), target.file), target.service, loader);
			// A chain cut in another file, or one that reaches too many files deep, is cut here too: say so.
			if (other === CUT || other?.cut === true) {
				cut.add(service.name);
				reachesCut.add(service.name);
			}
			if (other !== CUT) base = other?.view;
		}
		if (base !== undefined && use !== undefined) {
			const via = use.keyRange ?? use.range;
			service.view = withLowerLayer(service.view, base.reportedAt(via));
		}
		stack.delete(service);
		done.add(service);
	};
	for (const service of model.services) visit(service, new Set());
	return cut;
}

/** Services an `extends` chain is followed through; real files use one to three. */
export const MAX_EXTENDS_CHAIN = 16;

/** `extends: name` or `extends: {service, file}`. */
function extendsTarget(model: ComposeModel, use: View): { service: string; file?: string } | undefined {
	if (use.string !== undefined) return { service: interpolated(model, use) ?? use.string };
	const map = use.asMap();
	const service = interpolated(model, map?.get('service'));
	if (service === undefined) return undefined;
	const file = interpolated(model, map?.get('file'));
	return { service, file: file === undefined || file.trim() === '' ? undefined : file.trim() };
}

/**
 * How many files deep `extends` is followed from the linted file. Each file is a level of recursion in the linking and
 * adds its services' chains (up to MAX_EXTENDS_CHAIN each) to the layers every lookup walks: 3,000 files extending one
 * another overflowed the stack, and so did 100 files of 16-service chains (found in review, issue 22).
 */
export const MAX_EXTENDS_FILES = 8;

const CUT = 'cut';

/** The service `name` of another file, its own `extends` resolved; CUT past MAX_EXTENDS_FILES. */
function otherFileService(
	path: string,
	name: string,
	loader: Loader,
): { view: MapView; cut: boolean } | typeof CUT | undefined {
	if (loader.filesDeep >= MAX_EXTENDS_FILES) return CUT;
	const other = load(path, loader);
	if (other === undefined) return undefined;
	loader.filesDeep++;
	try {
		linkExtends(other, path, loader);
	} finally {
		loader.filesDeep--;
	}
	const service = serviceNamed(other, name);
	return service === undefined ? undefined : { view: service.view, cut: loader.cuts.get(other)?.has(name) === true };
}

function withLowerLayer(view: MapView, layer: View): MapView {
	return view.withLayers({ ...view.layers, lower: [...view.layers.lower, layer] }).asMap()!;
}

function withUpperLayer(view: MapView, layer: View): MapView {
	return view.withLayers({ ...view.layers, upper: [layer, ...view.layers.upper] }).asMap()!;
}

function load(path: string, loader: Loader): ComposeModel | undefined {
	if (loader.files.has(path)) return loader.files.get(path);
	const text = loader.host?.readFile(path);
	const model = text === undefined ? undefined : parseCompose(text);
	if (model !== undefined) {
		model.path = path;
		model.env = loader.env;
	}
	loader.files.set(path, model);
	return model;
}

// ---- override file -------------------------------------------------------------------------

/**
 * Linting a base file, its override's services are an upper layer of the same-named services;
 * linting an override, its base's services are a lower layer. Services only the other file has
 * join the project (they are reported at this file's `services:` key).
 */
function mergeCompanion(model: ComposeModel, path: string, loader: Loader, project: ComposeProject): void {
	const companion = companionFile(path, loader.host!);
	if (companion === undefined) return;
	const other = load(companion.path, loader);
	if (other === undefined || other.problems.length > 0) return;
	linkExtends(other, companion.path, loader);
	const services = project.services as Map<string, ProjectService>;
	for (const service of model.services) {
		const match = serviceNamed(other, service.name);
		if (match === undefined || match.view.isReset) continue;
		const layer = match.view.reportedAt(service.keyRange);
		// An override's `!override` service replaces the base one entirely.
		if (companion.role === 'override') {
			if (match.view.tag !== '!override') service.view = withUpperLayer(service.view, layer);
		} else if (service.view.tag !== '!override') {
			service.view = withLowerLayer(service.view, layer);
		}
		services.set(service.name, { name: service.name, view: service.view });
	}
	const via = model.root?.entry('services')?.keyRange ?? model.root?.range ?? model.index.rangeOf(0, 0);
	addOtherFile(project, other, companion.path, via);
}

/** The override beside a base file, or the base beside an override, as `docker compose` picks them. */
function companionFile(path: string, host: FileHost): { path: string; role: 'override' | 'base' } | undefined {
	const name = baseName(path);
	const dir = dirnameOf(path);
	const first = (names: readonly string[]): string | undefined =>
		names.map((candidate) => joinPath(dir, candidate)).find((candidate) => host.exists(candidate));
	if (BASE_FILE_NAMES.includes(name)) {
		const override = first(OVERRIDE_FILE_NAMES);
		return override === undefined ? undefined : { path: override, role: 'override' };
	}
	if (OVERRIDE_FILE_NAMES.includes(name)) {
		const base = first(BASE_FILE_NAMES);
		return base === undefined ? undefined : { path: base, role: 'base' };
	}
	return undefined;
}

/** Adds the services and declarations this project does not have yet from another file. */
function addOtherFile(project: ComposeProject, other: ComposeModel, path: string, via: Range): void {
	const services = project.services as Map<string, ProjectService>;
	for (const service of other.services) {
		if (!services.has(service.name)) {
			services.set(service.name, { name: service.name, view: service.view.reportedAt(via).asMap()!, file: path });
		}
	}
	for (const kind of ['volumes', 'networks', 'secrets', 'configs'] as const) {
		const declared = project.declared[kind] as Map<string, View>;
		for (const [name, view] of other.declared[kind]) if (!declared.has(name)) declared.set(name, view.reportedAt(via));
	}
}

// ---- include -------------------------------------------------------------------------------

interface Include {
	path: string;
	/** The `include` item in the including file. */
	via: Range;
}

/** Top-level `include:` items: a path, or `{path: a path or a list, project_directory, env_file}`. */
function includes(model: ComposeModel, path: string): Include[] {
	const list = model.root?.get('include');
	if (list === undefined) return [];
	const dir = dirnameOf(path);
	return list.items().flatMap((item) => {
		const paths = item.string !== undefined ? [item] : pathsOf(item.asMap()?.get('path'));
		return paths.flatMap((entry): Include[] => {
			const value = interpolated(model, entry)?.trim();
			return value === undefined || value === '' ? [] : [{ path: joinPath(dir, value), via: item.range }];
		});
	});
}

function pathsOf(view: View | undefined): readonly View[] {
	if (view === undefined) return [];
	return view.isSeq() ? view.items() : [view];
}

function addIncluded(
	project: ComposeProject,
	path: string,
	via: Range,
	loader: Loader,
	depth: number,
	seen: Set<string>,
): void {
	if (depth >= MAX_INCLUDE_DEPTH || seen.has(path)) return;
	seen.add(path);
	const included = load(path, loader);
	if (included === undefined || included.problems.length > 0) return;
	linkExtends(included, path, loader);
	addOtherFile(project, included, path, via);
	for (const nested of includes(included, path)) addIncluded(project, nested.path, via, loader, depth + 1, seen);
}

// ---- the project's files, for editor features ------------------------------------------------

/** At most this many files are read for one file's project (the file itself included). */
export const MAX_PROJECT_FILES = 32;

export interface ProjectFiles {
	/** The files whose names form the project's one namespace: the file, its override or base, included files. */
	project: ReadonlyMap<string, ComposeModel>;
	/** Files only reached as `extends.file` targets: each keeps its own names. */
	extended: ReadonlyMap<string, ComposeModel>;
	/**
	 * Files outside both that extend one of them (`extends: {file}`, found by `projectWithUsers`): only those
	 * `extends` uses join the project's names, the rest of each file is its own.
	 */
	extending: ReadonlyMap<string, ComposeModel>;
	/** Files of the project that were read but have YAML errors: their names are unknown. */
	unparsable: readonly string[];
}

/**
 * The files `linkProject` reads for a file, parsed as they are (not linked): its override or base file, the
 * files it includes (nested, as far as linking follows them) and the files its services extend, for features
 * that work across them (navigation, rename). Read through the host; a file with YAML errors is left out.
 * `parsed` (path to model, undefined when unreadable) is shared by callers that ask for several files' projects.
 */
export function projectFiles(
	model: ComposeModel,
	path: string,
	host: FileHost,
	parsed: Map<string, ComposeModel | undefined> = new Map(),
): ProjectFiles {
	parsed.set(path, model);
	const loader: Loader = { host, env: model.env, files: parsed, linked: new WeakSet(), cuts: new Map(), filesDeep: 0 };
	const project = new Map<string, ComposeModel>([[path, model]]);
	const extended = new Map<string, ComposeModel>();
	const unparsable: string[] = [];
	const usable = (file: string): ComposeModel | undefined => {
		if (project.size + extended.size >= MAX_PROJECT_FILES) return undefined;
		const other = load(file, loader);
		if (other !== undefined && other.problems.length > 0 && !unparsable.includes(file)) unparsable.push(file);
		return other === undefined || other.problems.length > 0 ? undefined : other;
	};
	const companion = companionFile(path, host);
	const companionModel = companion === undefined ? undefined : usable(companion.path);
	if (companion !== undefined && companionModel !== undefined) project.set(companion.path, companionModel);
	// Included files, breadth first, as deep as linking follows them.
	let level = [...project].flatMap(([file, fileModel]) => includes(fileModel, file).map((include) => include.path));
	for (let depth = 0; depth < MAX_INCLUDE_DEPTH && level.length > 0; depth++) {
		const next: string[] = [];
		for (const file of level) {
			if (project.has(file)) continue;
			const included = usable(file);
			if (included === undefined) continue;
			project.set(file, included);
			for (const include of includes(included, file)) next.push(include.path);
		}
		level = next;
	}
	// Files services extend, from the project's files and from those files in turn.
	const pending = [...project];
	for (let at = 0; at < pending.length; at++) {
		const [file, fileModel] = pending[at];
		for (const target of extendedFiles(fileModel, file)) {
			if (project.has(target) || extended.has(target)) continue;
			const parent = usable(target);
			if (parent === undefined) continue;
			extended.set(target, parent);
			pending.push([target, parent]);
		}
	}
	return { project, extended, extending: new Map(), unparsable };
}

/** The files a file's services extend (`extends: {file}`), absolute. */
export function extendedFiles(model: ComposeModel, path: string): string[] {
	return model.services.flatMap((service) => {
		const use = service.view.get('extends');
		const file = use === undefined ? undefined : extendsTarget(model, use)?.file;
		return file === undefined ? [] : [joinPath(dirnameOf(path), file)];
	});
}

// ---- paths (the core does no I/O and does not depend on node:path) ----------------------------
