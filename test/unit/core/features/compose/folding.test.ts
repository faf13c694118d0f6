import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FoldingRangeKind } from 'vscode-languageserver-types';
import { foldingRanges } from '../../../../../server/src/core/features/compose/folding';
import { TextIndex } from '../../../../../server/src/core/text';

function folds(...lines: string[]): Array<[number, number, string?]> {
	return foldingRanges(new TextIndex(lines.join('\n'))).map((range) =>
		range.kind === undefined ? [range.startLine, range.endLine] : [range.startLine, range.endLine, range.kind],
	);
}

describe('compose folding ranges', () => {
	it('folds each block to its last more-indented line, blank lines and comments inside it included', () => {
		assert.deepEqual(
			folds(
				'services:',
				'  web:',
				'    image: nginx',
				'',
				'    # port',
				'    ports:',
				'      - 80:80',
				'  db:',
				'    image: pg',
				'volumes:',
				'  data:',
			),
			[
				[0, 8],
				[1, 6],
				[5, 6],
				[7, 8],
				[9, 10],
			],
		);
	});

	it('folds a list written at its key’s indentation, and the mapping of a list item', () => {
		assert.deepEqual(
			folds('depends_on:', '- db', '- cache', 'ports:', '  - target: 80', '    published: 8080', 'x: 1'),
			[
				[0, 2],
				[3, 5],
				[4, 5],
			],
		);
	});

	it('folds runs of comments as comments, and stops blocks at a document separator', () => {
		assert.deepEqual(folds('# one', '# two', 'a:', '  b: 1', '---', 'c:', '  d: 2', '# lone'), [
			[0, 1, FoldingRangeKind.Comment],
			[2, 3],
			[5, 6],
		]);
	});

	it('folds a file that is not valid YAML yet, and a block scalar', () => {
		assert.deepEqual(
			folds('services:', '  web:', '    image: "unclosed', '    command: |', '      echo a', '      echo b'),
			[
				[0, 5],
				[1, 5],
				[3, 5],
			],
		);
	});

	it('reads a deeply nested file in one pass', () => {
		const deep = Array.from({ length: 20_000 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`);
		assert.equal(folds(...deep).length, 19_999);
	});
});
