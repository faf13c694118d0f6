import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectProject } from '../../../../server/src/core/scaffold/index';
import { HOSTILE_SHAPES } from '../../../../scripts/fuzz/hostile';
import { memoryReader } from './memory-reader';

/**
 * Detection reads manifests a repository nobody vetted wrote (up to 256 KB each through the guarded
 * reader): every hostile shape of the fuzzer, as each manifest detection parses, leaves detection
 * standing with the kind the file's name says. Deep nesting matters for package.json (JSON.parse).
 */
const MANIFESTS: Record<string, string> = {
	'package.json': 'node',
	'requirements.txt': 'python',
	'pyproject.toml': 'python',
	'go.mod': 'go',
	'Cargo.toml': 'rust',
	Gemfile: 'ruby',
	'App.csproj': 'dotnet',
	'pom.xml': 'java',
};
const SIZE = 16 * 1024;

describe('scaffold: detection over hostile manifests', () => {
	it(`survives ${HOSTILE_SHAPES.length} shapes in each of ${Object.keys(MANIFESTS).length} manifests`, () => {
		for (const shape of HOSTILE_SHAPES) {
			const text = shape.build(SIZE);
			for (const [name, kind] of Object.entries(MANIFESTS)) {
				const detection = detectProject(memoryReader({ [name]: text, '.env': text }));
				assert.equal(detection?.kind, kind, `${shape.name} as ${name}`);
			}
		}
	});

	it('survives JSON nested to the reader cap', () => {
		const depth = 128 * 1024;
		const nested = `{"dependencies":${'['.repeat(depth)}${']'.repeat(depth)}}`;
		assert.equal(detectProject(memoryReader({ 'package.json': nested }))?.kind, 'node');
	});
});
