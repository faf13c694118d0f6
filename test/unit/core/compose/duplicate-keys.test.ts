import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { documentIndex } from '../../../../server/src/core/compose/document-index';
import {
	MAX_YAML_DEPTH,
	parseWithUniqueKeys,
	parseYamlDocuments,
	parseYamlPiece,
} from '../../../../server/src/core/compose/duplicate-keys';
import { seededRandom } from '../../helpers';

const OPTIONS = { merge: true, prettyErrors: false, strict: false } as const;
const yamlErrors = (text: string): string[] =>
	parseDocument(text, { ...OPTIONS, uniqueKeys: true }).errors.map(
		(error) => `${error.code}@${error.pos.join('-')}: ${error.message}`,
	);
const ourErrors = (text: string): string[] =>
	parseWithUniqueKeys(text, OPTIONS).errors.map((error) => `${error.code}@${error.pos.join('-')}: ${error.message}`);

describe('compose: duplicate keys found in one pass', () => {
	it("reports what yaml's own check reports, where it reports it at the key", () => {
		const cases = [
			'a: 1\na: 2\n',
			'a: 1\nb: {x: 1, x: 2, x: 3}\n',
			'? a\n: 1\n? a\n: 2\n',
			'&k a: 1\na: 2\n',
			'!!str a: 1\n!!str a: 2\n',
			// Values compare as yaml compares them: 1 and "1" differ, 0x10 and 16 do not, NaN never equals itself.
			'1: a\n"1": b\n1: c\n0x10: d\n16: e\n.nan: f\n.nan: g\n',
			'true: 1\nTrue: 2\n~: 3\nnull: 4\n',
			'<<: {a: 1}\n<<: {b: 2}\n',
			'x: &a {k: 1, k: 2}\ny: *a\n',
			'a:\n  b: 1\n  b: 2\nc:\n  - d: 1\n    d: 2\n',
			'"a": 1\n\'a\': 2\na: 3\n',
			'[a: 1, a: 2]\n',
			'a: 1\na: 2\n  b: [\n',
			'a: 1\n---\na: 2\na: 3\n',
			// Past sixteen keys, the same check on a larger mapping.
			`${Array.from({ length: 20 }, (_, at) => `k${at}: ${at}`).join('\n')}\nk3: again\n.nan: x\n.nan: y\n0: z\n-0: w\n`,
		];
		for (const text of cases) assert.deepEqual(ourErrors(text), yamlErrors(text), text);
		assert.ok(
			yamlErrors(cases[0]).some((error) => error.startsWith('DUPLICATE_KEY')),
			'the cases do have duplicates',
		);
	});

	it('places a duplicate after a key with no value at the key, where yaml placed it at the end of the line before', () => {
		const text = 'services:\n  web:\n  web:\n    image: nginx\n';
		assert.deepEqual(yamlErrors(text), ['DUPLICATE_KEY@16-17: Map keys must be unique']);
		assert.deepEqual(ourErrors(text), [
			`DUPLICATE_KEY@${text.indexOf('  web:\n    ') + 2}-${text.indexOf('  web:\n    ') + 3}: Map keys must be unique`,
		]);
	});

	it('leaves two empty keys to yaml: it places them by tokens the document no longer has', () => {
		const text = '? \n: 1\n? \n: 2\n';
		assert.equal(documentIndex(parseDocument(text, { ...OPTIONS, uniqueKeys: false })).duplicateKeys, undefined);
		assert.deepEqual(ourErrors(text), yamlErrors(text));
	});

	it("keeps yaml's errors and their order, the duplicates among them by place", () => {
		const text = 'a: 1\na: 2\nb:\n\t- x\nc: {d: 1, d: 2\n';
		const ours = ourErrors(text);
		assert.deepEqual([...ours].sort(), [...yamlErrors(text)].sort());
		const offsets = ours.map((error) => Number(/@(\d+)/.exec(error)![1]));
		assert.deepEqual(
			offsets,
			[...offsets].sort((x, y) => x - y),
		);
	});

	it('agrees with yaml on the set of duplicate keys in files with lines copied at random', () => {
		const random = seededRandom(11);
		const base =
			'services:\n  web:\n    image: nginx\n    environment:\n      A: 1\n      B: "2"\n    ports: ["80:80"]\n  db:\n    image: postgres\n    labels: {a: b, c: d}\nvolumes:\n  data: {}\n';
		const lines = base.trimEnd().split('\n');
		for (let round = 0; round < 300; round++) {
			const copy = [...lines];
			for (let k = 0; k < 3; k++) {
				copy.splice(Math.floor(random() * copy.length), 0, copy[Math.floor(random() * copy.length)]);
			}
			const text = copy.join('\n') + '\n';
			const codes = (errors: string[]): string[] => errors.map((error) => error.replace(/@.*/, '')).sort();
			// The same errors; only the place of a duplicate after a key without a value moves (see above).
			assert.deepEqual(codes(ourErrors(text)), codes(yamlErrors(text)), text);
		}
	});

	it('reads a piece of a larger text with ranges and errors at their offsets in it', () => {
		const text = 'a: 1\nb:\n  c: [d, "e"]\n  f: |\n    g\n';
		const start = text.indexOf('b:');
		const [piece] = parseYamlPiece(text.slice(start), start, OPTIONS);
		const [whole] = parseYamlDocuments(text, OPTIONS);
		const b = (document: typeof whole): unknown =>
			JSON.stringify(document.getIn(['b'], true), ['items', 'key', 'value', 'range']);
		assert.equal(b(piece), b(whole));
		assert.deepEqual(piece.range, [start, text.length, text.length]);
		const [broken] = parseYamlPiece('x: "y', 100, OPTIONS);
		assert.ok(
			broken.errors.length > 0 && broken.errors.every((error) => error.pos[0] >= 100),
			'errors placed in the larger text',
		);
	});

	it('reads collections nested MAX_YAML_DEPTH levels deep and refuses one level more, without recursing', () => {
		const nested = (levels: number): string => `a: ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}\n`;
		const errors = (text: string): string[] =>
			parseYamlDocuments(text, OPTIONS).flatMap((document) => document.errors.map((error) => error.code));
		assert.deepEqual(errors(nested(MAX_YAML_DEPTH)), []);
		assert.deepEqual(errors(nested(MAX_YAML_DEPTH + 1)), ['RESOURCE_EXHAUSTION']);
		// Far past the depth where yaml's composer exhausts the stack: refused, and nothing after it is read.
		const [document, ...rest] = parseYamlDocuments(`a: 1\n---\n${nested(20_000)}---\nb: 2\n`, OPTIONS);
		assert.equal(rest.length, 1);
		assert.deepEqual(document.errors, []);
		assert.deepEqual(
			rest[0].errors.map((error) => [error.code, error.message]),
			[['RESOURCE_EXHAUSTION', `this YAML nests more than ${MAX_YAML_DEPTH} levels deep: it is not read`]],
		);
		assert.equal(rest[0].toJS(), null, 'read without its content');
	});

	it('gives one document, with the error, when the first is too deep to read', () => {
		for (const parse of [parseYamlDocuments, parseWithUniqueKeys]) {
			const documents = [parse(`${'['.repeat(300)}${']'.repeat(300)}\n`, OPTIONS)].flat();
			assert.equal(documents.length, 1);
			assert.deepEqual(
				documents[0].errors.map((error) => error.code),
				['RESOURCE_EXHAUSTION'],
			);
		}
	});
});
