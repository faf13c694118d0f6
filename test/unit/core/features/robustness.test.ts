import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completion } from '../../../../server/src/core/features/completion';
import { disableFileEdit, disableLineEdit } from '../../../../server/src/core/features/disable';
import { hover } from '../../../../server/src/core/features/hover';
import { lensTargets } from '../../../../server/src/core/features/lens';
import { documentLinks } from '../../../../server/src/core/features/links';
import type { DocumentKind } from '../../../../server/src/core/types';
import { NOW } from '../../helpers';

/** Documents as they look mid-typing: the features must answer, never throw. */
const broken: Array<[DocumentKind, string]> = [
	['dockerfile', ''],
	['dockerfile', 'FROM'],
	['dockerfile', 'FROM node:18 AS\nCOPY --from=\nRUN <<EOF\n'],
	['compose', ''],
	['compose', 'services:\n  web:\n    image: [nginx\n    depends_on:\n      - '],
	['compose', 'services: {web: {build: {context: "'],
	['compose', '- just\n- a list\n'],
	['compose', 'a: &x\n  b: *x\nservices:\n  web: *y\n'],
];

describe('features on broken documents', () => {
	for (const [kind, text] of broken) {
		it(`${kind}: ${JSON.stringify(text).slice(0, 50)}`, () => {
			const lineCount = text.split('\n').length;
			for (const line of [0, lineCount - 1, lineCount + 3]) {
				for (const character of [0, 5, 200]) {
					assert.doesNotThrow(() => hover(kind, text, { line, character }, [], NOW));
					assert.ok(Array.isArray(completion(kind, text, { line, character })));
				}
				assert.equal(typeof disableLineEdit(kind, text, Math.min(line, lineCount - 1), 'x/y').newText, 'string');
			}
			assert.ok(disableFileEdit(kind, text, 'x/y').newText.includes('# shipshape-ignore-file x/y'));
			assert.ok(Array.isArray(documentLinks(kind, text, '/work/compose.yaml')));
			assert.ok(Array.isArray(lensTargets(kind, text)));
		});
	}
});
