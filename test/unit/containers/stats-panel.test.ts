import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statsPanelHtml } from '../../../client/src/containers/stats-panel/html';

describe('containers: stats panel page', () => {
	const nonce = 'bm9uY2Utbm9uY2U=';

	it('allows nothing but its own nonce-tagged script and style', () => {
		const policy = `default-src 'none'; img-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
		const html = statsPanelHtml('Stats: web', nonce);
		assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${policy}">`));
		assert.ok(!html.includes('unsafe-inline') && !html.includes('unsafe-eval'));
		const scripts = html.match(/<script[^>]*>/g) ?? [];
		const styles = html.match(/<style[^>]*>/g) ?? [];
		assert.deepEqual(scripts, [`<script nonce="${nonce}">`]);
		assert.deepEqual(styles, [`<style nonce="${nonce}">`]);
		assert.ok(!/\sstyle=/.test(html), 'inline style attributes would be blocked by the CSP');
		assert.ok(!/\son[a-z]+=/.test(html), 'no inline event handlers');
	});

	it('escapes the container name and fills text only through textContent and checked points', () => {
		const html = statsPanelHtml('Stats: <img src=x onerror=alert(1)>', nonce);
		assert.ok(html.includes('<title>Stats: &#60;img src=x onerror=alert(1)&#62;</title>'));
		assert.ok(!html.includes('<img'));
		assert.ok(!html.includes('innerHTML'));
		assert.ok(html.includes('const POINTS = /^[0-9., -]*$/;'));
		assert.ok(statsPanelHtml(`"a" & 'b'`, nonce).includes('<title>&#34;a&#34; &#38; &#39;b&#39;</title>'));
	});
});
