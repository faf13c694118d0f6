import { SEVERITY_SETTINGS } from '../core/config';
import type { SeveritySetting } from '../core/types';

export type RunMode = 'onType' | 'onSave';

/** The editor's `shipshape.*` settings for one resource. */
export interface Settings {
	enable: boolean;
	/** Per-rule severity; the workspace's `.shipshape.yaml` wins over it. */
	rules: Record<string, SeveritySetting>;
	run: RunMode;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, run: 'onType' };

/** Reads the `shipshape` section as the client sent it, keeping only well-formed values. */
export function parseSettings(section: unknown): Settings {
	if (typeof section !== 'object' || section === null) return DEFAULT_SETTINGS;
	const raw = section as Record<string, unknown>;
	return {
		enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULT_SETTINGS.enable,
		rules: parseRules(raw.rules),
		run: raw.run === 'onSave' ? 'onSave' : 'onType',
	};
}

const SETTING_NAMES = ['enable', 'rules', 'run'];

/**
 * The `shipshape` section in settings a client pushes (initializationOptions, didChangeConfiguration), which
 * editors shape either way: `{ "shipshape": { "rules": … } }`, as VS Code and nvim-lspconfig's `settings` do, or
 * the section itself, `{ "rules": … }`, as Helix's `config` and eglot's `:initializationOptions` are usually
 * written. Undefined when the value holds neither (null, another server's settings).
 */
export function pushedSection(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const raw = value as Record<string, unknown>;
	if ('shipshape' in raw) return raw.shipshape;
	return SETTING_NAMES.some((name) => name in raw) ? raw : undefined;
}

function parseRules(value: unknown): Record<string, SeveritySetting> {
	if (typeof value !== 'object' || value === null) return {};
	const rules: Record<string, SeveritySetting> = {};
	for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
		if ((SEVERITY_SETTINGS as readonly unknown[]).includes(severity)) rules[id] = severity as SeveritySetting;
	}
	return rules;
}
