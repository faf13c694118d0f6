import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, Property } from 'dockerfile-ast';
import { parseDockerfile } from '../../../../server/src/core/dockerfile/model';
import { libraryPropertyValue } from '../../../../server/src/core/dockerfile/property-values';
import { seededRandom } from '../../helpers';

/** The getValue the library's Property constructor calls (patched once the model is loaded). */
function propertyValue(value: string, escapeChar: string): string {
	return (Property as unknown as { getValue(value: string, escapeChar: string): string }).getValue(value, escapeChar);
}

const PIECES = [
	'a',
	'B_1',
	'=',
	'-',
	'.',
	'/',
	'$',
	'{',
	'}',
	':',
	' ',
	'\t',
	'\n',
	'\r\n',
	'#',
	'"',
	"'",
	'\\',
	'`',
	'\\\n',
	'`\n',
	'\\ \n',
	'# c\n',
	'é',
];

describe('property values (dockerfile-ast Property.getValue)', () => {
	parseDockerfile('FROM scratch'); // installs the pass-through
	it("gives the library's value for generated texts, with either escape character", () => {
		const random = seededRandom(5);
		for (let round = 0; round < 5000; round++) {
			let text = '';
			const length = Math.floor(random() * 8);
			for (let piece = 0; piece < length; piece++) text += PIECES[Math.floor(random() * PIECES.length)];
			for (const escapeChar of ['\\', '`']) {
				assert.equal(
					propertyValue(text, escapeChar),
					libraryPropertyValue(text, escapeChar),
					`${JSON.stringify(text)} with ${escapeChar}`,
				);
			}
		}
	});
	it('returns a plain text as it is, and the library agrees', () => {
		for (const text of ['', 'GO_VERSION', '1.21.5', 'node:22-alpine', '${VERSION:-1}', 'é']) {
			assert.equal(propertyValue(text, '\\'), text);
			assert.equal(libraryPropertyValue(text, '\\'), text);
		}
	});
	it("gives ENV, ARG and LABEL properties the library's names and values", () => {
		const text = 'FROM x\nARG A=1 B\nENV C="2 3" D=4\\\n  E=5\nLABEL "f"=\'6\' g=7\nENV H i j\nARG K\\=L=\\$m';
		for (const instruction of DockerfileParser.parse(text).getInstructions().slice(1)) {
			const properties = (instruction as unknown as { getProperties(): Property[] }).getProperties();
			for (const property of properties) {
				const range = property.getNameRange();
				const written = text.slice(offset(text, range.start), offset(text, range.end));
				assert.equal(property.getName(), libraryPropertyValue(written, '\\'));
			}
		}
	});
});

function offset(text: string, position: { line: number; character: number }): number {
	const lines = text.split('\n');
	return lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
}
