import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeMessage } from '../../../server/src/lsp/message-encoder';
import { seededRandom } from '../helpers';

/** What vscode-jsonrpc's own encoder sends: the UTF-8 bytes of JSON.stringify. */
const expected = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

/** A diagnostic as the server publishes it, with a message of `text`. */
function diagnostic(line: number, text: string): Record<string, unknown> {
	return {
		range: { start: { line, character: 0 }, end: { line, character: 12 } },
		severity: 2,
		source: 'shipshape',
		code: 'compose/log-rotation',
		codeDescription: { href: 'https://example.test/rules/compose/log-rotation' },
		message: text,
		tags: line % 3 === 0 ? [2] : undefined,
	};
}

/** A JSON-ish value of every kind JSON.stringify treats apart, nested up to `depth` levels, of at most `budget.left` values. */
function randomValue(random: () => number, depth: number, budget: { left: number }): unknown {
	budget.left--;
	const pick = Math.floor(random() * (depth > 0 && budget.left > 0 ? 16 : 10));
	const text = () => {
		const alphabet = ['a', 'é', '"', '\\', '\n', '\u0001', '😀', '\ud800', '\u2028', ' '];
		let out = '';
		for (let count = Math.floor(random() * 12); count > 0; count--) {
			out += alphabet[Math.floor(random() * alphabet.length)];
		}
		return out;
	};
	switch (pick) {
		case 0:
			return null;
		case 1:
			return undefined;
		case 2:
			return random() < 0.5;
		case 3:
			return [0, -0, 1.5, -7, Number.NaN, Number.POSITIVE_INFINITY, 1e21][Math.floor(random() * 7)];
		case 4:
		case 5:
			return text();
		case 6:
			return () => 1;
		case 7:
			return Symbol('s');
		case 8:
			return new Date(Math.floor(random() * 2e12));
		case 9:
			return [new String('boxed'), new Number(3), new Boolean(false)][Math.floor(random() * 3)];
		case 10:
		case 11: {
			const length = Math.floor(random() * (random() < 0.2 ? 200 : 6));
			const array: unknown[] = [];
			for (let index = 0; index < length; index++) array.push(randomValue(random, depth - 1, budget));
			if (random() < 0.1) array.length += 2; // holes
			return array;
		}
		case 12: {
			const replaced = text();
			const items = { toJSON: () => ({ replaced }) };
			return random() < 0.5
				? items
				: Object.assign(Object.create(null), { bare: randomValue(random, depth - 1, budget) });
		}
		default: {
			const object: Record<string, unknown> = {};
			for (let count = Math.floor(random() * (random() < 0.2 ? 100 : 6)); count > 0; count--) {
				object[random() < 0.1 ? String(count) : `${text()}${count}`] = randomValue(random, depth - 1, budget);
			}
			return object;
		}
	}
}

describe('encodeMessage', () => {
	it('gives the bytes of JSON.stringify for a publish of diagnostics, small and large, around every chunk size', () => {
		for (const count of [0, 1, 40, 41, 42, 400, 3000]) {
			const message = {
				jsonrpc: '2.0',
				method: 'textDocument/publishDiagnostics',
				params: {
					uri: 'file:///work/compose.yaml',
					version: 7,
					diagnostics: Array.from({ length: count }, (_, line) =>
						diagnostic(line, `Service “web” ${'é😀'.repeat(line % 50)}`),
					),
				},
			};
			assert.deepEqual(encodeMessage(message), expected(message), `${count} diagnostics`);
		}
	});

	it('keeps a character of several bytes whole wherever a chunk ends', () => {
		// Strings of every length near the chunk size, so that some piece ends at each offset across a boundary.
		for (let length = 16 * 1024 - 40; length < 16 * 1024 + 40; length++) {
			const message = { id: 1, result: [`${'x'.repeat(length)}`, '😀é\u2028', Array.from({ length: 70 }, () => '😀')] };
			assert.deepEqual(encodeMessage(message), expected(message), `length ${length}`);
		}
	});

	it('gives the bytes of JSON.stringify for a deep outline of many symbols', () => {
		let children: unknown[] = [];
		for (let level = 0; level < 30; level++) {
			children = Array.from({ length: 4 }, (_, index) => ({
				name: `key${level}.${index}`,
				kind: 2,
				range: { start: { line: level, character: index }, end: { line: level + 1, character: 0 } },
				children,
			}));
			if (JSON.stringify(children).length > 2_000_000) break;
		}
		const message = { jsonrpc: '2.0', id: 3, result: children };
		assert.deepEqual(encodeMessage(message), expected(message));
	});

	it('gives the bytes of JSON.stringify for 3,000 random values (undefined, functions, symbols, holes, toJSON, boxed values, lone surrogates)', () => {
		const random = seededRandom(20261208);
		for (let round = 0; round < 3000; round++) {
			// Most values are small; one in ten is large enough to span several chunks.
			const budget = { left: round % 10 === 0 ? 20_000 : 300 };
			const value = { jsonrpc: '2.0', id: round, result: randomValue(random, 7, budget) };
			assert.deepEqual(encodeMessage(value), expected(value), `round ${round}`);
		}
	});

	it('throws where JSON.stringify throws (a cycle, a BigInt), and for a message that is no JSON value', () => {
		const cyclic: Record<string, unknown> = { id: 1 };
		cyclic.result = [{ big: Array.from({ length: 100 }, () => cyclic) }];
		assert.throws(() => encodeMessage(cyclic), TypeError);
		assert.throws(() => encodeMessage({ id: 2, result: { value: 10n } }), TypeError);
		assert.throws(() => encodeMessage(undefined), /must be a JSON value/);
	});
});
