import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../../../server/src/core/dockerfile/model';
import { SEMANTIC_LEGEND, semanticTokens } from '../../../../../server/src/core/features/dockerfile/semantic-tokens';

/** The tokens decoded to `text:type[.modifier]`, in order. */
function decoded(text: string): string[] {
	const model = parseDockerfile(text);
	const data = semanticTokens(model);
	const out: string[] = [];
	let line = 0;
	let character = 0;
	for (let at = 0; at < data.length; at += 5) {
		line += data[at];
		character = data[at] === 0 ? character + data[at + 1] : data[at + 1];
		const word = model.index.lineText(line).slice(character, character + data[at + 2]);
		const modifier = data[at + 4] === 1 ? `.${SEMANTIC_LEGEND.tokenModifiers[0]}` : '';
		out.push(`${word}:${SEMANTIC_LEGEND.tokenTypes[data[at + 3]]}${modifier}`);
	}
	return out;
}

describe('semantic tokens (Dockerfile)', () => {
	it('marks keywords, flags, variables, stage names and heredoc bodies', () => {
		const text = 'ARG V=1\nFROM alpine:$V AS build\nFROM build\nCOPY --from=build <<EOF /x\nhello $V\nEOF\n';
		assert.deepEqual(decoded(text), [
			'ARG:keyword',
			'V:variable.declaration',
			'FROM:keyword',
			'V:variable',
			'build:class.declaration',
			'FROM:keyword',
			'build:class',
			'COPY:keyword',
			'--from:parameter',
			'build:class',
			'hello $V:string',
		]);
	});

	it('encodes nothing for an empty file', () => {
		assert.deepEqual(semanticTokens(parseDockerfile('')), []);
	});
});
