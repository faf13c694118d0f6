import { describe } from 'node:test';
import { verdicts } from './verdicts';

// What BuildKit 73ed682 accepts and refuses in a Dockerfile (issue 15), each case citing the code that decides
// it in ../shared/reference/buildkit-73ed682/frontend/dockerfile/.
const PARSER = 'buildkit frontend/dockerfile/parser/parser.go';
const INSTRUCTIONS = 'buildkit frontend/dockerfile/instructions/parse.go';
const CONVERT = 'buildkit frontend/dockerfile/dockerfile2llb/convert.go';

describe('Docker verdicts: Dockerfile heredocs BuildKit accepts', () => {
	verdicts('dockerfile', [
		{
			name: 'a heredoc on file descriptor 3 (`RUN 3<<EMPTY2`)',
			text: 'FROM alpine:3.20\nRUN 3<<EMPTY2\nEMPTY2\nCMD ["true"]\n',
			upstream: `${PARSER} reHeredoc ^(\\d*)<<(-?)\\s*([^<]*)$, heredocFromMatch FileDescriptor`,
		},
		{
			name: 'heredocs on file descriptors 0 and 3 after a command',
			text: 'FROM alpine:3.20\nRUN cat 0<<A 3<<B\na\nA\nb\nB\nCMD ["true"]\n',
			upstream: `${PARSER} heredocsFromLine (every word of the line), Parse (bodies read in turn)`,
		},
		{
			name: "`<<-` strips the delimiter's tabs",
			text: 'FROM alpine:3.20\nRUN <<-EOF\n\techo hi\n\tEOF\nCMD ["true"]\n',
			upstream: `${PARSER} Parse: heredoc.Chomp → trimLeadingTabs on the possible terminator`,
		},
		{
			name: '`<<-` on one heredoc only: the other ends at an untabbed line',
			text: 'FROM alpine:3.20\nRUN cat <<-A <<B\n\ta\n\tA\n\tB\nB\nCMD ["true"]\n',
			upstream: `${PARSER} heredocFromMatch: Chomp per heredoc`,
		},
		{
			name: 'quoted delimiters, one with a space',
			text: 'FROM alpine:3.20\nRUN cat <<"EOF" <<\'E F\'\n$HOME\nEOF\nx\nE F\nCMD ["true"]\n',
			upstream: `${PARSER} heredocFromMatch: the delimiter lexed as one shell word, quotes removed`,
		},
		{
			name: 'a partly quoted delimiter (`<<E"O"F` ends at `EOF`)',
			text: 'FROM alpine:3.20\nRUN cat <<E"O"F\nx\nEOF\nCMD ["true"]\n',
			upstream: `${PARSER} heredocFromMatch: ProcessWords with RawQuotes false`,
		},
		{
			name: '`<<` inside quotes opens no heredoc',
			text: 'FROM alpine:3.20\nRUN echo "a <<EOF"\nCMD ["true"]\n',
			upstream: `${PARSER} heredocsFromLine: the line lexed with RawQuotes, so "a <<EOF" is one word`,
		},
		{
			name: 'COPY of several heredocs to a directory',
			text: 'FROM alpine:3.20\nCOPY <<A <<-B /etc/app/\na\nA\n\tb\n\tB\nCMD ["true"]\n',
			upstream: `${INSTRUCTIONS} parseSourcesAndDest: heredoc sources`,
		},
		{
			name: 'a heredoc in an ONBUILD trigger',
			text: 'FROM alpine:3.20\nONBUILD RUN 4<<EOF\nx\nEOF\nCMD ["true"]\n',
			upstream: `${PARSER} canContainHeredoc (heredocCompoundDirectives: onbuild)`,
		},
	]);
});

describe('Docker verdicts: what else BuildKit accepts', () => {
	verdicts('dockerfile', [
		{
			name: 'comments and a parser directive before the first instruction',
			text: '# syntax=docker/dockerfile:1\n# the app\n\nFROM alpine:3.20\nCMD ["true"]\n',
			upstream: `${PARSER} Parse: comments and directives are not instructions, FROM is one`,
		},
		{
			name: 'a base from an ARG with no default (a build argument gives it)',
			text: 'ARG BASE\nFROM ${BASE}\nCMD ["true"]\n',
			upstream: `${CONVERT} buildMetaArgs (build args fill declared ARGs); BuildKit's own test testInvalidDefaultArgInFrom builds \`ARG IMAGE\\nFROM $IMAGE\``,
		},
		{
			name: 'a base from an automatic platform ARG',
			text: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM alpine:3.20\nCMD ["true"]\n',
			upstream: `${CONVERT} toDispatchState: defaultArgs puts BUILDPLATFORM, TARGETARCH… in the global scope`,
		},
		{
			name: 'ADD of a URL',
			text: 'FROM alpine:3.20\nADD https://example.com/app.tgz /app/\nCMD ["true"]\n',
			upstream: `${CONVERT} dispatch: AddCommand → dispatchCopy with isAddCommand true`,
		},
		{
			name: 'COPY of a file .dockerignore re-includes (testCopyIgnoredFiles #5)',
			text: 'FROM scratch\nCOPY ./Dockerfile .\n',
			files: { '/conformance/.dockerignore': '\n**\n!Dockerfile\n' },
			upstream:
				'buildkit frontend/dockerfile/dockerfile_lint_test.go testCopyIgnoredFiles (patternmatcher: the last matching pattern decides)',
		},
		{
			name: 'two stages with one name (testDuplicateStageName: a warning, no build error)',
			text: 'FROM scratch AS b\nFROM scratch AS b\n',
			upstream: `${CONVERT} dispatchStates addState: statesByName keeps the last stage of a name`,
		},
		{
			name: 'a line of exactly 65,535 bytes',
			text: `FROM alpine:3.20\nRUN echo ${'a'.repeat(65535 - 9)}\nCMD ["true"]\n`,
			upstream: `${PARSER} Parse: bufio.Scanner, MaxScanTokenSize 64 KiB with the line's \\n`,
		},
	]);
});

describe('Docker verdicts: Dockerfiles BuildKit refuses', () => {
	verdicts('dockerfile', [
		{
			name: 'an empty file',
			text: '',
			upstream: `${PARSER} Parse "file with no instructions"; ${CONVERT} toDispatchState "the Dockerfile cannot be empty"`,
			refusedBy: 'dockerfile/syntax',
			message: 'no instruction',
		},
		{
			name: 'blank lines only',
			text: '\n  \n\t\n',
			upstream: `${PARSER} Parse "file with no instructions"`,
			refusedBy: 'dockerfile/syntax',
			message: 'no instruction',
		},
		{
			name: 'comments and a parser directive only',
			text: '# syntax=docker/dockerfile:1\n# nothing here yet\n',
			upstream: `${PARSER} Parse "file with no instructions" (directives and comments are stripped)`,
			refusedBy: 'dockerfile/syntax',
			message: 'no instruction',
		},
		{
			name: 'an empty base name (`FROM ""`)',
			text: 'FROM ""\nCMD ["true"]\n',
			upstream: `${CONVERT} buildDispatchStates "base name (%s) should not be blank"`,
			refusedBy: 'dockerfile/syntax',
			message: 'base name should not be blank',
		},
		{
			name: 'a base from a variable no ARG declares (`FROM ${UNSET} AS x`)',
			text: 'FROM ${UNSET} AS x\nCMD ["true"]\n',
			upstream: `${CONVERT} buildDispatchStates: ProcessWordWithMatches over globalArgs gives "", "base name should not be blank"`,
			refusedBy: 'dockerfile/syntax',
			message: '`UNSET` is not declared',
		},
		{
			name: 'a platform from a misspelt ARG (BuildKit test testUndeclaredArg)',
			text: '\nFROM --platform=$BULIDPLATFORM scratch\nCOPY Dockerfile .\n',
			upstream: `${CONVERT} buildDispatchStates: "empty platform value from expression $BULIDPLATFORM (did you mean BUILDPLATFORM?)"`,
			refusedBy: 'dockerfile/syntax',
			message: 'did you mean `BUILDPLATFORM`?',
		},
		{
			name: 'a platform with an empty part from an undeclared ARG (testUndeclaredArg)',
			text: '\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\nCOPY Dockerfile .\n\t',
			upstream: `${CONVERT} buildDispatchStates: platforms.Parse, "failed to parse platform linux/\${MYARCH}" (did you mean MY_ARCH?)`,
			refusedBy: 'dockerfile/syntax',
			message: 'invalid platform',
		},
		{
			name: 'COPY of a URL',
			text: 'FROM alpine:3.20\nCOPY https://example.com/app.tgz /app/\nCMD ["true"]\n',
			upstream: `${CONVERT} dispatch: CopyCommand → dispatchCopy with isAddCommand false, "source can't be a URL for COPY"`,
			refusedBy: 'dockerfile/syntax',
			message: "source can't be a URL for COPY",
		},
		{
			name: 'COPY of a URL in the JSON form',
			text: 'FROM alpine:3.20\nCOPY ["http://example.com/a", "/a"]\nCMD ["true"]\n',
			upstream: `${CONVERT} dispatchCopy "source can't be a URL for COPY"`,
			refusedBy: 'dockerfile/syntax',
			message: 'cannot fetch a URL',
		},
		{
			name: 'a heredoc as the COPY destination',
			text: 'FROM alpine:3.20\nCOPY app.conf <<EOF\nx\nEOF\nCMD ["true"]\n',
			upstream: `${INSTRUCTIONS} parseSourcesAndDest: errBadHeredoc "COPY cannot accept a heredoc as a destination"`,
			refusedBy: 'dockerfile/syntax',
			message: 'cannot write to a heredoc',
		},
		{
			name: 'a heredoc on a file descriptor as the ADD destination',
			text: 'FROM alpine:3.20\nADD <<A 3<<-B\na\nA\n\tB\nCMD ["true"]\n',
			upstream: `${INSTRUCTIONS} parseSourcesAndDest: MustParseHeredoc(dest), errBadHeredoc`,
			refusedBy: 'dockerfile/syntax',
			message: '`ADD` cannot write to a heredoc',
		},
		{
			name: 'COPY of a heredoc with no destination',
			text: 'FROM alpine:3.20\nCOPY <<EOF\nx\nEOF\nCMD ["true"]\n',
			upstream: `${INSTRUCTIONS} parseCopy: errNoDestinationArgument`,
			refusedBy: 'dockerfile/syntax',
			message: 'needs a source and a destination',
		},
		{
			name: 'a heredoc never closed',
			text: 'FROM alpine:3.20\nRUN <<EOF\necho hi\n',
			upstream: `${PARSER} Parse "unterminated heredoc"`,
			refusedBy: 'dockerfile/syntax',
			message: 'unterminated heredoc',
		},
		{
			name: 'a heredoc opened on the last line, with no line break',
			text: 'FROM alpine:3.20\nRUN cat <<EOF',
			upstream: `${PARSER} Parse "unterminated heredoc" (the scanner has no line left)`,
			refusedBy: 'dockerfile/syntax',
			message: 'unterminated heredoc',
		},
		{
			name: 'a line of 65,536 bytes',
			text: `FROM alpine:3.20\nRUN echo ${'a'.repeat(65536 - 9)}\nCMD ["true"]\n`,
			upstream: `${PARSER} handleScannerError: bufio.ErrTooLong, "dockerfile line greater than max allowed size of 65535"`,
			refusedBy: 'dockerfile/syntax',
			message: 'greater than max allowed size',
		},
		{
			name: 'COPY of a file .dockerignore excludes (BuildKit testCopyIgnoredFiles #1, #3: skipping the check does not save the build)',
			text: '# check=skip=CopyIgnoredFile\nFROM scratch\nCOPY Dockerfile .\n',
			files: { '/conformance/.dockerignore': '\nDockerfile\n' },
			upstream:
				'buildkit frontend/dockerfile/dockerfile_lint_test.go testCopyIgnoredFiles: "failed to calculate checksum … "/Dockerfile": not found"',
			refusedBy: 'workspace/dockerignore',
			message: 'leaves out of the build context',
		},
		{
			name: 'a check that fires under `# check=error=true` (testRuleCheckOption #6)',
			text: '#check=skip=ConsistentInstructionCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n',
			upstream:
				'buildkit frontend/dockerfile/dockerfile_lint_test.go testRuleCheckOption: "lint violation found for rules: FromAsCasing"',
			refusedBy: 'dockerfile/consistent-casing',
			message: 'check=error=true',
		},
		{
			name: 'a 70 KiB line in a heredoc body',
			text: `FROM alpine:3.20\nRUN <<EOF\necho ${'b'.repeat(70 * 1024)}\nEOF\nCMD ["true"]\n`,
			upstream: `${PARSER} Parse: heredoc bodies are read by the same scanner, handleScannerError`,
			refusedBy: 'dockerfile/syntax',
			message: 'greater than max allowed size',
		},
	]);
});
