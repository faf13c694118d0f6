/**
 * What the Dockerfile language is made of, as facts for completion and hover: each instruction with a short
 * explanation, a snippet in the project guide's style and its flags; each flag with the values it takes. Flag
 * names follow BuildKit's parser (frontend/dockerfile/instructions: parse.go, commands_runmount.go, and the
 * RUN `--network`/`--security` flags of the Dockerfile reference).
 */

const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

export interface FlagFact {
	name: string;
	/** One sentence on what it does. */
	doc: string;
	/** A flag without `=value` (`--link`); it still accepts `=true`/`=false`. */
	boolean?: boolean;
	/** Values offered after `--name=`. */
	values?: readonly string[];
	/** The anchor of its section in Docker's reference. */
	anchor: string;
}

export interface InstructionFact {
	keyword: string;
	doc: string;
	/** Snippet body (LSP snippet syntax) written after the keyword. */
	snippet: string;
	flags: readonly FlagFact[];
	/** Deprecated instructions are offered last and marked. */
	deprecated?: boolean;
}

const DURATIONS = ['30s', '10s', '5s', '1m'];
const BOOLEANS = ['true', 'false'];
const CHMOD = ['0644', '0755', '0600', '0700'];

const CHOWN: FlagFact = {
	name: 'chown',
	doc: 'Owner of the copied files, `user:group` by name or id (Linux only); without it they belong to root.',
	anchor: 'copy---chown---chmod',
};
const CHMOD_FLAG: FlagFact = {
	name: 'chmod',
	doc: 'Permission bits of the copied files, octal (`0755`) or symbolic (`u=rwx,go=rx`).',
	values: CHMOD,
	anchor: 'copy---chown---chmod',
};
const LINK: FlagFact = {
	name: 'link',
	doc: 'Copies into an independent layer, so changing an earlier layer does not invalidate this one.',
	boolean: true,
	values: BOOLEANS,
	anchor: 'copy---link',
};
const EXCLUDE: FlagFact = {
	name: 'exclude',
	doc: 'A path pattern left out of the copy; may be given several times.',
	anchor: 'copy---exclude',
};

export const INSTRUCTIONS: readonly InstructionFact[] = [
	{
		keyword: 'FROM',
		doc: 'Starts a build stage from a base image (or an earlier stage); `AS name` names the stage for `COPY --from` and `--target`.',
		snippet: '${1:node:22-alpine} AS ${2:build}',
		flags: [
			{
				name: 'platform',
				doc: 'The platform of the base image, for multi-platform builds (`$BUILDPLATFORM` to build natively).',
				values: ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64', 'linux/arm64', 'linux/arm/v7'],
				anchor: 'from',
			},
		],
	},
	{
		keyword: 'RUN',
		doc: 'Runs a command in a new layer, in the shell (`sh -c`) for the shell form, directly for the JSON form.',
		snippet: '${1:apk add --no-cache curl}',
		flags: [
			{
				name: 'mount',
				doc: 'Mounts a cache, bind, secret, ssh socket or tmpfs for this command only (`type=cache,target=/root/.cache`).',
				anchor: 'run---mount',
			},
			{
				name: 'network',
				doc: 'The network of the command: `default`, `none` (no network) or `host` (needs the network.host entitlement).',
				values: ['default', 'none', 'host'],
				anchor: 'run---network',
			},
			{
				name: 'security',
				doc: '`insecure` runs the command without the sandbox (needs the security.insecure entitlement); `sandbox` is the default.',
				values: ['sandbox', 'insecure'],
				anchor: 'run---security',
			},
		],
	},
	{
		keyword: 'CMD',
		doc: 'The default command of the container; the JSON form runs it without a shell, so it receives signals.',
		snippet: '["${1:node}", "${2:dist/index.js}"]',
		flags: [],
	},
	{
		keyword: 'LABEL',
		doc: 'Adds metadata to the image as `key=value` pairs.',
		snippet: '${1:org.opencontainers.image.source}="${2:https://github.com/owner/repo}"',
		flags: [],
	},
	{
		keyword: 'EXPOSE',
		doc: 'Documents the ports the container listens on (`3000`, `53/udp`); it publishes nothing by itself.',
		snippet: '${1:3000}',
		flags: [],
	},
	{
		keyword: 'ENV',
		doc: 'Sets environment variables for the following instructions and the running container.',
		snippet: '${1:NODE_ENV}=${2:production}',
		flags: [],
	},
	{
		keyword: 'ADD',
		doc: 'Copies files, URLs or git repositories into the image, extracting local archives; prefer `COPY` for plain files.',
		snippet: '${1:source} ${2:/destination}',
		flags: [
			CHOWN,
			CHMOD_FLAG,
			LINK,
			{
				name: 'keep-git-dir',
				doc: 'Keeps the `.git` directory when adding a git repository.',
				boolean: true,
				values: BOOLEANS,
				anchor: 'add---keep-git-dir',
			},
			{
				name: 'checksum',
				doc: 'The checksum a remote source must have (`sha256:…`): the build fails on any other content.',
				values: ['sha256:'],
				anchor: 'add---checksum',
			},
			{
				name: 'unpack',
				doc: 'Whether an archive is extracted: `--unpack=false` keeps a local archive as a file, `true` extracts a remote one.',
				boolean: true,
				values: BOOLEANS,
				anchor: 'add---unpack',
			},
			EXCLUDE,
		],
	},
	{
		keyword: 'COPY',
		doc: 'Copies files from the build context, or from another stage or image with `--from`, into the image.',
		snippet: '${1:package*.json} ${2:./}',
		flags: [
			{
				name: 'from',
				doc: 'Copies from a build stage (by name or index) or an image instead of the build context.',
				anchor: 'copy---from',
			},
			CHOWN,
			CHMOD_FLAG,
			LINK,
			{
				name: 'parents',
				doc: 'Keeps the parent directories of the sources under the destination.',
				boolean: true,
				values: BOOLEANS,
				anchor: 'copy---parents',
			},
			EXCLUDE,
		],
	},
	{
		keyword: 'ENTRYPOINT',
		doc: 'The executable the container runs; `CMD` then gives its default arguments. Use the JSON form.',
		snippet: '["${1:executable}"]',
		flags: [],
	},
	{
		keyword: 'VOLUME',
		doc: 'Declares a mount point for data that outlives the container.',
		snippet: '${1:/data}',
		flags: [],
	},
	{
		keyword: 'USER',
		doc: 'The user (and group) the following instructions and the container run as; a non-root user limits what a break-in can do.',
		snippet: '${1:appuser}',
		flags: [],
	},
	{
		keyword: 'WORKDIR',
		doc: 'The working directory of the following instructions and the container, created when missing; use absolute paths.',
		snippet: '${1:/app}',
		flags: [],
	},
	{
		keyword: 'ARG',
		doc: 'A build argument (`--build-arg`), with an optional default; before the first `FROM` it serves `FROM` lines, and a stage sees it only after declaring it again.',
		snippet: '${1:VERSION}=${2:default}',
		flags: [],
	},
	{
		keyword: 'ONBUILD',
		doc: 'An instruction run later, when another Dockerfile builds `FROM` this image.',
		snippet: '${1:COPY . /app}',
		flags: [],
	},
	{
		keyword: 'STOPSIGNAL',
		doc: 'The signal that asks the container to stop (`SIGTERM` unless set).',
		snippet: '${1:SIGTERM}',
		flags: [],
	},
	{
		keyword: 'HEALTHCHECK',
		doc: 'How Docker checks that the container still works (`CMD …`), or `NONE` to turn off an inherited check.',
		snippet:
			'--interval=${1:30s} --timeout=${2:10s} --start-period=${3:30s} --retries=${4:3} \\\\\n  CMD ${5:curl -f http://localhost:3000/health || exit 1}',
		flags: [
			{ name: 'interval', doc: 'Time between two checks (default 30s).', values: DURATIONS, anchor: 'healthcheck' },
			{
				name: 'timeout',
				doc: 'A check running longer than this fails (default 30s).',
				values: DURATIONS,
				anchor: 'healthcheck',
			},
			{
				name: 'start-period',
				doc: 'Time to start up: failures during it do not count (default 0s).',
				values: DURATIONS,
				anchor: 'healthcheck',
			},
			{
				name: 'start-interval',
				doc: 'Time between checks during the start period (default 5s).',
				values: DURATIONS,
				anchor: 'healthcheck',
			},
			{
				name: 'retries',
				doc: 'Consecutive failures before the container is unhealthy (default 3).',
				values: ['3', '5'],
				anchor: 'healthcheck',
			},
		],
	},
	{
		keyword: 'SHELL',
		doc: 'The shell that runs the shell form of later `RUN`, `CMD` and `ENTRYPOINT`, as a JSON array.',
		snippet: '["${1:/bin/sh}", "${2:-c}"]',
		flags: [],
	},
	{
		keyword: 'MAINTAINER',
		doc: 'Deprecated: use `LABEL org.opencontainers.image.authors="…"`.',
		snippet: '${1:name}',
		flags: [],
		deprecated: true,
	},
];

const BY_KEYWORD = new Map(INSTRUCTIONS.map((fact) => [fact.keyword, fact]));

export function instructionFact(keyword: string): InstructionFact | undefined {
	return BY_KEYWORD.get(keyword.toUpperCase());
}

export function flagFact(keyword: string, name: string): FlagFact | undefined {
	return instructionFact(keyword)?.flags.find((flag) => flag.name === name.toLowerCase());
}

export function referenceUrl(anchor: string): string {
	return `${REFERENCE}#${anchor}`;
}

export interface MountOptionFact {
	name: string;
	doc: string;
	/** Mount types that accept it; all when absent. */
	types?: readonly string[];
	/** Written without `=value` (`readonly`). */
	boolean?: boolean;
	values?: readonly string[];
}

/** `RUN --mount` options, as commands_runmount.go parses them. */
export const MOUNT_OPTIONS: readonly MountOptionFact[] = [
	{
		name: 'type',
		doc: 'What is mounted: `bind` (default), `cache`, `tmpfs`, `secret` or `ssh`.',
		values: ['cache', 'bind', 'secret', 'ssh', 'tmpfs'],
	},
	{ name: 'target', doc: 'Where it is mounted in the container (also `dst`, `destination`).' },
	{
		name: 'source',
		doc: 'The path in `from` (bind, cache) or the file name of the secret (also `src`).',
		types: ['bind', 'cache', 'secret', 'ssh'],
	},
	{ name: 'from', doc: 'The stage or image to mount from (default: the build context).', types: ['bind', 'cache'] },
	{ name: 'id', doc: 'The id of the cache, secret or ssh agent (default: the target path).' },
	{
		name: 'sharing',
		doc: 'How parallel builds share a cache: `shared` (default), `private` or `locked`.',
		types: ['cache'],
		values: ['shared', 'private', 'locked'],
	},
	{ name: 'readonly', doc: 'Mounts read-only (also `ro`).', boolean: true },
	{ name: 'rw', doc: 'Mounts a bind read-write; writes are discarded after the command.', boolean: true },
	{ name: 'required', doc: 'Fails the build when the secret or ssh agent is missing.', boolean: true },
	{ name: 'mode', doc: 'Permission bits of the mounted cache, secret or socket (octal).', values: ['0755', '0600'] },
	{ name: 'uid', doc: 'Owner user id of the mounted cache, secret or socket.' },
	{ name: 'gid', doc: 'Owner group id of the mounted cache, secret or socket.' },
	{ name: 'size', doc: 'Size limit of the tmpfs (`64m`).', types: ['tmpfs'] },
	{ name: 'env', doc: 'Exposes the secret as this environment variable instead of a file.', types: ['secret'] },
];

/** Where package managers keep their caches: the usual `target=` of a cache mount. */
export const CACHE_TARGETS: readonly string[] = [
	'/root/.cache/pip',
	'/root/.npm',
	'/usr/local/share/.cache/yarn',
	'/root/.local/share/pnpm/store',
	'/go/pkg/mod',
	'/root/.cache/go-build',
	'/usr/local/cargo/registry',
	'/root/.m2',
	'/root/.gradle',
	'/var/cache/apt',
	'/var/lib/apt/lists',
	'/var/cache/apk',
];

const MOUNT_ALIASES: Record<string, string> = {
	dst: 'target',
	destination: 'target',
	src: 'source',
	ro: 'readonly',
	readwrite: 'rw',
};

export function mountOptionFact(name: string): MountOptionFact | undefined {
	const lower = name.toLowerCase();
	const canonical = MOUNT_ALIASES[lower] ?? lower;
	return MOUNT_OPTIONS.find((option) => option.name === canonical);
}
