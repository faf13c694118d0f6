import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCollection, isPair, isScalar, parseAllDocuments, parseDocument, visit, type Node, type Scalar } from 'yaml';
import { documentIndex } from '../../../../server/src/core/compose/document-index';
import { compose } from './helpers';

/** What yaml's own `visit` finds: the walks the index replaces, written the way they were. */
function byVisit(text: string): {
	nodeCount: number;
	anchored: Node[];
	aliases: Node[];
	dollars: Array<[Scalar, string | undefined]>;
	flow: Node[];
} {
	const document = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, strict: false });
	let nodeCount = 0;
	visit(document, () => {
		nodeCount++;
	});
	const anchored: Node[] = [];
	const aliases: Node[] = [];
	const dollars: Array<[Scalar, string | undefined]> = [];
	const flow: Node[] = [];
	visit(document, (_key, node) => {
		if (node && typeof node === 'object' && 'anchor' in node && node.anchor) anchored.push(node as Node);
	});
	visit(document, {
		Alias(_key, node) {
			aliases.push(node);
		},
		Scalar(key, node, path) {
			for (let i = path.length - 1; i >= 0; i--) {
				const ancestor = path[i];
				if (isCollection(ancestor)) {
					if (ancestor.flow) flow.push(node);
					break;
				}
			}
			if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('$')) return;
			const pair = [...path].reverse().find(isPair);
			dollars.push([node, pair === undefined ? undefined : isScalar(pair.key) ? String(pair.key.value) : undefined]);
		},
	});
	return { nodeCount, anchored, aliases, dollars, flow };
}

function indexOf(text: string): ReturnType<typeof byVisit> {
	const document = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, strict: false });
	const index = documentIndex(document);
	return {
		nodeCount: index.nodeCount,
		anchored: index.anchored,
		aliases: index.aliases,
		dollars: index.dollarScalars.map(({ node, field }) => [node, field]),
		flow: [...index.flowScalars],
	};
}

/** Nodes compared by where they are and what they hold: the two sides parse the text separately. */
function shape(found: ReturnType<typeof byVisit>): unknown {
	const at = (node: Node): string => `${node.range?.[0]}:${isScalar(node) ? String(node.value) : node.toString()}`;
	return {
		nodeCount: found.nodeCount,
		anchored: found.anchored.map(at),
		aliases: found.aliases.map(at),
		dollars: found.dollars.map(([node, field]) => `${at(node)} in ${field}`),
		flow: found.flow.map(at),
	};
}

const SAMPLES = [
	compose(
		'x-defaults: &defaults',
		'  restart: always',
		'  environment: &env',
		'    A: ${A:-1}',
		'services:',
		'  web:',
		'    <<: *defaults',
		'    image: nginx:${TAG}',
		'    command: ["sh", "-c", "echo $$HOME ${X}"]',
		'    ports: [ "80:80", {target: 81} ]',
		'  db:',
		'    environment: *env',
		'    healthcheck:',
		'      test: [CMD, pg_isready, -U, "${USER}"]',
	),
	compose(
		'services:',
		'  a:',
		'    labels:',
		'      ? [k, "${V}"]',
		'      : v',
		'    command:',
		'    entrypoint: ',
		'  b: *missing',
	),
	compose(
		'"${KEY}": 1',
		'list:',
		'  - &item {a: "$B", b: [1, "$C"]}',
		'  - *item',
		'  - !reset null',
		'  - |',
		'    block $D',
		'empty:',
	),
	'',
	'just a scalar $X\n',
];

describe('the document index', () => {
	for (const [i, text] of SAMPLES.entries()) {
		it(`finds what yaml's visit finds (sample ${i + 1})`, () => {
			assert.deepEqual(shape(indexOf(text)), shape(byVisit(text)));
		});
	}
	it('is built once per document', () => {
		const document = parseDocument(SAMPLES[0]);
		assert.equal(documentIndex(document), documentIndex(document));
	});
	it('keeps `$` scalars that are keys out, and names the field of list items', () => {
		const { dollars } = indexOf(SAMPLES[0]);
		assert.ok(dollars.some(([node, field]) => node.value === 'echo $$HOME ${X}' && field === 'command'));
		assert.ok(!indexOf(SAMPLES[2]).dollars.some(([node]) => node.value === '${KEY}'));
	});
	it("indexes a file's documents as each document's index, joined in order", () => {
		const text = [SAMPLES[0], SAMPLES[1], 'a: 1\na: 2\n', SAMPLES[2]].join('---\n');
		const documents = parseAllDocuments(text, { merge: true, prettyErrors: false, strict: false });
		assert.ok(Array.isArray(documents));
		const whole = documentIndex(documents);
		const each = documents.map((document) => documentIndex(document));
		assert.equal(
			whole.nodeCount,
			each.reduce((total, index) => total + index.nodeCount, 0),
		);
		assert.deepEqual(
			whole.anchored,
			each.flatMap((index) => index.anchored),
		);
		assert.deepEqual(
			whole.aliases,
			each.flatMap((index) => index.aliases),
		);
		assert.deepEqual(
			whole.dollarScalars,
			each.flatMap((index) => index.dollarScalars),
		);
		assert.deepEqual(
			[...whole.flowScalars],
			each.flatMap((index) => [...index.flowScalars]),
		);
		assert.deepEqual(
			whole.duplicateKeys,
			each.flatMap((index) => index.duplicateKeys ?? []),
		);
		assert.equal(whole.duplicateKeys?.length, 1);
		assert.deepEqual(
			whole.merges,
			each.flatMap((index) => index.merges),
		);
		assert.deepEqual(
			whole.nonStringKeys,
			each.flatMap((index) => index.nonStringKeys),
		);
	});
	it('gives a file of one document the index of that document', () => {
		const documents = parseAllDocuments(SAMPLES[0]);
		assert.ok(Array.isArray(documents));
		assert.equal(documentIndex(documents), documentIndex(documents[0]));
	});
	it('has no duplicate key offsets for a file when one document has an empty key twice', () => {
		const documents = parseAllDocuments('a: 1\na: 2\n---\n? \n: 1\n? \n: 2\n');
		assert.ok(Array.isArray(documents));
		assert.equal(documentIndex(documents).duplicateKeys, undefined);
	});
});
