/**
 * Text for an XML 1.0 document, in an attribute value or an element's content alike. The five markup
 * characters become entities; tab, newline and carriage return become character references, so that
 * attribute-value normalisation does not turn them into spaces; DEL and C1, which XML allows but a
 * terminal would obey, become references too. What XML 1.0 forbids outright (the other C0 controls,
 * U+FFFE, U+FFFF, a lone surrogate) cannot be written even as a reference: a C0 control is shown as
 * `\x1b`, as the text format shows it, and the others as U+FFFD. A linear scan, one pass.
 */
export function escapeXml(text: string): string {
	return escape(text, ENTITIES);
}

/**
 * For element content, where tab and newline mean themselves: as escapeXml, but they stay as they are,
 * so that a reader which does not decode character references (fast-xml-parser by default) still shows
 * the lines.
 */
export function escapeXmlText(text: string): string {
	return escape(text, TEXT_ENTITIES);
}

function escape(text: string, entities: Readonly<Record<number, string>>): string {
	let out = '';
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		let replacement: string | undefined;
		if (code >= 0xd800 && code <= 0xdbff) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				i++;
				continue;
			}
			replacement = '\ufffd';
		} else {
			replacement = replacementOf(code, entities);
		}
		if (replacement === undefined) continue;
		out += text.slice(from, i) + replacement;
		from = i + 1;
	}
	return from === 0 ? text : out + text.slice(from);
}

const TEXT_ENTITIES: Readonly<Record<number, string>> = {
	0x26: '&amp;',
	0x3c: '&lt;',
	0x3e: '&gt;',
	0x22: '&quot;',
	0x27: '&apos;',
	0x0d: '&#13;',
};
const ENTITIES: Readonly<Record<number, string>> = { ...TEXT_ENTITIES, 0x09: '&#9;', 0x0a: '&#10;' };

function replacementOf(code: number, entities: Readonly<Record<number, string>>): string | undefined {
	const entity = entities[code];
	if (entity !== undefined) return entity;
	if (code === 0x09 || code === 0x0a) return undefined;
	if (code < 0x20) return `\\x${code.toString(16).padStart(2, '0')}`;
	if (code >= 0x7f && code <= 0x9f) return `&#x${code.toString(16)};`;
	if ((code >= 0xdc00 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) return '\ufffd';
	return undefined;
}

/** `<name a="1" b="x">`, attribute values escaped; `selfClosing` ends it with `/>`. */
export function xmlTag(
	name: string,
	attributes: ReadonlyArray<readonly [string, string | number]>,
	selfClosing = false,
): string {
	const rendered = attributes.map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`).join('');
	return `<${name}${rendered}${selfClosing ? '/>' : '>'}`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
