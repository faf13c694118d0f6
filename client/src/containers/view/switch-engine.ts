// "Switch Docker Context…": a quick pick of the engines (Automatic, the docker CLI's contexts, DOCKER_HOST,
// Podman's socket); the choice goes into `shipshape.docker.host` (machine-scoped, user settings), whose change
// moves the Containers, Images, Volumes and Networks views, the lenses and the Compose commands to that engine.
// The docker CLI's own current context is left alone.
import * as vscode from 'vscode';
import type { CommandId } from '../../commands/ids';
import { setting, setUserSetting } from '../../settings/index';
import { engineChoicesFromSystem, type EngineChoice } from '../engine/index';

export const SWITCH_ENGINE_COMMAND: CommandId = 'shipshape.containers.switchEngine';

export async function switchEngine(): Promise<void> {
	const choices = engineChoicesFromSystem(setting('docker.host'));
	const items = choices.map((choice): vscode.QuickPickItem & { choice: EngineChoice } => ({
		label: `${choice.selected ? '$(check) ' : ''}${choice.label}`,
		description:
			choice.unsupported === undefined ? choice.description : `${choice.description} — ${choice.unsupported}`,
		choice,
	}));
	const picked = await vscode.window.showQuickPick(items, {
		title: 'Docker engine for Shipshape',
		placeHolder: "Pick a Docker context or engine (the docker CLI's current context is not changed)",
	});
	if (picked === undefined || picked.choice.selected) return;
	if (picked.choice.unsupported !== undefined) {
		void vscode.window.showWarningMessage(`${picked.choice.label} cannot be used: ${picked.choice.unsupported}.`);
		return;
	}
	await setUserSetting('docker.host', picked.choice.host);
}
