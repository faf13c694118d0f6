/** What `shipshape init` and "Shipshape: Add Docker Files" know about a project, and what they write. */

export const PROJECT_KINDS = ['node', 'python', 'go', 'java', 'dotnet', 'rust', 'ruby', 'static'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/** The package managers (or build tools) each kind is built with; kinds with one tool have none here. */
export const PACKAGE_MANAGERS = {
	node: ['npm', 'pnpm', 'yarn'],
	python: ['pip', 'poetry', 'uv'],
	java: ['maven', 'gradle'],
} as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[keyof typeof PACKAGE_MANAGERS][number];

export const DATASTORES = ['postgres', 'redis', 'mysql', 'mongo'] as const;
export type Datastore = (typeof DATASTORES)[number];

/**
 * The project folder as detection sees it: top-level names and small text files, read by the caller
 * (the CLI and the language server through the guarded reader, the extension through its own checks).
 */
export interface ProjectReader {
	/** Entries of a folder relative to the project (`''` is the project itself); folders end with `/`. */
	list(folder: string): readonly string[];
	/** A file's text, relative to the project; undefined when missing, refused or not text. */
	read(path: string): string | undefined;
}

/** What detection found: enough to write the files, except what `Answers` supplies. */
export interface Detection {
	kind: ProjectKind;
	manager?: PackageManager;
	/** Files that pinned the kind and manager, for the user to see (`package.json`, `pnpm-lock.yaml`). */
	evidence: string[];
	/** The dependency manifests and lock files present, copied before the sources so installs are cached. */
	manifests: string[];
	/** Node: a `build` script exists; its output folder (`dist`) is what ships. */
	build?: { script: string; output: string };
	/** Detected answers; undefined where the user must say. */
	port?: number;
	entry?: string;
	/** Datastores the dependencies name (`pg`, `redis`, `pymongo`…): the default answer. */
	datastores: Datastore[];
	/** A name for the binary or image, from the manifest (Cargo package, .NET assembly, Go module). */
	name?: string;
}

/** What the user decided (or accepted from detection). */
export interface Answers {
	port: number;
	/** Kind-specific: the file node or python runs, the Go package built, the static site's folder… */
	entry: string;
	/** The path the health check requests (`/health`, or `/` for a static site). */
	healthPath: string;
	datastores: readonly Datastore[];
}

export interface GenerateOptions {
	/**
	 * Replaces the final stage's base image (a locally imported image in tests, a mirror in a closed
	 * network). Nothing else in the file changes.
	 */
	runtimeImage?: string;
}

export interface GeneratedFile {
	/** Relative to the project folder. */
	name: string;
	content: string;
}

/** The names the generator writes, in the order it writes them. */
export const GENERATED_NAMES = ['Dockerfile', 'compose.yaml', '.dockerignore'] as const;
