// Which workspace files use an image (an image row's children): compose services and Dockerfiles, located by the
// language server. Files are found once and kept until a Dockerfile or compose file is saved, created or deleted;
// only files whose text names the image (or, for compose, builds something) are opened and asked about.
import * as vscode from 'vscode';
import { fileKind } from '../../../../server/src/core/file-kind';
import { EXCLUDED_FOLDERS_GLOB, isLintedPath, LINTED_FILES_GLOB } from '../../file-patterns';
import type { LensTargets } from '../lens/lens-targets';
import { usesInFile, usesOfImage, type ImageUse } from '../presentation/image-uses';
import { imageRepository } from '../presentation/matching';

/** Enough for any real workspace; a larger one is cut here rather than read whole. */
const MAX_FILES = 500;
/** A Dockerfile or compose file above this is not read for uses. */
const MAX_FILE_BYTES = 1_000_000;

export class WorkspaceImageUses implements vscode.Disposable {
	private files: Promise<{ uri: vscode.Uri; text: string }[]> | undefined;
	private readonly usesByUri = new Map<string, ImageUse[]>();
	private readonly watcher: vscode.FileSystemWatcher;

	constructor(private readonly lensTargets: LensTargets) {
		this.watcher = vscode.workspace.createFileSystemWatcher(LINTED_FILES_GLOB);
		const forget = () => {
			this.files = undefined;
			this.usesByUri.clear();
		};
		this.watcher.onDidChange(forget);
		this.watcher.onDidCreate(forget);
		this.watcher.onDidDelete(forget);
	}

	async of(tags: readonly string[]): Promise<ImageUse[]> {
		const names = tags.map((tag) => lastSegment(imageRepository(tag)));
		const found: ImageUse[] = [];
		for (const { uri, text } of await this.workspaceFiles()) {
			const isCompose = fileKind(uri.fsPath) === 'compose';
			if (!names.some((name) => text.includes(name)) && !(isCompose && text.includes('build'))) continue;
			found.push(...usesOfImage(tags, await this.usesIn(uri)));
		}
		return found;
	}

	dispose(): void {
		this.watcher.dispose();
	}

	private async usesIn(uri: vscode.Uri): Promise<ImageUse[]> {
		const key = uri.toString();
		const cached = this.usesByUri.get(key);
		if (cached !== undefined) return cached;
		const document = await vscode.workspace.openTextDocument(uri);
		const targets = (await this.lensTargets.of(document)) ?? [];
		const uses = usesInFile(uri.fsPath, targets);
		this.usesByUri.set(key, uses);
		return uses;
	}

	private workspaceFiles(): Promise<{ uri: vscode.Uri; text: string }[]> {
		this.files ??= (async () => {
			const uris = (await vscode.workspace.findFiles(LINTED_FILES_GLOB, EXCLUDED_FOLDERS_GLOB, MAX_FILES)).filter(
				(uri) => isLintedPath(uri.fsPath),
			);
			const files: { uri: vscode.Uri; text: string }[] = [];
			for (const uri of uris) {
				try {
					if ((await vscode.workspace.fs.stat(uri)).size > MAX_FILE_BYTES) continue;
					files.push({ uri, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
				} catch {
					// gone meanwhile
				}
			}
			return files;
		})();
		return this.files;
	}
}

function lastSegment(repository: string): string {
	return repository.slice(repository.lastIndexOf('/') + 1);
}
