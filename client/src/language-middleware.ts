import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { featureLanguage, showLanguageFeatures } from './language-features';
import { setting } from './settings';

/**
 * Language client middleware that holds back Shipshape's completion, hover and formatting where
 * `showLanguageFeatures` says a peer already gives them. Read at each request: changing the setting or
 * installing a peer takes effect without a restart. Diagnostics, code actions and links always pass.
 */
function shown(document: vscode.TextDocument): boolean {
	const language = featureLanguage(document.languageId);
	if (language === undefined) return true;
	const choice = setting(`${language}.languageFeatures`, document.uri);
	return showLanguageFeatures(choice, language, (id) => vscode.extensions.getExtension(id) !== undefined);
}

export const LANGUAGE_FEATURES_MIDDLEWARE: Middleware = {
	provideCompletionItem: (document, position, context, token, next) =>
		shown(document) ? next(document, position, context, token) : undefined,
	provideHover: (document, position, token, next) => (shown(document) ? next(document, position, token) : undefined),
	provideDocumentFormattingEdits: (document, options, token, next) =>
		shown(document) ? next(document, options, token) : undefined,
	provideDocumentRangeFormattingEdits: (document, range, options, token, next) =>
		shown(document) ? next(document, range, options, token) : undefined,
	provideOnTypeFormattingEdits: (document, position, ch, options, token, next) =>
		shown(document) ? next(document, position, ch, options, token) : undefined,
};
