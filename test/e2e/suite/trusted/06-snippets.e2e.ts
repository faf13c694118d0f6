import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateShipshape, EXTENSION_ID, extensionRoot, manifest } from '../helpers/extension';
import { closeAllEditors, openInEditor, workspaceUri } from '../helpers/workspace';

/** The prefixes of a snippets file of the extension, as package.json's `contributes.snippets` names it. */
function snippetPrefixes(language: string): string[] {
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	assert.ok(extension);
	const entry = manifest(extension).contributes.snippets.find((snippet) => snippet.language === language);
	assert.ok(entry, `package.json contributes snippets for ${language}`);
	const file = join(extensionRoot(), entry.path);
	assert.ok(existsSync(file), `${entry.path} exists`);
	const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[] }>;
	const prefixes = Object.values(snippets).flatMap((snippet) =>
		Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix],
	);
	assert.ok(prefixes.length > 0, `${entry.path} has snippets`);
	return prefixes;
}

async function completionLabels(uri: vscode.Uri): Promise<Set<string>> {
	const list = await vscode.commands.executeCommand<vscode.CompletionList>(
		'vscode.executeCompletionItemProvider',
		uri,
		new vscode.Position(0, 0),
	);
	return new Set(
		list.items
			.filter((item) => item.kind === vscode.CompletionItemKind.Snippet)
			.map((item) => (typeof item.label === 'string' ? item.label : item.label.label)),
	);
}

suite('snippets', () => {
	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
	});

	// compose.yaml is `dockercompose` where a built-in or installed extension defines that language, else yaml.
	for (const [languages, file] of [
		[['dockerfile'], 'work/snippets/Dockerfile'],
		[['dockercompose', 'yaml'], 'work/snippets/compose.yaml'],
	] as const) {
		test(`every snippet prefix for ${languages.join('/')} is offered as a completion in an empty ${file.split('/').pop()}`, async () => {
			const uri = workspaceUri(file);
			mkdirSync(dirname(uri.fsPath), { recursive: true });
			writeFileSync(uri.fsPath, '');
			const { document } = await openInEditor(uri);
			assert.ok((languages as readonly string[]).includes(document.languageId), `language ${document.languageId}`);
			const prefixes = snippetPrefixes(document.languageId);
			const offered = await completionLabels(uri);
			const missing = prefixes.filter((prefix) => !offered.has(prefix));
			assert.deepEqual(missing, [], `offered snippets: ${[...offered].join(', ')}`);
		});
	}
});
