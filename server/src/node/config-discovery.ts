import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { emptyConfig, parseConfig, type Config } from '../core/config';
import { readGuarded } from './guarded-read';
import { insideAny, realOrResolved, type ProjectRoots } from './project-roots';

export const CONFIG_NAMES = ['.shipshape.yaml', '.shipshape.yml'] as const;

/** A configuration that cannot be used: the CLI prints these `path:line:col: message` lines and exits 2. */
export class ConfigError extends Error {
	constructor(readonly lines: readonly string[]) {
		super(lines.join('\n'));
	}
}

export interface LoadedConfig {
	/** Absolute path of the file, or undefined for the defaults. */
	path?: string;
	config: Config;
	/** Whether `ignore` excludes a file (absolute path). */
	ignores(file: string): boolean;
}

export interface ConfigDiscoveryOptions {
	cwd: string;
	knownRuleIds: ReadonlySet<string>;
	/** `--config FILE`, absolute: used for every file instead of discovery. */
	override?: string;
	/** The project's folders for a configuration file: one found inside them must not link out of them. */
	rootsFor?(configPath: string): ProjectRoots;
	/** Receives warnings (unknown rule ids, unknown keys) once per configuration file. */
	warn(line: string): void;
}

/**
 * Finds the configuration of each linted file: `--config`, else the nearest `.shipshape.yaml`
 * (or `.yml`) in its folder or above. Results are cached per folder, so a tree of Dockerfiles
 * reads each configuration once.
 */
export class ConfigDiscovery {
	private readonly byFolder = new Map<string, LoadedConfig>();
	private readonly byFile = new Map<string, LoadedConfig>();

	constructor(private readonly options: ConfigDiscoveryOptions) {}

	/** Throws ConfigError when the configuration that applies is malformed. */
	forFile(file: string): LoadedConfig {
		if (this.options.override !== undefined) return this.load(this.options.override, this.options.cwd);
		return this.forFolder(dirname(file));
	}

	private forFolder(folder: string): LoadedConfig {
		const cached = this.byFolder.get(folder);
		if (cached !== undefined) return cached;
		const own = CONFIG_NAMES.map((name) => join(folder, name)).find(isFile);
		const parent = dirname(folder);
		let loaded: LoadedConfig;
		if (own !== undefined) loaded = this.load(own, folder);
		else if (parent === folder) loaded = { config: emptyConfig(), ignores: () => false };
		else loaded = this.forFolder(parent);
		this.byFolder.set(folder, loaded);
		return loaded;
	}

	/** `ignore` globs are relative to `base`: the file's folder, or the working directory for --config (as ESLint does). */
	private load(path: string, base: string): LoadedConfig {
		const cached = this.byFile.get(path);
		if (cached !== undefined) return cached;
		const shown = relative(this.options.cwd, path).split(sep).join('/') || path;
		// A configuration inside the project must resolve inside it; one above it (the user's own) is read where it is.
		const roots = this.options.rootsFor?.(path);
		const read = readGuarded(path, {
			roots: roots !== undefined && insideAny(realOrResolved(dirname(path)), roots) ? roots : undefined,
		});
		if (read.kind === 'missing') throw new ConfigError([`${shown}: cannot read the configuration: no such file`]);
		if (read.kind === 'refused') throw new ConfigError([`${shown}: cannot read the configuration: it ${read.reason}`]);
		const text = read.bytes.toString('utf8');
		const { config, problems } = parseConfig(text.replace(/^\uFEFF/, ''), this.options.knownRuleIds);
		const at = (problem: (typeof problems)[number]): string =>
			`${shown}:${problem.range.start.line + 1}:${problem.range.start.character + 1}`;
		const errors = problems.filter((problem) => problem.severity === 'error');
		if (errors.length > 0) throw new ConfigError(errors.map((problem) => `${at(problem)}: ${problem.message}`));
		for (const problem of problems) this.options.warn(`${at(problem)}: warning: ${problem.message}`);
		const loaded: LoadedConfig = { path, config, ignores: ignoresUnder(base, config.ignore) };
		this.byFile.set(path, loaded);
		return loaded;
	}
}

function ignoresUnder(base: string, patterns: readonly string[]): (file: string) => boolean {
	if (patterns.length === 0) return () => false;
	const rules: Ignore = ignore().add([...patterns]);
	return (file) => {
		const path = relative(base, file);
		// Files outside the base folder are not the configuration's to ignore.
		if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return false;
		return rules.ignores(path.split(sep).join('/'));
	};
}

function isFile(path: string): boolean {
	try {
		// Most folders have no configuration: a missing one is told without an exception (cheaper than its stack).
		return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
	} catch {
		return false;
	}
}
