// Where the scan lens and diagnostics go, from the server's real lens targets (server/src/core/features/lens.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageTargets } from '../../../client/src/scan/targets';
import { lensTargets } from '../../../server/src/core/features/lens';

describe('imageTargets', () => {
	it('a Dockerfile: the final FROM line and its image', () => {
		const text =
			'FROM golang:1.23 AS build\nRUN go build\n\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n';
		assert.deepEqual(imageTargets(lensTargets('dockerfile', text), text), [
			{ image: 'gcr.io/distroless/static:nonroot', line: 3 },
		]);
	});
	it('a final stage built on another stage: the root image is what ships', () => {
		const text = 'FROM python:3.12-slim AS base\nRUN pip install x\nFROM base\n';
		assert.deepEqual(imageTargets(lensTargets('dockerfile', text), text), [{ image: 'python:3.12-slim', line: 2 }]);
	});
	it('FROM scratch and an unresolved variable get no target', () => {
		for (const text of ['FROM scratch\nCOPY app /\n', 'ARG BASE\nFROM ${BASE}\n']) {
			assert.deepEqual(imageTargets(lensTargets('dockerfile', text), text), [], text);
		}
	});
	it('compose: the image: line of each service that names an image, not its key line', () => {
		const text = [
			'services:',
			'  web:',
			'    build: .',
			'    # image comes later',
			'    ports: ["8080:80"]',
			'    image: ghcr.io/org/web:1.2.3',
			'  db:',
			'    environment:',
			'      image: not-this-one',
			'    image: postgres:16-alpine',
			'  cache: {image: "redis:7"}',
			'  builder:',
			'    build: ./builder',
			'',
		].join('\n');
		assert.deepEqual(imageTargets(lensTargets('compose', text), text), [
			{ image: 'ghcr.io/org/web:1.2.3', line: 5, service: 'web' },
			{ image: 'postgres:16-alpine', line: 9, service: 'db' },
			{ image: 'redis:7', line: 10, service: 'cache' },
		]);
	});
	it('compose with CRLF line ends', () => {
		const text = 'services:\r\n  app:\r\n    image: node:22-alpine\r\n';
		assert.deepEqual(imageTargets(lensTargets('compose', text), text), [
			{ image: 'node:22-alpine', line: 2, service: 'app' },
		]);
	});
	it("looks for a service's image key in its own block only, else stays on the service line", () => {
		const text = ['services:', '  a:', '    build: .', '  b:', '    image: x'].join('\n');
		const b = lensTargets('compose', text).find((target) => target.kind === 'service' && target.name === 'b');
		assert.ok(b?.kind === 'service');
		// A target for `a` that names an image its block does not write (as a merged or extended service would).
		const a = { ...b, name: 'a', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } } };
		assert.deepEqual(imageTargets([a, b], text), [
			{ image: 'x', line: 1, service: 'a' },
			{ image: 'x', line: 4, service: 'b' },
		]);
	});
});
