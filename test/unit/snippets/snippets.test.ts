import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { lintFile } from '../../../server/src/core/lint-file';
import type { DocumentKind, FileHost, Finding } from '../../../server/src/core/types';
import { NOW } from '../helpers';
import { expandSnippet } from './expand';

/**
 * The snippets are the guide's practice, so Shipshape itself must find nothing wrong with them:
 * every snippet, expanded with its defaults and with each other option of each choice, lints
 * without errors or warnings. Full-file snippets (`isFileTemplate`) lint as they are; a block is
 * put into a small file that is clean apart from what the block adds, and that file without the
 * block must show the finding the block is there to prevent.
 */

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const KNOWN_KEYS = new Set(['prefix', 'body', 'description', 'isFileTemplate', 'scope']);

interface SnippetEntry {
	prefix: string | string[];
	body: string | string[];
	description: string;
	isFileTemplate?: boolean;
}

type SnippetFile = Record<string, SnippetEntry>;

function readSnippets(name: string): SnippetFile {
	return JSON.parse(readFileSync(resolve(ROOT, 'snippets', name), 'utf8')) as SnippetFile;
}

const dockerfileSnippets = readSnippets('dockerfile.json');
const composeSnippets = readSnippets('compose.json');

/** The defaults, then each other option of each choice with everything else at its default. */
function variants(entry: SnippetEntry): Array<{ label: string; text: string }> {
	const base = expandSnippet(entry.body);
	const result = [{ label: 'defaults', text: base.text }];
	for (const [index, options] of base.choices) {
		for (let option = 1; option < options.length; option++) {
			result.push({
				label: `$${index} = ${options[option]}`,
				text: expandSnippet(entry.body, new Map([[index, option]])).text,
			});
		}
	}
	return result;
}

function block(entry: SnippetEntry, text: string, indent = 0): string {
	assert.ok(!entry.isFileTemplate, 'a full-file snippet is linted as it is');
	const pad = ' '.repeat(indent);
	return text
		.replace(/\n+$/, '')
		.split('\n')
		.map((line) => (line === '' ? line : pad + line))
		.join('\n');
}

// A project on disk, in memory: the compose stack builds the Node template's runtime stage.
const PROJECT = '/project';
const DOCKERIGNORE = [
	'node_modules',
	'npm-debug.log',
	'.git',
	'.gitignore',
	'README.md',
	'.env',
	'.nyc_output',
	'coverage',
	'',
].join('\n');
const DOTENV = 'POSTGRES_PASSWORD=change-me\nREDIS_PASSWORD=change-me-too\n';

function projectHost(files: Record<string, string>): FileHost {
	const all = new Map<string, string>(
		Object.entries({
			'.dockerignore': DOCKERIGNORE,
			'.env': DOTENV,
			Dockerfile: expandSnippet(dockerfileSnippets['Node.js multi-stage build']!.body).text,
			...files,
		}).map(([name, text]) => [`${PROJECT}/${name}`, text]),
	);
	return {
		readFile: (path) => all.get(path),
		exists: (path) => all.has(path) || path === PROJECT || [...all.keys()].some((file) => file.startsWith(`${path}/`)),
	};
}

function lintInProject(kind: DocumentKind, name: string, text: string): Finding[] {
	return lintFile(kind, text, { now: NOW, path: `${PROJECT}/${name}`, host: projectHost({ [name]: text }) }).findings;
}

function describeFindings(findings: readonly Finding[]): string {
	return findings
		.map((finding) => `${finding.range.start.line + 1}: ${finding.severity} ${finding.ruleId}: ${finding.message}`)
		.join('\n');
}

interface Wrapper {
	/** The file with the block in it (`undefined`: the file without it). */
	file(block: string | undefined): string;
	/** Rules that fire on the file without the block: what the block is for. */
	needs: readonly string[];
}

const ALPINE_APP = (user: string | undefined, healthcheck: string | undefined): string =>
	[
		'FROM alpine:3.23',
		'RUN apk add --no-cache dumb-init',
		'COPY app /usr/local/bin/app',
		user,
		'EXPOSE 3000',
		healthcheck,
		'ENTRYPOINT ["dumb-init", "--"]',
		'CMD ["/usr/local/bin/app"]',
		'',
	]
		.filter((line) => line !== undefined)
		.join('\n');

const NODE_APP = (init: string | undefined): string =>
	[
		'FROM node:24-alpine',
		'WORKDIR /app',
		'COPY --chown=node:node . .',
		init,
		'USER node',
		'EXPOSE 3000',
		'HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD wget -q --spider http://127.0.0.1:3000/health || exit 1',
		'CMD ["node", "index.js"]',
		'',
	]
		.filter((line) => line !== undefined)
		.join('\n');

const PYTHON_APP = (init: string | undefined): string =>
	[
		'FROM python:3.14-slim',
		'WORKDIR /app',
		'COPY . .',
		init,
		'USER nobody',
		'EXPOSE 8000',
		'HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\', timeout=5)"]',
		'CMD ["python", "-m", "app"]',
		'',
	]
		.filter((line) => line !== undefined)
		.join('\n');

const HEALTHCHECK =
	'HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD wget -q --spider http://127.0.0.1:3000/health || exit 1';

const DOCKERFILE_WRAPPERS: Record<string, Wrapper> = {
	'Non-root user (Alpine)': { file: (b) => ALPINE_APP(b, HEALTHCHECK), needs: ['dockerfile/non-root-user'] },
	'Non-root user (Debian/Ubuntu)': {
		file: (b) =>
			[
				'FROM debian:trixie-slim',
				'RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*',
				'COPY app /usr/local/bin/app',
				b,
				'EXPOSE 3000',
				HEALTHCHECK,
				'CMD ["/usr/local/bin/app"]',
				'',
			]
				.filter((line) => line !== undefined)
				.join('\n'),
		needs: ['dockerfile/non-root-user'],
	},
	'HEALTHCHECK (HTTP, BusyBox wget)': {
		file: (b) => ALPINE_APP('USER nobody', b),
		needs: ['dockerfile/require-healthcheck'],
	},
	'dumb-init entrypoint (Alpine)': { file: NODE_APP, needs: ['dockerfile/init-process'] },
	'dumb-init entrypoint (Debian/Ubuntu)': { file: PYTHON_APP, needs: ['dockerfile/init-process'] },
};

const COMPOSE_SERVICE = (
	extra: string | undefined,
	without: 'healthcheck' | 'deploy' | 'logging' | 'none' = 'none',
): string =>
	[
		'services:',
		'  app:',
		'    image: registry.example.com/app:1.0.0',
		without === 'healthcheck'
			? undefined
			: '    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:3000/health"]',
		without === 'deploy'
			? undefined
			: '    deploy:\n      resources:\n        limits:\n          cpus: "1.0"\n          memory: 512M\n        reservations:\n          cpus: "0.25"\n          memory: 128M',
		without === 'logging'
			? undefined
			: '    logging:\n      driver: json-file\n      options:\n        max-size: "10m"\n        max-file: "3"',
		'    read_only: true',
		'    cap_drop: [ALL]',
		'    security_opt: [no-new-privileges:true]',
		'    restart: unless-stopped',
		extra,
		'',
	]
		.filter((line) => line !== undefined)
		.join('\n');

const COMPOSE_WRAPPERS: Record<string, Wrapper & { indent: number }> = {
	'Compose service': { indent: 2, file: (b) => (b === undefined ? 'services: {}\n' : `services:\n${b}\n`), needs: [] },
	'PostgreSQL service': { indent: 2, file: (b) => `services:\n${b ?? ''}\nvolumes:\n  postgres_data:\n`, needs: [] },
	'Redis service': { indent: 2, file: (b) => `services:\n${b ?? ''}\nvolumes:\n  redis_data:\n`, needs: [] },
	'depends_on a healthy service': {
		indent: 4,
		file: (b) =>
			COMPOSE_SERVICE(b ?? '    depends_on:\n      - db') +
			'  db:\n    image: postgres:18-alpine\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}\n    volumes:\n      - postgres_data:/var/lib/postgresql\n' +
			'    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n    deploy:\n      resources:\n        limits:\n          cpus: "1.0"\n          memory: 1G\n' +
			'    logging:\n      driver: json-file\n      options:\n        max-size: "10m"\n        max-file: "3"\n    security_opt: [no-new-privileges:true]\n    restart: unless-stopped\nvolumes:\n  postgres_data:\n',
		needs: ['compose/depends-on-healthy'],
	},
	'x-logging anchor': {
		indent: 0,
		// Without the anchor the alias has nothing to point at: compose (and the YAML parser) reject the file.
		file: (b) =>
			`${b === undefined ? '' : `${b}\n`}${COMPOSE_SERVICE(undefined, 'logging').replace('    restart:', '    logging: *default-logging\n    restart:')}`,
		needs: ['compose/syntax'],
	},
	'Log rotation': { indent: 4, file: (b) => COMPOSE_SERVICE(b, 'logging'), needs: ['compose/log-rotation'] },
	'Resource limits and reservations': {
		indent: 4,
		file: (b) => COMPOSE_SERVICE(b, 'deploy'),
		needs: ['compose/resource-limits'],
	},
	'Service healthcheck (HTTP)': {
		indent: 4,
		file: (b) => COMPOSE_SERVICE(b, 'healthcheck'),
		needs: ['compose/require-healthcheck'],
	},
};

/**
 * Info findings a snippet may keep, with the reason. Datastore images run their entrypoint as root
 * to prepare the data directory and then drop to their own user: `cap_drop: [ALL]` and
 * `read_only: true` break that, so the datastore services keep no-new-privileges only.
 */
const ALLOWED_INFO: Record<string, Record<string, string>> = {
	'Compose stack: app, PostgreSQL and Redis': {
		'compose/container-hardening':
			'postgres and redis need their default capabilities and a writable root filesystem to start',
	},
	'PostgreSQL service': {
		'compose/container-hardening': 'the postgres entrypoint chowns the data directory and drops to the postgres user',
	},
	'Redis service': { 'compose/container-hardening': 'the redis entrypoint chowns /data and drops to the redis user' },
	'depends_on a healthy service': {
		'compose/container-hardening': "the wrapper's db service is a postgres service like the one above",
	},
};

function checkFindings(name: string, label: string, findings: readonly Finding[], seenInfo: Set<string>): void {
	const blocking = findings.filter((finding) => finding.severity !== 'info');
	assert.deepEqual(describeFindings(blocking), '', `${name} (${label}) must lint without errors or warnings`);
	const allowed = ALLOWED_INFO[name] ?? {};
	const unexpected = findings.filter((finding) => finding.severity === 'info' && allowed[finding.ruleId] === undefined);
	assert.deepEqual(describeFindings(unexpected), '', `${name} (${label}): info findings not in ALLOWED_INFO`);
	for (const finding of findings) seenInfo.add(finding.ruleId);
}

function assertNoStaleAllowances(name: string, seenInfo: ReadonlySet<string>): void {
	for (const ruleId of Object.keys(ALLOWED_INFO[name] ?? {})) {
		assert.ok(seenInfo.has(ruleId), `${name}: ALLOWED_INFO lists ${ruleId}, which no longer fires: remove it`);
	}
}

describe('snippet files', () => {
	for (const [file, snippets] of [
		['dockerfile.json', dockerfileSnippets],
		['compose.json', composeSnippets],
	] as const) {
		it(`${file}: every snippet has a prefix, a body and a description, and nothing VS Code ignores`, () => {
			assert.ok(Object.keys(snippets).length > 0);
			for (const [name, entry] of Object.entries(snippets)) {
				assert.deepEqual(
					Object.keys(entry).filter((key) => !KNOWN_KEYS.has(key)),
					[],
					`${name}: unknown keys`,
				);
				const prefixes = typeof entry.prefix === 'string' ? [entry.prefix] : entry.prefix;
				assert.ok(Array.isArray(prefixes) && prefixes.length > 0, `${name}: no prefix`);
				for (const prefix of prefixes) assert.match(prefix, /^[a-z][a-z0-9-]*$/, `${name}: prefix "${prefix}"`);
				assert.ok(
					typeof entry.description === 'string' && entry.description.trim().length > 20,
					`${name}: the description should say what the snippet is for`,
				);
				const lines = typeof entry.body === 'string' ? [entry.body] : entry.body;
				assert.ok(
					Array.isArray(lines) && lines.length > 0 && lines.every((line) => typeof line === 'string'),
					`${name}: the body is a string or a list of strings`,
				);
				assert.ok(
					entry.isFileTemplate === undefined || typeof entry.isFileTemplate === 'boolean',
					`${name}: isFileTemplate is a boolean`,
				);
				assert.doesNotThrow(() => expandSnippet(entry.body), `${name}: the body must be valid snippet syntax`);
			}
		});

		it(`${file}: prefixes are unique`, () => {
			const prefixes = Object.values(snippets).flatMap((entry) =>
				typeof entry.prefix === 'string' ? [entry.prefix] : entry.prefix,
			);
			assert.deepEqual(
				prefixes.filter((prefix, index) => prefixes.indexOf(prefix) !== index),
				[],
			);
		});

		it(`${file}: bodies indent with spaces`, () => {
			for (const [name, entry] of Object.entries(snippets)) {
				assert.ok(
					!expandSnippet(entry.body).text.includes('\t'),
					`${name}: a tab in the body (YAML rejects tabs, and Dockerfiles here use spaces)`,
				);
			}
		});
	}

	it('every block snippet has a wrapper in this test, and every wrapper a snippet', () => {
		const blocks = (snippets: SnippetFile): string[] =>
			Object.entries(snippets)
				.filter(([, entry]) => !entry.isFileTemplate)
				.map(([name]) => name)
				.sort();
		assert.deepEqual(blocks(dockerfileSnippets), Object.keys(DOCKERFILE_WRAPPERS).sort());
		assert.deepEqual(blocks(composeSnippets), Object.keys(COMPOSE_WRAPPERS).sort());
	});

	it('the templates ask for the decisions: image versions, ports and memory are tab stops or choices', () => {
		for (const name of ['Node.js multi-stage build', 'Python multi-stage build', 'Go multi-stage build']) {
			const expansion = expandSnippet(dockerfileSnippets[name]!.body);
			assert.ok(expansion.choices.size > 0, `${name}: the base image version is a choice`);
		}
		for (const name of [
			'Compose stack: app, PostgreSQL and Redis',
			'Compose service',
			'Resource limits and reservations',
		]) {
			const body = composeSnippets[name]!.body;
			const lines = typeof body === 'string' ? body.split('\n') : body;
			assert.ok(
				lines.some((line) => /memory: \$\{\d+\|/.test(line)),
				`${name}: the memory limit is a choice`,
			);
		}
		assert.ok(
			(composeSnippets['Compose service']!.body as string[]).some((line) => /image: \$\{\d+:/.test(line)),
			'the service image is a tab stop',
		);
	});
});

describe('Dockerfile snippets lint clean with Shipshape', () => {
	for (const [name, entry] of Object.entries(dockerfileSnippets)) {
		it(name, () => {
			const seenInfo = new Set<string>();
			for (const { label, text } of variants(entry)) {
				if (entry.isFileTemplate) {
					checkFindings(name, label, lintInProject('dockerfile', 'Dockerfile', text), seenInfo);
					continue;
				}
				const wrapper = DOCKERFILE_WRAPPERS[name]!;
				checkFindings(
					name,
					label,
					lintInProject('dockerfile', 'Dockerfile', wrapper.file(block(entry, text))),
					seenInfo,
				);
				const without = lintInProject('dockerfile', 'Dockerfile', wrapper.file(undefined)).map(
					(finding) => finding.ruleId,
				);
				for (const ruleId of wrapper.needs) {
					assert.ok(without.includes(ruleId), `${name}: without the snippet, the wrapper should show ${ruleId}`);
				}
			}
			assertNoStaleAllowances(name, seenInfo);
		});
	}
});

describe('the lint check is live', () => {
	it("the guide's own mistakes, put back into the Node template, are reported", () => {
		const template = expandSnippet(dockerfileSnippets['Node.js multi-stage build']!.body).text;
		const mistakes: Array<[string, string, string]> = [
			['wget -q --spider', 'curl -f', 'dockerfile/healthcheck-tool-missing'],
			['npm ci --omit=dev', 'npm ci --only=production', 'dockerfile/npm-ci'],
			['FROM node:24-alpine AS runtime', 'FROM node:18-alpine AS runtime', 'dockerfile/eol-base-image'],
			['USER appuser\n', '', 'dockerfile/non-root-user'],
		];
		for (const [good, bad, ruleId] of mistakes) {
			assert.ok(template.includes(good), `the template should contain ${JSON.stringify(good)}`);
			const findings = lintInProject('dockerfile', 'Dockerfile', template.replace(good, bad));
			assert.ok(
				findings.some((finding) => finding.ruleId === ruleId && finding.severity !== 'info'),
				`${ruleId} should report ${JSON.stringify(bad)}; got:\n${describeFindings(findings)}`,
			);
		}
	});
});

describe('compose snippets lint clean with Shipshape', () => {
	for (const [name, entry] of Object.entries(composeSnippets)) {
		it(name, () => {
			const seenInfo = new Set<string>();
			for (const { label, text } of variants(entry)) {
				if (entry.isFileTemplate) {
					checkFindings(name, label, lintInProject('compose', 'compose.yaml', text), seenInfo);
					continue;
				}
				const wrapper = COMPOSE_WRAPPERS[name]!;
				checkFindings(
					name,
					label,
					lintInProject('compose', 'compose.yaml', wrapper.file(block(entry, text, wrapper.indent))),
					seenInfo,
				);
				const without = lintInProject('compose', 'compose.yaml', wrapper.file(undefined)).map(
					(finding) => finding.ruleId,
				);
				for (const ruleId of wrapper.needs) {
					assert.ok(without.includes(ruleId), `${name}: without the snippet, the wrapper should show ${ruleId}`);
				}
			}
			assertNoStaleAllowances(name, seenInfo);
		});
	}

	it('the stack really builds the Node template: its target and health check are checked across files', () => {
		const stack = expandSnippet(composeSnippets['Compose stack: app, PostgreSQL and Redis']!.body).text;
		const wrongTarget = stack.replace('target: runtime', 'target: production');
		assert.ok(
			lintInProject('compose', 'compose.yaml', wrongTarget).some(
				(finding) => finding.ruleId === 'compose/build-target',
			),
			'a target the Dockerfile lacks must be reported',
		);
		const withCurl = stack.replace('["CMD", "wget", "-q", "--spider",', '["CMD", "curl", "-f",');
		assert.ok(
			lintInProject('compose', 'compose.yaml', withCurl).some(
				(finding) => finding.ruleId === 'compose/healthcheck-tool-missing',
			),
			'curl in the Alpine runtime must be reported',
		);
	});
});
