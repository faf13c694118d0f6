import * as vscode from 'vscode';
import type { Command } from './command';
import { dockerignoreContent, PROJECT_MARKERS, type ProjectKind } from './dockerignore-content';

/**
 * `shipshape.createDockerignore`: writes the guide's `.dockerignore` into a workspace folder and opens
 * it. An existing file is never overwritten; the user may open it instead. Resolves to the file's uri,
 * or undefined when nothing was written.
 */
export function createDockerignoreCommand(): Command {
	return { id: 'shipshape.createDockerignore', run: createDockerignore };
}

async function createDockerignore(): Promise<vscode.Uri | undefined> {
	const folder = await pickFolder();
	if (folder === undefined) return undefined;
	const target = vscode.Uri.joinPath(folder.uri, '.dockerignore');
	if (await exists(target)) {
		// Not awaited: the command's result must not wait for the user to dismiss a message.
		const open = 'Open It';
		void vscode.window
			.showWarningMessage(`${folder.name} already has a .dockerignore; Shipshape does not overwrite it.`, open)
			.then((answer) => {
				if (answer === open) void vscode.window.showTextDocument(target);
			});
		return undefined;
	}
	const content = dockerignoreContent(await projectKinds(folder.uri));
	await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
	await vscode.window.showTextDocument(target);
	return target;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
	const folders = vscode.workspace.workspaceFolders ?? [];
	if (folders.length === 0) {
		void vscode.window.showWarningMessage('Open a folder first: .dockerignore belongs at the root of a build context.');
		return undefined;
	}
	if (folders.length === 1) return folders[0];
	return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to create .dockerignore in' });
}

async function projectKinds(folder: vscode.Uri): Promise<Set<ProjectKind>> {
	const kinds = new Set<ProjectKind>();
	for (const [kind, markers] of Object.entries(PROJECT_MARKERS) as Array<[ProjectKind, readonly string[]]>) {
		for (const marker of markers) {
			if (await exists(vscode.Uri.joinPath(folder, marker))) {
				kinds.add(kind);
				break;
			}
		}
	}
	return kinds;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}
