import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyDepsFirst as rule } from '../../../../../server/src/core/rules/dockerfile/copy-deps-first';
import { crlf, dockerfile, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/copy-deps-first', () => {
	it('fires on an install after COPY . ., on the install, naming the manifest to copy first', () => {
		const example = marked`
			FROM node:22-alpine
			WORKDIR /app
			COPY . .
			RUN npm ci --omit=dev
			    ^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.match(finding.message, /`COPY package\*\.json \.\/` first/);
		assert.match(finding.message, /line 3/);
		assert.equal(finding.fix, undefined);
	});
	it('recognises the usual dependency installs', () => {
		for (const install of [
			'yarn install --frozen-lockfile',
			'yarn',
			'pnpm install',
			'pip install -r requirements.txt',
			'bundle install',
			'go mod download',
			'composer install --no-dev',
			'mvn -B dependency:go-offline',
			'poetry install --no-root',
		]) {
			ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD ./ /src', `RUN ${install}`), 1);
		}
	});
	it('stays silent when the manifests are copied and installed first', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM node:22-alpine',
				'WORKDIR /app',
				'COPY package*.json ./',
				'RUN npm ci',
				'COPY . .',
				'RUN npm run build',
			),
		);
	});
	it('stays silent on named packages, local builds and copies of single folders or from stages', () => {
		ruleCatchesNot(
			rule,
			dockerfile('FROM python:3.12-slim', 'COPY . .', 'RUN pip install gunicorn && pip install -e .'),
		);
		ruleCatchesNot(rule, dockerfile('FROM node:22-alpine', 'COPY src/ ./src/', 'RUN npm ci'));
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM node:22-alpine AS deps',
				'RUN true',
				'FROM node:22-alpine',
				'COPY --from=deps . .',
				'RUN npm ci',
			),
		);
	});
	it('fires once per RUN', () => {
		ruleCatches(
			rule,
			dockerfile('FROM python:3.12-slim', 'COPY . .', 'RUN pip install -r a.txt && pip install -r b.txt'),
			1,
		);
	});
	it('follows the stages a stage is built FROM, but not unrelated ones', () => {
		ruleCatches(rule, dockerfile('FROM node:22-alpine AS src', 'COPY . .', 'FROM src', 'RUN npm ci'), 1);
		ruleCatchesNot(rule, dockerfile('FROM node:22-alpine AS src', 'COPY . .', 'FROM node:22-alpine', 'RUN npm ci'));
	});
	it('works with CRLF and JSON-form COPY', () => {
		ruleCatches(rule, crlf(dockerfile('FROM golang:1.23', 'COPY [".", "/src"]', 'RUN go mod download')), 1);
	});

	it('reads a stage once for all its RUNs: 3,000 COPY and install pairs (78 KB, 2 s before)', () => {
		const pairs = Array.from({ length: 3_000 }, () => 'COPY a ./\nRUN npm install').join('\n');
		// The first 500: the finding limit.
		const findings = ruleCatches(rule, dockerfile('FROM node:22-alpine AS base', 'COPY . .', 'FROM base', pairs), 500);
		assert.ok(findings.every((finding) => /line 2\)/.test(finding.message)));
		assert.equal(findings[499].range.start.line, 3 + 2 * 499 + 1);
	});

	it('reads each stage of a chain once: 2,000 stages built on each other (found by the hostile fuzzer: a walk per stage of all it inherits)', () => {
		const chain = Array.from({ length: 2_000 }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN echo ${i}`).join('\n');
		const findings = ruleCatches(rule, dockerfile('FROM node:22-alpine AS s0', 'COPY . .', chain, 'RUN npm ci'), 1);
		assert.match(findings[0].message, /line 2\)/);
	});
});
