import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featureLanguage, installedPeers, showLanguageFeatures } from '../../../client/src/language-features';

const nothing = () => false;
const only =
	(...ids: string[]) =>
	(id: string) =>
		ids.includes(id);

describe('language features next to a peer extension', () => {
	it('auto: shown without a peer, held back when one is installed', () => {
		assert.equal(showLanguageFeatures('auto', 'dockerfile', nothing), true);
		for (const peer of ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker']) {
			assert.equal(showLanguageFeatures('auto', 'dockerfile', only(peer)), false, peer);
		}
		for (const peer of [
			'redhat.vscode-yaml',
			'docker.docker',
			'ms-azuretools.vscode-containers',
			'ms-azuretools.vscode-docker',
		]) {
			assert.equal(showLanguageFeatures('auto', 'compose', only(peer)), false, peer);
		}
	});

	it('auto: a peer of one language does not hold back the other', () => {
		assert.equal(showLanguageFeatures('auto', 'dockerfile', only('redhat.vscode-yaml')), true);
		assert.equal(showLanguageFeatures('auto', 'compose', only('some.other-extension')), true);
	});

	it('on always shows, off never does', () => {
		assert.equal(showLanguageFeatures('on', 'dockerfile', only('docker.docker')), true);
		assert.equal(showLanguageFeatures('on', 'compose', nothing), true);
		assert.equal(showLanguageFeatures('off', 'dockerfile', nothing), false);
		assert.equal(showLanguageFeatures('off', 'compose', only('redhat.vscode-yaml')), false);
	});

	it('maps language ids to the setting that governs them, and lists the installed peers', () => {
		assert.equal(featureLanguage('dockerfile'), 'dockerfile');
		assert.equal(featureLanguage('dockercompose'), 'compose');
		assert.equal(featureLanguage('yaml'), 'compose');
		assert.equal(featureLanguage('json'), undefined);
		assert.deepEqual(installedPeers('compose', only('docker.docker', 'redhat.vscode-yaml')), [
			'redhat.vscode-yaml',
			'docker.docker',
		]);
	});
});
