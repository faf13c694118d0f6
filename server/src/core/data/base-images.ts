/**
 * What well-known base images ship, as far as health probes and user creation care. Only facts
 * we are sure of are written down: a tool missing from this table is "unknown", never "absent".
 */

export type BaseFamily = 'alpine' | 'busybox' | 'debian' | 'ubuntu' | 'rhel' | 'distroless' | 'scratch' | 'unknown';

/** An interpreter the image is built around, usable as a probe when no HTTP client is present. */
export type Runtime = 'node' | 'python';

/** true: the tool is there; false: it is not; absent key: we do not know. */
export interface ToolFacts {
	curl?: boolean;
	wget?: boolean;
}

export interface OfficialImage {
	/** The distribution of the default (non-variant) tags. */
	family: BaseFamily;
	/** Default tags (`node:22`, `python:3.12-bookworm`). */
	full: ToolFacts;
	/** `-slim` tags; when not given, official slim variants have neither tool. */
	slim?: ToolFacts;
	/** `-alpine` tags; BusyBox wget is always there, curl as written here. */
	alpine?: ToolFacts;
	runtime?: Runtime;
	/** Its default command is a shell or a REPL, not a service: an image that sets no command of its own runs nothing to health-check. */
	interactive?: boolean;
	/** Starts as root and steps down to its own user (gosu/su-exec in the entrypoint), or sets a non-root USER itself. */
	nonRoot?: boolean;
}

const NEITHER: ToolFacts = { curl: false, wget: false };
/** buildpack-deps (`curl` and `scm` flavours) carries both; the full language images build on it. */
const BUILDPACK: ToolFacts = { curl: true, wget: true };
const ALPINE_WITHOUT_CURL: ToolFacts = { curl: false, wget: true };

/** Docker Hub official images, by repository name. */
export const OFFICIAL_IMAGES: Readonly<Record<string, OfficialImage>> = {
	alpine: { family: 'alpine', full: ALPINE_WITHOUT_CURL, interactive: true },
	busybox: { family: 'busybox', full: ALPINE_WITHOUT_CURL, interactive: true },
	debian: { family: 'debian', full: NEITHER, slim: NEITHER, interactive: true },
	ubuntu: { family: 'ubuntu', full: NEITHER, interactive: true },
	'buildpack-deps': { family: 'debian', full: BUILDPACK, interactive: true },
	node: {
		family: 'debian',
		full: BUILDPACK,
		slim: NEITHER,
		alpine: ALPINE_WITHOUT_CURL,
		runtime: 'node',
		interactive: true,
	},
	python: {
		family: 'debian',
		full: BUILDPACK,
		slim: NEITHER,
		alpine: ALPINE_WITHOUT_CURL,
		runtime: 'python',
		interactive: true,
	},
	golang: { family: 'debian', full: BUILDPACK, alpine: ALPINE_WITHOUT_CURL, interactive: true },
	ruby: { family: 'debian', full: BUILDPACK, slim: NEITHER, alpine: ALPINE_WITHOUT_CURL, interactive: true },
	rust: { family: 'debian', full: BUILDPACK, slim: NEITHER, interactive: true },
	perl: { family: 'debian', full: BUILDPACK, slim: NEITHER, interactive: true },
	redis: { family: 'debian', full: {}, alpine: ALPINE_WITHOUT_CURL, nonRoot: true },
	postgres: { family: 'debian', full: {}, alpine: ALPINE_WITHOUT_CURL, nonRoot: true },
	mysql: { family: 'unknown', full: {}, nonRoot: true },
	mariadb: { family: 'ubuntu', full: {}, nonRoot: true },
	mongo: { family: 'ubuntu', full: {}, nonRoot: true },
	rabbitmq: { family: 'ubuntu', full: {}, nonRoot: true },
	memcached: { family: 'debian', full: {}, nonRoot: true },
	'eclipse-temurin': { family: 'ubuntu', full: {}, interactive: true },
	openjdk: { family: 'debian', full: {}, interactive: true },
	fedora: { family: 'rhel', full: { curl: true }, interactive: true },
	centos: { family: 'rhel', full: { curl: true }, interactive: true },
	rockylinux: { family: 'rhel', full: {}, interactive: true },
	almalinux: { family: 'rhel', full: {}, interactive: true },
	amazonlinux: { family: 'rhel', full: {}, interactive: true },
	oraclelinux: { family: 'rhel', full: {}, interactive: true },
};

/** Tag words naming a Debian or Ubuntu release, for images whose default distribution we do not know. */
export const DEBIAN_CODENAMES: readonly string[] = ['trixie', 'bookworm', 'bullseye', 'buster', 'stretch', 'jessie'];
export const UBUNTU_CODENAMES: readonly string[] = ['noble', 'jammy', 'focal', 'bionic', 'xenial'];

/**
 * Well-known ports that do not speak plain HTTP (databases, queues, FastCGI, TLS) or are not the
 * service (debugger ports: node's 9229/9230, Java's 5005): no probe is written for them.
 */
export const NON_HTTP_PORTS: ReadonlySet<number> = new Set([
	21, 22, 25, 53, 110, 143, 443, 465, 587, 993, 995, 1433, 1521, 2181, 3306, 4222, 5005, 5432, 5671, 5672, 6379, 6380,
	8443, 9000, 9042, 9092, 9093, 9229, 9230, 11211, 26379, 27017, 28015,
]);
