import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	editDistance,
	emptyConfig,
	nestingDepth,
	parseConfig,
	resolveSeverity,
	suggest,
} from '../../../server/src/core/config';

const known = new Set(['dockerfile/pin-base-image', 'dockerfile/non-root-user', 'compose/healthcheck']);

function parse(text: string): ReturnType<typeof parseConfig> {
	return parseConfig(text, known);
}

describe('parseConfig', () => {
	it('reads rules, ignore, failOn and the size target', () => {
		const { config, problems } = parse(
			'rules:\n  dockerfile/pin-base-image: error\n  compose/healthcheck: off\nignore:\n  - vendor/**\n  - "*.tmp"\nfailOn: warning\nimageSizeTargetMb: 250\n',
		);
		assert.deepEqual(problems, []);
		assert.deepEqual(config, {
			rules: { 'dockerfile/pin-base-image': 'error', 'compose/healthcheck': 'off' },
			ignore: ['vendor/**', '*.tmp'],
			failOn: 'warning',
			imageSizeTargetMb: 250,
		});
	});
	it('warns about an unknown rule id with a suggestion, and keeps the rest', () => {
		const { config, problems } = parse('rules:\n  dockerfile/pin-base-imag: off\n  dockerfile/non-root-user: info\n');
		assert.deepEqual(config.rules, { 'dockerfile/non-root-user': 'info' });
		assert.equal(problems.length, 1);
		assert.equal(problems[0].severity, 'warning');
		assert.equal(
			problems[0].message,
			"unknown rule id 'dockerfile/pin-base-imag' (did you mean 'dockerfile/pin-base-image'?)",
		);
		assert.deepEqual(problems[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 26 } });
	});
	it('gives no suggestion when nothing is close', () => {
		const { problems } = parse('rules:\n  something/else: off\n');
		assert.equal(problems[0].message, "unknown rule id 'something/else'");
	});
	it('rejects an invalid severity at its value', () => {
		const { config, problems } = parse('rules:\n  dockerfile/pin-base-image: warn\n');
		assert.deepEqual(config.rules, {});
		assert.equal(problems[0].severity, 'error');
		assert.match(problems[0].message, /'warn' is not a severity for dockerfile\/pin-base-image/);
		assert.deepEqual(problems[0].range, { start: { line: 1, character: 29 }, end: { line: 1, character: 33 } });
	});
	it('rejects a missing severity at the rule id', () => {
		const { problems } = parse('rules:\n  dockerfile/pin-base-image:\n');
		assert.equal(problems.length, 1);
		assert.deepEqual(problems[0].range.start, { line: 1, character: 2 });
	});
	it('rejects a document that is not a mapping', () => {
		const { config, problems } = parse('- rules\n- ignore\n');
		assert.deepEqual(config, emptyConfig());
		assert.match(problems[0].message, /must be a mapping/);
		assert.equal(problems[0].severity, 'error');
	});
	it('reports invalid YAML with its position and stops there', () => {
		const { config, problems } = parse('rules: [a\n');
		assert.deepEqual(config, emptyConfig());
		assert.equal(problems.length, 1);
		assert.match(problems[0].message, /^invalid YAML: /);
		assert.equal(problems[0].range.start.line, 1);
	});
	it('reports duplicate keys', () => {
		assert.match(parse('failOn: error\nfailOn: info\n').problems[0].message, /^invalid YAML: /);
	});
	it('accepts an empty file, a comment-only file and empty sections', () => {
		for (const text of ['', '# nothing yet\n', 'rules:\nignore:\n']) {
			assert.deepEqual(parse(text), { config: emptyConfig(), problems: [] }, JSON.stringify(text));
		}
	});
	it('rejects malformed sections and values', () => {
		const { problems } = parse(
			'rules: [a, b]\nignore: vendor\nfailOn: sometimes\nimageSizeTargetMb: -1\ncolour: red\n',
		);
		assert.deepEqual(
			problems.map((problem) => [problem.range.start.line, problem.severity]),
			[
				[0, 'error'],
				[1, 'error'],
				[2, 'error'],
				[3, 'error'],
				[4, 'warning'],
			],
		);
		assert.match(problems[4].message, /unknown configuration key 'colour'/);
	});
	it('refuses absurd nesting before YAML recursion can exhaust the stack, repeatedly', () => {
		for (const text of [
			`rules: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
			`rules:\n${' '.repeat(500)}x: 1\n`,
			`ignore:\n${'- '.repeat(400)}a\n`,
		]) {
			for (let run = 0; run < 3; run++) {
				const { config, problems } = parse(text);
				assert.deepEqual(config, emptyConfig());
				assert.deepEqual(
					problems.map((problem) => problem.message),
					['the configuration nests more than 100 levels deep'],
				);
			}
		}
	});
	it('refuses nesting the line scan cannot see, hidden between quoted scalars over lines, with the reason', () => {
		// Each line closes the quoted scalar of the line before and opens another: the line scan (nestingDepth) takes
		// the brackets between for quoted text. yaml's parser nests them (found in review, issue 22).
		const text = `rules: ["a\n${` ", ${'['.repeat(50)} "b\n`.repeat(20)} "${']'.repeat(1000)}]\n`;
		assert.ok(nestingDepth(text) <= 100, 'the line scan does not see it');
		const { problems } = parse(text);
		assert.deepEqual(
			problems.map((problem) => problem.message),
			['invalid YAML: this YAML nests more than 256 levels deep: it is not read'],
		);
	});
	it('measures nesting outside quotes and comments', () => {
		// A key's `: ` counts as a level on its line (`a: b: c` nests), after the line's indentation.
		assert.equal(nestingDepth('rules:\n  a: [1, {b: 2}]\n'), 3);
		assert.equal(nestingDepth('a: "[[[[" # {{{{\n'), 1);
		assert.equal(nestingDepth(`${': '.repeat(300)}\n`), 300);
		assert.equal(nestingDepth('ignore:\n  - - x\n'), 6);
		// Quotes open only where a scalar starts: inside a plain scalar a quote is a character, and the `: ` after it
		// nest (found by the 100,000-case run: 9,000 of them overflowed yaml's parser).
		assert.equal(nestingDepth(`a: sh -c '${': '.repeat(300)}x'\n`), 301);
		assert.equal(nestingDepth(`a: it"s ${': '.repeat(300)}\n`), 301);
		assert.equal(nestingDepth(`a: '${': '.repeat(300)}x'\n`), 1);
		assert.equal(nestingDepth(`- "${'[ '.repeat(300)}"\n`), 2);
		assert.equal(nestingDepth(`a: {b: '${'[ '.repeat(300)}', c: "{{"}\n`), 1);
		// A quoted scalar left open hides the rest of its line only; `''` in single quotes closes and reopens nothing.
		assert.equal(nestingDepth('a: "x [[[\nb: [[\n'), 2);
		assert.equal(nestingDepth(`a: 'it''s' [[[\n`), 3);
		assert.equal(nestingDepth(`a: "it's" : : [\n`), 3);
		assert.equal(nestingDepth('a: é ü: ✓: [\n'), 3);
	});
	it('lets trustedRegistries through for the client', () => {
		assert.deepEqual(parse('trustedRegistries:\n  - ghcr.io/acme\n').problems, []);
	});
});

describe('severity layering', () => {
	it('uses the rule default without settings', () => {
		assert.equal(resolveSeverity('dockerfile/x', 'warning'), 'warning');
		assert.equal(resolveSeverity('dockerfile/x', 'warning', undefined, {}), 'warning');
	});
	it('lets later layers win: editor, then .shipshape.yaml, then --rule', () => {
		const editor = { 'dockerfile/x': 'info' as const };
		const file = { 'dockerfile/x': 'off' as const };
		const flags = { 'dockerfile/x': 'error' as const };
		assert.equal(resolveSeverity('dockerfile/x', 'warning', editor), 'info');
		assert.equal(resolveSeverity('dockerfile/x', 'warning', editor, file), 'off');
		assert.equal(resolveSeverity('dockerfile/x', 'warning', editor, file, flags), 'error');
		assert.equal(resolveSeverity('dockerfile/x', 'warning', editor, undefined, { 'dockerfile/y': 'off' }), 'info');
	});
});

describe('suggest', () => {
	it('measures edit distance', () => {
		assert.equal(editDistance('kitten', 'sitting'), 3);
		assert.equal(editDistance('', 'abc'), 3);
		assert.equal(editDistance('same', 'same'), 0);
	});
	it('suggests the closest id only when it is close', () => {
		assert.equal(suggest('dockerfile/non-root', known), " (did you mean 'dockerfile/non-root-user'?)");
		assert.equal(suggest('non-root-user', known), " (did you mean 'dockerfile/non-root-user'?)");
		assert.equal(suggest('dockerfile/pin-base-imgae', known), " (did you mean 'dockerfile/pin-base-image'?)");
		assert.equal(suggest('xyz', known), '');
		assert.equal(suggest('dockerfile/', known), '');
	});
});
