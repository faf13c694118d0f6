import { IMAGES } from './images';
import type { Answers, Datastore, Detection, GenerateOptions } from './types';

/**
 * The Dockerfile for a detected project: build stages that never ship, then a `runtime` stage on a
 * minimal base, as an unprivileged user, under an init, with a health check that uses a tool the
 * runtime image has (BusyBox wget on Alpine and BusyBox, the language's own HTTP client on slim
 * Debian images, which have neither curl nor wget).
 */
export function renderDockerfile(detection: Detection, answers: Answers, options: GenerateOptions = {}): string {
	const stages = STAGES[detection.kind](detection, answers);
	const runtime = stages.runtime;
	const lines = [
		'# syntax=docker/dockerfile:1',
		...stages.build.flatMap((stage) => [...stage, '']),
		`FROM ${options.runtimeImage ?? runtime.image} AS runtime`,
		...runtime.body,
		`EXPOSE ${answers.port}`,
		'HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \\',
		`  CMD ${execForm(probe(runtime.probe, answers))}`,
		...(runtime.init ? ['ENTRYPOINT ["dumb-init", "--"]'] : []),
		`CMD ${execForm(runtime.command)}`,
		'',
	];
	return lines.join('\n');
}

/** How the runtime image can request its own health endpoint. */
export type ProbeTool = 'wget' | 'python' | 'ruby';

interface Runtime {
	image: string;
	/** The instructions between FROM and EXPOSE. */
	body: string[];
	probe: ProbeTool;
	/** dumb-init is installed and runs as PID 1 (forwarding signals, reaping children). */
	init: boolean;
	command: string[];
}

interface Stages {
	build: string[][];
	runtime: Runtime;
}

/** The health probe as an exec-form command: no shell needed, and an HTTP error fails it. */
export function probe(tool: ProbeTool, answers: Answers): string[] {
	const url = `http://127.0.0.1:${answers.port}${answers.healthPath}`;
	switch (tool) {
		case 'wget':
			return ['wget', '-q', '--spider', url];
		case 'python':
			return ['python', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=5)`];
		case 'ruby':
			return ['ruby', '-rnet/http', '-e', `exit Net::HTTP.get_response(URI('${url}')).is_a?(Net::HTTPSuccess)`];
	}
}

export function execForm(words: readonly string[]): string {
	return `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
}

const ALPINE_USER = ['    addgroup -g 1001 -S appgroup && \\', '    adduser -S appuser -u 1001 -G appgroup'];
const DEBIAN_USER = [
	'    groupadd --system --gid 1001 appgroup && \\',
	'    useradd --system --uid 1001 --gid appgroup --no-create-home --shell /usr/sbin/nologin appuser',
];
const APK_INIT_AND_USER = ['RUN apk add --no-cache dumb-init && \\', ...ALPINE_USER];
/** dumb-init (and whatever else the runtime needs) from apt, then the unprivileged user. */
function aptInitAndUser(packages: readonly string[] = []): string[] {
	return [
		'RUN apt-get update && \\',
		`    apt-get install -y --no-install-recommends ${['dumb-init', ...packages].join(' ')} && \\`,
		'    rm -rf /var/lib/apt/lists/* && \\',
		...DEBIAN_USER,
	];
}

function copyManifests(detection: Detection, into = './'): string {
	return `COPY ${detection.manifests.join(' ')} ${into}`;
}

const STAGES: Record<Detection['kind'], (detection: Detection, answers: Answers) => Stages> = {
	node: nodeStages,
	python: pythonStages,
	go: goStages,
	java: javaStages,
	dotnet: dotnetStages,
	rust: rustStages,
	ruby: rubyStages,
	static: staticStages,
};

const NODE_INSTALL = {
	npm: { production: 'npm ci --omit=dev && npm cache clean --force', all: 'npm ci', run: 'npm run' },
	pnpm: {
		production: 'corepack enable pnpm && pnpm install --frozen-lockfile --prod',
		all: 'corepack enable pnpm && pnpm install --frozen-lockfile',
		run: 'pnpm run',
	},
	yarn: {
		production: 'corepack enable yarn && yarn install --frozen-lockfile --production && yarn cache clean',
		all: 'corepack enable yarn && yarn install --frozen-lockfile',
		run: 'yarn run',
	},
} as const;

function nodeStages(detection: Detection, answers: Answers): Stages {
	const manager = detection.manager === 'pnpm' || detection.manager === 'yarn' ? detection.manager : 'npm';
	const install = NODE_INSTALL[manager];
	const build = detection.build;
	const stages: string[][] = [
		[
			"# Production dependencies only: this stage's node_modules ships.",
			`FROM ${IMAGES.node} AS dependencies`,
			'WORKDIR /app',
			copyManifests(detection),
			`RUN ${install.production}`,
		],
	];
	if (build !== undefined) {
		stages.push([
			'# Every dependency and the sources: builds the app, never ships.',
			`FROM ${IMAGES.node} AS builder`,
			'WORKDIR /app',
			copyManifests(detection),
			`RUN ${install.all}`,
			'COPY . .',
			`RUN ${install.run} ${build.script}`,
		]);
	}
	const sources =
		build === undefined
			? ['COPY --chown=appuser:appgroup . .']
			: [
					`COPY --from=builder --chown=appuser:appgroup /app/${build.output} ./${build.output}`,
					'COPY --chown=appuser:appgroup package.json ./',
				];
	return {
		build: stages,
		runtime: {
			image: IMAGES.node,
			body: [
				...APK_INIT_AND_USER,
				'WORKDIR /app',
				'ENV NODE_ENV=production',
				'COPY --from=dependencies --chown=appuser:appgroup /app/node_modules ./node_modules',
				...sources,
				'USER appuser',
			],
			probe: 'wget',
			init: true,
			command: ['node', answers.entry],
		},
	};
}

function pythonStages(detection: Detection, answers: Answers): Stages {
	const builder = ['# Dependencies into a virtualenv; add compilers here if a wheel needs building.'];
	builder.push(`FROM ${IMAGES.python} AS builder`, 'WORKDIR /app');
	switch (detection.manager) {
		case 'uv':
			builder.push(
				'RUN pip install --no-cache-dir uv',
				'ENV UV_PROJECT_ENVIRONMENT=/opt/venv',
				copyManifests(detection),
				'RUN uv sync --frozen --no-dev --no-install-project --no-cache',
			);
			break;
		case 'poetry':
			builder.push(
				'# Poetry lives in its own environment and installs into /opt/venv, which ships.',
				'RUN python -m venv /opt/poetry && \\',
				'    /opt/poetry/bin/pip install --no-cache-dir poetry && \\',
				'    python -m venv /opt/venv',
				'ENV VIRTUAL_ENV=/opt/venv',
				copyManifests(detection),
				'RUN /opt/poetry/bin/poetry install --only main --no-root --no-interaction --no-cache',
			);
			break;
		default:
			builder.push('RUN python -m venv /opt/venv', 'ENV PATH="/opt/venv/bin:$PATH"');
			if (detection.manifests.includes('requirements.txt')) {
				builder.push(copyManifests(detection), 'RUN pip install --no-cache-dir -r requirements.txt');
			} else {
				builder.push('COPY . .', 'RUN pip install --no-cache-dir .');
			}
	}
	const command = answers.entry.endsWith('.py') ? ['python', answers.entry] : ['python', '-m', answers.entry];
	return {
		build: [builder],
		runtime: {
			image: IMAGES.python,
			body: [
				...aptInitAndUser(),
				'WORKDIR /app',
				'COPY --from=builder /opt/venv /opt/venv',
				'COPY --chown=appuser:appgroup . .',
				'ENV PATH="/opt/venv/bin:$PATH" \\',
				'    PYTHONDONTWRITEBYTECODE=1 \\',
				'    PYTHONUNBUFFERED=1',
				'USER appuser',
			],
			probe: 'python',
			init: true,
			command,
		},
	};
}

function goStages(detection: Detection, answers: Answers): Stages {
	return {
		build: [
			[
				`FROM ${IMAGES.goBuild} AS builder`,
				'WORKDIR /src',
				copyManifests(detection),
				'RUN go mod download',
				'COPY . .',
				`RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ${answers.entry}`,
			],
		],
		runtime: {
			image: IMAGES.alpine,
			body: [
				'RUN apk add --no-cache ca-certificates dumb-init && \\',
				...ALPINE_USER,
				'COPY --from=builder /out/app /usr/local/bin/app',
				'USER appuser',
			],
			probe: 'wget',
			init: true,
			command: ['/usr/local/bin/app'],
		},
	};
}

function javaStages(detection: Detection): Stages {
	const maven = detection.manager === 'maven';
	const builder = maven
		? [
				`FROM ${IMAGES.mavenBuild} AS builder`,
				'WORKDIR /src',
				copyManifests(detection),
				'RUN mvn -B -q dependency:go-offline',
				'COPY . .',
				'# The application jar, not the plain or original one that build plugins leave beside it.',
				'RUN mvn -B -q -DskipTests package && \\',
				'    mkdir /out && \\',
				"    find target -maxdepth 1 -name '*.jar' ! -name 'original-*' ! -name '*-plain.jar' -exec cp {} /out/app.jar ';'",
			]
		: [
				`FROM ${IMAGES.gradleBuild} AS builder`,
				'WORKDIR /src',
				'COPY . .',
				'# The application jar, not the plain one the Spring Boot plugin leaves beside it.',
				'RUN gradle --no-daemon -x test build && \\',
				'    mkdir /out && \\',
				"    find build/libs -maxdepth 1 -name '*.jar' ! -name '*-plain.jar' -exec cp {} /out/app.jar ';'",
			];
	return {
		build: [builder],
		runtime: {
			image: IMAGES.jre,
			body: [...APK_INIT_AND_USER, 'WORKDIR /app', 'COPY --from=builder /out/app.jar ./app.jar', 'USER appuser'],
			probe: 'wget',
			init: true,
			command: ['java', '-jar', '/app/app.jar'],
		},
	};
}

function dotnetStages(detection: Detection, answers: Answers): Stages {
	const project = answers.entry;
	const assembly = detection.name ?? project.replace(/\.(cs|fs)proj$/, '');
	return {
		build: [
			[
				`FROM ${IMAGES.dotnetSdk} AS builder`,
				'WORKDIR /src',
				`COPY ${project} ./`,
				`RUN dotnet restore ${project}`,
				'COPY . .',
				`RUN dotnet publish ${project} -c Release --no-restore -o /out`,
			],
		],
		runtime: {
			image: IMAGES.dotnetRuntime,
			body: [
				'RUN apk add --no-cache dumb-init',
				'WORKDIR /app',
				'COPY --from=builder /out ./',
				`ENV ASPNETCORE_HTTP_PORTS=${answers.port}`,
				'# The unprivileged user the .NET images create (uid 1654).',
				'USER app',
			],
			probe: 'wget',
			init: true,
			command: ['dotnet', `${assembly}.dll`],
		},
	};
}

function rustStages(detection: Detection, answers: Answers): Stages {
	const locked = detection.manifests.includes('Cargo.lock') ? ' --locked' : '';
	return {
		build: [
			[
				'# A static musl binary, which runs on plain Alpine.',
				`FROM ${IMAGES.rustBuild} AS builder`,
				'RUN apk add --no-cache musl-dev',
				'WORKDIR /src',
				'COPY . .',
				`RUN cargo build --release${locked} && \\`,
				'    mkdir /out && \\',
				`    cp target/release/${answers.entry} /out/app`,
			],
		],
		runtime: {
			image: IMAGES.alpine,
			body: [
				'RUN apk add --no-cache ca-certificates dumb-init && \\',
				...ALPINE_USER,
				'COPY --from=builder /out/app /usr/local/bin/app',
				'USER appuser',
			],
			probe: 'wget',
			init: true,
			command: ['/usr/local/bin/app'],
		},
	};
}

/**
 * The pg and mysql2 gems compile against the client library's headers and load the library at run
 * time: Debian's packages for each datastore the app talks to.
 */
const RUBY_CLIENT_LIBRARIES: Partial<Record<Datastore, { build: string; run: string }>> = {
	postgres: { build: 'libpq-dev', run: 'libpq5' },
	mysql: { build: 'default-libmysqlclient-dev', run: 'libmariadb3' },
};

function rubyStages(detection: Detection, answers: Answers): Stages {
	const libraries = answers.datastores.flatMap((store) => RUBY_CLIENT_LIBRARIES[store] ?? []);
	const bundle = ['ENV BUNDLE_PATH=/usr/local/bundle \\', '    BUNDLE_WITHOUT=development:test'];
	const command =
		answers.entry === 'config.ru'
			? ['bundle', 'exec', 'rackup', '--host', '0.0.0.0', '--port', String(answers.port)]
			: ['bundle', 'exec', 'ruby', answers.entry];
	return {
		build: [
			[
				'# Gems with native extensions compile here; the compilers never ship.',
				`FROM ${IMAGES.ruby} AS builder`,
				'RUN apt-get update && \\',
				`    apt-get install -y --no-install-recommends ${['build-essential', ...libraries.map((library) => library.build)].join(' ')} && \\`,
				'    rm -rf /var/lib/apt/lists/*',
				'WORKDIR /app',
				...bundle,
				copyManifests(detection),
				'RUN bundle install --jobs 4 && \\',
				'    rm -rf /usr/local/bundle/cache',
			],
		],
		runtime: {
			image: IMAGES.ruby,
			body: [
				...aptInitAndUser(libraries.map((library) => library.run)),
				'WORKDIR /app',
				...bundle,
				'COPY --from=builder /usr/local/bundle /usr/local/bundle',
				'COPY --chown=appuser:appgroup . .',
				'USER appuser',
			],
			probe: 'ruby',
			init: true,
			command,
		},
	};
}

function staticStages(_detection: Detection, answers: Answers): Stages {
	const folder = answers.entry === '.' ? '.' : `${answers.entry}/`;
	return {
		// Nothing to build: the files are served as they are, so one stage is all there is.
		build: [],
		runtime: {
			image: IMAGES.busybox,
			body: [
				'WORKDIR /srv/www',
				`COPY ${folder} ./`,
				"# BusyBox's nobody: the files stay root's, readable, not writable.",
				'USER 65534:65534',
			],
			probe: 'wget',
			init: false,
			command: ['httpd', '-f', '-v', '-p', String(answers.port), '-h', '/srv/www'],
		},
	};
}
