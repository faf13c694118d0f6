import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../../server/src/core/dockerfile/model';
import { heredocWord, heredocsOfLine, logicalLine } from '../../../../server/src/core/dockerfile/heredocs';

/** Keyword and first line (1-based) of each instruction, and its heredocs' names. */
function outline(text: string): string[] {
	const model = parseDockerfile(text);
	return model.instructions.map((instruction) => {
		const docs = instruction.heredocs.map(
			(doc) => `${doc.fileDescriptor ?? ''}<<${doc.chomp ? '-' : ''}${doc.name}${doc.terminated ? '' : ' (open)'}`,
		);
		return `${instruction.range.start.line + 1} ${instruction.keyword}${docs.length > 0 ? ` ${docs.join(' ')}` : ''}`;
	});
}

describe('heredocWord: the operator words BuildKit reads as heredocs (parser.go ParseHeredoc)', () => {
	it('reads a file descriptor, `-` and a delimiter', () => {
		assert.deepEqual(heredocWord('<<EOF'), { name: 'EOF', chomp: false });
		assert.deepEqual(heredocWord('3<<EMPTY2'), { name: 'EMPTY2', chomp: false, fileDescriptor: 3 });
		assert.deepEqual(heredocWord('0<<-END'), { name: 'END', chomp: true, fileDescriptor: 0 });
	});
	it('removes quotes and escapes from the delimiter', () => {
		assert.deepEqual(heredocWord("<<'E F'"), { name: 'E F', chomp: false, quoted: true });
		assert.deepEqual(heredocWord('<<E"O"F'), { name: 'EOF', chomp: false, quoted: true });
		assert.deepEqual(heredocWord('<<-"EOF"'), { name: 'EOF', chomp: true, quoted: true });
		assert.deepEqual(heredocWord('<<E\\OF'), { name: 'EOF', chomp: false });
		assert.deepEqual(heredocWord('<<E\\"OF'), { name: 'E"OF', chomp: false }, 'an escaped quote quotes nothing');
	});
	it('is not a heredoc without a delimiter, with a `<` in it, or with text before the digits', () => {
		assert.equal(heredocWord('<<'), undefined);
		assert.equal(heredocWord('<<-'), undefined);
		assert.equal(heredocWord('<<<EOF'), undefined);
		assert.equal(heredocWord('cat<<EOF'), undefined);
		assert.equal(heredocWord('a3<<EOF'), undefined);
		assert.equal(heredocWord('"<<EOF"'), undefined);
	});
});

describe('heredocsOfLine: the line split as BuildKit lexes it', () => {
	it('finds several heredocs on one line, each with its own `-`', () => {
		assert.deepEqual(heredocsOfLine('RUN cat 0<<A <<-B 3<<"C"'), [
			{ name: 'A', chomp: false, fileDescriptor: 0 },
			{ name: 'B', chomp: true },
			{ name: 'C', chomp: false, quoted: true, fileDescriptor: 3 },
		]);
	});
	it('opens nothing inside quotes, nor when a quote is left open', () => {
		assert.deepEqual(heredocsOfLine('RUN echo "a <<EOF" b'), []);
		assert.deepEqual(heredocsOfLine("RUN echo it's <<EOF"), []);
	});
	it('joins continuations and drops the comment lines inside them', () => {
		const text = 'RUN cat \\\n# a note\n\n  <<EOF\n';
		assert.equal(logicalLine(text, 0, text.length - 1, '\\'), 'RUN cat   <<EOF');
	});
});

describe('parseDockerfile: heredoc bodies as BuildKit reads them', () => {
	it('keeps the body of a heredoc on a file descriptor inside its RUN (issue 15: `RUN 3<<EMPTY2`)', () => {
		assert.deepEqual(outline('FROM alpine\nRUN 3<<EMPTY2\nEMPTY2\nRUN true\n'), ['1 FROM', '2 RUN 3<<EMPTY2', '4 RUN']);
	});
	it('reads bodies one after another, `<<-` stripping tabs only from its own delimiter', () => {
		const text = 'FROM alpine\nRUN cat <<-A 3<<B\n\tx\n\tA\ny\n\tB\nB\nCMD ["true"]\n';
		// `\tB` does not end B (no `-`), the next `B` does.
		assert.deepEqual(outline(text), ['1 FROM', '2 RUN <<-A 3<<B', '8 CMD']);
		const [, run] = parseDockerfile(text).instructions;
		assert.equal(text.slice(run.heredocs[1].bodyStart, run.heredocs[1].bodyEnd), 'y\n\tB\n');
	});
	it('reads a quoted delimiter with a space, and ignores `<<` inside quotes', () => {
		assert.deepEqual(outline('FROM alpine\nRUN cat <<\'E F\'\nhi\nE F\nRUN echo "a <<EOF"\nEOF2\n'), [
			'1 FROM',
			'2 RUN <<E F',
			'5 RUN',
			'6 EOF2',
		]);
	});
	it('reads heredocs of COPY, ADD and an ONBUILD trigger, not of other instructions', () => {
		assert.deepEqual(outline('FROM alpine\nCOPY <<A /a\nx\nA\nONBUILD RUN 4<<B\ny\nB\nCMD cat <<C\nC\n'), [
			'1 FROM',
			'2 COPY <<A',
			'5 ONBUILD 4<<B',
			'8 CMD',
			'9 C',
		]);
	});
	it('marks a heredoc never closed, which runs to the end of the file', () => {
		assert.deepEqual(outline('FROM alpine\nRUN <<EOF\necho hi\nRUN true\n'), ['1 FROM', '2 RUN <<EOF (open)']);
	});
	it('reads the commands of a RUN around a heredoc on a file descriptor, not its body', () => {
		const [, run] = parseDockerfile(
			'FROM alpine\nRUN cat 3<<EOF && apk add curl\napt-get install -y vim\nEOF\n',
		).instructions;
		assert.deepEqual(
			run.commands.map((command) => command.words.map((word) => word.value).join(' ')),
			['cat', 'apk add curl'],
		);
	});
});

describe('parseDockerfile: a heredoc opened on the last line, with no line break after it', () => {
	it('is unterminated, as BuildKit finds it', () => {
		assert.deepEqual(outline('FROM alpine\nRUN <<O'), ['1 FROM', '2 RUN <<O (open)']);
		assert.deepEqual(outline('FROM alpine\nRUN echo <<O'), ['1 FROM', '2 RUN <<O (open)']);
		assert.deepEqual(outline('FROM alpine\nCMD cat <<O'), ['1 FROM', '2 CMD']);
	});
});
