import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, type Argument, type Flag as AstFlag, type Instruction } from 'dockerfile-ast';
import { libraryArguments, readFlags } from '../../../../server/src/core/dockerfile/flags';
import { parseDockerfile } from '../../../../server/src/core/dockerfile/model';
import { repositoryDockerfiles, seededRandom } from '../../helpers';

/** Words and ranges of an argument list, comparable with deepEqual. */
function plain(args: readonly Argument[]): unknown[] {
	return args.map((arg) => [arg.getValue(), arg.getRange()]);
}

/** The library's flags in the model's shape. */
function libraryFlags(instruction: Instruction): unknown[] {
	const flags = 'getFlags' in instruction ? (instruction as unknown as { getFlags(): AstFlag[] }).getFlags() : [];
	return flags.map((flag) => ({
		name: flag.getName(),
		value: flag.getValue(),
		range: flag.getRange(),
		valueRange: flag.getValueRange(),
	}));
}

/**
 * Asserts that, on every instruction of a text, the counting getArguments gives the library's words
 * and readFlags the library's flags. Each side reads its own parse: the library's getFlags keeps its
 * answer on the instruction, which getArguments then uses.
 */
function assertSameFlags(text: string): void {
	const ours = DockerfileParser.parse(text).getInstructions();
	const theirs = DockerfileParser.parse(text).getInstructions();
	assert.equal(ours.length, theirs.length);
	ours.forEach((instruction, index) => {
		const context = `instruction ${JSON.stringify(instruction.getTextContent())} in ${JSON.stringify(text)}`;
		assert.deepEqual(plain(instruction.getArguments()), plain(libraryArguments(theirs[index])), context);
		assert.deepEqual(readFlags(instruction), libraryFlags(theirs[index]), context);
		// Once the library's flags exist on the instruction, getArguments drops that many words.
		libraryFlags(instruction);
		assert.deepEqual(plain(instruction.getArguments()), plain(libraryArguments(theirs[index])), context);
	});
}

const PIECES = [
	' ',
	'\t',
	'\n',
	'\\\n',
	'\\ \n',
	'\\ x',
	'`\n',
	'# c\n',
	'\\=',
	'--',
	'--a',
	'--mount=type=cache,target=/x',
	'--from=b',
	'--platform=',
	'=',
	'-',
	'x',
	'CMD',
	'none',
	'"q r"',
	'[',
	']',
	'a--b',
];

describe('flags without dockerfile-ast building them', () => {
	parseDockerfile('FROM scratch'); // installs the counting getArguments
	it('reads names, values and ranges as the library does', () => {
		for (const text of [
			'RUN --mount=type=cache,target=/root/.cache --network=none pip install x',
			'COPY --from=build --chown=1:1 a b',
			'COPY --link= a b',
			'ADD --checksum a b',
			'FROM --platform=$BUILDPLATFORM golang AS build',
			'HEALTHCHECK --interval=5s --timeout=3s CMD curl -f http://x/ || exit 1',
			'HEALTHCHECK --retries=3 NONE',
			'RUN a--b --c',
			'RUN --a\\\n=b c',
			'RUN --x\\=y z',
			'RUN --a \\\n# comment=1\n --b=2 c',
			'CMD --not-a-flag',
			'ENV --A=1',
			'# escape=`\nRUN --mount=type=bind,src=a `\n  --network=host b',
			'RUN --',
			'RUN',
		]) {
			assertSameFlags(`FROM x\n${text}`);
		}
	});
	it('agrees with the library on generated instructions', () => {
		const random = seededRandom(11);
		for (let round = 0; round < 3000; round++) {
			const escape = random() < 0.2 ? '# escape=`\n' : '';
			let body = '';
			const length = 1 + Math.floor(random() * 10);
			for (let piece = 0; piece < length; piece++) body += PIECES[Math.floor(random() * PIECES.length)];
			const keyword = ['RUN', 'COPY', 'ADD', 'FROM', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'SHELL', 'ENV', 'USER'][
				Math.floor(random() * 10)
			];
			assertSameFlags(`${escape}FROM x\n${keyword} ${body}\nRUN after`);
		}
	});
	it("agrees with the library on the repository's own Dockerfiles", () => {
		const texts = repositoryDockerfiles();
		assert.ok(texts.length > 0);
		for (const text of texts) assertSameFlags(text);
	});
});
