import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCompose } from '../../../../../server/src/core/compose/model';
import { linkProject } from '../../../../../server/src/core/compose/project';
import { composeHover } from '../../../../../server/src/core/features/compose/hover';
import type { FileHost } from '../../../../../server/src/core/types';
import { NOW } from '../../../helpers';

function hostOf(files: Record<string, string>): FileHost {
	return { readFile: (path) => files[path], exists: (path) => path in files };
}

/** The hover text at the `|` of the lines, the file linked into its project as the language server has it. */
function hoverAt(lines: readonly string[], files: Record<string, string> = {}, env = new Map<string, string>()) {
	const marked = lines.join('\n');
	const offset = marked.indexOf('|');
	const text = marked.slice(0, offset) + marked.slice(offset + 1);
	const model = parseCompose(text);
	model.path = '/p/compose.yaml';
	model.env = env;
	const host = hostOf(files);
	linkProject(model, { path: model.path, host });
	const before = text.slice(0, offset).split('\n');
	const position = { line: before.length - 1, character: before[before.length - 1].length };
	const result = composeHover(model, position, { findings: [], now: NOW, host });
	return result === null ? null : { text: (result.contents as { value: string }).value, range: result.range };
}

describe('compose hover', () => {
	it('describes a key with the schema’s text and links its reference page', () => {
		const hover = hoverAt(['services:', '  web:', '    heal|thcheck:', '      interval: 5s']);
		assert.ok(hover);
		assert.match(
			hover.text,
			/^\*\*`healthcheck`\*\*: Configure a health check for the container to monitor its health status\./,
		);
		assert.match(hover.text, /\(https:\/\/docs\.docker\.com\/reference\/compose-file\/services\/#healthcheck\)/);
		assert.deepEqual(hover.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 15 } });
	});

	it('describes nested keys, build keys on the build page, and keys of a merged x- block', () => {
		const interval = hoverAt(['services:', '  web:', '    healthcheck:', '      inter|val: 5s']);
		assert.match(interval?.text ?? '', /Time between running the check/);
		const target = hoverAt(['services:', '  web:', '    build:', '      tar|get: prod']);
		assert.match(target?.text ?? '', /compose-file\/build\/#target/);
		const merged = hoverAt(['x-base: &base', '  resta|rt: always', 'services:', '  web:', '    <<: *base']);
		assert.match(merged?.text ?? '', /Restart policy for the service container/);
		assert.match(hoverAt(['x-ba|se: {}'])?.text ?? '', /an extension: Compose ignores it/);
	});

	it('says so for a key the schema does not know, and nothing on a plain value', () => {
		assert.match(
			hoverAt(['services:', '  web:', '    imag|e_name: x'])?.text ?? '',
			/not a key the Compose schema knows/,
		);
		assert.equal(hoverAt(['services:', '  web:', '    container_name: we|b1']), null);
	});

	it('lists on a service the values it takes from an anchor, its extends parent and the override file', () => {
		const files = {
			'/p/compose.override.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
		};
		const hover = hoverAt(
			[
				'x-base: &base',
				'  restart: always',
				'services:',
				'  base:',
				'    environment: [A=1]',
				'  w|eb:',
				'    <<: *base',
				'    extends: base',
				'    image: nginx',
			],
			files,
		);
		const text = hover?.text ?? '';
		assert.match(text, /- `restart`: line 2 `always`/);
		assert.match(text, /- `environment`: line 5/);
		assert.match(text, /- `image`: compose\.override\.yaml line 3 `nginx:1\.27`/);
	});

	it('says on a key that the override file wins over it', () => {
		const files = { '/p/compose.override.yaml': 'services:\n  web:\n    image: nginx:1.27\n' };
		const text = hoverAt(['services:', '  web:', '    im|age: nginx'], files)?.text ?? '';
		assert.match(text, /In effect: compose\.override\.yaml line 3 `nginx:1\.27`/);
	});

	it('shows each variable’s value and its .env line, and what the value resolves to', () => {
		const files = { '/p/.env': '# versions\nexport TAG=1.27\n' };
		const env = new Map([['TAG', '1.27']]);
		const text =
			hoverAt(['services:', '  web:', '    image: "nginx:${TAG}-${FLAVOUR:-al|pine}"'], files, env)?.text ?? '';
		assert.match(text, /- `TAG` = `1\.27` \(`\.env` line 2\)/);
		assert.match(text, /- `FLAVOUR` = unset/);
		assert.match(text, /Resolves to `nginx:1\.27-alpine`/);
	});
});
