import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseManifest } from '../../../../../scripts/conformance/sweep';
import { parseCompose } from '../../../../../server/src/core/compose/model';
import { composeValue } from '../../../../../server/src/core/compose/schema/value';
import { formatResult } from '../../../../../server/src/core/features/compose/formatting';
import { applyEdits } from '../../../../../server/src/core/fixes';

function format(text: string, tabSize = 2): string {
	const model = parseCompose(text);
	return applyEdits(model.index, formatResult(model, { tabSize }).edits);
}

describe('compose formatting', () => {
	it('indents each level by the tab size, keeping comments, anchors, aliases, tags and key order', () => {
		const text = [
			'# top',
			'x-base: &base',
			'    restart: always',
			'services:',
			'   web:',
			'        <<: *base',
			'        image: nginx  # trailing',
			'        # about ports',
			'        ports:',
			'        - "80:80"',
			'        -   target: 81',
			'            published: 8081',
			'        volumes: !reset []',
			'        labels: !override',
			'              a: b',
			'',
			'volumes:',
			' data:',
			'',
		].join('\n');
		assert.equal(
			format(text),
			[
				'# top',
				'x-base: &base',
				'  restart: always',
				'services:',
				'  web:',
				'    <<: *base',
				'    image: nginx  # trailing',
				'    # about ports',
				'    ports:',
				'      - "80:80"',
				'      -   target: 81',
				'          published: 8081',
				'    volumes: !reset []',
				'    labels: !override',
				'      a: b',
				'',
				'volumes:',
				'  data:',
				'',
			].join('\n'),
		);
	});

	it('moves block scalars, multi-line strings and flow collections with their line, content unchanged', () => {
		const text = [
			'services:',
			'    web:',
			'        command: |',
			'            echo a',
			'              echo b',
			'        entrypoint: "sh',
			'            -c"',
			'        environment: {A: 1,',
			'              B: 2}',
			'',
		].join('\n');
		const formatted = format(text);
		assert.equal(
			formatted,
			[
				'services:',
				'  web:',
				'    command: |',
				'        echo a',
				'          echo b',
				'    entrypoint: "sh',
				'        -c"',
				'    environment: {A: 1,',
				'          B: 2}',
				'',
			].join('\n'),
		);
	});

	it('uses the requested tab size, and a second format changes nothing', () => {
		const text = 'services:\n  web:\n    depends_on:\n    - db\n  db: {}\n';
		const four = format(text, 4);
		assert.equal(four, 'services:\n    web:\n        depends_on:\n            - db\n    db: {}\n');
		assert.equal(format(four, 4), four);
		assert.equal(format(format(text)), format(text));
	});

	it('keeps multi-document files and CRLF line endings', () => {
		assert.equal(format('a:\n    b: 1\n---\nc:\n      d: 2\n'), 'a:\n  b: 1\n---\nc:\n  d: 2\n');
		assert.equal(format('a:\r\n    b: 1\r\n'), 'a:\r\n  b: 1\r\n');
	});

	it('refuses a file with a YAML error, and leaves a formatted file alone', () => {
		assert.deepEqual(formatResult(parseCompose('services:\n    web: [\n'), { tabSize: 2 }), {
			edits: [],
			refused: 'syntax',
		});
		assert.deepEqual(formatResult(parseCompose('services:\n  web: {}\n'), { tabSize: 2 }), { edits: [] });
	});

	it('formats a deeply nested file without recursion per level; one the model refuses to read gets no edits', () => {
		const deep = (levels: number): string =>
			`${Array.from({ length: levels }, (_, level) => `${'   '.repeat(level)}k${level}:`).join('\n')} 1\n`;
		assert.equal(format(deep(80)).split('\n')[79], `${'  '.repeat(79)}k79: 1`);
		assert.deepEqual(formatResult(parseCompose(deep(2000)), { tabSize: 2 }), { edits: [], refused: 'syntax' });
	});
});

describe('compose formatting over the corpus', () => {
	const corpus =
		process.env.SHIPSHAPE_CORPUS ?? join(import.meta.dirname, '..', '..', '..', '..', '..', '..', 'shared', 'corpus');
	const manifest = join(corpus, 'realworld', 'MANIFEST.tsv');
	const found = existsSync(manifest);
	if (!found) {
		console.warn(`SKIPPED: no corpus at ${corpus} (set SHIPSHAPE_CORPUS): compose formatting over the corpus not run`);
	}

	it('reads every compose file back as the same value after formatting, and formats it once', {
		skip: !found && 'no corpus (set SHIPSHAPE_CORPUS)',
	}, () => {
		const entries = parseManifest(readFileSync(manifest, 'utf8')).filter((entry) => entry.kind === 'compose');
		assert.ok(entries.length > 0);
		for (const entry of entries) {
			const text = readFileSync(join(corpus, entry.file), 'utf8');
			const model = parseCompose(text);
			const result = formatResult(model, { tabSize: 2 });
			assert.notEqual(result.refused, 'value', entry.file);
			const formatted = applyEdits(model.index, result.edits);
			const again = parseCompose(formatted);
			assert.equal(again.documents.length, model.documents.length, entry.file);
			model.documents.forEach((document, at) =>
				assert.deepEqual(composeValue(again, again.documents[at]), composeValue(model, document), entry.file),
			);
			assert.deepEqual(formatResult(again, { tabSize: 2 }).edits, [], `${entry.file}: a second format changes it`);
		}
	});
});
