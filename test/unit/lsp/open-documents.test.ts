import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { fileStamp } from '../../../server/src/node/file-stamp';
import { realOrResolved } from '../../../server/src/node/project-roots';
import { OpenDocuments, type OpenDocument } from '../../../server/src/lsp/open-documents';
import { tree } from '../cli/harness';

/** The open documents the language server's lints read over the disk (server/src/lsp/open-documents.ts). */
describe('lsp: OpenDocuments', () => {
	const document = (path: string, version: number, text: string): OpenDocument => ({
		uri: pathToFileURL(path).href,
		version,
		getText: () => text,
	});

	it('finds an open document by its real path, also when the lint reads it through a link', () => {
		const root = tree({ 'a/override.yaml': 'services: {}\n' });
		symlinkSync('a/override.yaml', join(root, 'compose.override.yaml'));
		const open = [document(join(root, 'a/override.yaml'), 3, 'services:\n  db: {}\n')];
		const documents = new OpenDocuments(() => open);
		assert.equal(documents.textAt(join(realOrResolved(root), 'a/override.yaml')), 'services:\n  db: {}\n');
		assert.equal(documents.textAt(join(realOrResolved(root), 'compose.override.yaml')), undefined);
		const stamp = `open ${open[0].uri} 3`;
		assert.equal(documents.stamp(join(root, 'a/override.yaml')), stamp);
		assert.equal(documents.stamp(join(root, 'compose.override.yaml')), stamp, 'the link leads to the open document');
	});

	it('stamps a file by its disk state when no document is open at it, and changes the stamp on edit, open and close', () => {
		const root = tree({ '.env': 'TAG=1\n' });
		const path = join(root, '.env');
		const open: OpenDocument[] = [];
		const documents = new OpenDocuments(() => open);
		const onDisk = documents.stamp(path);
		assert.equal(onDisk, fileStamp(path));
		open.push(document(path, 1, 'TAG=2\n'));
		const opened = documents.stamp(path);
		assert.notEqual(opened, onDisk);
		open[0] = document(path, 2, 'TAG=3\n');
		assert.notEqual(documents.stamp(path), opened);
		open.pop();
		documents.forget(pathToFileURL(path).href);
		assert.equal(documents.stamp(path), onDisk);
	});

	it('stamps an unsaved open document read through a linked folder (found in review)', () => {
		const root = tree({ 'real/.keep': '' });
		const elsewhere = tree();
		symlinkSync(join(root, 'real'), join(elsewhere, 'link'));
		const path = join(realOrResolved(root), 'real', 'compose.override.yaml');
		const documents = new OpenDocuments(() => [document(path, 4, 'services: {}\n')]);
		assert.equal(
			documents.stamp(join(elsewhere, 'link', 'compose.override.yaml')),
			`open ${pathToFileURL(path).href} 4`,
		);
	});

	it('stamps an open document with no file on disk by its version', () => {
		const root = tree();
		const path = join(root, 'compose.override.yaml');
		const documents = new OpenDocuments(() => [document(path, 7, 'services: {}\n')]);
		assert.equal(documents.stamp(path), `open ${pathToFileURL(path).href} 7`);
		writeFileSync(join(root, 'other.yaml'), '');
		assert.equal(documents.stamp(join(root, 'other.yaml')), fileStamp(join(root, 'other.yaml')));
	});

	it('stamps a missing file without resolving its folders when no document of that name is open', () => {
		const root = tree({ 'compose.yaml': 'services: {}\n' });
		const resolved: string[] = [];
		const counting = (path: string) => {
			resolved.push(path);
			return realOrResolved(path);
		};
		const open = [document(join(root, 'compose.yaml'), 1, 'services: {}\n')];
		const documents = new OpenDocuments(() => open, counting);
		const missing = join(root, 'sub', 'compose.override.yaml');
		assert.equal(documents.stamp(missing), 'missing');
		assert.equal(documents.stamp(missing), 'missing');
		assert.deepEqual(resolved, [join(root, 'compose.yaml')], 'only the open document, once');
		// A document of that name opens (unsaved, at the missing path): now the path is resolved, and the stamp is its.
		open.push(document(missing, 2, 'services: {}\n'));
		assert.equal(documents.stamp(missing), `open ${pathToFileURL(missing).href} 2`);
	});
});
