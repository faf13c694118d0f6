import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	dockerfileInstructionCount,
	lineBreaks,
	MAX_LINES,
	MAX_DOCKERFILE_INSTRUCTIONS,
	MAX_YAML_ENTRIES,
	yamlEntryCount,
} from '../../../../../server/src/core/limits';
import { fixAll } from '../../../../../server/src/core/fix-all';
import { lintFile } from '../../../../../server/src/core/lint-file';
import { run, tree } from '../../../cli/harness';
import { NOW, seededRandom } from '../../../helpers';

/** FROM and `runs` RUN lines: `runs + 1` instructions. */
function dockerfileOf(runs: number): string {
	return `FROM alpine:3.20\n${'RUN true\n'.repeat(runs)}`;
}

/** A service whose command lists `items` words: `items + 4` YAML entries (services, web, image, command, items). */
function composeOf(items: number): string {
	return `services:\n  web:\n    image: nginx:1.27\n    command:\n${'      - a\n'.repeat(items)}`;
}

/** A service followed by comment lines: `lines` lines in all (the last ends without a line break). */
function composeOfLines(lines: number): string {
	return `services:\n  web:\n    image: nginx:1.27\n${'#\n'.repeat(lines - 4)}#`;
}

/** The first line of content: `FROM alpine:3.20`, `services:`. */
const FROM_LINE = { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } };
const SERVICES_LINE = { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } };

describe('node limits: the counts', () => {
	it('counts the lines that begin with an instruction keyword, in any case', () => {
		const text = [
			'# syntax=docker/dockerfile:1',
			'FROM alpine:3.20 AS base',
			'  run apk add curl \\',
			'      && rm -rf /tmp/x',
			'# RUN in a comment',
			'RUNNING is not a keyword',
			'\tHealthCheck NONE',
			'',
			'USER',
			'ENV\r',
		].join('\n');
		assert.equal(dockerfileInstructionCount(text), 5);
	});

	it('counts YAML lines with content and flow items, not comments, blank lines or `${`', () => {
		assert.equal(yamlEntryCount('services:\n  web:\n    image: nginx\n'), 3);
		assert.equal(yamlEntryCount('# a, b, [c]\n\n   \nports: [80, 443, {target: 8080}]\n'), 5);
		assert.equal(yamlEntryCount('image: "${REGISTRY}/app:${TAG}"\n'), 1);
		assert.equal(yamlEntryCount(''), 0);
	});

	it('counts an alias as the block its anchor opens', () => {
		// `x` opens a block of three lines (x, b, c); each `*a` adds three to its own line.
		const text = 'x: &a\n  b: 1\n  c: 2\ny: *a\nz: [*a, *a]\n';
		assert.equal(yamlEntryCount(text), 3 + (1 + 3) + (1 + 2 + 3 + 3));
		// An alias of an anchor not seen yet, or a `*` inside a word, adds nothing.
		assert.equal(yamlEntryCount('y: *later\nz: a*b\nlater: &later 1\n'), 3);
	});

	it('counts each block indicator past the first of a line as an entry: compact nesting opens a node per indicator', () => {
		// A line is one entry as before, however it starts: `key: value`, `- item`, `? key`.
		assert.equal(yamlEntryCount('a: 1\n- b\n? c\n'), 3);
		assert.equal(yamlEntryCount('- a: 1\n'), 2);
		assert.equal(yamlEntryCount(`  ${'- '.repeat(100)}x\n`), 100);
		assert.equal(yamlEntryCount(`${': '.repeat(100)}x\n`), 100);
		assert.equal(yamlEntryCount(`${'? '.repeat(100)}x\n`), 100);
		// Not indicators: a dash or `?` inside a word, a colon without a blank after it (a URL, a port mapping).
		assert.equal(yamlEntryCount('command: run --a -b x?y http://h:80 "1:2"\n'), 1);
	});

	it('counts each tag, anchor, alias or quoted scalar past the first of a line as an entry: yaml reads each alone', () => {
		assert.equal(yamlEntryCount('a: "x"\nb: !reset []\nc: &c 1\n'), 3 + 1);
		assert.equal(yamlEntryCount('a: &a !t "x"\n'), 3);
		assert.equal(yamlEntryCount(`- ${'!t '.repeat(100)}x\n`), 100);
		assert.equal(yamlEntryCount(`- ${'"a" '.repeat(100)}x\n`), 100);
		assert.equal(yamlEntryCount(`- ${'*a '.repeat(100)}x\n`), 100);
		// Quotes count by pairs wherever they are (a run of `"` is a scalar per pair): a quote inside a word or inside
		// another quoted scalar makes the count an entry higher, never lower.
		assert.equal(yamlEntryCount(`a: ${'"'.repeat(100)}x\n`), 50);
		assert.equal(yamlEntryCount(`a: 'it''s'\n`), 2);
		assert.equal(yamlEntryCount(`a: it's "b"\n`), 2);
		// In a flow collection its commas count the items.
		assert.equal(yamlEntryCount('a: ["x", "y", *z]\n'), 4);
	});

	it('refuses a megabyte of compactly nested lines, or of lines of tokens, before yaml reads it (found in review: 1–7.6 s and up to 1.6 GB)', () => {
		for (const unit of ['- ', ': ', '? ', '- a: ', '!t ', '"a" ', '&a ', '*a ', '"']) {
			const line = `  ${unit.repeat(100)}x\n`;
			const text = `services:\n  web:\n    image: nginx:1.27\nx-pad:\n${line.repeat(Math.floor(1_000_000 / line.length))}`;
			const result = lintFile('compose', text, { now: NOW });
			assert.deepEqual(
				result.findings.map((finding) => finding.ruleId),
				['shipshape/node-limit'],
				unit,
			);
		}
	});

	it('counts YAML line breaks: `\\n`, `\\r\\n` and a lone `\\r` once each', () => {
		assert.equal(lineBreaks('a\nb\r\nc\rd'), 3);
		assert.equal(lineBreaks('\r\r\n\n'), 3);
		assert.equal(lineBreaks('no break'), 0);
		// Against the definition, on texts dense with breaks of every kind (seeded, so a failure repeats).
		const random = seededRandom(2212);
		for (let run = 0; run < 2000; run++) {
			const text = Array.from({ length: Math.floor(random() * 24) }, () => '\r\n a'[Math.floor(random() * 4)]).join('');
			assert.equal(lineBreaks(text), text.split(/\r\n|\r|\n/).length - 1, JSON.stringify(text));
		}
	});

	it('counts YAML entries beside characters it passes over: non-ASCII, other punctuation', () => {
		assert.equal(yamlEntryCount('a: é;.@~%^ [x, y]\n'), 3);
		assert.equal(yamlEntryCount('a: ünïcödé: "x" \u2028 &b ✓\n'), 1 + 1 + 1);
	});

	it('grows with an alias bomb as the model would, without overflowing', () => {
		let bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
		for (const [at, name] of [...'bcdefghijklmnopqrstuvwxyz'].entries()) {
			const previous = String.fromCharCode('a'.charCodeAt(0) + at);
			bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
		}
		const count = yamlEntryCount(bomb);
		assert.ok(count > 10 ** 15 && Number.isSafeInteger(count), String(count));
	});
});

describe('shipshape/node-limit', () => {
	it(`lints a Dockerfile of ${MAX_DOCKERFILE_INSTRUCTIONS} instructions`, () => {
		const result = lintFile('dockerfile', dockerfileOf(MAX_DOCKERFILE_INSTRUCTIONS - 1), { now: NOW });
		assert.equal(result.notLinted, undefined);
		assert.ok(result.kind === 'dockerfile');
		assert.equal(result.model.instructions.length, MAX_DOCKERFILE_INSTRUCTIONS);
		assert.ok(!result.findings.some((finding) => finding.ruleId === 'shipshape/node-limit'));
	});

	it('gives a Dockerfile of one instruction more one warning instead of a lint', () => {
		const result = lintFile('dockerfile', dockerfileOf(MAX_DOCKERFILE_INSTRUCTIONS), { now: NOW });
		assert.equal(result.notLinted, true);
		assert.ok(result.kind === 'dockerfile');
		assert.equal(result.model.instructions.length, 0);
		assert.deepEqual(result.findings, [
			{
				ruleId: 'shipshape/node-limit',
				severity: 'warning',
				aliases: [],
				message: 'This Dockerfile has 10,001 instructions; Shipshape lints files of up to 10,000, so it is not linted',
				range: FROM_LINE,
			},
		]);
	});

	it(`lints a compose file of ${MAX_YAML_ENTRIES} YAML entries`, () => {
		const result = lintFile('compose', composeOf(MAX_YAML_ENTRIES - 4), { now: NOW });
		assert.equal(result.notLinted, undefined);
		assert.ok(result.kind === 'compose' && result.model.root !== undefined);
		assert.ok(!result.findings.some((finding) => finding.ruleId === 'shipshape/node-limit'));
	});

	it('gives a compose file of one entry more one warning instead of a lint', () => {
		const result = lintFile('compose', composeOf(MAX_YAML_ENTRIES - 3), { now: NOW });
		assert.equal(result.notLinted, true);
		assert.ok(result.kind === 'compose' && result.model.root === undefined);
		assert.deepEqual(result.findings, [
			{
				ruleId: 'shipshape/node-limit',
				severity: 'warning',
				aliases: [],
				message:
					'This compose file has 20,001 YAML entries; Shipshape lints files of up to 20,000, so it is not linted',
				range: SERVICES_LINE,
			},
		]);
	});

	it(`lints a compose file of ${MAX_LINES} lines, and gives one of a line more a warning instead`, () => {
		const within = lintFile('compose', composeOfLines(MAX_LINES), { now: NOW });
		assert.equal(within.notLinted, undefined);
		assert.ok(within.kind === 'compose' && within.model.root !== undefined);
		const over = lintFile('compose', composeOfLines(MAX_LINES + 1), { now: NOW });
		assert.equal(over.notLinted, true);
		assert.deepEqual(over.findings, [
			{
				ruleId: 'shipshape/node-limit',
				severity: 'warning',
				aliases: [],
				message: 'This compose file has 100,001 lines; Shipshape lints files of up to 100,000, so it is not linted',
				range: SERVICES_LINE,
			},
		]);
	});

	it(`gives a Dockerfile of over ${MAX_LINES} lines, comments and all, one warning instead of a lint`, () => {
		const dockerfileOfLines = (lines: number): string => `FROM alpine:3.20\n${'#\n'.repeat(lines - 2)}RUN true`;
		assert.equal(lintFile('dockerfile', dockerfileOfLines(MAX_LINES), { now: NOW }).notLinted, undefined);
		const over = lintFile('dockerfile', dockerfileOfLines(MAX_LINES + 1), { now: NOW });
		assert.equal(over.notLinted, true);
		assert.deepEqual(
			over.findings.map((finding) => finding.message),
			['This Dockerfile has 100,001 lines; Shipshape lints files of up to 100,000, so it is not linted'],
		);
	});

	it('takes its severity from the settings, and says nothing when switched off', () => {
		const text = dockerfileOf(MAX_DOCKERFILE_INSTRUCTIONS);
		const info = lintFile('dockerfile', text, { now: NOW, severities: [{ 'shipshape/node-limit': 'info' }] });
		assert.deepEqual(
			info.findings.map((finding) => finding.severity),
			['info'],
		);
		const off = lintFile('dockerfile', text, { now: NOW, severities: [{ 'shipshape/node-limit': 'off' }] });
		assert.deepEqual(off.findings, []);
		assert.equal(off.notLinted, true);
	});

	it('is reported by the CLI as a warning, in JSON, without failing the run', async () => {
		const cwd = tree({ 'compose.yaml': composeOf(MAX_YAML_ENTRIES) });
		const result = await run(cwd, ['lint', 'compose.yaml', '--format', 'json']);
		assert.equal(result.stderr, '');
		assert.equal(result.code, 0);
		const [file] = JSON.parse(result.stdout).files;
		assert.equal(file.path, 'compose.yaml');
		assert.deepEqual(file.findings, [
			{
				rule: 'shipshape/node-limit',
				severity: 'warning',
				message:
					'This compose file has 20,004 YAML entries; Shipshape lints files of up to 20,000, so it is not linted',
				line: 1,
				column: 1,
				endLine: 1,
				endColumn: 10,
				aliases: [],
				fixable: false,
			},
		]);
	});
});

describe('shipshape/node-limit: suppression comments', () => {
	it('sits on the first line of content, below comments and blank lines', () => {
		const text = `# syntax=docker/dockerfile:1\r\n\r\n  from alpine:3.20\r\n${'RUN true\r\n'.repeat(MAX_DOCKERFILE_INSTRUCTIONS)}`;
		assert.deepEqual(lintFile('dockerfile', text, { now: NOW }).findings[0].range, {
			start: { line: 2, character: 2 },
			end: { line: 2, character: 18 },
		});
	});

	it('is silenced by a file-level comment, and by a line comment above the first line', () => {
		const body = dockerfileOf(MAX_DOCKERFILE_INSTRUCTIONS);
		for (const comment of ['# shipshape-ignore-file shipshape/node-limit', '# shipshape-ignore shipshape/node-limit']) {
			const result = lintFile('dockerfile', `${comment}\n${body}`, { now: NOW });
			assert.equal(result.notLinted, true);
			assert.deepEqual(result.findings, [], comment);
		}
		const compose = lintFile(
			'compose',
			`# shipshape-ignore-file shipshape/node-limit\n${composeOf(MAX_YAML_ENTRIES)}`,
			{
				now: NOW,
			},
		);
		assert.deepEqual(compose.findings, []);
	});

	it('is not silenced by a comment naming another rule, or one above a later line', () => {
		const body = dockerfileOf(MAX_DOCKERFILE_INSTRUCTIONS);
		for (const text of [
			`# shipshape-ignore-file dockerfile/no-latest-tag\n${body}`,
			`${body}# shipshape-ignore shipshape/node-limit\nRUN true\n`,
		]) {
			assert.deepEqual(
				lintFile('dockerfile', text, { now: NOW }).findings.map((finding) => finding.ruleId),
				['shipshape/node-limit'],
			);
		}
	});
});

describe('shipshape/node-limit: fixes near the limit', () => {
	const lintFixes = (kind: 'dockerfile' | 'compose', text: string) =>
		lintFile(kind, text, { now: NOW }).findings.filter((finding) => finding.ruleId !== 'shipshape/node-limit');

	it('offers the fixes of a file far below the limit', () => {
		const fixable = lintFixes('dockerfile', dockerfileOf(10)).filter((finding) => finding.fix !== undefined);
		assert.ok(fixable.some((finding) => finding.ruleId === 'dockerfile/non-root-user'));
	});

	it('withholds a fix that could take a Dockerfile over the limit, and keeps its finding', () => {
		const findings = lintFixes('dockerfile', dockerfileOf(MAX_DOCKERFILE_INSTRUCTIONS - 1));
		const user = findings.find((finding) => finding.ruleId === 'dockerfile/non-root-user');
		assert.ok(user !== undefined);
		assert.equal(user.fix, undefined);
	});

	it('withholds a fix that could take a compose file over the limit, and keeps its finding', () => {
		const findings = lintFixes('compose', composeOf(MAX_YAML_ENTRIES - 4));
		const rotation = findings.find((finding) => finding.ruleId === 'compose/log-rotation');
		assert.ok(rotation !== undefined);
		assert.equal(rotation.fix, undefined);
	});

	it('withholds a fix that adds lines to a compose file at the line limit', () => {
		const findings = lintFixes('compose', composeOfLines(MAX_LINES - 2));
		const rotation = findings.find((finding) => finding.ruleId === 'compose/log-rotation');
		assert.ok(rotation !== undefined);
		assert.equal(rotation.fix, undefined);
		const farBelow = lintFixes('compose', composeOfLines(100)).find(
			(finding) => finding.ruleId === 'compose/log-rotation',
		);
		assert.notEqual(farBelow?.fix, undefined);
	});

	it('applies every fix offered and stays within the limit (fix-all), close to it', () => {
		for (const [kind, text] of [
			['dockerfile', dockerfileOf(MAX_DOCKERFILE_INSTRUCTIONS - 12)],
			['compose', composeOf(MAX_YAML_ENTRIES - 40)],
		] as const) {
			const fixed = fixAll(text, (current) => lintFile(kind, current, { now: NOW }).findings);
			assert.ok(fixed.applied.length > 0, `${kind}: some fix still applies`);
			const after = lintFile(kind, fixed.text, { now: NOW });
			assert.equal(after.notLinted, undefined, `${kind}: the fixed file is still linted`);
		}
	});
});
