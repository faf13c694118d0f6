import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_SETTINGS, type SettingType } from '../../../client/src/settings/declared';
import { declaredSettings, settingValue, type SettingSchema } from '../../../client/src/settings/values';
import { DEFAULT_SETTINGS } from '../../../server/src/lsp/settings';
import { SERVER_SETTING_KEYS, SETTINGS_SECTION } from '../../../server/src/protocol';

const manifest: unknown = JSON.parse(readFileSync('package.json', 'utf8'));
const declared = declaredSettings(manifest);

function schemaOf(key: string): SettingSchema {
	const schema = declared.get(`${SETTINGS_SECTION}.${key}`);
	assert.ok(schema, `shipshape.${key} is declared in package.json`);
	return schema;
}

/** What package.json must say of a setting the client reads with this type. */
function expectedSchema(type: SettingType): Partial<SettingSchema> {
	if (type === 'string[]') return { type: 'array', items: { type: 'string' } };
	if (typeof type !== 'string') return { type: 'string', enum: type };
	return { type };
}

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.ts'))
		.map((name) => join(folder, name));
}

describe('client settings', () => {
	it('every setting the client reads is declared in package.json with its type and a default of that type', () => {
		for (const [key, type] of Object.entries(CLIENT_SETTINGS)) {
			const schema = schemaOf(key);
			const expected = expectedSchema(type);
			assert.deepEqual(schema.type, expected.type, key);
			if (expected.items) assert.deepEqual(schema.items, expected.items, key);
			if (expected.enum) assert.deepEqual(schema.enum, expected.enum, key);
			assert.ok(schema.default !== undefined, `${key} has a default`);
			assert.deepEqual(settingValue(schema, schema.default, undefined).value, schema.default, `${key}'s default fits`);
		}
	});

	it('every setting package.json declares is read by the client, the server or the language client', () => {
		const readers = new Set<string>([
			...Object.keys(CLIENT_SETTINGS),
			...SERVER_SETTING_KEYS,
			// vscode-languageclient reads `<client id>.trace.server` itself.
			'trace.server',
		]);
		const unread = [...declared.keys()].filter((name) => !readers.has(name.slice(`${SETTINGS_SECTION}.`.length)));
		assert.deepEqual(unread, []);
	});

	it("the server's defaults, for editors that send no settings, are package.json's", () => {
		for (const key of SERVER_SETTING_KEYS) assert.deepEqual(DEFAULT_SETTINGS[key], schemaOf(key).default, key);
	});

	it('no client module but client/src/settings reads the configuration', () => {
		const readers = filesUnder('client/src').filter(
			(file) =>
				!file.startsWith(join('client/src/settings')) && readFileSync(file, 'utf8').includes('getConfiguration'),
		);
		assert.deepEqual(readers, []);
	});
});

describe('settingValue', () => {
	const timeout: SettingSchema = { type: 'number', default: 600, minimum: 10, scope: 'machine' };
	const scanner: SettingSchema = { type: 'string', enum: ['trivy', 'grype'], default: 'trivy', scope: 'machine' };
	const percent: SettingSchema = { type: 'number', default: 90, minimum: 1, maximum: 100, scope: 'resource' };
	const args: SettingSchema = { type: 'array', items: { type: 'string' }, default: [], scope: 'machine' };

	it("takes VS Code's value of a resource setting, and the default when there is none", () => {
		assert.deepEqual(settingValue(percent, 75, { workspaceValue: 75 }), { value: 75, ignoredWorkspaceValue: false });
		assert.equal(settingValue(percent, undefined, undefined).value, 90);
	});

	it("takes only the user's value of a machine setting: a workspace never chooses what runs, and that is reported", () => {
		assert.deepEqual(settingValue(scanner, 'grype', { globalValue: 'grype' }), {
			value: 'grype',
			ignoredWorkspaceValue: false,
		});
		assert.deepEqual(settingValue(args, ['--config=/etc/passwd'], { workspaceFolderValue: ['--config=/etc/passwd'] }), {
			value: [],
			ignoredWorkspaceValue: true,
		});
		assert.deepEqual(settingValue(scanner, 'grype', { globalValue: 'grype', workspaceValue: 'trivy' }), {
			value: 'grype',
			ignoredWorkspaceValue: true,
		});
	});

	it('falls back to the default for a value of the wrong type or outside the enum', () => {
		assert.equal(settingValue(scanner, undefined, { globalValue: 'snyk' }).value, 'trivy');
		assert.equal(settingValue(scanner, undefined, { globalValue: 42 }).value, 'trivy');
		assert.deepEqual(settingValue(args, undefined, { globalValue: ['ok', 3] }).value, []);
		assert.equal(settingValue(percent, '50', undefined).value, 90);
		assert.equal(settingValue(percent, Number.NaN, undefined).value, 90);
	});

	it('brings a number inside its bounds', () => {
		assert.equal(settingValue(timeout, undefined, { globalValue: 1 }).value, 10);
		assert.equal(settingValue(percent, 0, undefined).value, 1);
		assert.equal(settingValue(percent, 250, undefined).value, 100);
	});

	it('reads package.json whether `contributes.configuration` is one section or a list', () => {
		const section = { properties: { 'x.a': { type: 'boolean', default: true } } };
		const other = { properties: { 'x.b': { type: 'string', default: '' } } };
		assert.deepEqual([...declaredSettings({ contributes: { configuration: section } }).keys()], ['x.a']);
		assert.deepEqual(
			[...declaredSettings({ contributes: { configuration: [section, other] } }).keys()],
			['x.a', 'x.b'],
		);
		assert.equal(declaredSettings({}).size, 0);
	});
});
