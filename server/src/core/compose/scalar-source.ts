import { isScalar, Scalar, type Node } from 'yaml';
import { documentIndex } from './document-index';
import type { ComposeModel, View } from './model';

/** Where a scalar's value sits in the file, for edits inside it (a prefix, one `KEY=value` part). */
export interface ScalarSource {
	/** Offset of the value's first character (after an opening quote). */
	start: number;
	/** Offset just after its last character (before a closing quote). */
	end: number;
	content: string;
	quote: '' | '"' | "'";
	/** The scalar node, to tell later whether it sits in a flow collection. */
	node: Node;
}

/**
 * The scalar's text when the file spells its value out character for character: plain, or quoted
 * without escapes. Undefined otherwise (block scalars, escapes, values reached through an alias,
 * which other users share), so edits computed on the value map one-to-one onto the file.
 */
export function scalarSource(model: ComposeModel, view: View): ScalarSource | undefined {
	const node = view.node;
	if (view.via !== undefined || !isScalar(node) || !node.range) return undefined;
	const value = view.string;
	if (value === undefined) return undefined;
	const [start, end] = node.range;
	const raw = model.text.slice(start, end);
	if (node.type === Scalar.PLAIN) return raw === value ? { start, end, content: raw, quote: '', node } : undefined;
	const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : undefined;
	if (
		quote === undefined ||
		raw !== `${quote}${value}${quote}` ||
		value.includes(quote) ||
		(quote === '"' && value.includes('\\'))
	) {
		return undefined;
	}
	return { start: start + 1, end: end - 1, content: value, quote, node };
}

/**
 * Whether `text` can be written into that scalar as is and read back unchanged. In a plain scalar
 * inside `[…]` or `{…}`, `{`, `}`, `[`, `]` and `,` would end the value.
 */
export function fitsScalar(model: ComposeModel, source: ScalarSource, text: string): boolean {
	if (source.quote === '"') return !/["\\]/.test(text);
	if (source.quote === "'") return !text.includes("'");
	return (
		!/\s#|:\s|[\r\n]/.test(text) &&
		!(/[{}[\],]/.test(text) && documentIndex(model.documents).flowScalars.has(source.node))
	);
}
