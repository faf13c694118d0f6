import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	commandName,
	commandWords,
	isAssignment,
	parseShell,
	type SimpleCommand,
} from '../../../../server/src/core/dockerfile/shell';

/** Parses a whole text as a script. */
function parse(text: string, escape = '\\'): SimpleCommand[] {
	return parseShell(text, 0, text.length, escape);
}

/** Words per command and the operator after each, for compact expectations. */
function shape(text: string, escape = '\\'): [string[], string][] {
	return parse(text, escape).map((command) => [command.words.map((word) => word.value), command.next]);
}

describe('parseShell', () => {
	it('splits on && || ; | and &', () => {
		assert.deepEqual(shape('apt-get update && apt-get install -y curl || true; echo a | tee b & wait'), [
			[['apt-get', 'update'], '&&'],
			[['apt-get', 'install', '-y', 'curl'], '||'],
			[['true'], ';'],
			[['echo', 'a'], '|'],
			[['tee', 'b'], '&'],
			[['wait'], ''],
		]);
	});
	it('removes quotes and resolves escapes in word values', () => {
		assert.deepEqual(shape(`echo "a b" 'c d' e\\ f "x\\"y"`), [[['echo', 'a b', 'c d', 'e f', 'x"y'], '']]);
	});
	it('marks a word whose `${`, `$(` or `<(` is never closed, and only that one', () => {
		const unclosed = (text: string): boolean[] =>
			parse(text).flatMap((command) => command.words.map((word) => word.unclosed === true));
		assert.deepEqual(unclosed('npm i ${'), [false, false, true]);
		assert.deepEqual(unclosed('echo $(a "b)"'), [false, true]);
		assert.deepEqual(unclosed('echo ${A:-${B}'), [false, true]);
		assert.deepEqual(unclosed('echo ${A:-${B}} $(a $(b)) "$(c)"'), [false, false, false, false]);
	});
	it('keeps operators inside quotes', () => {
		assert.deepEqual(shape(`sh -c "a && b" ';'`), [[['sh', '-c', 'a && b', ';'], '']]);
	});
	it('joins backslash continuations', () => {
		assert.deepEqual(shape('apt-get update \\\n    && apt-get install -y \\\n       curl'), [
			[['apt-get', 'update'], '&&'],
			[['apt-get', 'install', '-y', 'curl'], ''],
		]);
	});
	it('joins continuations with CRLF and trailing spaces after the escape', () => {
		assert.deepEqual(shape('a \\  \r\n  && b'), [
			[['a'], '&&'],
			[['b'], ''],
		]);
	});
	it('joins backtick continuations under `# escape=`` `', () => {
		assert.deepEqual(shape('Write-Host a; `\n  Write-Host b', '`'), [
			[['Write-Host', 'a'], ';'],
			[['Write-Host', 'b'], ''],
		]);
	});
	it('drops comment lines and empty lines inside continuations', () => {
		assert.deepEqual(shape('apt-get update \\\n  # refresh the index\n\n  && apt-get install -y curl'), [
			[['apt-get', 'update'], '&&'],
			[['apt-get', 'install', '-y', 'curl'], ''],
		]);
	});
	it('keeps $(...) and backticks inside one word', () => {
		assert.deepEqual(shape('echo $(uname -m && true) `date` ${HOME:-/root}'), [
			[['echo', '$(uname -m && true)', '`date`', '${HOME:-/root}'], ''],
		]);
	});
	it('reads the body of a bare heredoc as script (a final newline ends the script)', () => {
		assert.deepEqual(shape('<<EOF\napt-get update\napt-get install -y curl\nEOF\n'), [
			[['apt-get', 'update'], '\n'],
			[['apt-get', 'install', '-y', 'curl'], ''],
		]);
	});
	it('reads the body of `bash <<EOF` as script, also `<<-EOF` with tab-indented delimiter', () => {
		const commands = shape('bash <<-EOF\n\tset -e\n\tapk add curl\n\tEOF\n');
		assert.deepEqual(commands[0], [['bash'], '\n']);
		assert.deepEqual(
			commands.slice(1).map(([words]) => words),
			[
				['set', '-e'],
				['apk', 'add', 'curl'],
			],
		);
	});
	it('does not read a python heredoc as shell', () => {
		assert.deepEqual(shape('python3 <<EOF\nimport os\nprint(os.getcwd())\nEOF\n'), [[['python3'], '']]);
	});
	it('reads quoted heredoc delimiters', () => {
		assert.deepEqual(shape("cat <<'EOF' > /etc/app.conf\nkey=value && x\nEOF\necho done"), [
			[['cat'], '\n'],
			[['echo', 'done'], ''],
		]);
	});
	it('skips shell comments, also after words and through a continuation', () => {
		assert.deepEqual(shape('echo a # not && a command\necho b'), [
			[['echo', 'a'], '\n'],
			[['echo', 'b'], ''],
		]);
		assert.deepEqual(shape('echo a;#x\necho b'), [
			[['echo', 'a'], ';'],
			[['echo', 'b'], ''],
		]);
		assert.deepEqual(shape('echo a # still \\\n  a comment\necho b'), [
			[['echo', 'a'], '\n'],
			[['echo', 'b'], ''],
		]);
		assert.deepEqual(shape('echo a#b'), [[['echo', 'a#b'], '']]);
	});
	it('keeps redirections out of the words', () => {
		const [curl, sh] = parse('curl -fsSL https://x.sh 2>&1 >/dev/null | sh');
		assert.deepEqual(
			curl.words.map((word) => word.value),
			['curl', '-fsSL', 'https://x.sh'],
		);
		assert.deepEqual(
			curl.redirects?.map((r) => [r.operator, r.target?.value]),
			[
				['2>&', '1'],
				['>', '/dev/null'],
			],
		);
		assert.equal(curl.next, '|');
		assert.deepEqual(
			sh.words.map((word) => word.value),
			['sh'],
		);
		assert.deepEqual(shape('make &>/dev/null && cat<<<"$x" > out.txt; sort < in'), [
			[['make'], '&&'],
			[['cat'], ';'],
			[['sort'], ''],
		]);
	});
	it('removes continuations inside quotes and substitutions, as Docker does before the shell runs', () => {
		assert.deepEqual(shape("sh -c ' \\\n\tstrip a \\\n' --"), [[['sh', '-c', ' \tstrip a ', '--'], '']]);
		assert.deepEqual(shape('echo "a \\\n  b" $(x \\\n y)'), [[['echo', 'a   b', '$(x  y)'], '']]);
	});
	it('keeps a substitution whole inside double quotes, quotes and parentheses in it included', () => {
		const text = `deps="$(scanelf --format '%n#p' | awk 'system("[ -e " $1 " ]") == 0 { print }')" && apk add "$deps"`;
		assert.deepEqual(shape(text), [
			[[`deps=$(scanelf --format '%n#p' | awk 'system("[ -e " $1 " ]") == 0 { print }')`], '&&'],
			[['apk', 'add', '$deps'], ''],
		]);
	});
	it('lets a backslash in double quotes escape only $ ` " and \\', () => {
		assert.deepEqual(shape('printf "a\\tb \\$x \\"q\\""'), [[['printf', 'a\\tb $x "q"'], '']]);
	});
	it('reads process substitution as one word', () => {
		assert.deepEqual(shape('diff <(sort a) <(sort b)'), [[['diff', '<(sort a)', '<(sort b)'], '']]);
	});
	it('splits subshells and groups', () => {
		assert.deepEqual(shape('(cd /app && make) && { echo ok; }'), [
			[['cd', '/app'], '&&'],
			[['make'], ')'],
			[['echo', 'ok'], ';'],
		]);
	});
	it('gives document offsets of the words as written', () => {
		const text = 'RUN apt-get install -y "curl" \\\n    wget';
		const [command] = parseShell(text, 4, text.length);
		const spans = command.words.map((word) => text.slice(word.start, word.end));
		assert.deepEqual(spans, ['apt-get', 'install', '-y', '"curl"', 'wget']);
	});
	it('gives offsets inside heredoc bodies', () => {
		const text = 'RUN <<EOF\napk add curl\nEOF\n';
		const commands = parseShell(text, 4, text.length);
		const apk = commands[0].words[0];
		assert.equal(text.slice(apk.start, apk.end), 'apk');
		assert.equal(apk.start, 10);
	});
	it('stops at the given end offset', () => {
		const text = 'echo a && echo b';
		assert.deepEqual(
			parseShell(text, 0, 6).map((command) => command.words.map((word) => word.value)),
			[['echo', 'a']],
		);
	});
});

describe('parseShell on hostile heredocs (issue 23: a 1 MB heredoc overflowed the stack in 7 rules)', () => {
	it('reads a heredoc body of 500,000 commands', () => {
		const text = `<<EOF\n${'x\n'.repeat(500_000)}EOF\necho after`;
		const commands = parseShell(text, 0, text.length);
		assert.equal(commands.length, 500_001);
		assert.deepEqual(commands[499_999], {
			words: [{ value: 'x', start: 6 + 2 * 499_999, end: 7 + 2 * 499_999 }],
			next: '',
		});
		assert.equal(commands[500_000].words[0].value, 'echo');
	});
	it('reads script heredocs nested 20,000 deep, each body in place', () => {
		const depth = 20_000;
		const opens = Array.from({ length: depth }, (_, i) => `sh <<E${i}\n`).join('');
		const closes = Array.from({ length: depth }, (_, i) => `echo ${depth - 1 - i}\nE${depth - 1 - i}\n`).join('');
		const text = `${opens}${closes}echo last`;
		const commands = parseShell(text, 0, text.length);
		const names = commands.map((command) => command.words.map((word) => word.value).join(' '));
		assert.equal(names.length, 2 * depth + 1);
		assert.deepEqual(names.slice(0, 2), ['sh', 'sh']);
		assert.deepEqual(names.slice(depth - 1, depth + 2), ['sh', 'echo 19999', 'echo 19998']);
		assert.deepEqual(names.slice(-2), ['echo 0', 'echo last']);
	});
});

describe('shell helpers', () => {
	it('commandWords skips leading assignments and commandName drops the path', () => {
		const [command] = parse('DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install -y curl');
		assert.deepEqual(
			commandWords(command).map((word) => word.value),
			['/usr/bin/apt-get', 'install', '-y', 'curl'],
		);
		assert.equal(commandName(command), 'apt-get');
		const [only] = parse('A=1 B=2');
		assert.equal(commandName(only), undefined);
	});
	it('isAssignment', () => {
		assert.equal(isAssignment('FOO=bar'), true);
		assert.equal(isAssignment('_x1='), true);
		assert.equal(isAssignment('1X=a'), false);
		assert.equal(isAssignment('--opt=a'), false);
	});
});
