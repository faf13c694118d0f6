import { Scalar } from 'yaml';
import { documentIndex } from '../../compose/document-index';
import type { Range } from 'vscode-languageserver-types';
import { interpolateOnce, scanInterpolation, type Reference } from '../../compose/interpolation';
import type { ComposeModel } from '../../compose/model';
import type { MessageById, Report, Rule } from '../../types';

/** Fields whose value a shell in the container runs: there `$$VAR` is usually what was meant. */
const SHELL_FIELDS = new Set(['command', 'entrypoint', 'test']);

export const interpolation: Rule<ComposeModel> = {
	meta: {
		id: 'compose/interpolation',
		scope: 'compose',
		severity: 'warning',
		description: 'Give every `${VAR}` a value in `.env` or a default, and write interpolation Compose can read',
		guide: 'Environment',
		aliases: [],
		fixable: false,
		messages: {
			unreadable: 'Compose cannot read this interpolation: {{error}}; write `$$` for a literal `$`',
			unset:
				'`{{written}}` is not set in .env (and has no default): unless the shell sets it, it becomes an empty string{{hint}}',
			emptyRequired:
				'`{{name}}` is required to have a value, but .env sets it empty: unless the shell sets it, docker compose stops{{reason}}',
		},
		docs: {
			rationale:
				"`docker compose` replaces `${VAR}` with the variable from the shell or the `.env` beside the file; an unset variable silently becomes an empty string (an image `postgres:` or a password ``), and a malformed reference stops Compose before anything starts. `$` meant for the container's shell must be written `$$`. `${VAR:?message}` is the way to require a value from the environment (a secret kept out of `.env`): it is reported only when `.env` itself sets the variable empty.",
			example: 'services:\n  db:\n    image: postgres:${PG_VERSION}\n    command: sh -c "echo ${HOME"\n',
			useInstead: 'services:\n  db:\n    image: postgres:${PG_VERSION:-17}\n    command: sh -c "echo $$HOME"\n',
		},
	},
	check({ model, report }) {
		if (model.root === undefined) return;
		for (const { node, field } of documentIndex(model.documents).dollarScalars) {
			for (const finding of scalarFindings(model, node, field)) report(finding);
		}
	},
};

function scalarFindings(model: ComposeModel, node: Scalar, field: string | undefined): Report[] {
	const value = node.value as string;
	const { references, errors } = scanInterpolation(value);
	// Worked out for the first finding only: most scalars with a `$` have none, and mapping each character of a
	// quoted one to the file was most of the rule's time on a real file.
	let located: ((start: number, end: number) => Range) | undefined;
	const locate = (start: number, end: number): Range => {
		located ??= locator(model, node);
		return located(start, end);
	};
	const reports: Report[] = errors.map((error) => ({
		range: locate(error.start, error.end),
		severity: 'error' as const,
		messageId: 'unreadable',
		data: { error: error.message },
	}));
	if (references.length === 0) return reports;
	const evaluation = interpolateOnce(value, model.env);
	const missing = new Set(evaluation.missing);
	const failing = new Map(evaluation.failures.map((failure) => [failure.name, failure.message]));
	for (const reference of references) {
		const message = referenceMessage(reference, value, missing, failing, field, model.env);
		if (message !== undefined) reports.push({ range: locate(reference.start, reference.end), ...message });
	}
	return reports;
}

function referenceMessage(
	reference: Reference,
	value: string,
	missing: ReadonlySet<string>,
	failing: ReadonlyMap<string, string>,
	field: string | undefined,
	env: ReadonlyMap<string, string>,
): MessageById | undefined {
	const written = value.slice(reference.start, reference.end);
	if (reference.operator === undefined && missing.has(reference.name)) {
		const hint =
			field !== undefined && SHELL_FIELDS.has(field)
				? `; write \`$$${reference.name}\` if the container's shell should expand it`
				: '';
		return { messageId: 'unset', data: { written, hint } };
	}
	// `${VAR:?message}` with VAR absent from .env is how a secret is required from the environment (the guide's
	// way, and what compose/no-hardcoded-secrets writes): not a finding. Only an empty value that .env itself
	// sets is one: that file then defeats the requirement it was meant to meet.
	if (
		(reference.operator === '?' || reference.operator === ':?') &&
		failing.has(reference.name) &&
		env.has(reference.name)
	) {
		const reason = failing.get(reference.name)?.trim();
		return { messageId: 'emptyRequired', data: { name: reference.name, reason: reason ? ` with "${reason}"` : '' } };
	}
	return undefined;
}

/**
 * Maps offsets in a scalar's value to the file. Exact for one-line plain and quoted scalars; any
 * other scalar (block, folded over lines) reports its whole range.
 */
function locator(model: ComposeModel, node: Scalar): (start: number, end: number) => Range {
	const [from, to] = node.range ?? [0, 0];
	// A block scalar's range runs to the next line: stop at its last character.
	let end = to;
	while (end > from && /\s/.test(model.text[end - 1])) end--;
	const whole = model.index.rangeOf(from, end);
	const offsets = sourceOffsets(model.text, node);
	if (offsets === undefined) return () => whole;
	return (start, end) => model.index.rangeOf(offsets[start], offsets[end]);
}

/** Source offset of each character of the value, plus one past the last; undefined when not one line. */
function sourceOffsets(text: string, node: Scalar): number[] | undefined {
	const [from, to] = node.range ?? [0, 0];
	const source = text.slice(from, to);
	if (/[\r\n]/.test(source)) return undefined;
	const value = node.value as string;
	if (node.type === Scalar.PLAIN) {
		return source === value ? Array.from({ length: value.length + 1 }, (_, i) => from + i) : undefined;
	}
	if (node.type === Scalar.QUOTE_SINGLE) return decodeQuoted(source, from, value, singleQuoted);
	if (node.type === Scalar.QUOTE_DOUBLE) return decodeQuoted(source, from, value, doubleQuoted);
	return undefined;
}

/** Reads one character of a quoted scalar at `i`: its value and how many source characters it takes. */
type Decoder = (inner: string, i: number) => { text: string; length: number };

function decodeQuoted(source: string, from: number, value: string, decode: Decoder): number[] | undefined {
	const quote = source[0];
	if ((quote !== '"' && quote !== "'") || source[source.length - 1] !== quote || source.length < 2) return undefined;
	const inner = source.slice(1, -1);
	const offsets: number[] = [];
	let decoded = '';
	for (let i = 0; i < inner.length; ) {
		const { text, length } = decode(inner, i);
		for (let unit = 0; unit < text.length; unit++) offsets.push(from + 1 + i);
		decoded += text;
		i += length;
	}
	offsets.push(from + source.length - 1);
	return decoded === value ? offsets : undefined;
}

const singleQuoted: Decoder = (inner, i) =>
	inner[i] === "'" && inner[i + 1] === "'" ? { text: "'", length: 2 } : { text: inner[i], length: 1 };

const SIMPLE_ESCAPES: Record<string, string> = {
	'0': '\0',
	a: '\x07',
	b: '\b',
	t: '\t',
	'\t': '\t',
	n: '\n',
	v: '\v',
	f: '\f',
	r: '\r',
	e: '\x1b',
	' ': ' ',
	'"': '"',
	'/': '/',
	'\\': '\\',
	N: '\x85',
	_: '\xa0',
	L: '\u2028',
	P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

const doubleQuoted: Decoder = (inner, i) => {
	if (inner[i] !== '\\') return { text: inner[i], length: 1 };
	const kind = inner[i + 1];
	if (kind in SIMPLE_ESCAPES) return { text: SIMPLE_ESCAPES[kind], length: 2 };
	const digits = HEX_ESCAPES[kind];
	const hex = digits === undefined ? '' : inner.slice(i + 2, i + 2 + digits);
	if (digits !== undefined && /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits) {
		return { text: String.fromCodePoint(parseInt(hex, 16)), length: 2 + digits };
	}
	// Not an escape YAML knows: the decoded text will not match and the whole range is used.
	return { text: inner[i], length: 1 };
};
