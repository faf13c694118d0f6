import { SaxesParser } from 'saxes';

/** An element of a parsed report: its attributes (entities decoded), child elements and text. */
export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	children: XmlElement[];
	text: string;
}

/**
 * Parses XML with saxes, a conformant XML 1.0 parser: it throws on anything not well-formed, a
 * character XML forbids included, as the CI tools that read these reports would refuse them.
 */
export function parseXml(xml: string): XmlElement {
	const parser = new SaxesParser();
	const stack: XmlElement[] = [];
	let root: XmlElement | undefined;
	parser.on('opentag', (tag) => {
		const element: XmlElement = {
			name: tag.name,
			attributes: { ...(tag.attributes as Record<string, string>) },
			children: [],
			text: '',
		};
		if (stack.length > 0) stack[stack.length - 1].children.push(element);
		else root = element;
		stack.push(element);
	});
	parser.on('text', (text) => {
		if (stack.length > 0) stack[stack.length - 1].text += text;
	});
	parser.on('closetag', () => {
		stack.pop();
	});
	parser.write(xml).close();
	if (root === undefined) throw new Error('no root element');
	return root;
}
