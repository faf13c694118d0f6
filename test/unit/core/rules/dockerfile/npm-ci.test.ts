import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { npmCi as rule } from '../../../../../server/src/core/rules/dockerfile/npm-ci';
import type { FileHost } from '../../../../../server/src/core/types';
import { lintDockerfile } from '../../../../../server/src/core/dockerfile/lint';
import { crlf, dockerfile, fixOnce, lint, NOW, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

const HEAD = ['FROM node:22-alpine', 'WORKDIR /app'];

describe('dockerfile/npm-ci', () => {
	describe('npm install → npm ci', () => {
		it('fires on a project install, on `npm install`', () => {
			const example = marked`
				FROM node:22-alpine
				WORKDIR /app
				COPY package*.json ./
				RUN npm install
				    ^^^^^^^^^^^
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assertMarked(finding, example);
		});
		it('stays silent on named packages, global tools and npm ci', () => {
			ruleCatchesNot(rule, dockerfile(...HEAD, 'RUN npm install express@4 && npm install -g pm2 && npm ci'));
		});
		it('replaces install by ci when a COPY brings the lockfile in (glob or name)', () => {
			assert.equal(
				fixOnce(rule, dockerfile(...HEAD, 'COPY package*.json ./', 'RUN npm install')),
				'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n',
			);
			assert.equal(
				fixOnce(rule, dockerfile(...HEAD, 'COPY ["package.json", "package-lock.json", "./"]', 'RUN npm i')),
				'FROM node:22-alpine\nWORKDIR /app\nCOPY ["package.json", "package-lock.json", "./"]\nRUN npm ci\n',
			);
		});
		it('offers no fix when no lockfile is known to be in the image', () => {
			const [finding] = lint(rule, dockerfile(...HEAD, 'COPY package.json ./', 'RUN npm install'));
			assert.equal(finding.fix, undefined);
			assert.match(finding.message, /package-lock\.json/);
		});
		it('trusts a whole-context COPY when the lockfile sits beside the Dockerfile', () => {
			const host = (files: string[]): FileHost => ({
				exists: (path) => files.includes(path),
				readFile: () => undefined,
			});
			const text = dockerfile(...HEAD, 'COPY . .', 'RUN npm install');
			assert.notEqual(
				lint(rule, text, { path: '/work/app/Dockerfile', host: host(['/work/app/package-lock.json']) })[0].fix,
				undefined,
			);
			assert.equal(lint(rule, text, { path: '/work/app/Dockerfile', host: host([]) })[0].fix, undefined);
		});
		it('matches COPY globs as Docker does (classes), and a malformed one brings nothing in', () => {
			assert.notEqual(
				lint(rule, dockerfile(...HEAD, 'COPY package-lock.[ij]son ./', 'RUN npm install'))[0].fix,
				undefined,
			);
			const findings = lintDockerfile(dockerfile(...HEAD, 'COPY [z-a] package[.json ./', 'RUN npm install'), {
				now: NOW,
				rules: [rule],
			}).findings;
			assert.deepEqual(
				findings.map((finding) => [finding.ruleId, finding.fix]),
				[['dockerfile/npm-ci', undefined]],
			);
		});
		it('matches a hostile glob (`COPY ****************x ./`, 36.9 s before) without backtracking', () => {
			const text = dockerfile(...HEAD, `COPY ${'*'.repeat(16)}x ./`, 'RUN npm install');
			assert.equal(text.length, 75);
			const findings = lintDockerfile(text, { now: NOW, rules: [rule] }).findings;
			assert.deepEqual(
				findings.map((finding) => [finding.ruleId, finding.fix]),
				[['dockerfile/npm-ci', undefined]],
			);
		});
		it('finds the lockfile COPY once per stage, not once per RUN (2,500 installs: 7.6 s before)', () => {
			const pairs = Array.from({ length: 2500 }, () => ['COPY a ./', 'RUN npm install']).flat();
			const without = lint(rule, dockerfile(...HEAD, ...pairs));
			// The first 500: the finding limit.
			assert.equal(without.length, 500);
			assert.ok(without.every((finding) => finding.fix === undefined));
			const withLockfile = lint(rule, dockerfile(...HEAD, 'RUN npm install', 'COPY package-lock.json ./', ...pairs));
			assert.deepEqual(withLockfile.map((finding) => finding.fix !== undefined).slice(0, 3), [false, true, true]);
			assert.ok(withLockfile.slice(1).every((finding) => finding.fix !== undefined));
		});
		it('counts a lockfile copied in the stage built FROM, not in another stage', () => {
			assert.notEqual(
				lint(rule, dockerfile('FROM node:22 AS deps', 'COPY package-lock.json ./', 'FROM deps', 'RUN npm install'))[0]
					.fix,
				undefined,
			);
			assert.equal(
				lint(
					rule,
					dockerfile('FROM node:22 AS a', 'RUN npm install', 'FROM node:22 AS b', 'COPY package-lock.json ./'),
				)[0].fix,
				undefined,
			);
		});
		it('checks every stage: a build stage is still a build', () => {
			ruleCatches(
				rule,
				dockerfile(
					'FROM node:22 AS build',
					'RUN npm install',
					'FROM nginx:1.27-alpine',
					'COPY --from=build /app/dist /usr/share/nginx/html',
				),
				1,
			);
		});
	});

	describe('--only=production / --production → --omit=dev', () => {
		it('fires on the option with its own range and replaces it', () => {
			const example = marked`
				FROM node:22-alpine
				WORKDIR /app
				COPY package*.json ./
				RUN npm ci --only=production && npm cache clean --force
				           ^^^^^^^^^^^^^^^^^
			`;
			const text = example.text;
			const [finding] = ruleCatches(rule, text, 1);
			assertMarked(finding, example);
			assert.equal(
				fixOnce(rule, text),
				'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev && npm cache clean --force\n',
			);
		});
		it('covers --production and npm prune', () => {
			assert.equal(
				fixOnce(rule, dockerfile(...HEAD, 'RUN npm run build && npm prune --production')),
				'FROM node:22-alpine\nWORKDIR /app\nRUN npm run build && npm prune --omit=dev\n',
			);
		});
		it('reports both problems of `npm install --production`, each with its own fix', () => {
			const text = dockerfile(...HEAD, 'COPY package*.json ./', 'RUN npm install --production');
			ruleCatches(rule, text, 2);
			const first = fixOnce(rule, text);
			assert.equal(
				fixOnce(rule, first),
				'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n',
			);
		});
		it('leaves node 14 and older (npm 6) alone', () => {
			ruleCatchesNot(rule, dockerfile('FROM node:14-alpine', 'RUN npm ci --only=production'));
		});
		it('keeps CRLF line endings', () => {
			assert.equal(
				fixOnce(rule, crlf(dockerfile(...HEAD, 'RUN npm ci \\', '    --production'))),
				'FROM node:22-alpine\r\nWORKDIR /app\r\nRUN npm ci \\\r\n    --omit=dev\r\n',
			);
		});
	});
});
