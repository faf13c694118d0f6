import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import type { LensTarget } from '../../server/src/protocol';
import { startServer, type TestServer } from './lsp-client';

describe('language server: document links and shipshape/lensTargets over stdio', () => {
	let server: TestServer;
	const compose = 'file:///work/links/compose.yaml';
	const composeText =
		'services:\n  web:\n    build:\n      context: ./app\n      target: runtime\n    env_file: web.env\n    volumes: [./static:/srv]\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n  db:\n    image: postgres:17\n';
	const dockerfile = 'file:///work/links/Dockerfile';
	const dockerfileText = 'FROM node:22-alpine AS build\nRUN npm ci\nFROM build\nCMD ["node", "a.js"]\n';

	before(async () => {
		server = await startServer();
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: compose, languageId: 'yaml', version: 1, text: composeText },
		});
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 1, text: dockerfileText },
		});
	});

	after(async () => {
		await server.stop();
	});

	it('links the build context, env_file and a bind mount of a compose file to files beside it, an image to its page', async () => {
		const links = await server.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', {
			textDocument: { uri: compose },
		});
		assert.deepEqual(links.map((link) => link.target).sort(), [
			'file:///work/links/app',
			'file:///work/links/static',
			'file:///work/links/web.env',
			'https://hub.docker.com/_/postgres',
		]);
		const context = links.find((link) => link.target === 'file:///work/links/app');
		assert.deepEqual(context?.range, { start: { line: 3, character: 15 }, end: { line: 3, character: 20 } });
	});

	it('returns each compose service for the lenses', async () => {
		const targets = await server.connection.sendRequest<LensTarget[]>('shipshape/lensTargets', {
			textDocument: { uri: compose },
		});
		assert.deepEqual(
			targets.map((target) => (target.kind === 'service' ? target.name : target.kind)),
			['web', 'db'],
		);
		const web = targets[0];
		assert.ok(web.kind === 'service');
		assert.deepEqual(web.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
		assert.deepEqual(web.build, { context: './app', target: 'runtime' });
		assert.equal(web.limits.memory, '256M');
		assert.ok(targets[1].kind === 'service' && targets[1].image === 'postgres:17');
	});

	it('returns the final FROM of a Dockerfile, with the image at the root of its stage chain', async () => {
		const targets = await server.connection.sendRequest<LensTarget[]>('shipshape/lensTargets', {
			textDocument: { uri: dockerfile },
		});
		assert.equal(targets.length, 1);
		const [final] = targets;
		assert.ok(final.kind === 'finalFrom');
		assert.equal(final.range.start.line, 2);
		assert.equal(final.image, 'build');
		assert.equal(final.rootImage, 'node:22-alpine');
	});

	it('returns no targets for a document it does not know', async () => {
		assert.deepEqual(
			await server.connection.sendRequest('shipshape/lensTargets', {
				textDocument: { uri: 'file:///work/links/README.md' },
			}),
			[],
		);
	});
});
