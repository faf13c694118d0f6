import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, type Argument, type Instruction } from 'dockerfile-ast';
import { parseDockerfile } from '../../../../server/src/core/dockerfile/model';
import { libraryRawArguments, libraryRawArgumentsContent } from '../../../../server/src/core/dockerfile/raw-arguments';
import { repositoryDockerfiles, seededRandom } from '../../helpers';

/** Words and ranges of an argument list, comparable with deepEqual. */
function plain(args: readonly { getValue(): string; getRange(): unknown }[]): unknown[] {
	return args.map((arg) => [arg.getValue(), arg.getRange()]);
}

/** The splitter as the library's own methods call it (private in its types). */
function rawArguments(instruction: Instruction): Argument[] {
	return (instruction as unknown as { getRawArguments(): Argument[] }).getRawArguments();
}

/** getRawArgumentsContent as patched (public in the library, missing from its types). */
function rawArgumentsContent(instruction: Instruction): string | null {
	return (instruction as unknown as { getRawArgumentsContent(): string | null }).getRawArgumentsContent();
}

/** Asserts the patched splitter and the library's own agree on every instruction of a text. */
function assertSameSplit(text: string): void {
	for (const instruction of DockerfileParser.parse(text).getInstructions()) {
		const expected = plain(libraryRawArguments(instruction));
		assert.deepEqual(
			plain(rawArguments(instruction)),
			expected,
			`instruction ${JSON.stringify(instruction.getTextContent())} in ${JSON.stringify(text)}`,
		);
		assert.equal(
			rawArgumentsContent(instruction),
			libraryRawArgumentsContent(instruction),
			`content of ${JSON.stringify(instruction.getTextContent())} in ${JSON.stringify(text)}`,
		);
		// The cached answer is a fresh array each time: the library shifts flags off it.
		const first = rawArguments(instruction);
		first.length = 0;
		assert.deepEqual(plain(rawArguments(instruction)), expected);
	}
}

const PIECES = [
	' ',
	'  ',
	'\t',
	'\n',
	'\r\n',
	'\\',
	'\\\n',
	'\\ \n',
	'\\\t\r\n',
	'\\ x',
	'`',
	'`\n',
	'#',
	'# c\n',
	'$',
	'\\$',
	'a',
	'bc',
	'"q r"',
	"'s'",
	'--flag=v',
	'=',
	'[',
	']',
	'é',
	'\u00a0',
];

describe('raw arguments (dockerfile-ast word splitter and argument content)', () => {
	parseDockerfile('FROM scratch'); // installs the splitter
	it('splits words, continuations, comment lines and escapes as the library does', () => {
		for (const text of [
			'RUN apt-get update && apt-get install -y curl',
			'RUN a \\\n  b \\\n# comment\n  c',
			'RUN a\\\n b',
			'RUN a \\  \n b',
			'RUN a\\ b c\\$d e\\',
			'RUN a \\ b',
			'COPY --chown=1:1 --from=x a b',
			'ENV A=1 \\\n\tB="2 3"',
			'# escape=`\nRUN a `\n b `$c d`e',
			'RUN \\\n\n#x\n\\\r\n y',
			'HEALTHCHECK --interval=5s CMD curl -f http://x/ || exit 1',
			'RUN',
			'RUN \\',
		]) {
			assertSameSplit(text);
		}
	});
	it('agrees with the library on generated instructions', () => {
		const random = seededRandom(7);
		for (let round = 0; round < 3000; round++) {
			const escape = random() < 0.2 ? '# escape=`\n' : '';
			let body = '';
			const length = 1 + Math.floor(random() * 14);
			for (let piece = 0; piece < length; piece++) body += PIECES[Math.floor(random() * PIECES.length)];
			const keyword = ['RUN', 'COPY', 'ENV', 'FROM', 'ARG', 'LABEL', 'CMD', 'USER'][Math.floor(random() * 8)];
			assertSameSplit(`${escape}FROM x\n${keyword} ${body}\nRUN after`);
		}
	});
	it("answers isAfter and isBefore as the library's words do, before any range is asked for", () => {
		const text = 'FROM x\nRUN a \\\n  bc d\nCOPY --from=x a b';
		const theirs = DockerfileParser.parse(text).getInstructions();
		for (const method of ['isAfter', 'isBefore'] as const) {
			for (let line = 0; line < 5; line++) {
				for (let character = 0; character < 8; character++) {
					// A fresh parse per question: each word answers before its range exists.
					const ours = DockerfileParser.parse(text).getInstructions();
					ours.forEach((instruction, index) => {
						const expected = libraryRawArguments(theirs[index]);
						rawArguments(instruction).forEach((word, at) =>
							assert.equal(
								word[method]({ line, character }),
								expected[at][method]({ line, character }),
								`${method} ${line}:${character}`,
							),
						);
					});
				}
			}
		}
	});
	it("agrees with the library on the repository's own Dockerfiles", () => {
		const texts = repositoryDockerfiles();
		assert.ok(texts.length > 0);
		for (const text of texts) assertSameSplit(text);
	});
});
