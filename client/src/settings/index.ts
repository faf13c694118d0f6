// The one way the client reads its `shipshape.*` settings: typed by `./declared`, checked against and defaulted
// by package.json's declarations (`./values`). No other client module calls `getConfiguration`.

import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../../server/src/protocol';
import type { ClientSettingKey, SettingValue } from './declared';
import { declaredSettings, settingValue, type SettingSchema } from './values';

let schemas: ReadonlyMap<string, SettingSchema> = new Map();
let log: vscode.LogOutputChannel | undefined;
const reported = new Set<string>();

/** At activation, before any feature reads a setting: the declarations are the extension's own package.json. */
export function useDeclaredSettings(extension: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
	schemas = declaredSettings(extension.extension.packageJSON);
	log = output;
}

/** `shipshape.<key>` for the resource `scope` (a document's uri for resource-scoped settings). */
export function setting<K extends ClientSettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValue<K> {
	const name = `${SETTINGS_SECTION}.${key}`;
	const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
	const schema = schemas.get(name);
	if (schema === undefined) {
		once(name, () => log?.error(`${name} is not declared in package.json`));
		return configuration.get(key) as SettingValue<K>;
	}
	const read = settingValue(schema, configuration.get(key), configuration.inspect(key));
	if (read.ignoredWorkspaceValue) {
		once(name, () =>
			log?.warn(`ignoring the workspace value of ${name}: it is machine-scoped and only user settings count`),
		);
	}
	return read.value as SettingValue<K>;
}

/** Writes `shipshape.<key>` into the user's settings; undefined removes it there. */
export async function setUserSetting<K extends ClientSettingKey>(
	key: K,
	value: SettingValue<K> | undefined,
): Promise<void> {
	await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

function once(name: string, report: () => void): void {
	if (reported.has(name)) return;
	reported.add(name);
	report();
}
