import { dirname, isAbsolute, join, normalize } from 'node:path';
import { finalStage, parseDockerfile, type DockerfileModel, type Stage } from '../dockerfile/model';
import type { FileHost } from '../types';
import { interpolateOnce } from './interpolation';
import type { ComposeModel, Service, View } from './model';
import { interpolated } from './service';

/**
 * A service's `build:` as Compose reads it: the short form (`build: ./app`) or the long one
 * (`context`, `dockerfile`, `dockerfile_inline`, `target`), values interpolated, and where the
 * files it names live on disk.
 */
export interface BuildSpec {
	/** The `build:` value (a string or a mapping). */
	view: View;
	/** Where findings about the whole build point: the `build:` key (the alias use when shared). */
	range: View['range'];
	/** The context as written after interpolation; `.` when the long form leaves it out. */
	context: string;
	/** The node naming the context (the short form's value, or `context:`), when written. */
	contextView?: View;
	/** A git or HTTP(S) context: nothing to check on disk. */
	remote: boolean;
	/** `dockerfile:` after interpolation, when written. */
	dockerfile?: string;
	dockerfileView?: View;
	/** `dockerfile_inline:`: the Dockerfile's text itself. */
	inline?: string;
	inlineView?: View;
	target?: string;
	targetView?: View;
	/** Some value has a variable that neither `.env` nor a default resolves: paths are unknown. */
	unresolved: boolean;
}

/** The service's build section, or undefined when it has none (or `build:` is empty). */
export function buildSpec(model: ComposeModel, service: Service): BuildSpec | undefined {
	const view = service.view.get('build');
	if (view === undefined) return undefined;
	const range = view.keyRange ?? view.range;
	const map = view.asMap();
	if (map === undefined) {
		const context = read(model, view);
		if (context === undefined || context.value.trim() === '') return undefined;
		return {
			view,
			range,
			context: context.value.trim(),
			contextView: view,
			remote: isRemoteContext(context.value.trim()),
			unresolved: context.unresolved,
		};
	}
	const context = read(model, map.get('context'));
	const dockerfile = read(model, map.get('dockerfile'));
	const inline = map.get('dockerfile_inline');
	const target = read(model, map.get('target'));
	const contextText = context?.value.trim() || '.';
	return {
		view,
		range,
		context: contextText,
		contextView: map.get('context'),
		remote: isRemoteContext(contextText),
		dockerfile: dockerfile?.value.trim() || undefined,
		dockerfileView: map.get('dockerfile'),
		inline: inline?.string,
		inlineView: inline,
		target: target?.value.trim() || undefined,
		targetView: map.get('target'),
		unresolved: [context, dockerfile, target].some((value) => value?.unresolved === true),
	};
}

function read(model: ComposeModel, view: View | undefined): { value: string; unresolved: boolean } | undefined {
	const raw = view?.string;
	if (view === undefined || raw === undefined) return undefined;
	const value = interpolated(model, view) ?? raw;
	return { value, unresolved: raw.includes('$') && hasUnsetVariable(model, raw) };
}

/** A variable with no value and no default: the interpolated text is not what the build will use. */
function hasUnsetVariable(model: ComposeModel, raw: string): boolean {
	const evaluation = interpolateOnce(raw, model.env);
	return evaluation.missing.length > 0 || evaluation.failures.length > 0;
}

/** Git and HTTP(S) contexts (`https://…`, `git@host:repo`, `github.com/owner/repo`, `ssh://…`). */
export function isRemoteContext(context: string): boolean {
	return /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i.test(context);
}

export interface BuildPaths {
	/** The build context directory. */
	contextDir: string;
	/** The Dockerfile's path; undefined for `dockerfile_inline`. */
	dockerfilePath?: string;
	/** Whether the Dockerfile name was left to the default. */
	defaultDockerfile: boolean;
}

/**
 * Where the context and the Dockerfile are: the context relative to the folder of the compose file
 * that writes it, the Dockerfile relative to the context (absolute paths allowed). Undefined for
 * remote contexts, `~` paths and unresolved variables. `composePath` stands in when the file that
 * writes the build has no path of its own.
 */
export function buildPaths(spec: BuildSpec, composePath: string): BuildPaths | undefined {
	if (spec.remote || spec.unresolved || spec.context.startsWith('~')) return undefined;
	// A build that comes from another file (`extends: {file: …}`) is relative to that file.
	const definedIn = (spec.contextView ?? spec.view).model.path ?? composePath;
	const contextDir = isAbsolute(spec.context) ? normalize(spec.context) : join(dirname(definedIn), spec.context);
	if (spec.inline !== undefined) return { contextDir, defaultDockerfile: false };
	if (spec.dockerfile?.startsWith('~')) return undefined;
	const name = spec.dockerfile ?? 'Dockerfile';
	const dockerfilePath = isAbsolute(name) ? normalize(name) : join(contextDir, name);
	return { contextDir, dockerfilePath, defaultDockerfile: spec.dockerfile === undefined };
}

export interface BuiltDockerfile {
	spec: BuildSpec;
	/** Undefined only for `dockerfile_inline` when the compose file has no path. */
	paths?: BuildPaths;
	/** The Dockerfile's path; undefined for `dockerfile_inline`. */
	path?: string;
	model: DockerfileModel;
	/** The stage the service runs: `build.target`, else the last stage; undefined when the target names no stage. */
	finalStage?: Stage;
}

/**
 * Dockerfiles parsed recently, by text: several rules ask for the same Dockerfile, and the language
 * server re-lints the compose file on every keystroke while the Dockerfiles beside it stay the same.
 * The text is read through the host every time (so it is a dependency, and a change is seen); only
 * the parse is reused. A parsed model is not changed by its readers.
 */
const parsedByText = new Map<string, DockerfileModel>();
const MAX_PARSED_DOCKERFILES = 64;

/** The Dockerfile model of `text`, parsed once while it stays among the recently used. */
export function parsedDockerfile(text: string): DockerfileModel {
	let dockerfile = parsedByText.get(text);
	if (dockerfile === undefined) {
		dockerfile = parseDockerfile(text);
		if (parsedByText.size >= MAX_PARSED_DOCKERFILES) parsedByText.delete(parsedByText.keys().next().value!);
	} else {
		// Most recently used last: the first key is the one to evict.
		parsedByText.delete(text);
	}
	parsedByText.set(text, dockerfile);
	return dockerfile;
}

/**
 * The Dockerfile a service is built from, read through the host (or inline), parsed, with the
 * stage it runs. Undefined without a build, for remote contexts, or when the file cannot be read.
 * `composePath` defaults to the model's path.
 */
export function builtDockerfile(
	model: ComposeModel,
	service: Service,
	host: FileHost | undefined,
	composePath = model.path,
): BuiltDockerfile | undefined {
	const spec = buildSpec(model, service);
	if (spec === undefined) return undefined;
	if (spec.inline !== undefined) {
		const paths = composePath === undefined ? undefined : buildPaths(spec, composePath);
		const dockerfile = parsedDockerfile(spec.inline);
		return { spec, paths, model: dockerfile, finalStage: runStage(dockerfile, spec.target) };
	}
	if (host === undefined || composePath === undefined) return undefined;
	const paths = buildPaths(spec, composePath);
	const path = paths === undefined ? undefined : dockerfileOnDisk(host, paths);
	const text = path === undefined ? undefined : host.readFile(path);
	if (paths === undefined || path === undefined || text === undefined) return undefined;
	const dockerfile = parsedDockerfile(text);
	return { spec, paths, path, model: dockerfile, finalStage: runStage(dockerfile, spec.target) };
}

function runStage(dockerfile: DockerfileModel, target: string | undefined): Stage | undefined {
	if (target === undefined) return finalStage(dockerfile);
	return dockerfile.stages.find((stage) => stage.name === target.toLowerCase());
}

/** The Dockerfile that exists: the named one, or for the default name also a lower-case `dockerfile`. */
export function dockerfileOnDisk(host: FileHost, paths: BuildPaths): string | undefined {
	if (paths.dockerfilePath === undefined) return undefined;
	if (host.exists(paths.dockerfilePath)) return paths.dockerfilePath;
	const lower = join(paths.contextDir, 'dockerfile');
	return paths.defaultDockerfile && host.exists(lower) ? lower : undefined;
}
