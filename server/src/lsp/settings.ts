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

function parseRules(value: unknown): Record<string, SeveritySetting> {
	if (typeof value !== 'object' || value === null) return {};
	const rules: Record<string, SeveritySetting> = {};
	for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
		if ((SEVERITY_SETTINGS as readonly unknown[]).includes(severity)) rules[id] = severity as SeveritySetting;
	}
	return rules;
}
