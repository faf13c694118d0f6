import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canDisableLine, disableFileEdit, disableLineEdit } from '../../../../server/src/core/features/disable';
import { applyEdits } from '../../../../server/src/core/fixes';
import { lintFile } from '../../../../server/src/core/lint-file';
import { TextIndex } from '../../../../server/src/core/text';
import type { DocumentKind } from '../../../../server/src/core/types';
import { NOW } from '../../helpers';

const apply = (text: string, edit: ReturnType<typeof disableLineEdit>): string =>
	applyEdits(new TextIndex(text), [edit]);
const ruleIds = (kind: DocumentKind, text: string): string[] =>
	lintFile(kind, text, { now: NOW }).findings.map((finding) => finding.ruleId);
const lines = (...content: string[]): string => content.join('\n') + '\n';

const dockerfile = lines('FROM ubuntu:24.04', '  RUN apt-get update \\', '      && apt-get install curl');

const composeFile = lines('services:', '  web:', '    image: nginx', '    command: |', '      echo hi');

describe('disableLineEdit (Dockerfile)', () => {
	it('writes the comment directly above the instruction, with its indentation, from a continuation line', () => {
		assert.ok(ruleIds('dockerfile', dockerfile).includes('dockerfile/apt-hygiene'));
		const fixed = apply(dockerfile, disableLineEdit('dockerfile', dockerfile, 2, 'dockerfile/apt-hygiene'));
		assert.equal(
			fixed,
			lines(
				'FROM ubuntu:24.04',
				'  # shipshape-ignore dockerfile/apt-hygiene',
				'  RUN apt-get update \\',
				'      && apt-get install curl',
			),
		);
		const after = ruleIds('dockerfile', fixed);
		assert.ok(!after.includes('dockerfile/apt-hygiene'));
		assert.ok(after.includes('dockerfile/clean-package-cache'), 'other rules still report');
	});

	it('appends to a shipshape-ignore comment already above, before its reason', () => {
		const text = lines(
			'FROM ubuntu:24.04',
			'# shipshape-ignore dockerfile/clean-package-cache -- small image not needed',
			'RUN apt-get update && apt-get install curl',
		);
		const fixed = apply(text, disableLineEdit('dockerfile', text, 2, 'dockerfile/apt-hygiene'));
		assert.equal(
			fixed,
			lines(
				'FROM ubuntu:24.04',
				'# shipshape-ignore dockerfile/clean-package-cache, dockerfile/apt-hygiene -- small image not needed',
				'RUN apt-get update && apt-get install curl',
			),
		);
		const after = ruleIds('dockerfile', fixed);
		assert.ok(!after.includes('dockerfile/apt-hygiene') && !after.includes('dockerfile/clean-package-cache'));
	});

	it('goes above a peer pragma written over the instruction, which covers only the next line (found by the fuzzer)', () => {
		const text = lines('#hadolint ignore=DL3009', 'RUN apt-get update');
		const fixed = apply(text, disableLineEdit('dockerfile', text, 1, 'dockerfile/apt-hygiene'));
		assert.equal(
			fixed,
			lines('# shipshape-ignore dockerfile/apt-hygiene', '#hadolint ignore=DL3009', 'RUN apt-get update'),
		);
		assert.deepEqual(
			ruleIds('dockerfile', fixed).filter((id) => id !== 'dockerfile/syntax'),
			[],
		);
		const checked = lines(
			'FROM debian:12',
			'# check=skip=JSONArgsRecommended',
			'# hadolint ignore=DL3025',
			'CMD node server.js',
		);
		assert.equal(
			apply(checked, disableLineEdit('dockerfile', checked, 3, 'dockerfile/exec-form')),
			lines(
				'FROM debian:12',
				'# shipshape-ignore dockerfile/exec-form',
				'# check=skip=JSONArgsRecommended',
				'# hadolint ignore=DL3025',
				'CMD node server.js',
			),
		);
		// An indented `#hadolint` line is no pragma: the comment goes right above the instruction (found by the fuzzer).
		const indented = lines('FROM alpine:3.20', ' #hadolint ', 'COPY .env /');
		assert.equal(
			apply(indented, disableLineEdit('dockerfile', indented, 2, 'dockerfile/no-secrets')),
			lines('FROM alpine:3.20', ' #hadolint ', '# shipshape-ignore dockerfile/no-secrets', 'COPY .env /'),
		);
		// At the top, `# check=` is a parser directive for the whole file: the comment goes below it (found by the fuzzer).
		const directive = lines('#check=error=true', 'FROM e As u');
		assert.equal(
			apply(directive, disableLineEdit('dockerfile', directive, 1, 'dockerfile/non-root-user')),
			lines('#check=error=true', '# shipshape-ignore dockerfile/non-root-user', 'FROM e As u'),
		);
	});

	it('goes above an indented hadolint pragma too, which the suppression parser reads (found by the fuzzer)', () => {
		const text = ' #hadolint ignore=DL8,DL3009\nRUN apt-get update';
		const fixed = apply(text, disableLineEdit('dockerfile', text, 1, 'dockerfile/apt-hygiene'));
		assert.equal(fixed, '# shipshape-ignore dockerfile/apt-hygiene\n #hadolint ignore=DL8,DL3009\nRUN apt-get update');
		// DL3009 stays silenced, apt-hygiene now too.
		const ids = lintFile('dockerfile', fixed, { now: NOW }).findings.map((finding) => finding.ruleId);
		assert.ok(!ids.includes('dockerfile/clean-package-cache') && !ids.includes('dockerfile/apt-hygiene'), ids.join());
	});
	it('takes a line led by a U+00A0 for the instruction it is, not for a pragma (found by the fuzzer)', () => {
		const text = '\u00a0 #hadolint ignore=\nCOPY --from=b';
		const fixed = apply(text, disableLineEdit('dockerfile', text, 1, 'dockerfile/stage-references'));
		assert.equal(fixed, '\u00a0 #hadolint ignore=\n# shipshape-ignore dockerfile/stage-references\nCOPY --from=b');
		const ids = lintFile('dockerfile', fixed, { now: NOW }).findings.map((finding) => finding.ruleId);
		assert.ok(!ids.includes('dockerfile/stage-references'), ids.join());
	});
	it('does not merge into a file-level comment above', () => {
		const text = lines('# shipshape-ignore-file dockerfile/non-root-user', 'FROM ubuntu:24.04');
		assert.equal(
			apply(text, disableLineEdit('dockerfile', text, 1, 'dockerfile/consistent-casing')),
			lines(
				'# shipshape-ignore-file dockerfile/non-root-user',
				'# shipshape-ignore dockerfile/consistent-casing',
				'FROM ubuntu:24.04',
			),
		);
	});

	it('keeps CRLF line endings', () => {
		const text = 'FROM ubuntu:24.04\r\nRUN apt-get update && apt-get install curl\r\n';
		const fixed = apply(text, disableLineEdit('dockerfile', text, 1, 'dockerfile/apt-hygiene'));
		assert.equal(
			fixed,
			'FROM ubuntu:24.04\r\n# shipshape-ignore dockerfile/apt-hygiene\r\nRUN apt-get update && apt-get install curl\r\n',
		);
		assert.ok(!ruleIds('dockerfile', fixed).includes('dockerfile/apt-hygiene'));
	});
});

describe('disableLineEdit (compose)', () => {
	it('writes the comment above the YAML line with its indentation', () => {
		assert.ok(ruleIds('compose', composeFile).includes('compose/pin-image-tag'));
		const fixed = apply(composeFile, disableLineEdit('compose', composeFile, 2, 'compose/pin-image-tag'));
		assert.equal(
			fixed,
			lines(
				'services:',
				'  web:',
				'    # shipshape-ignore compose/pin-image-tag',
				'    image: nginx',
				'    command: |',
				'      echo hi',
			),
		);
		const after = ruleIds('compose', fixed);
		assert.ok(!after.includes('compose/pin-image-tag'));
		assert.ok(after.includes('compose/restart-policy'), 'other rules still report');
	});

	it('above a service key, the comment covers the service block', () => {
		const fixed = apply(composeFile, disableLineEdit('compose', composeFile, 1, 'compose/restart-policy'));
		assert.equal(
			fixed,
			lines(
				'services:',
				'  # shipshape-ignore compose/restart-policy',
				'  web:',
				'    image: nginx',
				'    command: |',
				'      echo hi',
			),
		);
		assert.ok(!ruleIds('compose', fixed).includes('compose/restart-policy'));
	});

	it('never writes into a block scalar: it goes above the key that opens it', () => {
		const fixed = apply(composeFile, disableLineEdit('compose', composeFile, 4, 'compose/pin-image-tag'));
		assert.equal(
			fixed,
			lines(
				'services:',
				'  web:',
				'    image: nginx',
				'    # shipshape-ignore compose/pin-image-tag',
				'    command: |',
				'      echo hi',
			),
		);
	});

	it('takes a less indented comment line that looks like a block scalar header (`#: |`) for the comment it is (found by the fuzzer)', () => {
		const text = '#: |\n\n u';
		const fixed = apply(text, disableLineEdit('compose', text, 2, 'compose/syntax'));
		assert.equal(fixed, '#: |\n\n # shipshape-ignore compose/syntax\n u');
		assert.deepEqual(lintFile('compose', fixed, { now: NOW }).findings, []);
	});
	it('merges into a line comment exactly as the suppression parser reads it (ids ending in a U+2029)', () => {
		// Found by the fuzzer: a pattern of its own took such a line for a directive the parser did not read, so the merged id silenced nothing.
		const text = lines('FROM alpine:3.20', '#shipshape-ignore e\u2029', 'ADD a.txt /a.txt');
		assert.ok(ruleIds('dockerfile', text).includes('dockerfile/copy-for-local-files'));
		const fixed = apply(text, disableLineEdit('dockerfile', text, 2, 'dockerfile/copy-for-local-files'));
		assert.equal(
			fixed,
			lines('FROM alpine:3.20', '#shipshape-ignore e, dockerfile/copy-for-local-files\u2029', 'ADD a.txt /a.txt'),
		);
		assert.ok(!ruleIds('dockerfile', fixed).includes('dockerfile/copy-for-local-files'));
	});

	it('appends to an existing comment above, in CRLF', () => {
		const text = 'services:\r\n  web:\r\n    # shipshape-ignore compose/log-rotation\r\n    image: nginx\r\n';
		assert.equal(
			apply(text, disableLineEdit('compose', text, 3, 'compose/pin-image-tag')),
			'services:\r\n  web:\r\n    # shipshape-ignore compose/log-rotation, compose/pin-image-tag\r\n    image: nginx\r\n',
		);
	});
});

describe('disableFileEdit', () => {
	it('puts the comment at the top of a Dockerfile without parser directives', () => {
		const fixed = apply(dockerfile, disableFileEdit('dockerfile', dockerfile, 'dockerfile/apt-hygiene'));
		assert.equal(fixed, '# shipshape-ignore-file dockerfile/apt-hygiene\n' + dockerfile);
		const after = ruleIds('dockerfile', fixed);
		assert.ok(!after.includes('dockerfile/apt-hygiene') && after.includes('dockerfile/clean-package-cache'));
	});

	it('keeps parser directives first', () => {
		const text = lines(
			'# syntax=docker/dockerfile:1',
			'# escape=\\',
			'FROM ubuntu:24.04',
			'RUN apt-get update && apt-get install curl',
		);
		const fixed = apply(text, disableFileEdit('dockerfile', text, 'dockerfile/apt-hygiene'));
		assert.equal(
			fixed,
			lines(
				'# syntax=docker/dockerfile:1',
				'# escape=\\',
				'# shipshape-ignore-file dockerfile/apt-hygiene',
				'FROM ubuntu:24.04',
				'RUN apt-get update && apt-get install curl',
			),
		);
		assert.ok(!ruleIds('dockerfile', fixed).includes('dockerfile/apt-hygiene'));
	});

	it('after a directive on the last line without a line ending', () => {
		const text = '# syntax=docker/dockerfile:1';
		assert.equal(
			apply(text, disableFileEdit('dockerfile', text, 'dockerfile/apt-hygiene')),
			'# syntax=docker/dockerfile:1\n# shipshape-ignore-file dockerfile/apt-hygiene',
		);
	});

	it('merges into an existing shipshape-ignore-file comment', () => {
		const text = lines(
			'# shipshape-ignore-file dockerfile/non-root-user',
			'FROM ubuntu:24.04',
			'RUN apt-get update && apt-get install curl',
		);
		const fixed = apply(text, disableFileEdit('dockerfile', text, 'dockerfile/apt-hygiene'));
		assert.equal(
			fixed,
			lines(
				'# shipshape-ignore-file dockerfile/non-root-user, dockerfile/apt-hygiene',
				'FROM ubuntu:24.04',
				'RUN apt-get update && apt-get install curl',
			),
		);
	});

	it('silences the file whatever blank ends the comment it merges into (U+2028 after the ids, found by the fuzzer)', () => {
		for (const kind of ['compose', 'dockerfile'] as const) {
			const text = 't\n#shipshape-ignore-file c\u2028';
			const ruleId = kind === 'compose' ? 'compose/syntax' : 'dockerfile/syntax';
			assert.ok(ruleIds(kind, text).includes(ruleId));
			const fixed = apply(text, disableFileEdit(kind, text, ruleId));
			assert.ok(!ruleIds(kind, fixed).includes(ruleId), `${kind}: ${JSON.stringify(fixed)}`);
		}
	});

	it('merges after the last id, before a reason', () => {
		const text = lines(
			'# shipshape-ignore-file dockerfile/non-root-user,  -- not shipped',
			'FROM ubuntu:24.04',
			'RUN apt-get update && apt-get install curl',
		);
		const fixed = apply(text, disableFileEdit('dockerfile', text, 'dockerfile/apt-hygiene'));
		assert.equal(
			fixed.split('\n')[0],
			'# shipshape-ignore-file dockerfile/non-root-user, dockerfile/apt-hygiene,  -- not shipped',
		);
		assert.ok(!ruleIds('dockerfile', fixed).includes('dockerfile/apt-hygiene'));
	});

	it('puts the comment on the first line of a compose file, in its EOL', () => {
		const text = composeFile.replace(/\n/g, '\r\n');
		const fixed = apply(text, disableFileEdit('compose', text, 'compose/restart-policy'));
		assert.equal(fixed, '# shipshape-ignore-file compose/restart-policy\r\n' + text);
		const after = ruleIds('compose', fixed);
		assert.ok(!after.includes('compose/restart-policy') && after.includes('compose/log-rotation'));
	});
});

describe('canDisableLine', () => {
	it('is false on a whole-line comment, where only the file-level comment works', () => {
		const text = lines(
			'FROM alpine:3.20',
			'# shipshape-ignore bogus/id',
			'RUN echo \\',
			'# a comment inside the instruction',
			'  done',
		);
		assert.deepEqual(
			[0, 1, 2, 3, 4].map((line) => canDisableLine('dockerfile', text, line)),
			[true, false, true, true, true],
		);
		const yaml = lines('services:', '  # shipshape-ignore bogus/id', '  web:', '    image: nginx');
		assert.deepEqual(
			[0, 1, 2, 3].map((line) => canDisableLine('compose', yaml, line)),
			[true, false, true, true],
		);
	});

	it("answers for a line of 240 KB of stray `}` without yaml's error recovery per character (found by the fuzzer: 115 s)", () => {
		const text = `services:\n  web:\n    image: nginx:1.27\n${'}'.repeat(240_000)}\n`;
		assert.equal(canDisableLine('compose', text, 3), true);
	});
});
