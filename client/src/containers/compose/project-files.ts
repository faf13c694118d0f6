// Which files `docker compose` reads for a project, so that a command run with `-f` sees what the engine sees. Given
// one file explicitly, compose no longer looks for the override file on its own, so it is named too; `.env` is read
// from the project directory. Pure: the file system is asked through `exists`.
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { parseDotEnv } from '../../../../server/src/core/compose/interpolation';
import { BASE_FILE_NAMES, OVERRIDE_FILE_NAMES } from '../../../../server/src/core/compose/project';
import type { ProjectGroup } from '../presentation/grouping';

export interface ComposeProjectFiles {
	/** Absolute paths in the order compose merges them (base first). */
	files: string[];
	/** Where relative paths in the files resolve and where `.env` is read; compose's default: the first file's folder. */
	projectDirectory: string;
	/** The project directory's `.env`, when it exists. */
	envFile?: string;
	/** Only when known from a running project's labels; otherwise compose derives it as usual. */
	projectName?: string;
}

/** What else decides the files: COMPOSE_FILE, from the environment or the folder's `.env`. */
export interface ProjectSources {
	/** The environment compose would run in (process.env); it wins over `.env`, as in compose. */
	env?: Record<string, string | undefined>;
	/** Text of a file, or undefined when it cannot be read. */
	readText?(path: string): string | undefined;
	/** `:` on Linux and macOS, `;` on Windows, unless COMPOSE_PATH_SEPARATOR says otherwise. */
	platform?: NodeJS.Platform;
}

/**
 * The project of the compose file at `file` (absolute). When COMPOSE_FILE (environment, else the folder's `.env`)
 * lists the file, those files, in that order, as `docker compose` run in the folder reads them. Otherwise a base
 * file with the first override beside it, an override with the first base file beside it, any other name
 * (`compose.prod.yaml`) alone, as `docker compose -f` reads it.
 */
export function projectFilesOf(
	file: string,
	exists: (path: string) => boolean,
	sources: ProjectSources = {},
): ComposeProjectFiles {
	const folder = dirname(file);
	const project = withEnvFile({ files: [file], projectDirectory: folder }, exists);
	const configured = composeFileVariable(project, sources);
	if (configured !== undefined && configured.some((each) => normalize(each) === normalize(file))) {
		return { ...project, files: configured };
	}
	const first = (names: readonly string[]): string | undefined => names.map((name) => join(folder, name)).find(exists);
	const name = basename(file);
	if (BASE_FILE_NAMES.includes(name)) {
		const override = first(OVERRIDE_FILE_NAMES);
		if (override !== undefined) project.files = [file, override];
	} else if (OVERRIDE_FILE_NAMES.includes(name)) {
		const base = first(BASE_FILE_NAMES);
		if (base !== undefined) project.files = [base, file];
	}
	return project;
}

/** COMPOSE_FILE's paths (absolute, relative ones against the project directory), or undefined when unset. */
function composeFileVariable(project: ComposeProjectFiles, sources: ProjectSources): string[] | undefined {
	const text = project.envFile === undefined ? undefined : sources.readText?.(project.envFile);
	const dotEnv = text === undefined ? new Map<string, string>() : parseDotEnv(text);
	const value = (name: string): string | undefined => sources.env?.[name] ?? dotEnv.get(name);
	const list = value('COMPOSE_FILE')?.trim();
	if (list === undefined || list === '') return undefined;
	const separator = value('COMPOSE_PATH_SEPARATOR') || ((sources.platform ?? process.platform) === 'win32' ? ';' : ':');
	const files = list
		.split(separator)
		.map((each) => each.trim())
		.filter((each) => each !== '');
	return files.map((each) => (isAbsolute(each) ? each : join(project.projectDirectory, each)));
}

/**
 * The project of a running (or stopped) compose project from its containers' labels: the files and working
 * directory it was started with, and its name. Undefined when the labels name no file and no directory.
 */
export function projectFilesFromLabels(
	group: Pick<ProjectGroup, 'project' | 'workingDir' | 'configFiles'>,
	exists: (path: string) => boolean,
): ComposeProjectFiles | undefined {
	const files = group.configFiles.filter((path) => isAbsolute(path));
	const projectDirectory = group.workingDir ?? (files[0] === undefined ? undefined : dirname(files[0]));
	if (projectDirectory === undefined) return undefined;
	const named =
		files.length > 0
			? files
			: BASE_FILE_NAMES.map((name) => join(projectDirectory, name))
					.filter(exists)
					.slice(0, 1);
	if (named.length === 0) return undefined;
	return withEnvFile({ files: named, projectDirectory, projectName: group.project }, exists);
}

function withEnvFile(project: ComposeProjectFiles, exists: (path: string) => boolean): ComposeProjectFiles {
	const envFile = join(project.projectDirectory, '.env');
	return exists(envFile) ? { ...project, envFile } : project;
}
