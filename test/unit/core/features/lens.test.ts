import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lensTargets } from '../../../../server/src/core/features/lens';

const range = (line: number, start: number, endLine: number, end: number) => ({
	start: { line, character: start },
	end: { line: endLine, character: end },
});

describe('lensTargets', () => {
	it('a Dockerfile: the final FROM only, with build arguments substituted', () => {
		const text =
			'ARG NODE=22\nFROM golang:1.23 AS build\nRUN go build\nFROM node:${NODE}-alpine\nCOPY --from=build /app /app\n';
		assert.deepEqual(lensTargets('dockerfile', text), [
			{ kind: 'finalFrom', range: range(3, 0, 3, 24), image: 'node:22-alpine' },
		]);
	});

	it('a final stage built on another stage names the root image too', () => {
		const text = 'FROM python:3.12-slim AS base\nFROM base\n';
		assert.deepEqual(lensTargets('dockerfile', text), [
			{ kind: 'finalFrom', range: range(1, 0, 1, 9), image: 'base', rootImage: 'python:3.12-slim' },
		]);
	});

	it('a Dockerfile without FROM has no target', () => {
		assert.deepEqual(lensTargets('dockerfile', '# empty\n'), []);
	});

	it('each compose service with image, build and limits', () => {
		const text = [
			'services:',
			'  api:',
			'    build:',
			'      context: ./api',
			'      dockerfile: Dockerfile.prod',
			'      target: runtime',
			'    deploy:',
			'      resources:',
			'        limits:',
			"          cpus: '0.5'",
			'          memory: 256M',
			'  db:',
			'    image: postgres:${PG:-16}',
			'    mem_limit: 1g',
			'  worker:',
			'    build: .',
			'',
		].join('\n');
		assert.deepEqual(lensTargets('compose', text), [
			{
				kind: 'service',
				name: 'api',
				range: range(1, 2, 1, 5),
				build: { context: './api', dockerfile: 'Dockerfile.prod', target: 'runtime' },
				limits: { cpus: '0.5', memory: '256M' },
			},
			{ kind: 'service', name: 'db', range: range(11, 2, 11, 4), image: 'postgres:16', limits: { memory: '1g' } },
			{ kind: 'service', name: 'worker', range: range(14, 2, 14, 8), build: { context: '.' }, limits: {} },
		]);
	});
});
