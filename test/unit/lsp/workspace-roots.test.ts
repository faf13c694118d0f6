import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { realOrResolved } from '../../../server/src/node/project-roots';
import { WorkspaceRoots } from '../../../server/src/lsp/workspace-roots';
import { tree } from '../cli/harness';

/** The editor's workspace folders as the server's read and write roots (server/src/lsp/workspace-roots.ts). */
describe('lsp: WorkspaceRoots', () => {
	const uri = (path: string): string => pathToFileURL(path).href;

	it('reads a document inside a folder added after the first questions with every folder as its roots', () => {
		const root = tree({ 'a/compose.yaml': '', 'b/compose.yaml': '', 'c/compose.yaml': '' });
		const [a, b, c] = ['a', 'b', 'c'].map((name) => realOrResolved(join(root, name)));
		const roots = new WorkspaceRoots();
		roots.reset([{ uri: uri(a), name: 'a' }]);
		assert.deepEqual(roots.readRoots(join(a, 'compose.yaml')), [a]);
		// Outside every folder: its own folder (no .git above it in the test tree's place) is its root.
		assert.deepEqual(roots.readRoots(join(b, 'compose.yaml')), [b]);
		roots.add(uri(b));
		assert.deepEqual(roots.readRoots(join(b, 'compose.yaml')), [a, b]);
		assert.deepEqual(roots.writeRoots(join(b, 'compose.yaml')), [a, b]);
		roots.remove(uri(a));
		assert.deepEqual(roots.readRoots(join(a, 'compose.yaml')), [a]);
		assert.deepEqual(roots.readRoots(join(b, 'compose.yaml')), [b]);
		assert.deepEqual(roots.readRoots(join(c, 'compose.yaml')), [c]);
	});
});
