import fc from 'fast-check';

/**
 * Grammar-based Dockerfiles: every instruction, the flags and forms peers and rules care about
 * (exec/shell form, heredocs, continuations, stage references, suppression comments, parser
 * directives), with realistic values and a share of broken ones.
 */

const images = [
	'alpine',
	'node',
	'python',
	'ubuntu',
	'debian',
	'nginx',
	'postgres',
	'redis',
	'golang',
	'scratch',
	'busybox',
	'centos',
	'gcr.io/distroless/static',
	'mcr.microsoft.com/dotnet/aspnet',
	'registry.example.com:5000/team/app',
	'docker.io/library/node',
	'${BASE}',
	'$IMAGE',
	'builder',
	'Node',
	'',
];
const tags = [
	'',
	':latest',
	':18',
	':22-alpine',
	':3.12-slim',
	':22.04',
	':14.04',
	':1.21-alpine3.19',
	':bookworm',
	':stretch',
	':${TAG}',
	':8-jdk',
	':',
	'@sha256:' + 'a'.repeat(64),
	':3.19@sha256:' + '0123456789abcdef'.repeat(4),
	'@sha256:abc',
];
const stageNames = ['build', 'builder', 'deps', 'runtime', 'test', 'Build', 'final', '1'];
const packages = [
	'curl',
	'ca-certificates',
	'git',
	'python3',
	'build-essential',
	'curl=7.88.1-10',
	'nginx',
	'wget',
	'vim',
	'sudo',
	'openssh-server',
	'python3-pip',
];
const paths = [
	'/app',
	'app',
	'/usr/src/app',
	'.',
	'./',
	'/',
	'/tmp/x',
	'~/x',
	'$HOME/app',
	'/opt/${NAME}',
	'C:\\app',
	'/app/',
	'"/a b"',
];
const sources = [
	'.',
	'package.json',
	'package*.json',
	'requirements.txt',
	'src/',
	'*.go',
	'go.mod go.sum',
	'https://example.com/a.tar.gz',
	'app.tar.gz',
	'--from=build /out',
	'.env',
	'id_rsa',
	'secrets.json',
];
const users = ['root', 'node', 'app', '1000', '1000:1000', '0', 'nobody:nogroup', '$USER', ''];
const ports = ['80', '8080', '443/tcp', '53/udp', '3000-3005', '0', '70000', 'abc', '${PORT}', '22', '8080/http'];
const envKeys = [
	'PATH',
	'NODE_ENV',
	'API_KEY',
	'DB_PASSWORD',
	'AWS_SECRET_ACCESS_KEY',
	'GITHUB_TOKEN',
	'HOME',
	'LANG',
	'APP_VERSION',
	'DEBIAN_FRONTEND',
];
const envValues = [
	'production',
	'hunter2',
	'"quoted value"',
	"'single'",
	'/usr/local/bin:$PATH',
	'${HOME}/bin',
	'ghp_0123456789abcdefghijklmnopqrstuvwxyz',
	'AKIAIOSFODNN7EXAMPLE',
	'',
	'noninteractive',
	'a\\ b',
];
const shellCommands = [
	'apt-get update',
	'apt-get install -y curl',
	'apt-get install -y --no-install-recommends ca-certificates',
	'apt-get upgrade -y',
	'rm -rf /var/lib/apt/lists/*',
	'apk add curl',
	'apk add --no-cache git',
	'apk upgrade',
	'yum install -y httpd',
	'yum clean all',
	'dnf install -y git',
	'zypper install -y vim',
	'pip install flask',
	'pip install --no-cache-dir -r requirements.txt',
	'pip3 install requests==2.31.0',
	'npm install',
	'npm ci --omit=dev',
	'npm install -g yarn',
	'yarn install --frozen-lockfile',
	'gem install rails',
	'go build -o /out/app ./...',
	'curl -fsSL https://example.com/install.sh | sh',
	'wget -qO- https://example.com/x | bash',
	'curl -o /tmp/x https://example.com/x',
	'cd /app',
	'cd /app && make',
	'sudo make install',
	'chmod 777 /app',
	'chown -R app:app /app',
	'useradd -m app',
	'useradd -r -u 1000 app',
	'adduser -D app',
	'ln -s /usr/bin/python3 /usr/bin/python',
	'echo "$SECRET" > /tmp/s',
	'export FOO=bar',
	'ssh-keygen -A',
	'git clone https://github.com/x/y.git',
	'mkdir -p /app/data',
	'true',
	'exit 1',
	'make -j$(nproc)',
	'set -o pipefail && curl https://x | tar xz',
	'[ -f /x ] || echo missing',
	'echo `date`',
	'for f in a b; do echo $f; done',
	'"unterminated',
	'ls -la /app; \\',
];
const flagsFor: Record<string, readonly string[]> = {
	RUN: [
		'--mount=type=cache,target=/root/.cache',
		'--mount=type=secret,id=npmrc',
		'--network=none',
		'--security=insecure',
		'--bogus',
	],
	COPY: [
		'--chown=app:app',
		'--chown=1000',
		'--from=build',
		'--from=0',
		'--from=nowhere',
		'--chmod=755',
		'--link',
		'--parents',
		'--exclude=*.md',
		'--unknown=1',
	],
	ADD: ['--chown=app', '--checksum=sha256:' + 'f'.repeat(64), '--keep-git-dir=true', '--unpack=true'],
	HEALTHCHECK: [
		'--interval=30s',
		'--timeout=5s',
		'--start-period=10s',
		'--retries=3',
		'--interval=30',
		'--timeout=abc',
		'--start-interval=1s',
	],
	FROM: ['--platform=linux/amd64', '--platform=$BUILDPLATFORM', '--platform=$TARGETPLATFORM'],
};

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const flags = (keyword: string): fc.Arbitrary<string> =>
	fc.subarray([...flagsFor[keyword]], { maxLength: 2 }).map((list) => list.map((flag) => `${flag} `).join(''));
const command = fc
	.array(pick(shellCommands), { minLength: 1, maxLength: 4 })
	.chain((commands) => pick([' && ', '; ', ' && \\\n    ', ' \\\n  && ', ' || ']).map((joint) => commands.join(joint)));
const execForm = fc
	.array(
		pick([
			'node',
			'server.js',
			'python',
			'-m',
			'flask',
			'run',
			'nginx',
			'-g',
			'daemon off;',
			'/bin/sh',
			'-c',
			'echo hi',
			'--port=80',
			'"',
			'\\u00e9',
		]),
		{ minLength: 1, maxLength: 4 },
	)
	.chain((args) =>
		pick(['json', 'single-quoted', 'unclosed', 'trailing-comma']).map((style) => {
			const quoted = args.map((arg) => (style === 'single-quoted' ? `'${arg}'` : JSON.stringify(arg)));
			if (style === 'unclosed') return `[${quoted.join(', ')}`;
			if (style === 'trailing-comma') return `[${quoted.join(', ')},]`;
			return `[${quoted.join(', ')}]`;
		}),
	);
const commandForm = fc.oneof(command, execForm);

const image = fc.tuple(pick(images), pick(tags)).map(([name, tag]) => `${name}${tag}`);
const from = fc
	.tuple(flags('FROM'), image, fc.option(pick(stageNames), { nil: undefined }), pick(['AS', 'as', 'As']))
	.map(([flag, ref, stage, as]) => `FROM ${flag}${ref}${stage === undefined ? '' : ` ${as} ${stage}`}`);
const heredoc = fc
	.tuple(
		pick(['EOF', 'SCRIPT', '"EOF"', '-EOT']),
		fc.array(pick(shellCommands), { minLength: 0, maxLength: 3 }),
		fc.boolean(),
	)
	.map(([marker, lines, closed]) => {
		const name = marker.replace(/^-/, '').replace(/"/g, '');
		return `RUN <<${marker}\n${lines.join('\n')}${closed ? `\n${name}` : ''}`;
	});
const run = fc.oneof(
	{ weight: 4, arbitrary: fc.tuple(flags('RUN'), commandForm).map(([flag, body]) => `RUN ${flag}${body}`) },
	{ weight: 1, arbitrary: heredoc },
	{
		weight: 1,
		arbitrary: fc
			.array(pick(packages), { minLength: 1, maxLength: 4 })
			.chain((list) =>
				pick(['apt-get install -y', 'apt-get install', 'apk add', 'pip install', 'npm install -g']).map(
					(tool) => `RUN ${tool} ${list.join(' ')}`,
				),
			),
	},
);
const copy = fc
	.tuple(
		pick(['COPY', 'ADD', 'copy']),
		fc.boolean(),
		fc.array(pick(sources), { minLength: 1, maxLength: 3 }),
		pick(paths),
	)
	.chain(([keyword, withFlags, from, to]) =>
		(withFlags ? flags(keyword.toUpperCase() === 'ADD' ? 'ADD' : 'COPY') : fc.constant('')).map(
			(flag) => `${keyword} ${flag}${from.join(' ')} ${to}`,
		),
	);
const env = fc
	.tuple(pick(['ENV', 'ARG']), pick(envKeys), pick(envValues), pick(['=', ' ', '=']))
	.map(([keyword, name, value, sep]) =>
		keyword === 'ARG' && value === '' ? `ARG ${name}` : `${keyword} ${name}${sep}${value}`,
	);
const expose = fc.array(pick(ports), { minLength: 1, maxLength: 3 }).map((list) => `EXPOSE ${list.join(' ')}`);
const user = pick(users).map((name) => `USER ${name}`);
const workdir = pick(paths).map((path) => `WORKDIR ${path}`);
const cmd = fc.tuple(pick(['CMD', 'ENTRYPOINT']), commandForm).map(([keyword, body]) => `${keyword} ${body}`);
const healthcheck = fc.oneof(
	fc
		.tuple(
			flags('HEALTHCHECK'),
			pick([
				'curl -f http://localhost/ || exit 1',
				'wget -q --spider http://localhost:8080/health',
				'["CMD", "curl", "-f", "http://localhost:3000"]',
				'node healthcheck.js',
				'pg_isready',
			]),
		)
		.map(([flag, test]) => `HEALTHCHECK ${flag}CMD ${test}`),
	fc.constant('HEALTHCHECK NONE'),
	fc.constant('HEALTHCHECK'),
);
const label = fc
	.array(
		fc.tuple(
			pick(['maintainer', 'org.opencontainers.image.source', 'version', 'description', 'a b']),
			pick(['"me@example.com"', 'https://github.com/x/y', '1.0', '"multi word"', '']),
		),
		{ minLength: 1, maxLength: 3 },
	)
	.map((pairs) => `LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
const other = pick([
	'MAINTAINER someone <me@example.com>',
	'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
	'SHELL /bin/bash',
	'STOPSIGNAL SIGTERM',
	'STOPSIGNAL 9',
	'VOLUME /data',
	'VOLUME ["/var/lib/data"]',
	'ONBUILD RUN npm install',
	'ONBUILD ONBUILD RUN x',
	'FROMM alpine',
	'RUN',
	'COPY',
	'FROM',
	'ENV',
	'ARG',
	'   ',
	'\\',
	'RUN echo a \\\n\n    echo b',
	'RUN apt-get update && \\\n    # a comment inside\n    apt-get install -y curl',
	'COPY --from=build /app/dist /usr/share/nginx/html',
	'ENTRYPOINT ["/sbin/tini", "--"]',
	'USER root\nRUN id',
]);
const comment = pick([
	'# a comment',
	'# hadolint ignore=DL3008',
	'# hadolint ignore=DL3008,DL3009',
	'# hadolint global ignore=DL3007',
	'# hadolint stage ignore=DL3006',
	'# hadolint ignore=XX1',
	'# shipshape-ignore dockerfile/pin-base-image',
	'# shipshape-ignore dockerfile/apt-hygiene, dockerfile/non-root-user -- reason',
	'# shipshape-ignore-file dockerfile/require-healthcheck',
	'# shipshape-ignore not/a-rule',
	'# shipshape-ignore',
	'# check=skip=JSONArgsRecommended',
	'#',
	'',
]);
const directive = pick([
	'# syntax=docker/dockerfile:1',
	'# syntax=docker/dockerfile:1.7-labs',
	'# escape=`',
	'# escape=\\',
	'# check=skip=all',
	'# check=error=true',
	'#syntax = x',
]);

const instruction = fc.oneof(
	{ weight: 3, arbitrary: run },
	{ weight: 2, arbitrary: copy },
	{ weight: 2, arbitrary: from },
	{ weight: 1, arbitrary: env },
	{ weight: 1, arbitrary: expose },
	{ weight: 1, arbitrary: user },
	{ weight: 1, arbitrary: workdir },
	{ weight: 1, arbitrary: cmd },
	{ weight: 1, arbitrary: healthcheck },
	{ weight: 1, arbitrary: label },
	{ weight: 1, arbitrary: other },
	{ weight: 2, arbitrary: comment },
);

/** How the lines are joined and the file framed: line endings, indentation, BOM, final newline. */
export interface Layout {
	eol: string;
	indent: string;
	bom: boolean;
	finalNewline: boolean;
}

export const layout: fc.Arbitrary<Layout> = fc.record({
	eol: pick(['\n', '\n', '\r\n', 'mixed']),
	indent: pick(['', '', '', '  ', '\t']),
	bom: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
	finalNewline: fc.integer({ min: 0, max: 4 }).map((n) => n !== 0),
});

export function frame(lines: readonly string[], { eol, indent, bom, finalNewline }: Layout): string {
	const split = lines.flatMap((line) => line.split('\n')).map((line) => indent + line);
	const body = split
		.map((line, i) => (i === split.length - 1 ? line : line + (eol === 'mixed' ? (i % 3 === 0 ? '\r\n' : '\n') : eol)))
		.join('');
	const ending = eol === 'mixed' ? '\n' : eol;
	return `${bom ? '\uFEFF' : ''}${body}${finalNewline && body !== '' ? ending : ''}`;
}

export const dockerfileLines = fc
	.tuple(fc.array(directive, { maxLength: 2 }), from, fc.array(instruction, { maxLength: 24 }))
	.map(([directives, first, rest]) => [...directives, first, ...rest]);

export const dockerfile: fc.Arbitrary<string> = fc
	.tuple(dockerfileLines, layout)
	.map(([lines, layout]) => frame(lines, layout));
