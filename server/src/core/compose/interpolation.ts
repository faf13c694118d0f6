/**
 * Compose's variable interpolation, as `docker compose` evaluates it:
 *   $VAR  ${VAR}                 value of VAR ('' when unset)
 *   ${VAR:-default} ${VAR-default} default when unset or empty / only when unset
 *   ${VAR:?error}   ${VAR?error}   fail when unset or empty / only when unset
 *   ${VAR:+alt}     ${VAR+alt}     alt when set and non-empty / when set
 *   $$                            a literal $
 * Defaults and alternatives may themselves contain interpolation.
 */
export type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface Reference {
	name: string;
	/** Offsets in the interpolated string: the whole `${…}` or `$VAR`. */
	start: number;
	end: number;
	operator?: Operator;
	/** Text after the operator (default, error message or alternative), unevaluated. */
	argument?: string;
}

export interface InterpolationError {
	message: string;
	start: number;
	end: number;
}

export interface Interpolation {
	references: Reference[];
	errors: InterpolationError[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Finds every reference in a string, and the syntax errors Compose would refuse. */
export function scanInterpolation(text: string): Interpolation {
	const references: Reference[] = [];
	const errors: InterpolationError[] = [];
	scan(text, 0, text.length, references, errors);
	return { references, errors };
}

function scan(text: string, from: number, to: number, references: Reference[], errors: InterpolationError[]): void {
	for (let i = text.indexOf('$', from); i !== -1 && i < to; i = text.indexOf('$', i)) {
		const next = text[i + 1];
		if (next === '$') {
			i += 2;
			continue;
		}
		if (next === '{') {
			const close = closingBrace(text, i + 2, to);
			if (close === -1) {
				errors.push({ message: 'unclosed `${`', start: i, end: to });
				return;
			}
			const body = text.slice(i + 2, close);
			const name = NAME.exec(body)?.[0];
			if (name === undefined) {
				errors.push({ message: body === '' ? 'empty `${}`' : `invalid variable name in \`\${${body}}\``, start: i, end: close + 1 });
			} else {
				const rest = body.slice(name.length);
				const operator = (['?', '-', '+'].includes(rest[0]) ? rest[0] : rest.startsWith(':') && ['?', '-', '+'].includes(rest[1]) ? rest.slice(0, 2) : undefined) as Operator | undefined;
				if (rest !== '' && operator === undefined) {
					errors.push({ message: `invalid interpolation format \`\${${body}}\``, start: i, end: close + 1 });
				} else {
					const reference: Reference = { name, start: i, end: close + 1 };
					if (operator !== undefined) {
						reference.operator = operator;
						reference.argument = rest.slice(operator.length);
						// A nested reference in a default also counts (`${A:-${B}}`).
						scan(text, i + 2 + name.length + operator.length, close, references, errors);
					}
					references.push(reference);
				}
			}
			i = close + 1;
			continue;
		}
		const name = NAME.exec(text.slice(i + 1, to))?.[0];
		if (name !== undefined) references.push({ name, start: i, end: i + 1 + name.length });
		i += 1 + (name?.length ?? 0);
	}
}

function closingBrace(text: string, from: number, to: number): number {
	let depth = 1;
	for (let i = from; i < to; i++) {
		if (text[i] === '$' && text[i + 1] === '$') i++;
		else if (text[i] === '$' && text[i + 1] === '{') {
			depth++;
			i++;
		} else if (text[i] === '}' && --depth === 0) return i;
	}
	return -1;
}

export interface Evaluation {
	value: string;
	/** Variables read that had no value and no default. */
	missing: string[];
	/** `${VAR:?message}` that would fail, with the message. */
	failures: { name: string; message: string }[];
}

/** Evaluates a string with the given variables, as Compose would. */
export function interpolate(text: string, variables: ReadonlyMap<string, string>): Evaluation {
	const evaluation: Evaluation = { value: '', missing: [], failures: [] };
	evaluation.value = evaluate(text, variables, evaluation);
	return evaluation;
}

function evaluate(text: string, variables: ReadonlyMap<string, string>, out: Evaluation): string {
	let result = '';
	let i = 0;
	while (i < text.length) {
		const dollar = text.indexOf('$', i);
		if (dollar === -1) {
			result += text.slice(i);
			break;
		}
		result += text.slice(i, dollar);
		const next = text[dollar + 1];
		if (next === '$') {
			result += '$';
			i = dollar + 2;
			continue;
		}
		if (next === '{') {
			const close = closingBrace(text, dollar + 2, text.length);
			if (close === -1) {
				result += text.slice(dollar);
				break;
			}
			result += resolveBraced(text.slice(dollar + 2, close), variables, out);
			i = close + 1;
			continue;
		}
		const name = NAME.exec(text.slice(dollar + 1))?.[0];
		if (name === undefined) {
			result += '$';
			i = dollar + 1;
			continue;
		}
		const value = variables.get(name);
		if (value === undefined) out.missing.push(name);
		result += value ?? '';
		i = dollar + 1 + name.length;
	}
	return result;
}

function resolveBraced(body: string, variables: ReadonlyMap<string, string>, out: Evaluation): string {
	const name = NAME.exec(body)?.[0] ?? '';
	const rest = body.slice(name.length);
	const value = variables.get(name);
	const set = value !== undefined;
	const nonEmpty = set && value !== '';
	const colon = rest.startsWith(':');
	const operator = colon ? rest[1] : rest[0];
	const argument = rest.slice(colon ? 2 : 1);
	switch (operator) {
		case '-':
			return (colon ? nonEmpty : set) ? value! : evaluate(argument, variables, out);
		case '?':
			if (!(colon ? nonEmpty : set)) out.failures.push({ name, message: argument });
			return value ?? '';
		case '+':
			return (colon ? nonEmpty : set) ? evaluate(argument, variables, out) : '';
		default:
			if (!set) out.missing.push(name);
			return value ?? '';
	}
}

/** Reads a `.env` file as Compose does: KEY=VALUE lines, `export` prefix, quotes, comments. */
export function parseDotEnv(text: string): Map<string, string> {
	const values = new Map<string, string>();
	for (const rawLine of text.split(/\r?\n/)) {
		const line = rawLine.trim();
		if (line === '' || line.startsWith('#')) continue;
		const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
		if (!match) continue;
		let value = match[2];
		if (/^"(?:[^"\\]|\\.)*"/.test(value)) {
			value = /^"((?:[^"\\]|\\.)*)"/.exec(value)![1].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
		} else if (/^'[^']*'/.test(value)) {
			value = /^'([^']*)'/.exec(value)![1];
		} else {
			value = value.replace(/\s+#.*$/, '').trim();
		}
		values.set(match[1], value);
	}
	return values;
}
