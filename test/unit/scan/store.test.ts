import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport } from '../../../client/src/scan/model';
import { ScanStore, type ImageLocation } from '../../../client/src/scan/store';

const at = (uri: string, line: number): ImageLocation => ({ uri, line, startCharacter: 0, endCharacter: 10 });

describe('ScanStore', () => {
	it('keeps one scan per image (familiar and qualified names are one image) and tells listeners', () => {
		const store = new ScanStore();
		let changes = 0;
		store.onDidChange(() => changes++);
		store.set(buildReport('node:22-alpine', 'trivy', []), [
			at('file:///a/Dockerfile', 3),
			at('file:///a/Dockerfile', 3),
		]);
		store.set(buildReport('docker.io/library/node:22-alpine', 'grype', []), [at('file:///a/Dockerfile', 3)]);
		store.set(buildReport('redis:7', 'trivy', []), []);
		assert.deepEqual(
			store.all().map((scan) => `${scan.report.image} ${scan.report.scanner} ${scan.locations.length}`),
			['docker.io/library/node:22-alpine grype 1', 'redis:7 trivy 0'],
		);
		assert.equal(changes, 3);
		store.clear();
		assert.ok(store.isEmpty);
		assert.equal(changes, 4);
		store.clear();
		assert.equal(changes, 4, 'clearing an empty store changes nothing');
	});
	it("relocate moves one document's lines and leaves the others", () => {
		const store = new ScanStore();
		store.set(buildReport('node:22-alpine', 'trivy', []), [
			at('file:///a/Dockerfile', 3),
			at('file:///b/compose.yaml', 5),
		]);
		let changes = 0;
		store.onDidChange(() => changes++);
		store.relocate('file:///a/Dockerfile', (image) =>
			image === 'node:22-alpine' ? [at('file:///a/Dockerfile', 7)] : [],
		);
		assert.deepEqual(
			store.all()[0]?.locations.map((l) => `${l.uri}:${l.line}`),
			['file:///a/Dockerfile:7', 'file:///b/compose.yaml:5'],
		);
		store.relocate('file:///a/Dockerfile', () => [at('file:///a/Dockerfile', 7)]);
		assert.equal(changes, 1, 'an unchanged place fires nothing');
	});
});
