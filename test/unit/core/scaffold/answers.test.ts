import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	answerProblems,
	declaredDetection,
	defaultAnswers,
	generateFiles,
	notesFor,
	openQuestions,
	parseDatastores,
} from '../../../../server/src/core/scaffold/index';

const ANSWERS = { port: 8080, entry: '.', healthPath: '/', datastores: [] };

describe('scaffold: answers and options', () => {
	it('accepts plain answers and refuses what would break a shell word or a JSON string', () => {
		assert.deepEqual(answerProblems('node', { ...ANSWERS, entry: 'dist/index.js' }), []);
		assert.equal(answerProblems('node', { ...ANSWERS, entry: 'index.js; rm -rf /' }).length, 1);
		assert.equal(answerProblems('go', { ...ANSWERS, entry: '-ldflags=x' }).length, 1);
		assert.equal(answerProblems('static', { ...ANSWERS, entry: '../secrets' }).length, 1);
		assert.equal(answerProblems('node', { ...ANSWERS, healthPath: 'health' }).length, 1);
		assert.equal(answerProblems('node', { ...ANSWERS, healthPath: "/h'); import os" }).length, 1);
		assert.equal(answerProblems('node', { ...ANSWERS, port: 70000 }).length, 1);
		assert.equal(answerProblems('node', { ...ANSWERS, port: 3.5 }).length, 1);
	});

	it('parses a datastore list', () => {
		assert.deepEqual(parseDatastores('postgres, redis,postgres'), ['postgres', 'redis']);
		assert.deepEqual(parseDatastores('none'), []);
		assert.match(parseDatastores('postgres,oracle') as string, /unknown datastore 'oracle'/);
	});

	it('asks only for what detection left open, with the kind defaults', () => {
		const detection = declaredDetection('python', 'uv');
		assert.deepEqual(detection.manifests, ['pyproject.toml', 'uv.lock']);
		assert.deepEqual(openQuestions(detection), ['port', 'entry', 'datastores']);
		assert.deepEqual(defaultAnswers(detection), { port: 8000, entry: 'app', healthPath: '/health', datastores: [] });
		assert.deepEqual(openQuestions({ ...detection, port: 5000, entry: 'main.py' }), ['datastores']);
	});

	it('replaces only the final stage image when asked', () => {
		const detection = declaredDetection('go');
		const plain = generateFiles(detection, ANSWERS)[0].content;
		const local = generateFiles(detection, ANSWERS, { runtimeImage: 'example.test/base:1' })[0].content;
		assert.equal(local, plain.replace('FROM alpine:3.23 AS runtime', 'FROM example.test/base:1 AS runtime'));
		assert.notEqual(local, plain);
	});

	it('serves a static site with BusyBox httpd on the chosen port, as nobody', () => {
		const dockerfile = generateFiles(declaredDetection('static'), { ...ANSWERS, entry: 'public', port: 9000 })[0]
			.content;
		assert.match(dockerfile, /^COPY public\/ \.\/$/m);
		assert.match(dockerfile, /^USER 65534:65534$/m);
		assert.match(dockerfile, /^CMD \["httpd", "-f", "-v", "-p", "9000", "-h", "\/srv\/www"\]$/m);
		assert.match(dockerfile, /CMD \["wget", "-q", "--spider", "http:\/\/127\.0\.0\.1:9000\/"\]/);
	});

	it('binds datastores to 127.0.0.1, on named volumes, with their passwords required', () => {
		const compose = generateFiles(declaredDetection('node'), { ...ANSWERS, datastores: ['mongo', 'redis'] })[1].content;
		assert.match(compose, /^ {6}- "127\.0\.0\.1:27017:27017"$/m);
		assert.match(compose, /^ {6}- "127\.0\.0\.1:6379:6379"$/m);
		assert.match(compose, /^volumes:\n {2}mongo_data:\n {2}redis_data:\n$/m);
		assert.match(compose, /MONGO_INITDB_ROOT_PASSWORD: \$\{MONGO_PASSWORD:\?set MONGO_PASSWORD in \.env\}/);
	});

	it('tells which variables to set and when a lock file is missing', () => {
		const notes = notesFor(
			{ ...declaredDetection('node'), manifests: ['package.json'] },
			{
				...ANSWERS,
				healthPath: '/health',
				datastores: ['redis', 'postgres'],
			},
		);
		assert.deepEqual(notes, [
			'Set POSTGRES_PASSWORD, REDIS_PASSWORD in .env (kept out of the image) or in the shell before docker compose up.',
			'No lock file: run npm install once so that package-lock.json exists; the image installs with npm ci.',
			'The health check requests /health: the app must answer it with 2xx.',
		]);
	});
});
