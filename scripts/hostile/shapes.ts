/**
 * A catalogue of hostile file shapes (issue 23): texts an attacker can put in a repository to make a
 * linter slow, hungry or crash. Each shape turns a byte budget into a file of at most that many bytes
 * (ASCII, so characters = bytes), with the files that sit beside it when the shape needs them (a
 * `.dockerignore`, a `.env`). The benchmark lints them as whole processes; the fuzzer reuses them.
 */
import type { DocumentKind } from '../../server/src/core/types';

export interface HostileFile {
	kind: DocumentKind;
	/** The linted file's name, inside a folder of its own. */
	fileName: string;
	text: string;
	/** Files beside it (name → text), e.g. a `.dockerignore` or a `.env`. */
	companions?: Record<string, string>;
}

export interface HostileShape {
	name: string;
	/** What makes it hostile, and the code it once hit. */
	about: string;
	make(size: number): HostileFile;
}

/**
 * `head` + as many `unit(i)` as fit + `tail`, at most `size` characters in all (the head and tail
 * always, even when they alone exceed it). Built from parts joined once, so making 1 MB stays linear.
 */
export function fill(size: number, head: string, unit: (index: number) => string, tail = ''): string {
	const parts = [head];
	let length = head.length + tail.length;
	for (let index = 0; ; index++) {
		const next = unit(index);
		if (next.length === 0 || length + next.length > size) break;
		parts.push(next);
		length += next.length;
	}
	parts.push(tail);
	return parts.join('');
}

/** `open` × n + `middle` + `close` × n, as deep as `size` allows. */
export function nest(size: number, head: string, open: string, middle: string, close: string, tail = ''): string {
	const depth = Math.max(
		0,
		Math.floor((size - head.length - middle.length - tail.length) / (open.length + close.length)),
	);
	return `${head}${open.repeat(depth)}${middle}${close.repeat(depth)}${tail}`;
}

const dockerfile = (text: string, companions?: Record<string, string>): HostileFile => ({
	kind: 'dockerfile',
	fileName: 'Dockerfile',
	text,
	...(companions === undefined ? {} : { companions }),
});
const compose = (text: string, companions?: Record<string, string>): HostileFile => ({
	kind: 'compose',
	fileName: 'compose.yaml',
	text,
	...(companions === undefined ? {} : { companions }),
});

const FROM = 'FROM alpine:3.20\n';
const SERVICE = 'services:\n  web:\n    image: nginx:1.27\n';

export const HOSTILE_SHAPES: readonly HostileShape[] = [
	// Long runs of one character or of a pair, on one line.
	{
		name: 'dockerfile-long-line',
		about: 'one RUN line of a single character',
		make: (size) => dockerfile(fill(size, `${FROM}RUN echo `, () => 'a'.repeat(1024), '\n')),
	},
	{
		name: 'dockerfile-run-of-quotes',
		about: 'a run of double quotes (shell reader, quote matching)',
		make: (size) => dockerfile(fill(size, `${FROM}RUN echo `, () => '"'.repeat(1024), 'x\n')),
	},
	{
		name: 'dockerfile-run-of-quote-pair',
		about: `a run of \`"'\` pairs`,
		make: (size) => dockerfile(fill(size, `${FROM}RUN echo `, () => `"'`.repeat(512), 'x\n')),
	},
	{
		name: 'dockerfile-run-of-backslashes',
		about: 'a run of backslashes (escapes, line continuations)',
		make: (size) => dockerfile(fill(size, `${FROM}RUN echo `, () => '\\'.repeat(1024), 'x\n')),
	},
	{
		name: 'dockerfile-run-of-dollars',
		about: 'a run of `$` (variable expansion)',
		make: (size) => dockerfile(fill(size, `${FROM}ARG A\nRUN echo `, () => '$'.repeat(1024), 'x\n')),
	},
	{
		name: 'dockerfile-nested-braces',
		about: 'nesting of `${A:-${A:-…}}` in an ENV value',
		make: (size) => dockerfile(nest(size, `${FROM}ENV A=`, '${A:-', 'x', '}', '\n')),
	},
	{
		name: 'dockerfile-heredoc',
		about: 'one RUN heredoc of many lines (parse, shell reader, rules: stack overflows)',
		make: (size) => dockerfile(fill(size, `${FROM}RUN <<EOF\n`, (i) => `echo line ${i}\n`, 'EOF\n')),
	},
	{
		name: 'dockerfile-heredoc-one-line',
		about: 'one RUN heredoc of a single long line',
		make: (size) => dockerfile(fill(size, `${FROM}RUN <<EOF\necho `, () => 'a'.repeat(1024), '\nEOF\n')),
	},
	{
		name: 'dockerfile-heredoc-fds',
		about:
			'one RUN opening many heredocs on file descriptors (`3<<E`, `<<-"E"`), each with a body (BuildKit heredoc reading)',
		make: (size) => {
			const count = Math.max(1, Math.floor((size - FROM.length - 10) / 24));
			const markers = Array.from({ length: count }, (_, n) => (n % 2 === 0 ? ` ${n}<<E${n}` : ` <<-"E${n}"`)).join('');
			const bodies = Array.from({ length: count }, (_, n) => (n % 2 === 0 ? `x\nE${n}\n` : `\tx\n\tE${n}\n`)).join('');
			return dockerfile(`${FROM}RUN cat${markers}\n${bodies}`);
		},
	},
	{
		name: 'dockerfile-from-undeclared',
		about: '`FROM ${U}${U}…`: a base of thousands of undeclared variables (empty base name)',
		make: (size) => dockerfile(fill(size, 'FROM ', (i) => `\${U${i % 10}}`, '\nRUN true\n')),
	},
	{
		name: 'dockerfile-copy-urls',
		about: 'COPY of thousands of URLs (a finding each)',
		make: (size) => dockerfile(fill(size, `${FROM}COPY`, () => ' https://example.com/a', ' /x\n')),
	},
	{
		name: 'dockerfile-copy-many-sources',
		about:
			"COPY lines of 100 sources each (no-secrets made every source's range, 500,000 a megabyte, before it knew whether any finding needed one: 1.07 s)",
		make: (size) => dockerfile(fill(size, FROM, () => `COPY ${'a '.repeat(100)}/x/\n`)),
	},
	{
		name: 'dockerfile-run-lines',
		about: 'many RUN lines',
		make: (size) => dockerfile(fill(size, FROM, (i) => `RUN echo ${i}\n`)),
	},
	{
		name: 'dockerfile-continued-run',
		about: 'one RUN continued over many lines',
		make: (size) => dockerfile(fill(size, `${FROM}RUN true`, (i) => ` \\\n  && echo ${i}`, '\n')),
	},
	{
		name: 'dockerfile-comment-lines',
		about: 'half a million two-byte comment lines (suppression comment runs were a Set and a Map of every line)',
		make: (size) => dockerfile(fill(size, FROM, () => '#\n', 'RUN true\n')),
	},
	{
		name: 'dockerfile-identical-stages',
		about: 'many stages with the same name',
		make: (size) => dockerfile(fill(size, '', () => 'FROM alpine:3.20 AS a\nRUN true\n')),
	},
	{
		name: 'dockerfile-suppression-ids',
		about: '`# shipshape-ignore a,a,…`: thousands of unknown ids and findings',
		make: (size) => dockerfile(fill(size, '# shipshape-ignore a', () => ',a', `\n${FROM}`)),
	},
	{
		name: 'dockerfile-suppression-comments',
		about: 'a suppression comment above each of many instructions',
		make: (size) => dockerfile(fill(size, FROM, (i) => `# shipshape-ignore dockerfile/no-latest-tag\nRUN echo ${i}\n`)),
	},
	{
		name: 'dockerfile-repeated-directives',
		about: 'a parser directive on every line (BuildKit fails at the second; dockerfile-ast read every one)',
		make: (size) => dockerfile(fill(size, '', () => '#check=skip=all\n', FROM)),
	},
	{
		name: 'dockerfile-two-directives-per-line',
		about: '`#e=\\v #s=` on every line (dockerfile-ast read two directives a line and skipped instruction lines)',
		make: (size) => dockerfile(fill(size, '#syntax=x #escape=`\n', () => '#e=\v #s=\n', `${FROM}RUN a \\\n  b\n`)),
	},
	{
		name: 'dockerfile-copy-stars',
		about: '`COPY ***…x` beside `RUN npm install` (glob matching)',
		make: (size) =>
			dockerfile(
				fill(size, 'FROM node:22-alpine\nWORKDIR /app\nCOPY ', () => '*'.repeat(1024), 'x ./\nRUN npm install\n'),
			),
	},
	{
		name: 'dockerignore-double-stars',
		about: 'a `.dockerignore` of `**/` × n then `z`, beside `COPY . .`',
		make: (size) =>
			dockerfile(`${FROM}COPY . .\n`, { '.dockerignore': fill(size, '', () => '**/'.repeat(256), 'z\n') }),
	},
	// Compose.
	{
		name: 'compose-long-line',
		about: 'one command of a single character',
		make: (size) => compose(fill(size, `${SERVICE}    command: `, () => 'a'.repeat(1024), '\n')),
	},
	{
		name: 'compose-long-line-of-spaces',
		about: "lines of spaces (completion's key pattern)",
		make: (size) => compose(fill(size, SERVICE, () => `${' '.repeat(50_000)}\n`)),
	},
	{
		name: 'compose-run-of-quotes',
		about: 'a double-quoted scalar of escaped quotes',
		make: (size) => compose(fill(size, `${SERVICE}    command: "`, () => '\\"'.repeat(512), '"\n')),
	},
	{
		name: 'compose-run-of-single-quotes',
		about: 'a single-quoted scalar of doubled quotes',
		make: (size) => compose(fill(size, `${SERVICE}    command: '`, () => "''".repeat(512), "'\n")),
	},
	{
		name: 'compose-nested-interpolation',
		about: 'nesting of `${A:-${A:-…}}` (interpolation parser)',
		make: (size) => compose(nest(size, `${SERVICE.replace('nginx:1.27', '"nginx:')}`, '${A:-', '1', '}', '"\n')),
	},
	{
		name: 'compose-flow-sequence-nesting',
		about: 'deeply nested YAML flow sequences',
		make: (size) => compose(nest(size, `${SERVICE}    command: `, '[', 'x', ']', '\n')),
	},
	{
		name: 'compose-flow-mapping-nesting',
		about: 'deeply nested YAML flow mappings',
		make: (size) => compose(nest(size, `${SERVICE}    labels: `, '{a: ', 'x', '}', '\n')),
	},
	{
		name: 'compose-quoted-flow-nesting',
		about:
			'flow sequences nested 2,000 deep, 50 a line, each line closing a quoted scalar and opening another (the line scan before the parse took the brackets for quoted text, and yaml recursed past the stack; about 850 levels overflowed it); a comment fills the rest, the brackets staying under the entry limit',
		make: (size) => {
			const line = `      ", ${'['.repeat(50)} "b\n`;
			const body = `${SERVICE}    command: ["a\n${line.repeat(40)}      "${']'.repeat(2000)}]\n`;
			return compose(`#${'x'.repeat(Math.max(0, size - body.length - 2))}\n${body}`);
		},
	},
	{
		name: 'compose-compact-nesting',
		about:
			'lines of 100 block indicators each (`: : : …`, a mapping nested in each), which the entry count took for one entry a line: yaml took 7.6 s and 1.6 GB over a megabyte of them (`- - -`: 2.6 s, 0.66 GB; `? ? ?`: 3.2 s, 0.81 GB)',
		make: (size) => compose(fill(size, `${SERVICE}x-pad:\n`, () => `  ${': '.repeat(100)}x\n`)),
	},
	{
		name: 'compose-token-runs',
		about:
			'lines of 100 tags each (`!t !t …`, one node with an error per tag), which the entry count took for one entry a line: about a second a megabyte in yaml, as were runs of anchors, aliases and quoted scalars',
		make: (size) => compose(fill(size, `${SERVICE}x-pad:\n`, () => `  - ${'!t '.repeat(100)}x\n`)),
	},
	{
		name: 'compose-quote-runs',
		about:
			'lines of 100 `"` each after a key (50 empty scalars a line, an error each, though only the first quote starts a token): 1.35 s and 258 MB a megabyte in yaml while the entry count took each line for one entry',
		make: (size) => compose(fill(size, `${SERVICE}x-pad:\n`, () => `  a: ${'"'.repeat(100)}x\n`)),
	},
	{
		name: 'compose-wide-flow-sequence',
		about: 'one flow sequence of many items',
		make: (size) => compose(fill(size, `${SERVICE}    command: [x`, () => ', x', ']\n')),
	},
	{
		name: 'compose-identical-ports',
		about: 'thousands of identical `"8080:80"` ports in one service',
		make: (size) => compose(fill(size, `${SERVICE}    ports:\n`, () => '      - "8080:80"\n')),
	},
	{
		name: 'compose-identical-ports-services',
		about: 'thousands of services publishing the same port',
		make: (size) =>
			compose(fill(size, 'services:\n', (i) => `  s${i}:\n    image: nginx:1.27\n    ports: ["8080:80"]\n`)),
	},
	{
		name: 'compose-identical-keys',
		about: 'thousands of identical keys in one mapping',
		make: (size) => compose(fill(size, `${SERVICE}    environment:\n`, () => '      A: "1"\n')),
	},
	{
		name: 'compose-identical-service-keys',
		about: 'thousands of services with the same name',
		make: (size) => compose(fill(size, 'services:\n', () => '  web:\n    image: nginx:1.27\n')),
	},
	{
		name: 'compose-identical-container-names',
		about: 'thousands of services with the same container_name',
		make: (size) =>
			compose(fill(size, 'services:\n', (i) => `  s${i}:\n    image: nginx:1.27\n    container_name: same\n`)),
	},
	{
		name: 'compose-tmpfs-one-target',
		about: 'thousands of tmpfs entries and volumes on one target (loader checks: mounts indexed by target)',
		make: (size) => compose(fill(size, `${SERVICE}    tmpfs: /run\n    volumes:\n`, () => '      - /run\n')),
	},
	{
		name: 'compose-undefined-models',
		about: 'thousands of undeclared models (undefined-reference: declared names in a set)',
		make: (size) => compose(fill(size, `${SERVICE}    models:\n`, (i) => `      - m${i}\n`)),
	},
	{
		name: 'compose-suppression-ids',
		about: '`# shipshape-ignore a,a,…` in a compose file',
		make: (size) => compose(fill(size, '# shipshape-ignore a', () => ',a', `\n${SERVICE}`)),
	},
	{
		name: 'compose-aliased-schema-errors',
		about: 'one anchored map with schema errors, aliased by every service (schema error collapsing)',
		make: (size) =>
			compose(
				fill(
					size,
					'x-bad: &bad\n  image: 1\n  restart: 5\n  ports: {a: b}\n  healthcheck: {retries: x, test: 7}\nservices:\n',
					(i) => `  s${i}: *bad\n`,
				),
			),
	},
	{
		name: 'compose-secret-command-word',
		about: 'a command word of `;` × n then a letter (no-hardcoded-secrets quote strip)',
		make: (size) => compose(fill(size, `${SERVICE}    command: echo `, () => ';'.repeat(1024), 'a\n')),
	},
	{
		name: 'compose-secret-url',
		about: '`@` then `a.` × n in a value (no-hardcoded-secrets URL credentials)',
		make: (size) => compose(fill(size, `${SERVICE}    environment:\n      URL: "x@`, () => 'a.'.repeat(512), '"\n')),
	},
	{
		name: 'compose-dotenv-long-line',
		about: 'a `.env` of one long line of blanks not followed by `#` (`.env` comment strip)',
		make: (size) =>
			compose(`${SERVICE.replace('nginx:1.27', '"nginx:${A}"')}`, {
				'.env': fill(size, 'A=1', () => ' '.repeat(1024), 'x\n'),
			}),
	},
	{
		name: 'compose-dotenv-doubling',
		about:
			'a `.env` of 40 lines each doubling the one before (`A1=${A0}${A0}`: 2^40 characters), read by services that interpolate the last ones (the lint died building the string: "Invalid string length" at 640 MB)',
		make: (size) => {
			const lines = Array.from({ length: 40 }, (_, at) => `A${at + 1}=\${A${at}}\${A${at}}\n`).join('');
			return compose(
				fill(size, 'services:\n', (i) => `  s${i}:\n    image: "nginx:\${A${16 + (i % 25)}}"\n`),
				{ '.env': `A0=x\n${lines}` },
			);
		},
	},
	{
		name: 'compose-many-documents',
		about: '`---` documents naming the same service, each merged over the ones before (layers of layers)',
		make: (size) => compose(fill(size, SERVICE, () => '---\nservices:\n  web:\n    image: nginx:1.28\n')),
	},
	{
		name: 'compose-many-documents-services',
		about:
			'`---` documents naming a service each (a merged `services` of thousands of layers: out of memory at 1 MB before the layer index)',
		make: (size) => compose(fill(size, SERVICE, (i) => `---\nservices:\n  s${i}:\n    image: nginx:1.27\n`)),
	},
	{
		name: 'compose-document-markers',
		about: 'a run of `---` lines: empty documents (the read stops at the first, as compose-go does)',
		make: (size) => compose(fill(size, SERVICE, () => '---\n')),
	},
	{
		name: 'compose-numeric-keys',
		about: 'thousands of numeric keys in `environment` (compose/syntax: one finding each)',
		make: (size) => compose(fill(size, `${SERVICE}    environment:\n`, (i) => `      ${i}: x\n`)),
	},
	{
		name: 'compose-scalar-merges',
		about: 'thousands of services merging an anchored scalar with `<<`',
		make: (size) =>
			compose(fill(size, 'x-a: &a 1\nservices:\n', (i) => `  s${i}:\n    <<: *a\n    image: nginx:1.27\n`)),
	},
	{
		name: 'compose-depends-on-chain',
		about:
			'thousands of services, each waiting for the next and for the first of them: one long chain, and a cycle closing at every link (compose/undefined-reference walked it by recursion and overflowed the stack)',
		make: (size) =>
			compose(
				fill(size, 'services:\n  s0: {image: "nginx:1.27"}\n', (i) => `  s${i + 1}: {depends_on: [s${i + 2}, s1]}\n`),
			),
	},
	{
		name: 'compose-unknown-dependency',
		about:
			'thousands of services waiting for one service the file does not define (compose/undefined-reference sought a did-you-mean for every reference, each against every service name, and depends-on-healthy looked each dependency up in the list of services: 4.4 s for 4,900 services, over 30 s at 1 MB); long names keep 1 MB under the entry limit',
		make: (size) => {
			const padding = 'x'.repeat(Math.max(0, Math.floor(size / 4500) - 64));
			return compose(
				fill(
					size,
					'services:\n',
					(i) => `  s${i}${padding}: {image: "nginx:1.27", depends_on: [missing-dependency]}\n`,
				),
			);
		},
	},
	{
		name: 'compose-merge-chain',
		about:
			'a flow sequence of anchored mappings, each merging the one before with `<<`, merged into `services`: as long as the node and alias limits let it be (about 900 links; padding lines raise the alias limit). Listing its keys recursed per link and overflowed the stack at 1,800 links, when compactly nested padding lines (`- - - …`) counted one entry a line',
		make: (size) => {
			// The chain's aliases expand to about 1.5 n² nodes, and the alias limit is 50 per node: one-node padding lines
			// raise it. A comment line, cheap to read, fills the rest of the budget.
			const padLinesFor = (links: number): number => Math.ceil(0.016 * links * links) + 20;
			let count = 900;
			while (count > 1 && 24 * count + 6 * padLinesFor(count) + 200 > size) count = Math.floor(count * 0.95);
			const links = Array.from({ length: count }, (_, at) => (at === 0 ? '&a0 {k: 1}' : `&a${at} {<<: *a${at - 1}}`));
			const body = `x-pad:\n${'  - x\n'.repeat(padLinesFor(count))}x-chain: [${links.join(', ')}]\nservices:\n  <<: *a${count - 1}\n  web: {image: "nginx:1.27"}\n`;
			return compose(`#${'x'.repeat(Math.max(0, size - body.length - 2))}\n${body}`);
		},
	},
	{
		name: 'compose-extends-files',
		about:
			'thousands of services extending one in another file, which extends one in a third, through 300 files beside it (each file was a level of recursion in the linking, and its services layers under every lookup)',
		make: (size) => {
			const companions: Record<string, string> = {};
			for (let i = 1; i <= 300; i++) {
				companions[`f${i}.yaml`] =
					i < 300
						? `services:\n  s:\n    extends: {file: f${i + 1}.yaml, service: s}\n`
						: 'services:\n  s:\n    image: nginx:1.27\n';
			}
			return compose(
				fill(size, 'services:\n', (i) => `  s${i}:\n    extends: {file: f1.yaml, service: s}\n`),
				companions,
			);
		},
	},
	{
		name: 'compose-comment-lines',
		about:
			'half a million two-byte comment lines (yaml reads each as a token; the suppression scan kept a Map of them)',
		make: (size) => compose(fill(size, SERVICE, () => '#\n')),
	},
	{
		name: 'compose-blank-lines',
		about: 'a million line breaks after a service (yaml spends about 3 µs on each)',
		make: (size) => compose(fill(size, SERVICE, () => '\n'.repeat(1024))),
	},
	{
		name: 'compose-deep-block-nesting',
		about: 'deeply indented block mappings',
		make: (size) => {
			const lines = [SERVICE, '    labels:\n'];
			let length = lines[0].length + lines[1].length;
			for (let depth = 6; length + depth + 3 <= size; depth++) {
				lines.push(`${' '.repeat(depth)}a:\n`);
				length += depth + 3;
			}
			return compose(lines.join(''));
		},
	},
];

/** The two sizes of the benchmark: the 64 KB under-100 ms invariant and the 1 MB cap. */
export const HOSTILE_SIZES: readonly number[] = [64 * 1024, 1024 * 1024];
