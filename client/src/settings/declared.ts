// The `shipshape.*` settings the client reads, with the type of each value. Pure. Everything else about a
// setting (default, scope, bounds, description) is package.json's `contributes.configuration`, read at runtime:
// test/unit/client/settings.test.ts checks that each key here is declared there with this type.

import { SCANNER_KINDS } from '../scan/model';

/** A value's type: the JSON type package.json gives, `string[]` for an array of strings, or the allowed strings. */
export type SettingType = 'boolean' | 'number' | 'string' | 'string[]' | readonly string[];

/**
 * Each setting the client reads, by its key under `shipshape.`. To add one: declare it in package.json, add
 * it here, read it with `setting(key)` from `./index`. The server's settings are `SERVER_SETTING_KEYS` in
 * server/src/protocol.ts.
 */
export const CLIENT_SETTINGS = {
	'codeLens.enable': 'boolean',
	'compose.languageFeatures': ['auto', 'on', 'off'],
	'dockerfile.languageFeatures': ['auto', 'on', 'off'],
	'docker.host': 'string',
	'image.sizeTargetMb': 'number',
	'scan.args': 'string[]',
	'scan.path': 'string',
	'scan.scanner': SCANNER_KINDS,
	'scan.timeoutSeconds': 'number',
	'stats.memoryWarningPercent': 'number',
	'stats.refreshSeconds': 'number',
} as const satisfies Record<string, SettingType>;

export type ClientSettingKey = keyof typeof CLIENT_SETTINGS;

type ValueOf<T extends SettingType> = T extends 'boolean'
	? boolean
	: T extends 'number'
		? number
		: T extends 'string'
			? string
			: T extends 'string[]'
				? string[]
				: T extends readonly (infer Allowed)[]
					? Allowed
					: never;

/** The type of one setting's value, as `setting(key)` returns it. */
export type SettingValue<K extends ClientSettingKey> = ValueOf<(typeof CLIENT_SETTINGS)[K]>;
