import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { hover } from '../../../../server/src/core/features/hover';
import { lintFile } from '../../../../server/src/core/lint-file';
import type { DocumentKind } from '../../../../server/src/core/types';
import { NOW } from '../../helpers';

const dockerfile = 'FROM node:18-alpine AS build\nFROM node:22\nFROM build\n';
const at = (line: number, character: number) => ({ line, character });
const markdown = (kind: DocumentKind, text: string, line: number, character: number): string | undefined => {
	const findings = lintFile(kind, text, { now: NOW }).findings;
	const result = hover(kind, text, at(line, character), findings, NOW);
	return result === null ? undefined : (result.contents as MarkupContent).value;
};

describe('hover', () => {
	it('on an end-of-life FROM image: the date and the replacement, over the image range', () => {
		const result = hover('dockerfile', dockerfile, at(0, 7), [], NOW);
		assert.deepEqual(result, {
			contents: {
				kind: 'markdown',
				value: '`node:18-alpine`: Node.js 18: end of life since 2025-04-30; use `node:22-alpine`',
			},
			range: { start: at(0, 5), end: at(0, 19) },
		});
	});

	it('on a supported FROM image: until when', () => {
		assert.equal(markdown('dockerfile', dockerfile, 1, 12), '`node:22`: Node.js 22: supported until 2027-04-30');
	});

	it('no release line on a FROM that names a stage (the stage instead), nor on the keyword', () => {
		assert.equal(
			(hover('dockerfile', dockerfile, at(2, 7), [], NOW)?.contents as MarkupContent).value,
			'Build stage `build` (stage 0, line 1): `FROM node:18-alpine`',
		);
		assert.doesNotMatch(markdown('dockerfile', dockerfile, 1, 2) ?? '', /Node\.js/);
	});

	it('on a finding: the rule, its rationale and its documentation link, then the release line', () => {
		const value = markdown('dockerfile', dockerfile, 0, 7)!;
		assert.ok(
			value.startsWith(
				'**dockerfile/eol-base-image**: Do not build on a release that is past its end of life\n\nOnce a release line',
			),
			value,
		);
		assert.ok(
			value.includes(
				'[Documentation for dockerfile/eol-base-image](https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/dockerfile/eol-base-image.md)',
			),
		);
		assert.ok(
			value.endsWith('\n\n---\n\n`node:18-alpine`: Node.js 18: end of life since 2025-04-30; use `node:22-alpine`'),
		);
	});

	it('on a finding away from any image: only the rule', () => {
		const value = markdown('dockerfile', dockerfile, 2, 1)!;
		assert.ok(value.startsWith('**dockerfile/non-root-user**: '));
		assert.doesNotMatch(value, /Node\.js/);
	});

	it('on a compose `image:` value', () => {
		const text = 'services:\n  db:\n    image: postgres:11-alpine\n  cache:\n    image: redis:latest\n';
		const result = hover('compose', text, at(2, 14), [], NOW);
		assert.deepEqual(result, {
			contents: {
				kind: 'markdown',
				value: '`postgres:11-alpine`: PostgreSQL 11: end of life since 2023-11-09; use `postgres:15-alpine`',
			},
			range: { start: at(2, 11), end: at(2, 29) },
		});
		assert.equal(hover('compose', text, at(4, 14), [], NOW), null, 'a tag with no release line says nothing');
	});
});
