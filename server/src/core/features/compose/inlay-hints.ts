import { Scalar } from 'yaml';
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import { documentIndex } from '../../compose/document-index';
import { interpolateOnce, scanInterpolation } from '../../compose/interpolation';
import type { ComposeModel, View } from '../../compose/model';
import { looksSecret } from '../../rules/dockerfile/no-secrets';
import { printable } from './symbols';

/**
 * Inlay hints in a Compose file: after each `${VAR}` / `$VAR`, the value it resolves to (the `.env` the lint
 * read, or the reference's default; a secret's, by its name, hidden); at the end of a service's key line, a few of the keys it has from
 * elsewhere (`extends`, a `<<` merge, the override or base file) with their values. Read from the analysed
 * model; bounded per request.
 */

/** Most hints one request returns. */
export const MAX_HINTS = 1000;
/** Inherited keys shown on a service's line; the tooltip lists more. */
export const KEYS_PER_SERVICE = 3;
const KEYS_IN_TOOLTIP = 30;
/** Values are cut to this many characters. */
export const VALUE_LENGTH = 32;
/** Longer scalars are not scanned (hover does the same). */
const MAX_SCALAR = 4096;

export function composeInlayHints(model: ComposeModel, range: Range): InlayHint[] {
	const hints: InlayHint[] = [];
	variableHints(model, range, hints);
	inheritedHints(model, range, hints);
	return hints.slice(0, MAX_HINTS);
}

function variableHints(model: ComposeModel, range: Range, hints: InlayHint[]): void {
	const from = model.index.offsetAt(range.start);
	const to = model.index.offsetAt(range.end);
	for (const { node, field } of documentIndex(model.documents).dollarScalars) {
		if (hints.length >= MAX_HINTS) return;
		const value = node.value as string;
		if (node.range === undefined || node.range === null || value.length > MAX_SCALAR) continue;
		if (node.range[1] < from || node.range[0] > to) continue;
		const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
		const start = node.range[0] + quoted;
		// Only where the value is written as is (no escapes, no folding): a hint must sit right after its reference.
		if (model.text.slice(start, start + value.length) !== value) continue;
		const references = scanInterpolation(value).references;
		// A reference inside another's default comes before the one holding it: walking back, the holder comes
		// first and every reference starting after it is inside it. The outermost ones get the hints.
		const outermost = [];
		let holderStart = Number.POSITIVE_INFINITY;
		for (let at = references.length - 1; at >= 0; at--) {
			if (references[at].end > holderStart) continue;
			holderStart = references[at].start;
			outermost.push(references[at]);
		}
		outermost.reverse();
		for (const reference of outermost.slice(0, MAX_HINTS)) {
			const evaluation = interpolateOnce(value.slice(reference.start, reference.end), model.env);
			if (evaluation.failures.length > 0) continue;
			const unset = evaluation.missing.length > 0 && evaluation.value === '';
			// Always on screen (shared, recorded): a secret's value is not shown; hover still tells it on demand.
			const hidden = !unset && evaluation.value !== '' && holdsSecret(reference.name, field, value);
			hints.push({
				position: model.index.positionAt(start + reference.end),
				label: unset ? '= (unset)' : hidden ? '= ••••' : `= ${shown(evaluation.value)}`,
				kind: InlayHintKind.Parameter,
				paddingLeft: true,
				...(hidden ? { tooltip: 'Hidden: the name says it holds a secret (hover shows the value)' } : {}),
			});
		}
	}
}

/** The variable, the key it is the value of, or the `NAME=` of a list entry says it holds a secret. */
function holdsSecret(variable: string, field: string | undefined, value: string): boolean {
	const equals = value.indexOf('=');
	const entryName = equals > 0 && equals <= 256 ? value.slice(0, equals) : undefined;
	return [variable, field, entryName].some((name) => name !== undefined && looksSecret(name));
}

function inheritedHints(model: ComposeModel, range: Range, hints: InlayHint[]): void {
	for (const service of model.services) {
		if (hints.length >= MAX_HINTS) return;
		const line = service.keyRange.start.line;
		if (line < range.start.line || line > range.end.line) continue;
		const inherited = service.view.entries().filter(([, view]) => view.via !== undefined || view.model !== model);
		if (inherited.length === 0) continue;
		const shownKeys = inherited.slice(0, KEYS_PER_SERVICE).map(([key, view]) => `${printable(key)}: ${valueOf(view)}`);
		const more = inherited.length > KEYS_PER_SERVICE ? ` (+${inherited.length - KEYS_PER_SERVICE})` : '';
		const tooltip = inherited
			.slice(0, KEYS_IN_TOOLTIP)
			.map(([key, view]) => `${printable(key)}: ${valueOf(view)}`)
			.join('\n');
		hints.push({
			position: { line, character: model.index.lineText(line).length },
			label: `inherits ${shownKeys.join(', ')}${more}`,
			kind: InlayHintKind.Type,
			paddingLeft: true,
			tooltip,
		});
	}
}

function valueOf(view: View): string {
	if (view.string !== undefined) return shown(view.string);
	if (view.isMap()) return '{…}';
	if (view.isSeq()) return '[…]';
	const scalar = view.node as { value?: unknown } | null;
	return scalar !== null && scalar.value !== undefined ? shown(String(scalar.value)) : '…';
}

/** A value as a hint shows it: control characters escaped, cut to VALUE_LENGTH. */
function shown(value: string): string {
	const clean = printable(value);
	return clean.length > VALUE_LENGTH ? `${clean.slice(0, VALUE_LENGTH)}…` : clean;
}
