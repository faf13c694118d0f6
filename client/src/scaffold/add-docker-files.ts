import * as vscode from 'vscode';
import {
	answerProblems,
	DATASTORES,
	declaredDetection,
	defaultAnswers,
	detectProjectAsync,
	generateFiles,
	KIND_DEFAULTS,
	notesFor,
	openQuestions,
	PACKAGE_MANAGERS,
	portValue,
	PROJECT_KINDS,
	type Answers,
	type Datastore,
	type Detection,
	type GeneratedFile,
	type PackageManager,
	type ProjectKind,
} from '../../../server/src/core/scaffold/index';
import type { Command } from '../commands/command';
import { showProposalDiff } from './proposal-diff';
import { existingFile, workspaceReader } from './workspace-files';

/** What a run did, for tests and callers: file names by outcome. */
export interface AddDockerFilesResult {
	folder: string;
	kind: ProjectKind;
	written: string[];
	unchanged: string[];
	/** Existing files the user kept, or that could not be touched (a link, not a regular file). */
	kept: string[];
}

/**
 * `shipshape.addDockerFiles` ("Shipshape: Add Docker Files"): the generator of `shipshape init`,
 * bundled into the extension (it is pure and small, works while the server is stopped, and reads
 * through the editor's file system, so remote and virtual folders work too). Quick picks for what
 * detection leaves open; an existing file that differs is shown as a diff and kept unless the user
 * picks "Replace". From the palette it asks for a workspace folder; from the Explorer it takes the
 * folder clicked. Resolves to what it did, or undefined when cancelled.
 */
export function addDockerFilesCommand(): Command {
	return {
		id: 'shipshape.addDockerFiles',
		run: (target?: unknown) => addDockerFiles(target instanceof vscode.Uri ? target : undefined),
	};
}

const TITLE = 'Add Docker Files';

async function addDockerFiles(target: vscode.Uri | undefined): Promise<AddDockerFilesResult | undefined> {
	const folder = target ?? (await pickFolder());
	if (folder === undefined) return undefined;
	const detection = (await detectProjectAsync(workspaceReader(folder))) ?? (await askKind());
	if (detection === undefined) return undefined;
	const answers = await askAnswers(detection);
	if (answers === undefined) return undefined;
	const result: AddDockerFilesResult = {
		folder: folder.fsPath,
		kind: detection.kind,
		written: [],
		unchanged: [],
		kept: [],
	};
	for (const file of generateFiles(detection, answers)) await place(folder, file, result);
	if (result.written.includes('Dockerfile')) {
		await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'Dockerfile'), { preview: false });
	}
	if (result.written.includes('compose.yaml')) {
		await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'compose.yaml'), {
			preview: false,
			viewColumn: vscode.ViewColumn.Beside,
		});
	}
	const summary = [
		result.written.length > 0 ? `Wrote ${result.written.join(', ')}.` : 'Nothing was written.',
		result.kept.length > 0 ? `Kept ${result.kept.join(', ')}.` : '',
		...notesFor(detection, answers),
	];
	// Not awaited: the command's result must not wait for the user to dismiss a message.
	void vscode.window.showInformationMessage(summary.filter((line) => line !== '').join(' '));
	return result;
}

async function place(folder: vscode.Uri, file: GeneratedFile, result: AddDockerFilesResult): Promise<void> {
	const uri = vscode.Uri.joinPath(folder, file.name);
	const existing = await existingFile(folder, file.name);
	if (existing.kind === 'refused') {
		void vscode.window.showWarningMessage(`${file.name} was left alone: ${existing.reason}.`);
		result.kept.push(file.name);
		return;
	}
	if (existing.kind === 'file' && existing.text === file.content) {
		result.unchanged.push(file.name);
		return;
	}
	if (existing.kind === 'file') {
		const replace = await showProposalDiff(uri, file, () => askReplace(file.name));
		if (!replace) {
			result.kept.push(file.name);
			return;
		}
		// The file may have changed while the diff was open: replace only what the user saw.
		const now = await existingFile(folder, file.name);
		if (now.kind !== 'file' || now.text !== existing.text) {
			void vscode.window.showWarningMessage(`${file.name} changed while the diff was open; it was left alone.`);
			result.kept.push(file.name);
			return;
		}
	} else if ((await existingFile(folder, file.name)).kind !== 'missing') {
		result.kept.push(file.name);
		return;
	}
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(file.content));
	result.written.push(file.name);
}

async function askReplace(name: string): Promise<boolean> {
	const keep = { label: `Keep the existing ${name}`, replace: false };
	const replace = { label: `Replace ${name} with the proposal`, replace: true };
	const picked = await vscode.window.showQuickPick([keep, replace], {
		title: `${TITLE}: ${name} already exists and differs (the diff is open)`,
		ignoreFocusOut: true,
	});
	return picked?.replace === true;
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
	const folders = vscode.workspace.workspaceFolders ?? [];
	if (folders.length === 0) {
		void vscode.window.showWarningMessage('Open a folder first: the Docker files belong at the root of a project.');
		return undefined;
	}
	if (folders.length === 1) return folders[0].uri;
	return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to add the Docker files to' }))?.uri;
}

async function askKind(): Promise<Detection | undefined> {
	const kind = await vscode.window.showQuickPick([...PROJECT_KINDS], {
		title: `${TITLE}: no manifest found. What kind of project is it?`,
		ignoreFocusOut: true,
	});
	if (kind === undefined) return undefined;
	const managers = (PACKAGE_MANAGERS as Partial<Record<string, readonly PackageManager[]>>)[kind];
	if (managers === undefined) return declaredDetection(kind as ProjectKind);
	const manager = await vscode.window.showQuickPick([...managers], {
		title: `${TITLE}: package manager`,
		ignoreFocusOut: true,
	});
	return manager === undefined ? undefined : declaredDetection(kind as ProjectKind, manager as PackageManager);
}

/** The answers, asking only what detection left open (and the health path, which no file tells). */
async function askAnswers(detection: Detection): Promise<Answers | undefined> {
	const answers = defaultAnswers(detection);
	const open = openQuestions(detection);
	const check = (candidate: Answers): string | undefined => answerProblems(detection.kind, candidate)[0];
	if (open.includes('port')) {
		const port = await input('port', 'The port the app listens on', String(answers.port), (value) =>
			portValue(value) === undefined ? 'A whole number from 1 to 65535' : undefined,
		);
		if (port === undefined) return undefined;
		answers.port = portValue(port)!;
	}
	if (open.includes('entry')) {
		const entry = await input('entry', `Entry: ${KIND_DEFAULTS[detection.kind].entryMeans}`, answers.entry, (value) =>
			check({ ...answers, entry: value }),
		);
		if (entry === undefined) return undefined;
		answers.entry = entry;
	}
	const healthPath = await input('health check', 'The path the health check requests', answers.healthPath, (value) =>
		check({ ...answers, healthPath: value }),
	);
	if (healthPath === undefined) return undefined;
	answers.healthPath = healthPath;
	if (!open.includes('datastores')) return answers;
	const stores = await vscode.window.showQuickPick(
		DATASTORES.map((store) => ({ label: store, picked: answers.datastores.includes(store) })),
		{ title: `${TITLE}: datastores (detected ones are ticked)`, canPickMany: true, ignoreFocusOut: true },
	);
	if (stores === undefined) return undefined;
	answers.datastores = stores.map((item) => item.label as Datastore);
	return answers;
}

function input(
	what: string,
	prompt: string,
	value: string,
	validate: (value: string) => string | undefined,
): Promise<string | undefined> {
	return Promise.resolve(
		vscode.window.showInputBox({
			title: `${TITLE}: ${what}`,
			prompt,
			value,
			ignoreFocusOut: true,
			validateInput: (text) => validate(text.trim()),
		}),
	).then((text) => text?.trim());
}
