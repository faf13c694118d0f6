// shipshape.scanImage: refuse in an untrusted workspace, find the image (arguments from the lens, the
// active document's images, or an input box), run the scanner with progress and cancel, store the report.

import * as vscode from 'vscode';
import type { ClientHost } from '../host';
import { setting } from '../settings/index';
import { locationOf } from './diagnostics';
import { imagesIn, isLintedDocument } from './documents';
import { sameImage, validateImageReference } from './image-reference';
import type { ScannerKind, Severity } from './model';
import { summaryMessage } from './present';
import { ScanError } from './runner';
import { scanImage } from './scan';
import { printable, type ScanSettings } from './scanner-command';
import type { ImageLocation, ScanStore } from './store';

/** The command's argument: from the code lens, or from a test. `line` is zero-based. */
export interface ScanRequest {
	image: string;
	uri?: string;
	line?: number;
}

/** What the command resolves to, so callers (and the end-to-end tests) can tell what happened. */
export type ScanOutcome =
	| {
			status: 'scanned';
			image: string;
			scanner: ScannerKind;
			counts: Record<Severity, number>;
			packages: number;
			locations: { uri: string; line: number }[];
	  }
	| { status: 'refused'; reason: string }
	| { status: 'failed'; message: string }
	| { status: 'cancelled' };

export const UNTRUSTED_MESSAGE =
	'Shipshape: image scans run only in a trusted workspace, so a cloned repository cannot make a scanner run. Trust this folder to scan.';

export interface ScanCommand extends vscode.Disposable {
	run(argument?: unknown): Promise<ScanOutcome>;
}

/** The command handler; disposing it (extension shutdown) stops the scans still running. */
export function createScanCommand(host: ClientHost, store: ScanStore): ScanCommand {
	const running = new Set<string>();
	const controllers = new Set<AbortController>();
	const run = async (argument?: unknown): Promise<ScanOutcome> => {
		if (!vscode.workspace.isTrusted) {
			host.log.warn('scan refused: the workspace is not trusted');
			void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((choice) => {
				if (choice !== undefined) void vscode.commands.executeCommand('workbench.trust.manage');
			});
			return { status: 'refused', reason: 'untrusted' };
		}
		const request = argument === undefined ? await askForImage(host) : requestFrom(argument);
		if (request === undefined) return { status: 'cancelled' };
		if (typeof request === 'string') return fail(host, request);
		const validation = validateImageReference(request.image);
		if (!validation.ok) {
			return fail(host, `"${printable(request.image)}" is not an image reference: ${validation.reason}`);
		}
		if (running.has(request.image)) {
			void vscode.window.showInformationMessage(`Shipshape: ${request.image} is being scanned already.`);
			return { status: 'refused', reason: 'running' };
		}
		running.add(request.image);
		const controller = new AbortController();
		controllers.add(controller);
		try {
			return await runScan(host, store, request, controller);
		} finally {
			running.delete(request.image);
			controllers.delete(controller);
		}
	};
	return {
		run,
		dispose: () => {
			for (const controller of controllers) controller.abort();
		},
	};
}

async function runScan(
	host: ClientHost,
	store: ScanStore,
	request: ScanRequest,
	controller: AbortController,
): Promise<ScanOutcome> {
	const settings: ScanSettings = {
		scanner: setting('scan.scanner'),
		path: setting('scan.path'),
		args: setting('scan.args'),
		timeoutSeconds: setting('scan.timeoutSeconds'),
	};
	try {
		const report = await vscode.window.withProgress(
			{
				location: vscode.ProgressLocation.Notification,
				title: `Scanning ${request.image} with ${settings.scanner}`,
				cancellable: true,
			},
			async (_progress, token) => {
				const cancel = token.onCancellationRequested(() => controller.abort());
				try {
					return await scanImage(settings, request.image, {
						signal: controller.signal,
						onCommand: (command) => host.log.info(`scan: ${JSON.stringify([command.executable, ...command.args])}`),
					});
				} finally {
					cancel.dispose();
				}
			},
		);
		const locations = await locate(host, request);
		store.set(report, locations);
		host.log.info(`scan: ${summaryMessage(report)}; diagnostics on ${locations.length} line(s)`);
		vscode.window.setStatusBarMessage(`$(shield) ${summaryMessage(report)}`, 8000);
		return {
			status: 'scanned',
			image: report.image,
			scanner: report.scanner,
			counts: report.counts,
			packages: report.packages.length,
			locations: locations.map(({ uri, line }) => ({ uri, line })),
		};
	} catch (error) {
		if (error instanceof ScanError && error.kind === 'cancelled') {
			host.log.info(`scan of ${request.image} cancelled`);
			return { status: 'cancelled' };
		}
		const message = error instanceof Error ? error.message : String(error);
		return fail(
			host,
			`scan of ${request.image} failed: ${message}`,
			error instanceof ScanError && (error.kind === 'not-found' || error.kind === 'not-executable'),
		);
	}
}

function fail(host: ClientHost, message: string, offerSettings = false): ScanOutcome {
	host.log.error(`scan: ${message}`);
	const actions = offerSettings ? ['Open Settings', 'Show Output'] : ['Show Output'];
	void vscode.window.showErrorMessage(`Shipshape: ${message}`, ...actions).then((choice) => {
		if (choice === 'Open Settings') {
			void vscode.commands.executeCommand('workbench.action.openSettings', 'shipshape.scan');
		}
		if (choice === 'Show Output') host.log.show(true);
	});
	return { status: 'failed', message };
}

/** A request object as the lens sends it; anything else is refused with a reason. */
function requestFrom(argument: unknown): ScanRequest | string {
	if (typeof argument === 'string') return { image: argument };
	if (typeof argument !== 'object' || argument === null) return 'the scan command expects { image, uri?, line? }';
	const { image, uri, line } = argument as Record<string, unknown>;
	if (typeof image !== 'string') return 'the scan command expects an image';
	const request: ScanRequest = { image };
	if (uri instanceof vscode.Uri) request.uri = uri.toString();
	else if (typeof uri === 'string') request.uri = uri;
	if (typeof line === 'number' && Number.isInteger(line) && line >= 0) request.line = line;
	return request;
}

/** No argument: the active document's images (picked when several), else an input box. */
async function askForImage(host: ClientHost): Promise<ScanRequest | undefined> {
	const document = vscode.window.activeTextEditor?.document;
	const targets = document === undefined ? [] : await imagesIn(host, document);
	if (document !== undefined && targets.length === 1 && targets[0] !== undefined) {
		return { image: targets[0].image, uri: document.uri.toString(), line: targets[0].line };
	}
	if (document !== undefined && targets.length > 1) {
		const picked = await vscode.window.showQuickPick(
			targets.map((target) => ({
				label: target.image,
				description: target.service === undefined ? 'final FROM' : `service ${target.service}`,
				detail: `line ${target.line + 1}`,
				target,
			})),
			{ title: 'Scan image', placeHolder: 'Which image should be scanned?' },
		);
		return picked === undefined
			? undefined
			: { image: picked.target.image, uri: document.uri.toString(), line: picked.target.line };
	}
	const image = await vscode.window.showInputBox({
		title: 'Scan image',
		prompt: 'Image reference to scan',
		placeHolder: 'node:22-alpine',
		validateInput: (value) => {
			const result = validateImageReference(value.trim());
			return result.ok ? undefined : result.reason;
		},
	});
	return image === undefined || image.trim() === '' ? undefined : { image: image.trim() };
}

/** The requested line, plus every open Dockerfile or compose file that names the same image. */
async function locate(host: ClientHost, request: ScanRequest): Promise<ImageLocation[]> {
	const locations: ImageLocation[] = [];
	if (request.uri !== undefined && request.line !== undefined) {
		try {
			const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(request.uri));
			locations.push(locationOf(document, request.line));
		} catch (error) {
			host.log.warn(`scan: cannot open ${request.uri}: ${(error as Error).message}`);
		}
	}
	for (const document of vscode.workspace.textDocuments) {
		if (!isLintedDocument(document)) continue;
		for (const target of await imagesIn(host, document)) {
			if (sameImage(target.image, request.image)) locations.push(locationOf(document, target.line));
		}
	}
	return locations;
}
