/**
 * Whether Shipshape's own completion, hover and formatting show for a language, next to the extensions that
 * already give them (`shipshape.dockerfile.languageFeatures`, `shipshape.compose.languageFeatures`): `on`
 * always, `off` never, `auto` only when none of those extensions is installed, so no entry shows twice.
 * Pure: the caller says which extensions are installed.
 */

export type FeatureLanguage = 'dockerfile' | 'compose';
export type LanguageFeaturesSetting = 'auto' | 'on' | 'off';

/** Extensions that complete, hover and format each language (the language servers they run). */
export const PEERS: Readonly<Record<FeatureLanguage, readonly string[]>> = {
	// Container Tools and Docker (rcjsuen's dockerfile-language-server), Docker DX (its own server).
	dockerfile: ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker'],
	// Red Hat YAML (the Compose schema), Docker DX, and the two Microsoft ones (their compose language service).
	compose: ['redhat.vscode-yaml', 'docker.docker', 'ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker'],
};

/** The language whose setting governs a document, from its language id; undefined for documents we do not serve. */
export function featureLanguage(languageId: string): FeatureLanguage | undefined {
	if (languageId === 'dockerfile') return 'dockerfile';
	if (languageId === 'dockercompose' || languageId === 'yaml') return 'compose';
	return undefined;
}

/** The installed peers of a language. */
export function installedPeers(language: FeatureLanguage, installed: (id: string) => boolean): string[] {
	return PEERS[language].filter((id) => installed(id));
}

export function showLanguageFeatures(
	setting: LanguageFeaturesSetting,
	language: FeatureLanguage,
	installed: (id: string) => boolean,
): boolean {
	if (setting === 'on') return true;
	if (setting === 'off') return false;
	return installedPeers(language, installed).length === 0;
}
