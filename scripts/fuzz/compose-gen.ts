import fc from 'fast-check';
import { frame, layout } from './dockerfile-gen';

/**
 * Grammar-based Compose files: a tree of services with the keys the rules read (image, build,
 * ports, volumes, environment, depends_on, healthcheck, deploy…), top-level declarations,
 * anchors, aliases and merge keys, rendered as YAML in block or flow style with two or four
 * spaces and varied quoting.
 */

export type YamlNode =
	| { type: 'scalar'; text: string }
	| { type: 'seq'; items: YamlNode[]; flow: boolean }
	| { type: 'map'; entries: Array<[string, YamlNode]>; flow: boolean; anchor?: string }
	| { type: 'alias'; name: string };

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const scalar = (values: readonly string[]): fc.Arbitrary<YamlNode> =>
	pick(values).map((text) => ({ type: 'scalar', text }));
const seq = (item: fc.Arbitrary<YamlNode>, maxLength = 3): fc.Arbitrary<YamlNode> =>
	fc.tuple(fc.array(item, { maxLength }), fc.boolean()).map(([items, flow]) => ({ type: 'seq', items, flow }));
const map = (entries: fc.Arbitrary<Array<[string, YamlNode]>>): fc.Arbitrary<YamlNode> =>
	fc
		.tuple(entries, fc.integer({ min: 0, max: 5 }))
		.map(([list, flow]) => ({ type: 'map', entries: list, flow: flow === 0 }));
const entry = (key: string, value: fc.Arbitrary<YamlNode>): fc.Arbitrary<[string, YamlNode]> =>
	value.map((node) => [key, node]);

const image = scalar([
	'nginx',
	'nginx:latest',
	'nginx:1.27',
	'postgres:16',
	'postgres',
	'redis:7-alpine',
	'mysql:5.7',
	'mongo',
	'node:14',
	'python:3.12-slim',
	'ghcr.io/x/y:1.0@sha256:' + 'b'.repeat(64),
	'"${IMAGE:-app}:${TAG}"',
	'${REGISTRY}/app',
	"'busybox'",
	'traefik:v2.10',
	'""',
	'elasticsearch:8.11.0',
	'centos:7',
]);
const port = scalar([
	'80',
	'"8080:80"',
	'8080:80',
	'"127.0.0.1:5432:5432"',
	'5432:5432',
	'"3000-3005:3000-3005"',
	'"53:53/udp"',
	'6379',
	'"${PORT:-80}:80"',
	'0:80',
	'"99999:80"',
	'"::1:80:80"',
	'22:22',
]);
const volume = scalar([
	'./data:/data',
	'data:/var/lib/postgresql/data',
	'/var/run/docker.sock:/var/run/docker.sock',
	'"./conf:/etc/nginx/conf.d:ro"',
	'logs:/logs:rw',
	'/etc/passwd:/etc/passwd',
	'undeclared:/x',
	'${HOME}/.ssh:/root/.ssh',
	'.:/app',
]);
const envEntry = scalar([
	'NODE_ENV=production',
	'POSTGRES_PASSWORD=secret',
	'API_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz',
	'DEBUG',
	'PASSWORD=${DB_PASSWORD}',
	'MYSQL_ROOT_PASSWORD=root',
	'A="quoted"',
	'"B=c"',
]);
const envValue = scalar([
	'production',
	'secret',
	'"${VAR:?required}"',
	'${UNSET}',
	'123',
	'true',
	"''",
	'$$escaped',
	'${A:-${B}}',
	'${',
	'AKIAIOSFODNN7EXAMPLE',
]);
const serviceName = pick(['web', 'db', 'cache', 'api', 'worker', 'proxy', 'db2', 'Web', 'my_app', 'x-y']);
const duration = scalar(['30s', '1m30s', '10', '5s', '"10s"', 'abc', '0s', '1h']);
const testCommand = fc.oneof(
	scalar([
		'["CMD", "curl", "-f", "http://localhost"]',
		'["CMD-SHELL", "pg_isready -U postgres"]',
		'"wget -qO- http://localhost:8080/health || exit 1"',
		'["NONE"]',
		'curl -f http://localhost/ || exit 1',
		'["CMD", "redis-cli", "ping"]',
		'["CMD", "mysqladmin", "ping", "-p$$MYSQL_ROOT_PASSWORD"]',
	]),
	seq(scalar(['CMD', 'CMD-SHELL', 'curl', '-f', 'http://localhost']), 4),
);
const healthcheck = map(
	fc
		.tuple(
			entry('test', testCommand),
			entry('interval', duration),
			entry('timeout', duration),
			entry('retries', scalar(['3', '0', '"5"', '-1'])),
			entry('start_period', duration),
			entry('disable', scalar(['true', 'false'])),
		)
		.chain((all) => fc.subarray(all, { minLength: 1 })),
);
const dependsOn = fc.oneof(
	seq(scalar(['db', 'cache', 'missing', 'web']), 3),
	map(
		fc.uniqueArray(
			fc.tuple(
				pick(['db', 'cache', 'missing']),
				map(
					fc
						.tuple(
							entry(
								'condition',
								scalar(['service_healthy', 'service_started', 'service_completed_successfully', 'bogus']),
							),
							entry('restart', scalar(['true'])),
						)
						.chain((all) => fc.subarray(all, { minLength: 1 })),
				),
			),
			{ selector: ([name]) => name, maxLength: 2 },
		),
	),
);
const build = fc.oneof(
	scalar(['.', './app', 'https://github.com/x/y.git', '../other', '""']),
	map(
		fc
			.tuple(
				entry('context', scalar(['.', './api', 'missing-dir'])),
				entry('dockerfile', scalar(['Dockerfile', 'Dockerfile.prod', 'docker/Dockerfile'])),
				entry('target', scalar(['runtime', 'build', 'nope'])),
				entry('args', seq(scalar(['A=1', 'TOKEN=secret']), 2)),
			)
			.chain((all) => fc.subarray(all, { minLength: 1 })),
	),
);
const deploy = map(
	fc
		.tuple(
			entry('replicas', scalar(['1', '3', '0', '"2"'])),
			entry(
				'resources',
				map(
					fc
						.tuple(
							entry(
								'limits',
								map(
									fc
										.tuple(
											entry('cpus', scalar(['"0.5"', '2', '0.25', 'lots'])),
											entry('memory', scalar(['512M', '1g', '2GB', '100', 'x'])),
										)
										.chain((all) => fc.subarray(all, { minLength: 1 })),
								),
							),
						)
						.map((list) => list),
				),
			),
			entry(
				'restart_policy',
				map(fc.tuple(entry('condition', scalar(['on-failure', 'any', 'none']))).map((list) => list)),
			),
		)
		.chain((all) => fc.subarray(all, { minLength: 1 })),
);
const logging = map(
	fc
		.tuple(
			entry('driver', scalar(['json-file', 'local', 'none', 'syslog'])),
			entry(
				'options',
				map(
					fc.subarray([
						['max-size', { type: 'scalar', text: '10m' }],
						['max-file', { type: 'scalar', text: '"3"' }],
					] as Array<[string, YamlNode]>),
				),
			),
		)
		.map((list) => list),
);

const serviceKeys: Array<fc.Arbitrary<[string, YamlNode]>> = [
	entry('image', image),
	entry('build', build),
	entry('ports', seq(port, 3)),
	entry('expose', seq(scalar(['80', '"3000"', '8080/tcp']), 2)),
	entry('volumes', seq(volume, 3)),
	entry(
		'environment',
		fc.oneof(
			seq(envEntry, 3),
			map(
				fc.uniqueArray(fc.tuple(pick(['NODE_ENV', 'DB_PASSWORD', 'SECRET_KEY', 'PORT', 'TOKEN']), envValue), {
					selector: ([name]) => name,
					maxLength: 3,
				}),
			),
		),
	),
	entry('env_file', scalar(['.env', '[.env, prod.env]', 'missing.env'])),
	entry('depends_on', dependsOn),
	entry('healthcheck', healthcheck),
	entry('restart', scalar(['always', 'unless-stopped', 'on-failure', 'no', '"no"', 'sometimes'])),
	entry('deploy', deploy),
	entry('logging', logging),
	entry('container_name', scalar(['app', 'db', 'app'])),
	entry('scale', scalar(['2', '1'])),
	entry('privileged', scalar(['true', 'false'])),
	entry('read_only', scalar(['true'])),
	entry('user', scalar(['"1000:1000"', 'root', '0'])),
	entry('network_mode', scalar(['host', 'none', 'bridge', 'service:db'])),
	entry('networks', seq(scalar(['front', 'back', 'undeclared']), 2)),
	entry('secrets', seq(scalar(['db_password', 'missing_secret']), 2)),
	entry('cap_add', seq(scalar(['NET_ADMIN', 'SYS_ADMIN', 'ALL']), 2)),
	entry('security_opt', seq(scalar(['no-new-privileges:true', 'seccomp:unconfined']), 2)),
	entry(
		'command',
		fc.oneof(
			scalar(['npm start', '["node", "server.js"]', '>-\n  multi line\n  command']),
			seq(scalar(['node', 'server.js']), 2),
		),
	),
	entry('mem_limit', scalar(['512m', '1g'])),
	entry(
		'extends',
		map(fc.tuple(entry('service', scalar(['base', 'web'])), entry('file', scalar(['common.yml']))).map((list) => list)),
	),
	entry('x-custom', scalar(['anything'])),
	entry('bogus_key', scalar(['1'])),
];

const service = fc
	.tuple(...serviceKeys)
	.chain((all) => fc.shuffledSubarray(all, { minLength: 0, maxLength: 7 }))
	.chain((entries) =>
		fc.tuple(fc.constant(entries), fc.option(pick(['default', 'base']), { nil: undefined }), fc.boolean()),
	)
	.map(([entries, anchor, merge]): YamlNode => {
		const list: Array<[string, YamlNode]> =
			merge && anchor === undefined ? [['<<', { type: 'alias', name: 'default' }], ...entries] : entries;
		return { type: 'map', entries: list, flow: false, anchor };
	});

const declarations = (key: string, names: readonly string[]): fc.Arbitrary<[string, YamlNode]> =>
	entry(
		key,
		map(
			fc
				.subarray([...names], { minLength: 1 })
				.map((list) =>
					list.map((name): [string, YamlNode] => [
						name,
						key === 'secrets'
							? { type: 'map', entries: [['file', { type: 'scalar', text: './secret.txt' }]], flow: false }
							: { type: 'scalar', text: '{}' },
					]),
				),
		),
	);

export const composeTree: fc.Arbitrary<YamlNode> = fc
	.tuple(
		fc.option(scalar(['"3.8"', "'2'", '3', '"3.9"']), { nil: undefined }),
		fc.option(
			map(fc.constant([['restart', { type: 'scalar', text: 'always' }]] as Array<[string, YamlNode]>)).map(
				(node) => ({ ...node, anchor: 'default' }) as YamlNode,
			),
			{ nil: undefined },
		),
		fc.uniqueArray(fc.tuple(serviceName, service), { selector: ([name]) => name, minLength: 1, maxLength: 4 }),
		fc
			.tuple(
				declarations('volumes', ['data', 'logs']),
				declarations('networks', ['front', 'back']),
				declarations('secrets', ['db_password']),
			)
			.chain((all) => fc.subarray(all)),
		fc.option(scalar(['myproject', 'My Project']), { nil: undefined }),
	)
	.map(([version, defaults, services, declared, name]) => {
		const entries: Array<[string, YamlNode]> = [];
		if (version !== undefined) entries.push(['version', version]);
		if (name !== undefined) entries.push(['name', name]);
		if (defaults !== undefined) entries.push(['x-defaults', defaults]);
		entries.push(['services', { type: 'map', entries: services, flow: false }]);
		entries.push(...declared);
		return { type: 'map', entries, flow: false };
	});

/** Renders a tree as YAML: block style with `indent` spaces, flow style where a node asks for it. */
export function renderYaml(node: YamlNode, indent: string): string[] {
	return renderBlock(node, '', indent);
}

function renderBlock(node: YamlNode, prefix: string, indent: string): string[] {
	switch (node.type) {
		case 'scalar':
		case 'alias':
			return [prefix + inline(node)];
		case 'seq':
			if (node.flow || node.items.length === 0) return [prefix + inline(node)];
			return node.items.flatMap((item) => {
				const lines =
					item.type === 'map' && !item.flow && item.entries.length > 0
						? renderBlock(item, prefix + '  ', indent)
						: [prefix + '  ' + inline(item)];
				return [`${prefix}- ${lines[0].slice(prefix.length + 2)}`, ...lines.slice(1)];
			});
		case 'map':
			if (node.flow || node.entries.length === 0) return [prefix + inline(node)];
			return node.entries.flatMap(([key, value]) => {
				const anchor = value.type === 'map' && value.anchor !== undefined ? ` &${value.anchor}` : '';
				if (isBlock(value)) return [`${prefix}${key}:${anchor}`, ...renderBlock(value, prefix + indent, indent)];
				if (value.type === 'scalar' && value.text.includes('\n')) {
					return [`${prefix}${key}: ${value.text.split('\n').join('\n' + prefix)}`];
				}
				return [`${prefix}${key}:${anchor} ${inline(value)}`];
			});
	}
}

function isBlock(node: YamlNode): boolean {
	return (
		(node.type === 'map' && !node.flow && node.entries.length > 0) ||
		(node.type === 'seq' && !node.flow && node.items.length > 0)
	);
}

function inline(node: YamlNode): string {
	switch (node.type) {
		case 'scalar':
			return node.text.includes('\n') ? JSON.stringify(node.text) : node.text;
		case 'alias':
			return `*${node.name}`;
		case 'seq':
			return `[${node.items.map(inline).join(', ')}]`;
		case 'map':
			return `${node.anchor === undefined ? '' : `&${node.anchor} `}{${node.entries.map(([key, value]) => `${key}: ${inline(value)}`).join(', ')}}`;
	}
}

const comments = pick([
	'# a comment',
	'# shipshape-ignore compose/pin-image-tag',
	'# shipshape-ignore-file compose/require-healthcheck',
	'# shipshape-ignore not/a-rule',
	'#',
	'',
]);

/** Comments dropped between lines, each at the indentation of the line below it. */
export const compose: fc.Arbitrary<string> = fc
	.tuple(composeTree, pick(['  ', '  ', '    ']), layout, fc.array(fc.tuple(fc.nat(), comments), { maxLength: 3 }))
	.map(([tree, indent, frameLayout, extra]) => {
		const lines = renderYaml(tree, indent);
		for (const [at, comment] of extra) {
			const line = at % (lines.length + 1);
			const below = lines[line] ?? '';
			lines.splice(line, 0, comment === '' ? '' : /^\s*/.exec(below)![0].replace('-', ' ') + comment);
		}
		return frame(lines, { ...frameLayout, indent: '' });
	});
