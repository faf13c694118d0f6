import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCompose } from '../../../../server/src/core/compose/model';
import {
	appendSequenceItem,
	declareTopLevel,
	insertMapEntry,
	removeMapEntry,
	replaceScalar,
} from '../../../../server/src/core/compose/yaml-edits';
import { applyEdits } from '../../../../server/src/core/fixes';
import type { TextEdit } from '../../../../server/src/core/types';

function apply(text: string, edit: TextEdit | undefined): string {
	assert.ok(edit, 'an edit was expected');
	const model = parseCompose(text);
	const result = applyEdits(model.index, [edit]);
	assert.deepEqual(parseCompose(result).problems, [], `the result must parse:\n${result}`);
	return result;
}

describe('YAML edits', () => {
	it('appends an entry to a service, at its key indentation, comments kept', () => {
		const text =
			'services:\n  web:\n    image: nginx # pinned below\n    ports:\n      - "80:80"\n  # the database\n  db:\n    image: postgres\n';
		const model = parseCompose(text);
		const edit = insertMapEntry(model, model.services[0].view, ['restart: unless-stopped']);
		assert.equal(
			apply(text, edit),
			'services:\n  web:\n    image: nginx # pinned below\n    ports:\n      - "80:80"\n    restart: unless-stopped\n  # the database\n  db:\n    image: postgres\n',
		);
	});
	it('appends after a last item that is null with a comment, not on the next key line', () => {
		// yaml ends such a sequence after the next line's indentation; the entry belongs to `web`, not to `db`.
		const text = 'services:\n  web:\n    image: nginx\n    tmpfs:\n    - # none yet\n  db:\n    image: postgres\n';
		const model = parseCompose(text);
		const edit = insertMapEntry(model, model.services[0].view, ['init: true']);
		assert.ok(edit);
		assert.equal(
			applyEdits(model.index, [edit]),
			'services:\n  web:\n    image: nginx\n    tmpfs:\n    - # none yet\n    init: true\n  db:\n    image: postgres\n',
		);
	});
	it('re-indents nested lines to the file unit (4 spaces) and keeps CRLF', () => {
		const text = 'services:\r\n    web:\r\n        image: nginx\r\n';
		const model = parseCompose(text);
		const edit = insertMapEntry(model, model.services[0].view, [
			'logging:',
			'  driver: json-file',
			'  options:',
			'    max-size: "10m"',
		]);
		assert.equal(
			apply(text, edit),
			'services:\r\n    web:\r\n        image: nginx\r\n        logging:\r\n            driver: json-file\r\n            options:\r\n                max-size: "10m"\r\n',
		);
	});
	it('adds no entry to a mapping whose first key carries an anchor or a tag, whose column it cannot tell (found by the fuzzer)', () => {
		for (const text of ['services:\n :\n  &a : s\n', 'services:\n  web:\n    !!str image: nginx\n']) {
			const model = parseCompose(text);
			assert.equal(insertMapEntry(model, model.services[0].view, ['init: true']), undefined, text);
		}
		const listed = 'x-list:\n  - name: a\n    value: b\nservices: {}\n';
		const model = parseCompose(listed);
		const item = model.root!.get('x-list')!.items()[0].asMap()!;
		assert.equal(
			apply(listed, insertMapEntry(model, item, ['init: true'])),
			'x-list:\n  - name: a\n    value: b\n    init: true\nservices: {}\n',
		);
	});
	it('works on the last line of a file without a final newline', () => {
		const text = 'services:\n  web:\n    image: nginx';
		const model = parseCompose(text);
		assert.equal(
			apply(text, insertMapEntry(model, model.services[0].view, ['init: true'])),
			'services:\n  web:\n    image: nginx\n    init: true',
		);
	});
	it('adds no entry after a value that a comment line separates from its key (yaml would read a key spanning lines)', () => {
		const separated = parseCompose('services:\n  web:\n    image:\n# note\n      nginx\n');
		assert.equal(insertMapEntry(separated, separated.services[0].view, ['restart: unless-stopped']), undefined);
		const text = 'services:\n  web:\n    image:\n      nginx\n';
		const model = parseCompose(text);
		assert.equal(
			apply(text, insertMapEntry(model, model.services[0].view, ['restart: unless-stopped'])),
			'services:\n  web:\n    image:\n      nginx\n    restart: unless-stopped\n',
		);
		// A block mapping below a comment is read as written: the entry goes after it.
		const block = 'services:\n  web:\n    healthcheck:\n      # why\n      test: ["CMD", "true"]\n';
		const blockModel = parseCompose(block);
		assert.equal(
			apply(block, insertMapEntry(blockModel, blockModel.services[0].view, ['restart: unless-stopped'])),
			`${block}    restart: unless-stopped\n`,
		);
	});
	it('refuses flow maps and maps reached through an alias', () => {
		const flow = parseCompose('services:\n  web: {image: nginx}\n');
		assert.equal(insertMapEntry(flow, flow.services[0].view, ['init: true']), undefined);
		const aliased = parseCompose('x: &x\n  image: nginx\nservices:\n  web: *x\n');
		assert.equal(insertMapEntry(aliased, aliased.services[0].view, ['init: true']), undefined);
	});
	it('replaces scalars keeping their quotes', () => {
		const text = 'services:\n  a:\n    image: "node:16"\n  b:\n    image: \'redis:6\'\n  c:\n    image: mongo:4\n';
		const model = parseCompose(text);
		const edits = model.services.map((service, i) =>
			replaceScalar(model, service.view.get('image')!, ['node:20', 'redis:7', 'mongo:7'][i]),
		);
		assert.equal(
			applyEdits(model.index, edits as TextEdit[]),
			'services:\n  a:\n    image: "node:20"\n  b:\n    image: \'redis:7\'\n  c:\n    image: mongo:7\n',
		);
	});
	it('removes an entry with its nested lines', () => {
		const text = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n';
		const model = parseCompose(text);
		assert.equal(apply(text, removeMapEntry(model, model.root!, 'version')), 'services:\n  web:\n    image: nginx\n');
	});
	it('removes no first entry whose removal would turn a U+FEFF on the next line into a BOM (found by the fuzzer)', () => {
		const text = 'version:\n\uFEFF:';
		assert.equal(removeMapEntry(parseCompose(text), parseCompose(text).root!, 'version'), undefined);
		const later = 'services: {}\nversion:\n\uFEFF:';
		assert.ok(removeMapEntry(parseCompose(later), parseCompose(later).root!, 'version'));
	});
	it('removes no entry that leaves a U+FEFF line before any document content, past blank, comment and directive lines', () => {
		// yaml strips a U+FEFF that starts a line while no document has begun: `vrsion` below lost its first character.
		for (const text of [
			'version:\n\n\uFEFFvrsion:',
			'# compose\n\nversion: "3"\n# old\n\uFEFFservices: {}',
			'\uFEFF\n# top\nversion: "3"\n  \n# a comment\n\uFEFFx-a: 1',
		]) {
			const model = parseCompose(text);
			assert.equal(removeMapEntry(model, model.root!, 'version'), undefined, JSON.stringify(text));
		}
		// Inside a document, or with content before the U+FEFF line, it stays a character: the entry goes.
		for (const text of [
			'x-a: 1\nversion: "3"\n\uFEFFb: 2',
			'version: "3"\nb: 1\n\uFEFFc: 2',
			'---\nversion: "3"\n\uFEFFb: 2',
		]) {
			const model = parseCompose(text);
			assert.ok(removeMapEntry(model, model.root!, 'version'), JSON.stringify(text));
		}
	});
	it('appends to block and flow sequences in their style', () => {
		const text = 'services:\n  web:\n    cap_drop: [NET_RAW]\n    ports:\n      - "80:80"\n';
		const model = parseCompose(text);
		const web = model.services[0].view;
		assert.equal(
			apply(text, appendSequenceItem(model, web.get('cap_drop')!, 'ALL')),
			'services:\n  web:\n    cap_drop: [NET_RAW, ALL]\n    ports:\n      - "80:80"\n',
		);
		assert.equal(
			apply(text, appendSequenceItem(model, web.get('ports')!, '"443:443"')),
			'services:\n  web:\n    cap_drop: [NET_RAW]\n    ports:\n      - "80:80"\n      - "443:443"\n',
		);
	});
	it('declares a top-level volume: in an existing section, an empty one, or a new one', () => {
		const existing = 'services:\n  db:\n    image: postgres\nvolumes:\n  cache:\n';
		let model = parseCompose(existing);
		assert.equal(
			apply(existing, declareTopLevel(model, 'volumes', 'db_data')),
			'services:\n  db:\n    image: postgres\nvolumes:\n  cache:\n  db_data:\n',
		);
		const empty = 'services:\n  db:\n    image: postgres\nvolumes:\n';
		model = parseCompose(empty);
		assert.equal(
			apply(empty, declareTopLevel(model, 'volumes', 'db_data')),
			'services:\n  db:\n    image: postgres\nvolumes:\n  db_data:\n',
		);
		const flow = 'services:\n  db:\n    image: postgres\nvolumes: {}\n';
		model = parseCompose(flow);
		assert.equal(
			apply(flow, declareTopLevel(model, 'volumes', 'db_data')),
			'services:\n  db:\n    image: postgres\nvolumes:\n  db_data:\n',
		);
		const none = 'services:\n  db:\n    image: postgres\n';
		model = parseCompose(none);
		assert.equal(
			apply(none, declareTopLevel(model, 'volumes', 'db_data')),
			'services:\n  db:\n    image: postgres\n\nvolumes:\n  db_data:\n',
		);
	});
	it('declares a top-level volume at the column of the root keys when they are indented (found by the fuzzer)', () => {
		const none = ' services:\n  db:\n   volumes: [gs:/]';
		let model = parseCompose(none);
		assert.equal(
			apply(none, declareTopLevel(model, 'volumes', 'gs')),
			' services:\n  db:\n   volumes: [gs:/]\n\n volumes:\n   gs:',
		);
		const empty = ' services:\n  db:\n   volumes: [gs:/]\n volumes:\n';
		model = parseCompose(empty);
		assert.equal(
			apply(empty, declareTopLevel(model, 'volumes', 'gs')),
			' services:\n  db:\n   volumes: [gs:/]\n volumes:\n   gs:\n',
		);
	});
	it('quotes a declared name that YAML would read as something else than that string', () => {
		const text = 'services:\n  db:\n    image: postgres\n';
		const names = ['data', 'tRUE', 'a.b-c_d', 'True', 'NULL', 'false', '3', '1e3', '.inf', '~', 'y'];
		const result = apply(text, declareTopLevel(parseCompose(text), 'volumes', names));
		assert.equal(
			result,
			'services:\n  db:\n    image: postgres\n\nvolumes:\n  data:\n  tRUE:\n  a.b-c_d:\n  "True":\n  "NULL":\n  "false":\n  "3":\n  "1e3":\n  ".inf":\n  "~":\n  y:\n',
		);
		assert.deepEqual(parseCompose(result).root?.get('volumes')?.asMap()?.keys(), names);
	});
});
