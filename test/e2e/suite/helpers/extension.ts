import * as vscode from 'vscode';
import type { ShipshapeApi } from '../../../../client/src/extension';

export const EXTENSION_ID = 'shipshape.shipshape';

/** The extension under test, activated; its API is what `activate` returned. */
export async function activateShipshape(): Promise<{ extension: vscode.Extension<ShipshapeApi>; api: ShipshapeApi }> {
	const extension = vscode.extensions.getExtension<ShipshapeApi>(EXTENSION_ID);
	if (extension === undefined) {
		throw new Error(`${EXTENSION_ID} is not loaded: is extensionDevelopmentPath the repository root?`);
	}
	const api = await extension.activate();
	await api.serverReady;
	return { extension, api };
}

/** package.json of the extension under test, as VS Code loaded it. */
export function manifest(extension: vscode.Extension<unknown>): ExtensionManifest {
	return extension.packageJSON as ExtensionManifest;
}

export interface ExtensionManifest {
	contributes: {
		commands: { command: string }[];
		snippets: { language: string; path: string }[];
	};
}

/** Where the extension under test lives: the repository root, with dist/cli.js next to dist/extension.js. */
export function extensionRoot(): string {
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	if (extension === undefined) throw new Error(`${EXTENSION_ID} is not loaded`);
	return extension.extensionPath;
}
