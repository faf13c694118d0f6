import fc from 'fast-check';
import { MAX_DOCKERFILE_INSTRUCTIONS, MAX_YAML_ENTRIES } from '../../server/src/core/limits';
import type { DocumentKind } from '../../server/src/core/types';

/**
 * Hostile inputs: what an attacker who controls a repository would write to make the linter slow,
 * crash or lie. Long runs of one character or of a pair (as whole files and inserted into other
 * inputs), deep nesting of every nestable construct, thousands of identical keys, ports, ids and
 * findings, very long lines. Sizes run from 1 KB to about 1 MB (the CLI's cap), mostly small so
 * that a run stays fast: see HOSTILE_SIZES.
 */

/** One hostile shape: its name (for the failure's origin) and how to build it at about `size` characters. */
export interface HostileShape {
	name: string;
	kind: DocumentKind;
	build: (size: number) => string;
}

/** Characters a run is made of: syntax of both formats, whitespace, line breaks, odd Unicode. */
export const RUN_CHARS = [
	'a',
	' ',
	'\t',
	'\n',
	'#',
	'$',
	'{',
	'}',
	'[',
	']',
	'(',
	'*',
	'"',
	"'",
	'\\',
	':',
	'-',
	',',
	'=',
	'&',
	'|',
	'<',
	'`',
	'/',
	'.',
	'@',
	'!',
	'%',
	'\u00a0',
	'\u2028',
	'é',
	'😀',
	'\u0000',
	'\uFEFF',
	'0',
];
/** Pairs a run is made of: openers, escapes, separators, CRLF, operators. */
export const RUN_PAIRS = [
	'${',
	'$(',
	'{}',
	'[]',
	'[,',
	'{a',
	'\\\n',
	'\r\n',
	'- ',
	': ',
	'a,',
	'**',
	'*/',
	'a.',
	'@a',
	'#\n',
	'"\'',
	'<<',
	'&&',
	'a ',
	' \\',
	'\t\n',
	'`a',
	'.*',
	'$$',
	'\uFEFF#',
	'#\r',
	' 1',
];

/** Whole YAML lines a compose run is made of: document markers (one document each), a numeric key, a merge of a scalar. */
export const RUN_LINES = ['---\n', '...\n', '--- \n', '1: x\n', '<<: 1\n'];

/** Sizes: 70 % up to 8 KB, 20 % up to 64 KB, 7 % up to 256 KB, 3 % up to 1 MB (the CLI's cap). */
export const HOSTILE_SIZES: fc.Arbitrary<number> = fc.oneof(
	{ weight: 70, arbitrary: fc.integer({ min: 1024, max: 8 * 1024 }) },
	{ weight: 20, arbitrary: fc.integer({ min: 8 * 1024, max: 64 * 1024 }) },
	{ weight: 7, arbitrary: fc.integer({ min: 64 * 1024, max: 256 * 1024 }) },
	{ weight: 3, arbitrary: fc.integer({ min: 256 * 1024, max: 1000 * 1024 }) },
);

/** `unit` repeated to about `size` characters (at least once). */
export function repeatTo(unit: string, size: number): string {
	return unit.repeat(Math.max(1, Math.ceil(size / unit.length)));
}

/** head + unit repeated + tail, about `size` characters in all. */
const fill = (head: string, unit: string, tail: string, size: number): string =>
	head + repeatTo(unit, size - head.length - tail.length) + tail;

/** `open` × depth + inner + `close` × depth, about `size` characters. */
const nest = (head: string, open: string, inner: string, close: string, tail: string, size: number): string => {
	const depth = Math.max(
		1,
		Math.floor((size - head.length - inner.length - tail.length) / (open.length + close.length)),
	);
	return head + open.repeat(depth) + inner + close.repeat(depth) + tail;
};

/** Nested block lines: each one more level in; the text grows with the square of the depth. */
const blockNest = (line: (depth: number) => string, size: number): string => {
	const lines: string[] = [];
	let length = 0;
	for (let depth = 0; length < size; depth++) {
		const text = line(depth);
		lines.push(text);
		length += text.length + 1;
	}
	return lines.join('\n') + '\n';
};

/**
 * `head` and `unit` (one node each toward a limit) repeated to one below, at or one over the limit as `size` varies,
 * when the size holds them (`unitsAtLimit` of them reach it with the head's nodes); padded to `size` with a comment
 * line, which counts for neither limit.
 */
const aroundLimit = (head: string, unit: string, unitsAtLimit: number, size: number): string => {
	const units = Math.min(Math.floor((size - head.length) / unit.length), unitsAtLimit - 1 + (size % 3));
	const body = head + unit.repeat(Math.max(0, units));
	return body + (body.length + 3 <= size ? `# ${'a'.repeat(size - body.length - 3)}\n` : '');
};

/** Lines from a numbered template, about `size` characters. */
const numbered = (head: string, line: (n: number) => string, size: number): string => {
	const lines = [head];
	let length = head.length;
	for (let n = 0; length < size; n++) {
		const text = line(n);
		lines.push(text);
		length += text.length + 1;
	}
	return lines.join('\n') + '\n';
};

const SERVICE = 'services:\n  web:\n    image: nginx:1.27\n';
const FROM = 'FROM alpine:3.20\n';

const wholeRuns = (kind: DocumentKind): HostileShape[] => [
	...RUN_CHARS.map((c) => ({ name: `run of ${JSON.stringify(c)}`, kind, build: (size: number) => repeatTo(c, size) })),
	...RUN_PAIRS.map((pair) => ({
		name: `run of ${JSON.stringify(pair)}`,
		kind,
		build: (size: number) => repeatTo(pair, size),
	})),
	...(kind === 'compose' ? RUN_LINES : []).map((line) => ({
		name: `run of ${JSON.stringify(line)}`,
		kind,
		build: (size: number) => repeatTo(line, size),
	})),
];

/** Deep nesting of every nestable construct of a Dockerfile. */
const dockerfileNesting: HostileShape[] = [
	{
		name: 'nested ${A:-${…}} in ENV',
		kind: 'dockerfile',
		build: (size) => nest(`${FROM}ENV X=`, '${A:-', 'x', '}', '\n', size),
	},
	{
		name: 'nested ${A:-${…}} in FROM',
		kind: 'dockerfile',
		build: (size) => nest('ARG A\nFROM ', '${A:-', 'alpine', '}', '\n', size),
	},
	{
		name: 'nested $(…) in RUN',
		kind: 'dockerfile',
		build: (size) => nest(`${FROM}RUN echo `, '$(echo ', 'x', ')', '\n', size),
	},
	{
		name: 'nested ( ) subshells in RUN',
		kind: 'dockerfile',
		build: (size) => nest(`${FROM}RUN `, '( ', 'true', ' )', '\n', size),
	},
	{
		name: 'nested quotes in RUN',
		kind: 'dockerfile',
		build: (size) => nest(`${FROM}RUN sh -c `, '"\'', 'x', '\'"', '\n', size),
	},
	{
		name: 'nested backquotes in RUN',
		kind: 'dockerfile',
		build: (size) => nest(`${FROM}RUN echo `, '`echo \\', 'x', '`', '\n', size),
	},
	{
		name: 'nested JSON arrays in CMD',
		kind: 'dockerfile',
		build: (size) => nest(`${FROM}CMD `, '[', '"x"', ']', '\n', size),
	},
	{
		name: 'nested JSON arrays in exec-form RUN',
		kind: 'dockerfile',
		build: (size) => nest(`${FROM}RUN `, '["sh", ', '"x"', ']', '\n', size),
	},
	{
		name: 'heredoc markers on one RUN',
		kind: 'dockerfile',
		build: (size) => {
			const count = Math.max(1, Math.floor(size / 13));
			const markers = Array.from({ length: count }, (_, n) => `<<E${n}`).join(' ');
			const bodies = Array.from({ length: count }, (_, n) => `x\nE${n}`).join('\n');
			return `${FROM}RUN cat ${markers}\n${bodies}\n`;
		},
	},
	{ name: 'heredoc opening heredocs', kind: 'dockerfile', build: (size) => numbered(FROM, (n) => `RUN <<E${n}`, size) },
	{
		name: 'heredocs on file descriptors on one RUN, `<<-` and quoted',
		kind: 'dockerfile',
		build: (size) => {
			const markers: string[] = [];
			const bodies: string[] = [];
			for (let n = 0, length = FROM.length + 10; length < size; n++) {
				markers.push(n % 3 === 0 ? `${n}<<E${n}` : n % 3 === 1 ? `${n}<<-"E${n}"` : `<<'E ${n}'`);
				bodies.push(n % 3 === 0 ? `x\nE${n}` : n % 3 === 1 ? `\tx\n\tE${n}` : `x\nE ${n}`);
				length += markers[n].length + bodies[n].length + 2;
			}
			return `${FROM}RUN cat ${markers.join(' ')}\n${bodies.join('\n')}\n`;
		},
	},
	{
		name: 'heredoc markers never closed on one line',
		kind: 'dockerfile',
		build: (size) => fill(`${FROM}COPY `, '3<<E ', '/x\n', size),
	},
	{
		name: 'digits before a heredoc operator',
		kind: 'dockerfile',
		build: (size) => fill(`${FROM}RUN `, '1', '<<EOF\nx\nEOF\n', size),
	},
	{
		name: 'a quote left open before heredoc operators',
		kind: 'dockerfile',
		build: (size) => fill(`${FROM}RUN echo "`, ' <<E', '\nE\n', size),
	},
	// Lines of 70 KiB, just over BuildKit's limit, once the size allows one (shorter lines below that).
	{
		name: 'lines of up to 70 KiB',
		kind: 'dockerfile',
		build: (size) => numbered(FROM.trimEnd(), () => `RUN echo ${'a'.repeat(Math.min(size, 70 * 1024) - 10)}`, size),
	},
	{
		name: 'a heredoc as the COPY destination, many times',
		kind: 'dockerfile',
		build: (size) => fill(FROM, 'COPY a <<E\nE\n', '', size),
	},
	{
		name: 'one large heredoc',
		kind: 'dockerfile',
		build: (size) => fill(`${FROM}RUN <<EOF\n`, 'echo hello world\n', 'EOF\n', size),
	},
	{
		name: 'continuation lines in one RUN',
		kind: 'dockerfile',
		build: (size) => fill(`${FROM}RUN echo \\\n`, '  a \\\n', '  b\n', size),
	},
	{ name: 'ONBUILD ONBUILD …', kind: 'dockerfile', build: (size) => fill(FROM, 'ONBUILD ', 'RUN x\n', size) },
];

/** Deep nesting of every nestable construct of a Compose file. */
const composeNesting: HostileShape[] = [
	// The schema's patterns run over the file's keys and values in the generated validator (regex-safety.test.ts checks them).
	{
		name: 'pull_policy of many every_ units (the schema pattern every_([0-9]+[wdhms])+)',
		kind: 'compose',
		build: (size) => fill(`${SERVICE}    pull_policy: every_`, '1w', 'x\n', size),
	},
	{
		name: 'container_name of a letter and a stop, repeated (the schema pattern [a-zA-Z0-9][a-zA-Z0-9_.-]+)',
		kind: 'compose',
		build: (size) => fill(`${SERVICE}    container_name: "`, 'a!', '"\n', size),
	},
	{
		name: 'one long service name with a character the name pattern refuses at its end',
		kind: 'compose',
		build: (size) => fill('services:\n  ', 'a', '!:\n    image: nginx:1.27\n', size),
	},
	{
		name: 'network aliases written many times (a list compose-go makes unique before validation)',
		kind: 'compose',
		build: (size) =>
			fill(
				`${SERVICE}    networks:\n      front:\n        aliases:\n`,
				'          - same\n',
				'networks:\n  front: {}\n',
				size,
			),
	},
	{
		name: 'services extending the next one (a long extends chain)',
		kind: 'compose',
		build: (size) => numbered('services:', (n) => `  s${n}:\n    image: nginx:1.27\n    extends: s${n + 1}`, size),
	},
	{
		name: 'services extending the next one, in a cycle',
		kind: 'compose',
		build: (size) =>
			numbered('services:\n  s0:\n    extends: last', (n) => `  s${n + 1}:\n    extends: s${n}`, size) +
			'\n  last:\n    extends: s1\n',
	},
	{
		name: 'nested flow sequences',
		kind: 'compose',
		build: (size) => nest(`${SERVICE}x-a: `, '[', 'a', ']', '\n', size),
	},
	{ name: 'nested flow maps', kind: 'compose', build: (size) => nest(`${SERVICE}x-a: `, '{a: ', 'b', '}', '\n', size) },
	{
		name: 'nested block maps',
		kind: 'compose',
		build: (size) => SERVICE + blockNest((depth) => (depth === 0 ? 'x-a:' : `${' '.repeat(depth)}a:`), size),
	},
	{
		name: 'nested block sequences',
		kind: 'compose',
		build: (size) => `${SERVICE}x-a:\n${blockNest((depth) => `${' '.repeat(depth)}-`, size)}`,
	},
	{
		name: 'dashes on one line',
		kind: 'compose',
		build: (size) => nest(`${SERVICE}x-a:\n  `, '- ', 'x', '', '\n', size),
	},
	{
		name: 'nested ${A:-${…}} in image',
		kind: 'compose',
		build: (size) => nest('services:\n  web:\n    image: "', '${A:-', 'nginx', '}', '"\n', size),
	},
	{
		name: 'nested ${A:-${…}} in environment',
		kind: 'compose',
		build: (size) => nest(`${SERVICE}    environment:\n      X: "`, '${A:-', 'x', '}', '"\n', size),
	},
	{
		name: 'nested $(…) in command',
		kind: 'compose',
		build: (size) => nest(`${SERVICE}    command: sh -c "echo `, '$(echo ', 'x', ')', '"\n', size),
	},
	{
		name: 'nested quotes in command',
		kind: 'compose',
		build: (size) => nest(`${SERVICE}    command: `, '"\'', 'x', '\'"', '\n', size),
	},
	{
		name: 'anchor chain',
		kind: 'compose',
		build: (size) => numbered(`${SERVICE}x-0: &a0 x`, (n) => `x-${n + 1}: &a${n + 1} [*a${n}]`, size),
	},
];

/** Thousands of the same thing: keys, ports, services, suppression ids, findings; very long lines. */
const repeats: HostileShape[] = [
	{
		name: 'identical keys in a service',
		kind: 'compose',
		build: (size) => fill(SERVICE, '    image: nginx:1.27\n', '', size),
	},
	{ name: 'identical top-level keys', kind: 'compose', build: (size) => fill(SERVICE, 'x-a: 1\n', '', size) },
	{
		name: 'identical ports in a service',
		kind: 'compose',
		build: (size) => fill(`${SERVICE}    ports:\n`, '      - "8080:80"\n', '', size),
	},
	{
		name: 'identical ports across services',
		kind: 'compose',
		build: (size) => numbered('services:', (n) => `  s${n}:\n    image: nginx:1.27\n    ports: ["8080:80"]`, size),
	},
	{
		name: 'services with many findings',
		kind: 'compose',
		build: (size) =>
			numbered(
				'services:',
				(n) =>
					`  s${n}:\n    image: nginx\n    privileged: true\n    volumes: [/var/run/docker.sock:/var/run/docker.sock, v${n}:/x]\n    environment: [PASSWORD=hunter2]`,
				size,
			),
	},
	{
		name: 'undefined variables',
		kind: 'compose',
		build: (size) => numbered(`${SERVICE}    environment:`, (n) => `      V${n}: \${U${n}}`, size),
	},
	{
		name: 'tmpfs entries on one target',
		kind: 'compose',
		build: (size) => fill(`${SERVICE}    tmpfs:\n`, '      - /run\n', '', size),
	},
	{
		name: 'volumes on a tmpfs target',
		kind: 'compose',
		build: (size) => fill(`${SERVICE}    tmpfs: /run\n    volumes:\n`, '      - /run\n', '', size),
	},
	{
		name: 'undefined models',
		kind: 'compose',
		build: (size) => numbered(`${SERVICE}    models:`, (n) => `      - m${n}`, size),
	},
	{
		name: 'services with nothing to run',
		kind: 'compose',
		build: (size) =>
			numbered(
				'services:',
				(n) =>
					`  s${n}:\n    scale: ${n}\n    deploy: {replicas: 1, resources: {limits: {cpus: "1"}}}\n    cpus: 2\n    network_mode: host\n    networks: [a]`,
				size,
			),
	},
	{
		name: 'secrets without a source',
		kind: 'compose',
		build: (size) => numbered(`${SERVICE}secrets:`, (n) => `  s${n}:\n    name: x`, size),
	},
	{
		name: 'external volumes with a driver',
		kind: 'compose',
		build: (size) => numbered(`${SERVICE}volumes:`, (n) => `  v${n}:\n    external: true\n    driver: local`, size),
	},
	{
		name: 'device requests with count and device_ids',
		kind: 'compose',
		build: (size) => fill(`${SERVICE}    gpus:\n`, '      - {count: two, device_ids: ["0"]}\n', '', size),
	},
	{
		name: 'include of itself',
		kind: 'compose',
		build: (size) => fill('include:\n', '  - compose.yaml\n', SERVICE, size),
	},
	{
		name: 'identical ids in a compose suppression',
		kind: 'compose',
		build: (size) => fill('# shipshape-ignore-file ', 'compose/pin-image-tag,', '\n' + SERVICE, size),
	},
	{
		name: 'identical ids in a line suppression',
		kind: 'compose',
		build: (size) => fill('services:\n  web:\n    # shipshape-ignore ', 'a,', '\n    image: nginx\n', size),
	},
	{
		name: 'suppression comments',
		kind: 'compose',
		build: (size) =>
			fill('services:\n  web:\n', '    # shipshape-ignore compose/pin-image-tag\n', '    image: nginx\n', size),
	},
	{
		name: 'long image line',
		kind: 'compose',
		build: (size) => fill('services:\n  web:\n    image: nginx:', 'a', '\n', size),
	},
	{
		name: 'long command line',
		kind: 'compose',
		build: (size) => fill(`${SERVICE}    command: echo`, ' a', '\n', size),
	},
	{ name: 'long key', kind: 'compose', build: (size) => fill(`${SERVICE}x-`, 'a', ': 1\n', size) },
	{ name: 'long comment line', kind: 'compose', build: (size) => fill(`${SERVICE}# `, 'a', '\n', size) },
	{
		name: 'many URL credentials',
		kind: 'compose',
		build: (size) => fill(`${SERVICE}    command: curl https://u:`, 'a.', '@x\n', size),
	},
	// `---` documents: each merged over the ones before (layers), or stopping the read.
	{
		name: 'documents of one service',
		kind: 'compose',
		build: (size) => fill(SERVICE, '---\nservices:\n  web:\n    image: nginx:1.28\n', '', size),
	},
	{
		name: 'documents of a service each',
		kind: 'compose',
		build: (size) => numbered(SERVICE, (n) => `---\nservices:\n  s${n}:\n    image: nginx:1.27`, size),
	},
	{
		name: 'documents adding to one environment',
		kind: 'compose',
		build: (size) => numbered(SERVICE, (n) => `---\nservices:\n  web:\n    environment:\n      A${n}: x`, size),
	},
	{
		name: 'documents with an anchor each',
		kind: 'compose',
		build: (size) => numbered(SERVICE, (n) => `---\nx-a: &a {image: nginx:1.27}\nservices:\n  s${n}: *a`, size),
	},
	{
		name: 'documents aliasing an earlier document',
		kind: 'compose',
		build: (size) => numbered(`x-a: &a {image: nginx:1.27}\n${SERVICE}`, (n) => `---\nservices:\n  s${n}: *a`, size),
	},
	{ name: 'run of --- after a service', kind: 'compose', build: (size) => fill(SERVICE, '---\n', '', size) },
	// Keys that are not strings, merges of scalars: one compose/syntax finding each.
	{
		name: 'numeric keys in environment',
		kind: 'compose',
		build: (size) => numbered(`${SERVICE}    environment:`, (n) => `      ${n}: x`, size),
	},
	{
		name: 'numeric service names',
		kind: 'compose',
		build: (size) => numbered('services:', (n) => `  ${n}:\n    image: nginx:1.27`, size),
	},
	{
		name: 'merges of a scalar',
		kind: 'compose',
		build: (size) => numbered('x-a: &a 1\nservices:', (n) => `  s${n}:\n    <<: *a\n    image: nginx:1.27`, size),
	},
	// Around the node limits (server/src/core/limits.ts): one below, at or one over, by the size, padded to it with a comment.
	{
		name: 'instructions around the instruction limit',
		kind: 'dockerfile',
		build: (size) => aroundLimit(FROM, 'RUN a\n', MAX_DOCKERFILE_INSTRUCTIONS - 1, size),
	},
	{
		name: 'sequence items around the YAML entry limit',
		kind: 'compose',
		build: (size) => aroundLimit(`${SERVICE}    command:\n`, '      - a\n', MAX_YAML_ENTRIES - 4, size),
	},
	{
		name: 'identical ids in a Dockerfile suppression',
		kind: 'dockerfile',
		build: (size) => fill('# shipshape-ignore ', 'a,', `\n${FROM}`, size),
	},
	{
		name: 'identical hadolint codes',
		kind: 'dockerfile',
		build: (size) => fill(`${FROM}# hadolint ignore=`, 'DL3008,', '\nRUN apt-get install curl\n', size),
	},
	{
		name: 'identical file suppressions',
		kind: 'dockerfile',
		build: (size) => fill('', '# shipshape-ignore-file dockerfile/hygiene\n', FROM, size),
	},
	{ name: 'ADD lines (a finding each)', kind: 'dockerfile', build: (size) => fill(FROM, 'ADD a b\n', '', size) },
	{
		name: 'apt-get lines (findings and fixes)',
		kind: 'dockerfile',
		build: (size) => fill('FROM ubuntu:24.04\n', 'RUN apt-get update && apt-get install curl\n', '', size),
	},
	{
		name: 'FROM lines (many stages)',
		kind: 'dockerfile',
		build: (size) => numbered('', (n) => `FROM alpine AS s${n}`, size),
	},
	{
		name: 'stages copying from each other',
		kind: 'dockerfile',
		build: (size) => numbered('FROM alpine AS s0', (n) => `FROM s${n} AS s${n + 1}\nCOPY --from=s${n} /a /a`, size),
	},
	{ name: 'RUN lines', kind: 'dockerfile', build: (size) => fill(FROM, 'RUN echo hi\n', '', size) },
	{
		name: 'ARG and ENV lines',
		kind: 'dockerfile',
		build: (size) => numbered('ARG A0=x', (n) => `ENV E${n}=\${A${n}}\nARG A${n + 1}=\${E${n}}`, size),
	},
	{ name: 'EXPOSE of identical ports', kind: 'dockerfile', build: (size) => fill(`${FROM}EXPOSE`, ' 80', '\n', size) },
	{ name: 'long RUN line', kind: 'dockerfile', build: (size) => fill(`${FROM}RUN echo`, ' a', '\n', size) },
	{ name: 'long RUN word', kind: 'dockerfile', build: (size) => fill(`${FROM}RUN echo `, 'a', '\n', size) },
	{ name: 'long LABEL line', kind: 'dockerfile', build: (size) => fill(`${FROM}LABEL`, ' a=b', '\n', size) },
	{ name: 'long comment line', kind: 'dockerfile', build: (size) => fill(`${FROM}# `, 'a', '\n', size) },
	{
		name: 'COPY glob of many stars',
		kind: 'dockerfile',
		build: (size) => fill('FROM node:22-alpine\nWORKDIR /app\nCOPY ', '*', 'x ./\nRUN npm install\n', size),
	},
	{
		name: 'secret-looking words',
		kind: 'dockerfile',
		build: (size) => fill(`${FROM}ENV`, ' PASSWORD=hunter2', '\n', size),
	},
	{
		name: 'COPY of many URLs',
		kind: 'dockerfile',
		build: (size) => fill(`${FROM}COPY`, ' https://example.com/a', ' /x\n', size),
	},
	{
		name: 'FROM of undeclared variables',
		kind: 'dockerfile',
		build: (size) => numbered('FROM ${U0}', (n) => `FROM \${U${n}}\${U${n + 1}}"" AS s${n}`, size),
	},
	{
		name: 'FROM --platform of undeclared variables',
		kind: 'dockerfile',
		build: (size) => fill('FROM --platform=', '$BULIDPLATFORM/', ' alpine\n', size),
	},
	{ name: 'empty quotes as a base name', kind: 'dockerfile', build: (size) => fill('FROM ', `""''`, '\n', size) },
];

export const HOSTILE_SHAPES: readonly HostileShape[] = [
	...wholeRuns('dockerfile'),
	...wholeRuns('compose'),
	...dockerfileNesting,
	...composeNesting,
	...repeats,
];

/** A hostile case as the runner takes it (runner.ts wraps it into a FuzzCase). */
export interface HostileCase {
	kind: DocumentKind;
	text: string;
	origin: string;
}

const sizeLabel = (size: number): string => `${(size / 1024).toFixed(0)} KB`;

/** A whole hostile file. */
export const hostileFile: fc.Arbitrary<HostileCase> = fc
	.tuple(fc.constantFrom(...HOSTILE_SHAPES), HOSTILE_SIZES)
	.map(([shape, size]) => ({
		kind: shape.kind,
		text: shape.build(size),
		origin: `hostile ${shape.kind}: ${shape.name}, ${sizeLabel(size)}`,
	}));

/** A run of one character or a pair inserted into another input (generated or from the corpus). */
export function hostileInsert(base: fc.Arbitrary<HostileCase>): fc.Arbitrary<HostileCase> {
	return base
		.chain((kase) =>
			fc.tuple(
				fc.constant(kase),
				fc.constantFrom(...RUN_CHARS, ...RUN_PAIRS, ...(kase.kind === 'compose' ? RUN_LINES : [])),
				HOSTILE_SIZES,
				fc.integer({ min: 0, max: 1000 }),
			),
		)
		.map(([kase, unit, size, at]) => {
			const offset = Math.floor((at / 1000) * kase.text.length);
			return {
				kind: kase.kind,
				text: kase.text.slice(0, offset) + repeatTo(unit, size) + kase.text.slice(offset),
				origin: `hostile: run of ${JSON.stringify(unit)}, ${sizeLabel(size)}, inserted into ${kase.origin}`,
			};
		});
}
