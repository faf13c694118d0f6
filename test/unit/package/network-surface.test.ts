import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

/**
 * No telemetry and no network beyond the Docker engine the user configured: the only module that may open a
 * connection is the engine layer (dockerode, over the unix socket or the tcp:// host of the setting). A new network
 * call anywhere else fails here and has to be argued for in review.
 */

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const NETWORK =
	/from '(?:node:)?(?:https?|net|tls|dgram|http2)'|(?<![`'"])require\('(?:node:)?(?:https?|net|tls|dgram|http2)'\)|\bfetch\(|XMLHttpRequest|new WebSocket|createTelemetryLogger|extension-telemetry|applicationinsights/;
const ENGINE_LAYER = 'client/src/containers/engine/';

function sources(folder: string): string[] {
	const found: string[] = [];
	for (const name of readdirSync(folder)) {
		const path = join(folder, name);
		if (statSync(path).isDirectory()) found.push(...sources(path));
		else if (path.endsWith('.ts')) found.push(path);
	}
	return found;
}

describe('network surface of what ships', () => {
	it('opens connections only in the Docker engine layer, and sends no telemetry', () => {
		const offenders = [...sources(join(ROOT, 'client/src')), ...sources(join(ROOT, 'server/src'))]
			.map((path) => relative(ROOT, path))
			.filter((path) => !path.startsWith(ENGINE_LAYER))
			.filter((path) => NETWORK.test(readFileSync(join(ROOT, path), 'utf8')));
		assert.deepEqual(offenders, []);
	});

	it('has no telemetry package among its dependencies', () => {
		// Everything that ships is bundled from the dev dependencies; `dependencies` stays empty (test/unit/package/npm-package.test.ts).
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
			dependencies: Record<string, string>;
			devDependencies: Record<string, string>;
		};
		assert.deepEqual(
			Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) =>
				/telemetry|analytics|insights|sentry/i.test(name),
			),
			[],
		);
	});

	it('catches a network call where it does not belong (the pattern is live)', () => {
		assert.ok(NETWORK.test("import { request } from 'node:https';"));
		assert.ok(NETWORK.test('await fetch(url)'));
		assert.ok(NETWORK.test("const https = require('https');"));
		assert.ok(!NETWORK.test("import { spawn } from 'node:child_process';"));
		// A health-check script the Dockerfile fix writes is text for the image, not a call of ours.
		assert.ok(!NETWORK.test("const script = `require('http').get(url)`;"));
	});
});
