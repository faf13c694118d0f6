import { SEVERITY_SETTINGS } from '../core/config';
import type { SeveritySetting } from '../core/types';
import { SERVER_SETTING_KEYS, SETTINGS_SECTION, type Settings } from '../protocol';

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, run: 'onType', 'compose.inlayHints': true };

/** Reads the `shipshape` section as the client sent it, keeping only well-formed values. */
export function parseSettings(section: unknown): Settings {
	if (typeof section !== 'object' || section === null) return DEFAULT_SETTINGS;
	const raw = section as Record<string, unknown>;
	return {
		enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULT_SETTINGS.enable,
		rules: parseRules(raw.rules),
		run: raw.run === 'onSave' ? 'onSave' : 'onType',
		'compose.inlayHints': composeSetting(raw, 'inlayHints') !== false,
	};
}

/** `compose.<name>`, nested as VS Code sends it (`{compose: {inlayHints}}`) or dotted as other editors may write it. */
function composeSetting(raw: Record<string, unknown>, name: string): unknown {
	const nested = raw.compose;
	if (typeof nested === 'object' && nested !== null && name in nested) return (nested as Record<string, unknown>)[name];
	return raw[`compose.${name}`];
}

/**
 * The `shipshape` section in settings a client pushes (initializationOptions, didChangeConfiguration), which
 * editors shape either way: `{ "shipshape": { "rules": … } }`, as VS Code and nvim-lspconfig's `settings` do, or
 * the section itself, `{ "rules": … }`, as Helix's `config` and eglot's `:initializationOptions` are usually
 * written. Undefined when the value holds neither (null, another server's settings).
 */
export function pushedSection(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const raw = value as Record<string, unknown>;
	if (SETTINGS_SECTION in raw) return raw[SETTINGS_SECTION];
	return SERVER_SETTING_KEYS.some((name) => name in raw) ? raw : undefined;
}

function parseRules(value: unknown): Record<string, SeveritySetting> {
	if (typeof value !== 'object' || value === null) return {};
	const rules: Record<string, SeveritySetting> = {};
	for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
		if ((SEVERITY_SETTINGS as readonly unknown[]).includes(severity)) rules[id] = severity as SeveritySetting;
	}
	return rules;
}
