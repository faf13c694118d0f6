// The settings every run starts with. User settings keep the workbench quiet and predictable; the machine-scoped
// ones (scanner path, Docker host) point at the stand-in scanner and the test engine. code-server's window is a
// remote one, where machine-scoped values count only from <user-data-dir>/Machine/settings.json; a desktop window
// reads them from the user settings.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function userSettings(suite) {
	return {
		'workbench.startupEditor': 'none',
		'workbench.tips.enabled': false,
		'workbench.enableExperiments': false,
		'telemetry.telemetryLevel': 'off',
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'update.mode': 'none',
		'git.enabled': false,
		// Saves happen when a test saves: fix-on-save and "edited, not saved" are what is tested.
		'files.autoSave': 'off',
		'security.workspace.trust.enabled': suite === 'untrusted',
		'security.workspace.trust.startupPrompt': 'never',
		'security.workspace.trust.banner': 'never',
		'security.workspace.trust.untrustedFiles': 'open',
	};
}

export function machineSettings(repoRoot, dockerHost) {
	return {
		'shipshape.scan.scanner': 'trivy',
		'shipshape.scan.path': join(repoRoot, 'test', 'fixtures', 'scanner', 'stand-in-scanner.mjs'),
		...(dockerHost === '' ? {} : { 'shipshape.docker.host': dockerHost }),
	};
}

/** Writes User/settings.json (and Machine/settings.json when `machine` is given) below `userDataDir`. */
export function writeSettings(userDataDir, user, machine) {
	mkdirSync(join(userDataDir, 'User'), { recursive: true });
	writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(user, null, '\t'));
	if (machine === undefined) return;
	mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
	writeFileSync(join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(machine, null, '\t'));
}
