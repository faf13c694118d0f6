// "Go to compose service": the compose file named by the container's labels (or, when those paths do not exist
// here, a workspace compose file that declares the service), opened with the service's key selected.
import * as vscode from 'vscode';
import { fileKind } from '../../../../server/src/core/file-kind';
import { EXCLUDED_FOLDERS_GLOB, LINTED_FILES_GLOB } from '../../file-patterns';
import type { ContainerSummary } from '../engine/types';
import { composeFileCandidates, findServiceKey } from '../presentation/compose-location';
import { defaultProjectNames, normalizedPath, parentOf } from '../presentation/matching';
import type { LensTargets } from '../lens/lens-targets';

export async function goToComposeService(container: ContainerSummary, lensTargets: LensTargets): Promise<void> {
	const compose = container.compose;
	if (compose === undefined) {
		void vscode.window.showInformationMessage(`${container.name} is not part of a Compose project.`);
		return;
	}
	const candidates = composeFileCandidates(compose);
	const uri = (await firstExisting(candidates)) ?? (await searchWorkspace(compose.project, compose.service));
	if (uri === undefined) {
		const looked = candidates.length > 0 ? `${candidates.join(', ')} and ` : '';
		void vscode.window.showInformationMessage(
			`No compose file declaring the service "${compose.service}" was found (looked at ${looked}the workspace's compose files).`,
		);
		return;
	}
	const document = await vscode.workspace.openTextDocument(uri);
	const editor = await vscode.window.showTextDocument(document);
	const range = await serviceRange(document, compose.service, lensTargets);
	if (range === undefined) {
		void vscode.window.showInformationMessage(
			`${vscode.workspace.asRelativePath(uri)} does not declare the service "${compose.service}".`,
		);
		return;
	}
	editor.selection = new vscode.Selection(range.start, range.end);
	editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function firstExisting(paths: readonly string[]): Promise<vscode.Uri | undefined> {
	for (const path of paths) {
		const uri = vscode.Uri.file(path);
		try {
			await vscode.workspace.fs.stat(uri);
			return uri;
		} catch {
			// Not on this machine (a remote engine, another checkout): try the next.
		}
	}
	return undefined;
}

/** Compose files of the workspace that declare the service; a folder named like the project wins. */
async function searchWorkspace(project: string, service: string): Promise<vscode.Uri | undefined> {
	const files = (await vscode.workspace.findFiles(LINTED_FILES_GLOB, EXCLUDED_FOLDERS_GLOB, 500)).filter(
		(uri) => fileKind(uri.path) === 'compose',
	);
	const declaring: vscode.Uri[] = [];
	for (const uri of files) {
		try {
			const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
			if (findServiceKey(text, service) !== undefined) declaring.push(uri);
		} catch {
			// Unreadable: skip.
		}
	}
	return (
		declaring.find((uri) => defaultProjectNames(parentOf(normalizedPath(uri.path))).includes(project)) ?? declaring[0]
	);
}

async function serviceRange(
	document: vscode.TextDocument,
	service: string,
	lensTargets: LensTargets,
): Promise<vscode.Range | undefined> {
	const target = (await lensTargets.of(document))?.find((each) => each.kind === 'service' && each.name === service);
	if (target !== undefined) {
		return new vscode.Range(
			target.range.start.line,
			target.range.start.character,
			target.range.end.line,
			target.range.end.character,
		);
	}
	const key = findServiceKey(document.getText(), service);
	return key === undefined
		? undefined
		: new vscode.Range(key.line, key.character, key.line, key.character + key.length);
}
