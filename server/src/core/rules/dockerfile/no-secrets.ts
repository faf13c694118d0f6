import { Arg, type Property } from 'dockerfile-ast';
import { ancestry, finalStage, type DockerfileModel, type Instruction } from '../../dockerfile/model';
import type { Range, Report, Rule } from '../../types';
import { urlCredentials } from '../url-credentials';
import { trimEndChars } from '../../trim-end';

/** Name words that mark a secret (BuildKit's SecretsUsedInArgOrEnv list, plus `pass` and `passphrase`). */
const SECRET_WORDS = new Set([
	'apikey',
	'auth',
	'credential',
	'credentials',
	'key',
	'password',
	'pword',
	'passwd',
	'pass',
	'passphrase',
	'secret',
	'token',
]);
/**
 * Name words that say the variable holds something about a secret, not the secret: BuildKit's
 * `public`, `file`, `version`, plus GPG key fingerprints (every official image verifies
 * downloads with `GPG_KEY`) and locations.
 */
const HARMLESS_WORDS = new Set([
	'public',
	'file',
	'version',
	'gpg',
	'pgp',
	'path',
	'dir',
	'url',
	'name',
	'type',
	'ttl',
	'expiry',
	'timeout',
	'enabled',
	'disabled',
	'mode',
	'host',
	'port',
]);
/** Values that are settings, not secrets: switches, small numbers, paths, plain URLs. */
const HARMLESS_VALUE = /^(?:true|false|yes|no|on|off|none|null|\d{1,5}|[/~.]\/?.*|[a-z][a-z0-9+.-]*:\/\/[^@\s]*)$/i;

/** Basenames of files that hold keys or credentials. */
const SECRET_FILE =
	/^(?:\.env(?:\.(?!example$|sample$|template$|dist$|defaults?$)[\w.-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|.+\.(?:pem|key|p12|pfx|jks|keystore)|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials(?:\.json)?|\.htpasswd)$/i;
/** PEM files that hold certificates rather than keys. */
const CERTIFICATE_PEM =
	/(?:^|[-_.])(?:cert|certs|certificate|chain|fullchain|ca|cacert|ca-bundle|bundle|pub|public)(?:[-_.]|$)/i;

/** Instructions whose text may hold a URL with credentials. */
const URL_KEYWORDS = new Set(['RUN', 'ENV', 'ARG', 'ADD']);

export const noSecrets: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/no-secrets',
		scope: 'dockerfile',
		severity: 'error',
		description: 'Keep secrets out of the Dockerfile and the image',
		guide: 'Security Hardening: No secrets in images',
		aliases: ['SecretsUsedInArgOrEnv'],
		fixable: true,
		messages: {
			argDefault:
				'ARG {{name}} has a default value that looks like a secret: it is written into the Dockerfile and the image history. Drop the default and pass it with `RUN --mount=type=secret,id={{id}}`',
			envValue:
				'ENV {{name}} holds a literal secret: it ships in the image config. Read it at run time, or at build time with `RUN --mount=type=secret,id={{id}}`',
			hasUrlPassword:
				'`{{keyword}}` has a URL with a password written out (`{{user}}:…@`): pass credentials as a build secret (`RUN --mount=type=secret`) or use a netrc secret',
			putsIntoImage:
				'`{{keyword}}` puts `{{base}}` into the image, where anyone who pulls it can read it: mount it at build time with `RUN --mount=type=secret` and keep it out of the context with .dockerignore',
		},
		docs: {
			rationale:
				'A value written into `ENV` or `ARG` is stored in the image config and its history, and a key or `.env` file copied in is in a layer: anyone who can pull the image can read them, and the Dockerfile itself leaks them through the repository. Pass secrets at build time with `RUN --mount=type=secret` and at run time through the environment or a secret store.',
			example: 'FROM node:22-alpine\nARG NPM_TOKEN=npm_abc123\nENV DB_PASSWORD=hunter2\nCOPY .env ./\nRUN npm ci',
			useInstead:
				'FROM node:22-alpine\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci',
			fix: 'For an `ARG` with a default value, drops the default (`ARG NAME` stays, the value comes from `--build-arg` or better a secret mount). `ENV` values, copied files and URLs with credentials need a decision, so they get no automatic fix.',
		},
	},
	check({ model, report }) {
		for (const instruction of model.instructions) {
			// A secret-named variable already reported is not reported again for a URL in its value.
			const reported =
				instruction.keyword === 'ARG' || instruction.keyword === 'ENV'
					? checkVariables(model, instruction, report)
					: [];
			if (URL_KEYWORDS.has(instruction.keyword)) checkUrlCredentials(model, instruction, reported, report);
		}
		checkCopiedFiles(model, report);
	},
};

/** Reports secret-named variables with literal values; returns their ranges. */
function checkVariables(model: DockerfileModel, instruction: Instruction, report: (report: Report) => void): Range[] {
	const reported: Range[] = [];
	const properties = propertiesOf(instruction.ast);
	for (const property of properties) {
		const name = property.getName();
		const value = property.getValue();
		if (!looksSecret(name) || value === null || !isLiteralSecretValue(value)) continue;
		const keyword = instruction.keyword;
		// `ARG A b` declares two arguments without defaults (only ENV has the `name value` form); the parser pairs them (found by the fuzzer).
		if (keyword === 'ARG' && model.text[model.index.offsetAt(property.getNameRange().end)] !== '=') continue;
		const finding: Report = {
			range: property.getRange(),
			messageId: keyword === 'ARG' ? 'argDefault' : 'envValue',
			data: { name, id: name.toLowerCase() },
		};
		const valueRange = property.getValueRange();
		if (keyword === 'ARG' && valueRange !== null) {
			finding.fix = {
				title: `Drop the default value of ARG ${name}`,
				edits: [{ range: { start: property.getNameRange().end, end: valueRange.end }, newText: '' }],
			};
		}
		report(finding);
		reported.push(finding.range);
	}
	return reported;
}

/**
 * The instruction's properties. A one-word ARG's is the one its constructor already made, from the
 * same word getProperties would read again (59 ARGs in moby's Dockerfile, each a name, value and ranges).
 */
function propertiesOf(ast: Instruction['ast']): Property[] {
	const single = ast instanceof Arg ? ast.getProperty() : null;
	return single !== null ? [single] : (ast as unknown as { getProperties(): Property[] }).getProperties();
}

/** Whether a variable name says it holds a secret: a secret word and no harmless word among its parts. */
export function looksSecret(name: string): boolean {
	const words = name
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.split(/[_.-]+/)
		.filter((word) => word !== '');
	return words.some((word) => SECRET_WORDS.has(word)) && !words.some((word) => HARMLESS_WORDS.has(word));
}

/** A value written out in the file (no `$VAR`), that could be a secret. */
function isLiteralSecretValue(value: string): boolean {
	const trimmed = value.trim();
	return trimmed !== '' && !trimmed.includes('$') && !HARMLESS_VALUE.test(trimmed);
}

function checkUrlCredentials(
	model: DockerfileModel,
	instruction: Instruction,
	reported: readonly Range[],
	report: (report: Report) => void,
): void {
	const text = model.text.slice(instruction.start, instruction.end);
	// Every match holds `://`: most instructions have none and skip the regex.
	if (!text.includes('://')) return;
	const inReported = (offset: number): boolean =>
		reported.some((range) => offset >= model.index.offsetAt(range.start) && offset < model.index.offsetAt(range.end));
	for (const { user, password, userAt } of urlCredentials(text)) {
		const userStart = instruction.start + userAt;
		if (password.includes('$') || inReported(userStart)) continue;
		const range: Range = model.index.rangeOf(userStart, userStart + user.length + 1 + password.length);
		report({
			range,
			messageId: 'hasUrlPassword',
			data: { keyword: instruction.keyword, user },
		});
	}
}

/** COPY/ADD of key, credential or `.env` files into a stage that ships. */
function checkCopiedFiles(model: DockerfileModel, report: (report: Report) => void): void {
	const final = finalStage(model);
	if (final === undefined) return;
	for (const stage of ancestry(final)) {
		for (const instruction of stage.instructions) {
			if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flag('from') !== undefined) {
				continue;
			}
			for (const source of sourcesOf(instruction)) {
				if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source.value) || source.value.startsWith('git@')) continue;
				const base = trimEndChars(source.value, '/').split('/').pop() ?? '';
				if (!SECRET_FILE.test(base) || isCertificate(base)) continue;
				report({
					range: source.range(),
					messageId: 'putsIntoImage',
					data: { keyword: instruction.keyword, base },
				});
			}
		}
	}
}

/** A PEM file named like a certificate, or a glob over PEM files (certificates more often than not). */
function isCertificate(base: string): boolean {
	if (!/\.pem$/i.test(base)) return false;
	return /[*?[]/.test(base) || CERTIFICATE_PEM.test(base.slice(0, -'.pem'.length));
}

/** The sources, each with its range made only when a finding needs it (a megabyte of sources made 500,000). */
function sourcesOf(instruction: Instruction): { value: string; range: () => Range }[] {
	if (instruction.json !== undefined) {
		// JSON form: no per-element ranges from the parser, so point at the whole instruction.
		return instruction.json.slice(0, -1).map((value) => ({ value, range: () => instruction.range }));
	}
	if (instruction.heredocs.length > 0) return [];
	return instruction.args
		.slice(0, -1)
		.map((arg) => ({ value: arg.value.replace(/^(["'])(.*)\1$/, '$2'), range: () => arg.range }));
}
