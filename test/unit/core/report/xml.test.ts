import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml, escapeXmlText, xmlTag } from '../../../../server/src/core/report/xml';
import { parseXml } from './xml-tree';

describe('report: xml escaping', () => {
	it('writes markup characters as entities and tab, newline, carriage return as references', () => {
		assert.equal(escapeXml(`a<b>&"c'`), 'a&lt;b&gt;&amp;&quot;c&apos;');
		assert.equal(escapeXml('1\t2\n3\r4'), '1&#9;2&#10;3&#13;4');
	});

	it('leaves tab and newline as they are in element text', () => {
		assert.equal(escapeXmlText('1\t2\n3\r4 <&>'), '1\t2\n3&#13;4 &lt;&amp;&gt;');
		assert.equal(escapeXmlText('\u0001\u007f'), '\\x01&#x7f;');
	});

	it('shows the C0 controls XML forbids as \\x escapes, DEL and C1 as references', () => {
		assert.equal(escapeXml('web\u001b]0;PWNED\u0007 \u0000'), 'web\\x1b]0;PWNED\\x07 \\x00');
		assert.equal(escapeXml('a\u007fb\u0085c\u009b'), 'a&#x7f;b&#x85;c&#x9b;');
	});

	it('replaces lone surrogates, U+FFFE and U+FFFF, and keeps pairs and other characters', () => {
		assert.equal(escapeXml('x\ud800y\udc00z\ufffe\uffff'), 'x\ufffdy\ufffdz\ufffd\ufffd');
		assert.equal(escapeXml('🐳 ünï \ud800'), '🐳 ünï \ufffd');
		assert.equal(escapeXml('plain'), 'plain');
	});

	it('round-trips every character XML allows through an attribute and a text node', () => {
		const text = 'tab\there\nnew line\r\n<&>"\' ü 🐳 \u007f\u0085 end';
		const root = parseXml(`${xmlTag('r', [['a', text]])}${escapeXml(text)}<t>${escapeXmlText(text)}</t></r>`);
		assert.equal(root.attributes.a, text);
		assert.equal(root.text, text);
		assert.equal(root.children[0].text, text);
	});

	it('gives a parseable document for every code unit from 0 to 0xFFFF', () => {
		let all = '';
		for (let code = 0; code <= 0xffff; code++) all += String.fromCharCode(code);
		const root = parseXml(`${xmlTag('r', [['a', all]])}${escapeXml(all)}</r>`);
		assert.equal(root.text, root.attributes.a);
		assert.ok(root.text.length > 60_000);
		// The parser is strict: the same characters unescaped are refused.
		assert.throws(() => parseXml('<r>\u0001</r>'), /disallowed character/);
		assert.throws(() => parseXml('<r a="\uffff"/>'), /disallowed character/);
	});
});
