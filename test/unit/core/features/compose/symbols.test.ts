import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { parseCompose } from '../../../../../server/src/core/compose/model';
import { documentSymbols } from '../../../../../server/src/core/features/compose/symbols';

/** name (kind) and children, for comparing trees by hand. */
function outline(symbols: readonly DocumentSymbol[] | undefined): unknown[] {
	return (symbols ?? []).map((symbol) =>
		symbol.children === undefined ? symbol.name : { [symbol.name]: outline(symbol.children) },
	);
}

const text = [
	'name: shop',
	'x-defaults: &defaults',
	'  restart: always',
	'services:',
	'  web:',
	'    <<: *defaults',
	'    image: nginx',
	'    depends_on: [db]',
	'  db:',
	'    image: postgres',
	'networks:',
	'  front: {}',
	'volumes:',
	'  data:',
	'secrets:',
	'  token:',
	'    file: ./token.txt',
	'configs:',
	'  site:',
	'    file: ./site.conf',
	'models:',
	'  llm:',
	'    model: ai/smollm2',
	'',
].join('\n');

describe('compose document symbols', () => {
	it('is worked out once per parsed version: asked again, the same answer; a new parse, a new one', () => {
		const text = 'services:\n  web:\n    image: nginx:1.27\n';
		const model = parseCompose(text);
		const first = documentSymbols(model);
		assert.equal(documentSymbols(model), first);
		const again = documentSymbols(parseCompose(text));
		assert.notEqual(again, first);
		assert.deepEqual(again, first);
	});
	it('lists the top-level keys, the entries of each section and a service’s keys', () => {
		assert.deepEqual(outline(documentSymbols(parseCompose(text))), [
			'name',
			'x-defaults',
			{ services: [{ web: ['<<', 'image', 'depends_on'] }, { db: ['image'] }] },
			{ networks: ['front'] },
			{ volumes: ['data'] },
			{ secrets: ['token'] },
			{ configs: ['site'] },
			{ models: ['llm'] },
		]);
	});

	it('gives each kind of entry its own symbol kind, and shows an anchor in the detail', () => {
		const symbols = documentSymbols(parseCompose(text));
		const kinds = Object.fromEntries(symbols.map((symbol) => [symbol.name, symbol.children?.[0]?.kind ?? symbol.kind]));
		assert.deepEqual(kinds, {
			name: SymbolKind.Property,
			'x-defaults': SymbolKind.Variable,
			services: SymbolKind.Class,
			networks: SymbolKind.Interface,
			volumes: SymbolKind.Struct,
			secrets: SymbolKind.Key,
			configs: SymbolKind.Object,
			models: SymbolKind.Module,
		});
		assert.equal(symbols[1].detail, '&defaults');
		assert.equal(symbols[2].children?.[0].detail, 'service');
	});

	it('spans a service from its key to the end of its value, and selects the key', () => {
		const web = documentSymbols(parseCompose(text))[2].children![0];
		assert.deepEqual(web.selectionRange, { start: { line: 4, character: 2 }, end: { line: 4, character: 5 } });
		assert.deepEqual(web.range.start, { line: 4, character: 2 });
		assert.equal(web.range.end.line, 8);
	});

	it('outlines every document of a multi-document file, and what yaml recovers from a broken one', () => {
		assert.deepEqual(outline(documentSymbols(parseCompose('services:\n  a: {}\n---\nservices:\n  b: {}\n'))), [
			{ services: ['a'] },
			{ services: ['b'] },
		]);
		// An unclosed flow list: yaml still recovers both services.
		assert.deepEqual(
			outline(documentSymbols(parseCompose('services:\n  web:\n    image: nginx\n  db:\n    image: [pg\n'))),
			[{ services: [{ web: ['image'] }, { db: ['image'] }] }],
		);
	});

	it('shows control characters in names escaped, and nothing for a file that is not a mapping', () => {
		assert.equal(documentSymbols(parseCompose('"a\\u0007b\\nc": 1\n'))[0].name, 'a\\x07b\\x0ac');
		assert.deepEqual(documentSymbols(parseCompose('- a\n- b\n')), []);
		assert.deepEqual(documentSymbols(parseCompose('')), []);
	});
});
