import type { ComposeModel, Service } from '../../compose/model';
import { fitsScalar, scalarSource } from '../../compose/scalar-source';
import { serviceImage } from '../../compose/service';
import { isDockerSocket, mountCovers, serviceMounts, type VolumeMount } from '../../compose/volumes';
import { insertMapEntry } from '../../compose/yaml-edits';
import { datastoreOf } from '../../data/datastores';
import type { Fix, Rule, TextEdit } from '../../types';

/** Extensions of configuration and source files: nothing in the container should rewrite them. */
const CONFIG_FILE =
	/\.(?:conf|cfg|cnf|ini|toml|ya?ml|json|xml|properties|config|sql|sh|bash|py|rb|js|mjs|cjs|ts|lua|tmpl|template|tpl|j2|pem|crt|cert|key|htpasswd|rules|vcl|env)$/i;
/** Configuration files without an extension. */
const CONFIG_NAMES = new Set([
	'caddyfile',
	'localtime',
	'timezone',
	'hosts',
	'resolv.conf',
	'dockerfile',
	'makefile',
	'gemfile',
	'procfile',
	'nginx.conf',
	'htpasswd',
	'.htpasswd',
	'.env',
]);
/** Directories of source or configuration, by their last path segment. */
const CONFIG_DIRS = new Set([
	'src',
	'source',
	'sources',
	'lib',
	'templates',
	'conf',
	'conf.d',
	'configs',
	'sites-available',
	'sites-enabled',
	'provisioning',
	'docker-entrypoint-initdb.d',
	'initdb.d',
	'init-scripts',
	'initdb',
]);
/** Path segments that say the container writes there. */
const WRITABLE = new Set([
	'data',
	'db',
	'database',
	'databases',
	'log',
	'logs',
	'upload',
	'uploads',
	'cache',
	'tmp',
	'temp',
	'storage',
	'backup',
	'backups',
	'media',
	'state',
	'downloads',
	'files',
	'letsencrypt',
	'acme',
	'sessions',
	'output',
	'dist',
	'build',
	'node_modules',
	'vendor',
	'repositories',
	'persist',
	'persistent',
	'www-data',
]);
/**
 * Files that applications write: Traefik's certificate store, SQLite databases, logs, and package
 * manifests and lockfiles (mounted so that an install in the container updates them).
 */
const WRITTEN_FILE =
	/(?:^acme\.json$|^(?:package(?:-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|composer\.(?:json|lock)|gemfile(?:\.lock)?|poetry\.lock|pipfile(?:\.lock)?|go\.(?:mod|sum)|cargo\.lock)$|\.(?:db|sqlite3?|log|pid|lock|sock)$)/i;
/** Host system paths mounted for monitoring or devices, not source or configuration. */
const SYSTEM_PATH = /^\/(?:proc|sys|dev|run|var\/run|var\/lib|var\/log|tmp|mnt|media)(?:\/|$)/;

export const readOnlyMounts: Rule<ComposeModel> = {
	meta: {
		id: 'compose/read-only-mounts',
		scope: 'compose',
		severity: 'info',
		description: 'Mount source and configuration read-only',
		guide: 'Docker Compose for Development: Read-only source mounting; Storage Strategy',
		aliases: [],
		fixable: true,
		messages: {
			mountedWritableAt:
				'`{{source}}` is mounted writable at {{target}} in `{{service}}`: mount source and configuration read-only so the container cannot change them on the host',
		},
		docs: {
			rationale:
				"A bind mount is the host's own file: a process in the container that can write to it can change the source tree or the configuration on the host, by accident or after a compromise. Source and configuration are read, never written; `:ro` makes that a guarantee. Data directories, logs and uploads are left alone.",
			example:
				'services:\n  web:\n    image: nginx:1.27-alpine\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf\n',
			useInstead:
				'services:\n  web:\n    image: nginx:1.27-alpine\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n',
			fix: 'Appends `:ro` to the short syntax (`,ro` when it already has options such as `:z`) or adds `read_only: true` to the long syntax. An explicit `:rw` or `read_only: false` is a decision and is not reported.',
		},
	},
	perService: true,
	check({ model, report }) {
		for (const service of model.services) {
			const dataDir = datastoreDataDir(model, service);
			for (const mount of serviceMounts(model, service)) {
				if (!isWritableSourceOrConfig(mount) || (dataDir !== undefined && mountCovers(mount.target, dataDir))) continue;
				report({
					range: mount.view.range,
					messageId: 'mountedWritableAt',
					data: { source: mount.source, target: mount.target, service: service.name },
					fix: readOnlyFix(model, mount),
				});
			}
		}
	},
};

function datastoreDataDir(model: ComposeModel, service: Service): string | undefined {
	const image = serviceImage(model, service);
	return image === undefined ? undefined : datastoreOf(image.ref)?.dataDir;
}

/** A bind mount of a configuration file or a source/configuration directory, not read-only. */
function isWritableSourceOrConfig(mount: VolumeMount): boolean {
	const source = mount.source;
	if (
		mount.type !== 'bind' ||
		source === undefined ||
		mount.readOnly ||
		mount.explicitlyWritable ||
		isDockerSocket(mount)
	) {
		return false;
	}
	if (SYSTEM_PATH.test(source) && !/^\/etc\//.test(mount.target)) return false;
	const segments = [...segmentsOf(source), ...segmentsOf(mount.target)];
	if (segments.some((segment) => WRITABLE.has(segment.toLowerCase()))) return false;
	const sourceName = last(segmentsOf(source));
	const targetName = last(segmentsOf(mount.target));
	if (WRITTEN_FILE.test(targetName) || WRITTEN_FILE.test(sourceName)) return false;
	return (
		isConfigFile(sourceName) ||
		isConfigFile(targetName) ||
		CONFIG_DIRS.has(sourceName.toLowerCase()) ||
		mount.target.startsWith('/docker-entrypoint-initdb.d')
	);
}

function isConfigFile(name: string): boolean {
	return CONFIG_FILE.test(name) || CONFIG_NAMES.has(name.toLowerCase());
}

function segmentsOf(path: string): string[] {
	return path.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function last(segments: string[]): string {
	return segments[segments.length - 1] ?? '';
}

function readOnlyFix(model: ComposeModel, mount: VolumeMount): Fix | undefined {
	let edit: TextEdit | undefined;
	if (mount.long) {
		const map = mount.view.asMap()!;
		if (!map.has('read_only')) edit = insertMapEntry(model, map, ['read_only: true']);
	} else {
		const source = scalarSource(model, mount.view);
		const suffix = mount.options.length === 0 ? ':ro' : ',ro';
		if (source !== undefined && fitsScalar(model, source, suffix)) {
			const end = model.index.positionAt(source.end);
			edit = { range: { start: end, end }, newText: suffix };
		}
	}
	return edit === undefined ? undefined : { title: 'Mount read-only', edits: [edit] };
}
