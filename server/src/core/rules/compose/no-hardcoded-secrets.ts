import type { ComposeModel, Service, View } from '../../compose/model';
import { acrossServices } from '../../compose/across-services';
import { scanInterpolation } from '../../compose/interpolation';
import { fitsScalar, scalarSource } from '../../compose/scalar-source';
import { environment, type EnvironmentEntry } from '../../compose/service';
import type { Fix, Range, Report, Rule } from '../../types';
import { looksSecret } from '../dockerfile/no-secrets';
import { urlCredentials } from '../url-credentials';

/** Values that are settings rather than secrets: switches, small numbers, paths, URLs without credentials. */
const HARMLESS_VALUE =
	/^(?:true|false|yes|no|on|off|none|null|nil|disabled?|enabled?|required|optional|\d{1,5}|[/~.]\/?.*|[a-z][a-z0-9+.-]*:\/\/[^@\s]*|[^\s/]*\/\S*\.(?:pem|key|crt|json|txt|p12|pfx|jks))$/i;
/** Name words that describe a setting next to a secret rather than the secret (`BASIC_AUTH_USERNAME`, `PASSWORD_MIN_LENGTH`). */
const SETTING_WORDS = new Set([
	'user',
	'username',
	'login',
	'email',
	'hostname',
	'language',
	'length',
	'algorithm',
	'method',
	'provider',
	'realm',
	'header',
	'issuer',
	'audience',
	'scope',
	'policy',
	'required',
	'salt',
	'rounds',
	'lifetime',
	'duration',
	'seconds',
	'minutes',
	'hours',
	'days',
]);
/** Long flags that take a password without saying so in a secret word. */
const PASSWORD_FLAGS = new Set(['requirepass', 'masterauth']);
/** Clients whose short flags take a password: `redis-cli -a x`, `mysql -px`. */
const REDIS_CLIENTS = new Set(['redis-cli', 'valkey-cli', 'keydb-cli']);
const MYSQL_CLIENTS = new Set(['mysql', 'mysqladmin', 'mysqldump', 'mariadb', 'mariadb-admin', 'mariadb-dump']);

/** A literal secret found in the file: where it is (when its characters can be located) and what to call it. */
interface Literal {
	view: View;
	value: string;
	/** Offsets of the secret in the file, when the scalar spells it out. */
	start?: number;
	end?: number;
	/** Variable the fix interpolates instead. */
	variable: string;
	message: string;
	/** What the fix writes instead of the secret; by default `${variable:?…}`. */
	replacement?: string;
}

/**
 * Secret-named environment keys in the file, by their literal value: a URL or a flag with the same password reuses the
 * name. Every service's, also when the rule runs on one service (relint.ts); the first service to write a value names
 * it.
 */
const KNOWN_SECRETS = acrossServices<ReadonlyMap<string, string>>(
	'knownSecrets',
	(whole, service) => JSON.stringify(secretEntries(whole, service)),
	(whole) => {
		const byValue = new Map<string, string>();
		for (const service of whole.services) {
			for (const [value, name] of secretEntries(whole, service)) if (!byValue.has(value)) byValue.set(value, name);
		}
		return byValue;
	},
);

/** A service's secret-named environment keys with a literal value, as [value, name] in the order written. */
function secretEntries(whole: ComposeModel, service: Service): Array<[string, string]> {
	const entries: Array<[string, string]> = [];
	for (const entry of environment(whole, service)) {
		if (entry.written !== undefined && isSecretName(entry.name) && isLiteralSecret(entry.written)) {
			entries.push([entry.written, entry.name]);
		}
	}
	return entries;
}

export const noHardcodedSecrets: Rule<ComposeModel> = {
	meta: {
		id: 'compose/no-hardcoded-secrets',
		scope: 'compose',
		severity: 'warning',
		description: 'Keep passwords and tokens out of the Compose file',
		guide: 'Security Hardening: No secrets in images',
		aliases: [],
		fixable: true,
		messages: {
			committedFileShown:
				'{{what}}: it is committed with the file and shown by `docker inspect`. {{advice}} and set it in the environment or a `.env` kept out of version control',
		},
		docs: {
			rationale:
				'A password written into `environment`, `build.args`, a connection URL, a `command` or a health check, or as the default of `${VAR:-…}`, is committed with the file, visible to everyone who can read the repository, and shown by `docker inspect` (build args stay in the image history). Reference a variable instead: Compose reads it from the shell or from a `.env` file kept out of version control, and `${NAME:?…}` stops `up` with a clear message when it is missing.',
			example:
				'services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_PASSWORD: hunter2\n  cache:\n    image: redis:7-alpine\n    command: redis-server --requirepass s3cret\n',
			useInstead:
				'services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}\n  cache:\n    image: redis:7-alpine\n    command: redis-server --requirepass ${CACHE_PASSWORD:?CACHE_PASSWORD is required}\n',
			fix: 'Replaces the literal with `${NAME:?NAME is required}`, keeping the quotes (a default `${NAME:-secret}` becomes `${NAME:?NAME is required}`). NAME is the environment key; for a URL or a command flag it is the name of an environment key in the file that holds the same password, else `<KEY>_PASSWORD` (without `_URL`) or `<SERVICE>_PASSWORD`. Not offered for values reached through an alias, block scalars, or quoted values with escapes.',
		},
	},
	perService: true,
	// The name a fix gives a URL's or a flag's password comes from any service's environment.
	crossServices: KNOWN_SECRETS,
	check({ model, report }) {
		const names = KNOWN_SECRETS.of(model);
		for (const service of model.services) {
			for (const literal of [...environmentSecrets(model, service, names), ...commandSecrets(model, service, names)]) {
				report(toReport(model, literal));
			}
		}
	},
};

/**
 * The Dockerfile rule's name test, stricter for Compose: no setting word, and a secret word past the
 * first one unless it is the only word (`SECRET_LOCAL_HOSTNAME` is an application's prefix).
 */
function isSecretName(name: string): boolean {
	let secret = secretNames.get(name);
	if (secret === undefined) {
		// A pure function of the name, asked for every variable and flag of every service on every lint.
		if (secretNames.size >= MAX_REMEMBERED_NAMES) secretNames.clear();
		secret = judgeSecretName(name);
		secretNames.set(name, secret);
	}
	return secret;
}

const secretNames = new Map<string, boolean>();
const MAX_REMEMBERED_NAMES = 4096;

function judgeSecretName(name: string): boolean {
	if (!looksSecret(name)) return false;
	const words = name
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.split(/[_.-]+/)
		.filter((word) => word !== '');
	return (
		!words.some((word) => SETTING_WORDS.has(word)) &&
		(words.length === 1 || words.slice(1).some((word) => looksSecret(word)))
	);
}

/** A value written out in the file (no `$` interpolation) that could be a secret; list-form values keep their quotes. */
function isLiteralSecret(value: string): boolean {
	const trimmed = value.trim().replace(/^(["'])(.*)\1$/, '$2');
	return trimmed !== '' && !trimmed.includes('$') && !HARMLESS_VALUE.test(trimmed);
}

/** `build.args` in map or list form, read like `environment` (their values end up in the image history). */
/** How a message names an environment variable or a build argument. */
function entryLabel(name: string, buildArg: boolean): string {
	return buildArg ? `build arg \`${name}\`` : `\`${name}\``;
}

function buildArgs(service: Service): EnvironmentEntry[] {
	const args = service.view.at('build', 'args');
	if (args === undefined) return [];
	const map = args.asMap();
	if (map) return map.entries().map(([name, view]) => ({ name, value: view.string, written: view.string, view }));
	return args.items().flatMap((item): EnvironmentEntry[] => {
		const text = item.string;
		const eq = text?.indexOf('=') ?? -1;
		return text === undefined || eq === -1
			? []
			: [{ name: text.slice(0, eq), value: text.slice(eq + 1), written: text.slice(eq + 1), view: item }];
	});
}

function environmentSecrets(model: ComposeModel, service: Service, names: ReadonlyMap<string, string>): Literal[] {
	const found: Literal[] = [];
	const variables = environment(model, service);
	const entries = [...variables, ...buildArgs(service)];
	for (let index = 0; index < entries.length; index++) {
		const entry = entries[index];
		const written = entry.written;
		if (written === undefined) continue;
		const buildArg = index >= variables.length;
		const text = entry.view.isMap() ? undefined : entry.view.string;
		const list = text !== undefined && text.startsWith(entry.name) && text[entry.name.length] === '=';
		// In `- KEY=value` the value starts after the `=`.
		const offset = list ? entry.name.length + 1 : 0;
		if (isSecretName(entry.name) && isLiteralSecret(written)) {
			found.push(
				locate(
					model,
					entry.view,
					offset,
					written,
					entry.name,
					`${entryLabel(entry.name, buildArg)} is set to a literal secret`,
				),
			);
			continue;
		}
		const fallback = isSecretName(entry.name) ? literalDefault(written) : undefined;
		if (fallback !== undefined) {
			const literal = locate(
				model,
				entry.view,
				offset + fallback.start,
				fallback.text,
				fallback.variable,
				`${entryLabel(entry.name, buildArg)} falls back to a secret written out when \`${fallback.variable}\` is unset`,
			);
			found.push({ ...literal, replacement: `:?${fallback.variable} is required` });
			continue;
		}
		for (const { user, password, passwordAt } of urlCredentials(written)) {
			if (!isLiteralSecret(password)) continue;
			const variable =
				names.get(password) ?? `${entry.name.replace(/_(?:URL|URI|DSN|CONNECTION(?:_STRING)?)$/i, '')}_PASSWORD`;
			found.push(
				locate(
					model,
					entry.view,
					offset + passwordAt,
					password,
					variable,
					`${entryLabel(entry.name, buildArg)} holds a URL with a password written out (\`${user}:…@\`)`,
				),
			);
		}
	}
	return found;
}

/** `${VAR:-default}` as the whole value, with a default that is a literal secret: the operator and default, from their start. */
function literalDefault(written: string): { start: number; text: string; variable: string } | undefined {
	const { references, errors } = scanInterpolation(written);
	const [reference] = references;
	if (errors.length > 0 || references.length !== 1 || reference.start !== 0 || reference.end !== written.length) {
		return undefined;
	}
	if (
		(reference.operator !== ':-' && reference.operator !== '-') ||
		reference.argument === undefined ||
		!isLiteralSecret(reference.argument)
	) {
		return undefined;
	}
	const text = `${reference.operator}${reference.argument}`;
	return { start: written.length - 1 - text.length, text, variable: reference.name };
}

interface Token {
	text: string;
	view: View;
	/** Offset in the file when the scalar spells it out. */
	start?: number;
}

/** Password flags and URLs with credentials in `command`, `entrypoint` and `healthcheck.test`. */
function commandSecrets(model: ComposeModel, service: Service, names: ReadonlyMap<string, string>): Literal[] {
	const found: Literal[] = [];
	const fields: Array<[string, View | undefined]> = [
		['command', service.view.get('command')],
		['entrypoint', service.view.get('entrypoint')],
		['healthcheck', service.view.at('healthcheck', 'test')],
	];
	// Made only for a finding: most services pass no secret.
	const fallbackName = (): string => `${service.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_PASSWORD`;
	for (const [field, view] of fields) {
		if (view === undefined) continue;
		const tokens = tokensOf(model, view);
		const clients = clientsBefore(tokens);
		tokens.forEach((token, i) => {
			const secret = flagValue(tokens, i, clients[i]);
			if (secret !== undefined && isLiteralSecret(secret.token.text.slice(secret.offset))) {
				const value = secret.token.text.slice(secret.offset);
				found.push(
					locateToken(
						secret.token,
						secret.offset,
						value,
						names.get(value) ?? fallbackName(),
						`\`${field}\` passes a literal secret to \`${secret.flag}\``,
					),
				);
				return;
			}
			for (const { user, password, passwordAt } of urlCredentials(token.text)) {
				if (!isLiteralSecret(password)) continue;
				found.push(
					locateToken(
						token,
						passwordAt,
						password,
						names.get(password) ?? fallbackName(),
						`\`${field}\` has a URL with a password written out (\`${user}:…@\`)`,
					),
				);
			}
		});
	}
	return found;
}

/**
 * For each token, the nearest Redis or MySQL client named before it (`/usr/bin/redis-cli` counts):
 * one pass, rather than a search back from every token.
 */
function clientsBefore(tokens: readonly Token[]): Array<string | undefined> {
	const clients: Array<string | undefined> = [];
	let last: string | undefined;
	for (const token of tokens) {
		clients.push(last);
		const word = token.text.slice(token.text.lastIndexOf('/') + 1);
		if (REDIS_CLIENTS.has(word) || MYSQL_CLIENTS.has(word)) last = word;
	}
	return clients;
}

/** The secret a token carries: `--password=x`, the word after `--requirepass`, `-px` for MySQL clients, the word after `-a` for redis-cli. */
function flagValue(
	tokens: Token[],
	i: number,
	client: string | undefined,
): { token: Token; offset: number; flag: string } | undefined {
	const text = tokens[i].text;
	const long = text.startsWith('--') ? /^--([A-Za-z][\w-]*)(=?)/.exec(text) : null;
	if (long && isSecretFlag(long[1])) {
		if (long[2] === '=') return { token: tokens[i], offset: long[0].length, flag: `--${long[1]}` };
		const next = tokens[i + 1];
		return next === undefined || next.text.startsWith('-') || text !== long[0]
			? undefined
			: { token: next, offset: 0, flag: text };
	}
	if (client === undefined) return undefined;
	if (REDIS_CLIENTS.has(client) && text === '-a' && tokens[i + 1] !== undefined) {
		return { token: tokens[i + 1], offset: 0, flag: '-a' };
	}
	if (MYSQL_CLIENTS.has(client) && /^-p./.test(text)) return { token: tokens[i], offset: 2, flag: '-p' };
	return undefined;
}

function isSecretFlag(name: string): boolean {
	return PASSWORD_FLAGS.has(name.toLowerCase()) || isSecretName(name.replace(/-/g, '_'));
}

/** Words of a string or list field, with their offsets in the file when the scalars spell them out. */
function tokensOf(model: ComposeModel, view: View): Token[] {
	const scalars = view.isSeq() ? view.items() : [view];
	const tokens: Token[] = [];
	for (const scalar of scalars) {
		const text = scalar.string;
		if (text === undefined) continue;
		const source = scalarSource(model, scalar);
		// The words are the runs of non-blanks (as /\S+/g would find them), scanned without a match object each.
		for (let at = 0; at < text.length; ) {
			if (isJsWhitespace(text.charCodeAt(at))) {
				at++;
				continue;
			}
			let after = at + 1;
			while (after < text.length && !isJsWhitespace(text.charCodeAt(after))) after++;
			// Shell quotes around a word (`sh -c "redis-server --requirepass x"`) are not part of it.
			let lead = at;
			while (lead < after && (text[lead] === '"' || text[lead] === "'")) lead++;
			let end = after;
			while (end > lead && (text[end - 1] === '"' || text[end - 1] === "'" || text[end - 1] === ';')) end--;
			tokens.push({
				text: text.slice(lead, end),
				view: scalar,
				start: source === undefined ? undefined : source.start + lead,
			});
			at = after;
		}
	}
	return tokens;
}

/** Whether a character is one that `\s` matches in a JavaScript regular expression. */
function isJsWhitespace(code: number): boolean {
	if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
	if (code < 160) return false;
	return (
		code === 160 ||
		code === 5760 ||
		(code >= 8192 && code <= 8202) ||
		code === 8232 ||
		code === 8233 ||
		code === 8239 ||
		code === 8287 ||
		code === 12288 ||
		code === 65279
	);
}

function locateToken(token: Token, offset: number, value: string, variable: string, message: string): Literal {
	if (token.start === undefined) return { view: token.view, value, variable, message };
	return {
		view: token.view,
		value,
		variable,
		message,
		start: token.start + offset,
		end: token.start + offset + value.length,
	};
}

/** Places a secret at `offset` within a scalar's value, when the file spells the value out. */
function locate(
	model: ComposeModel,
	view: View,
	offset: number,
	value: string,
	variable: string,
	message: string,
): Literal {
	const source = scalarSource(model, view);
	if (source === undefined || source.content.slice(offset, offset + value.length) !== value) {
		return { view, value, variable, message };
	}
	return { view, value, variable, message, start: source.start + offset, end: source.start + offset + value.length };
}

/**
 * A name Compose interpolates (`[A-Za-z_][A-Za-z0-9_]*`): a key such as `sonar.jdbc.password` becomes
 * `SONAR_JDBC_PASSWORD`, since `${sonar.jdbc.password}` is a format Compose refuses.
 */
function variableName(name: string): string {
	if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
	const upper = name.toUpperCase().replace(/[^A-Z0-9_]+/g, '_');
	return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}

function toReport(model: ComposeModel, plain: Literal): Report {
	const literal = { ...plain, variable: variableName(plain.variable) };
	const range: Range =
		literal.start === undefined ? literal.view.range : model.index.rangeOf(literal.start, literal.end!);
	const advice =
		literal.replacement === undefined
			? `Reference \`\${${literal.variable}}\``
			: `Drop the default (\`\${${literal.variable}:?…}\`)`;
	return {
		range,
		messageId: 'committedFileShown',
		data: { what: literal.message, advice },
		fix: interpolationFix(model, literal),
	};
}

function interpolationFix(model: ComposeModel, literal: Literal): Fix | undefined {
	if (literal.start === undefined) return undefined;
	const source = scalarSource(model, literal.view);
	const replacement = literal.replacement ?? `\${${literal.variable}:?${literal.variable} is required}`;
	if (source === undefined || !fitsScalar(model, source, replacement)) return undefined;
	const title =
		literal.replacement === undefined
			? `Read the value from \${${literal.variable}}`
			: `Require \${${literal.variable}} instead of a default`;
	return { title, edits: [{ range: model.index.rangeOf(literal.start, literal.end!), newText: replacement }] };
}
