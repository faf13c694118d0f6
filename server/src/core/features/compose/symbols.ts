import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { ComposeModel } from '../../compose/model';
import { escapeControls } from '../../report/control-chars';
import { objectMemo } from '../../object-memo';

/**
 * The Outline of a Compose file: each top-level key, the entries of `services`, `networks`, `volumes`,
 * `secrets`, `configs` and `models` under it, and a service's own keys under the service. Read from the
 * parsed documents as written (aliases are not followed), so a file with a YAML error still has an
 * outline of what yaml recovered. Two levels below the root at most: no walk per nesting level.
 */
export function documentSymbols(model: ComposeModel): DocumentSymbol[] {
	// Once per version: the Outline, the breadcrumbs and sticky scroll each ask for the same version's symbols.
	return outlines.get(model) ?? outlines.set(model, outlineOf(model));
}

const outlines = objectMemo<ComposeModel, DocumentSymbol[]>('documentSymbols');

function outlineOf(model: ComposeModel): DocumentSymbol[] {
	const symbols: DocumentSymbol[] = [];
	for (const document of model.documents) {
		const root = document.contents as Node | null;
		if (!isMap(root)) continue;
		for (const pair of root.items as Pair<Node | null, Node | null>[]) {
			const name = keyName(pair);
			if (name === undefined) continue;
			const section = SECTIONS[name];
			const symbol = pairSymbol(model, pair, name, section?.kind ?? topKind(name), section?.detail ?? '');
			if (section !== undefined && isMap(pair.value)) {
				symbol.children = (pair.value.items as Pair<Node | null, Node | null>[]).flatMap((entry) => {
					const entryName = keyName(entry);
					if (entryName === undefined) return [];
					const child = pairSymbol(model, entry, entryName, section.entryKind, section.entry);
					const keys = name === 'services' && isMap(entry.value) ? keySymbols(model, entry.value.items) : [];
					if (keys.length > 0) child.children = keys;
					return [child];
				});
			}
			symbols.push(symbol);
		}
	}
	return symbols;
}

interface Section {
	kind: SymbolKind;
	detail: string;
	entryKind: SymbolKind;
	entry: string;
}

const SECTIONS: Record<string, Section> = {
	services: { kind: SymbolKind.Namespace, detail: 'services', entryKind: SymbolKind.Class, entry: 'service' },
	networks: { kind: SymbolKind.Namespace, detail: 'networks', entryKind: SymbolKind.Interface, entry: 'network' },
	volumes: { kind: SymbolKind.Namespace, detail: 'volumes', entryKind: SymbolKind.Struct, entry: 'volume' },
	secrets: { kind: SymbolKind.Namespace, detail: 'secrets', entryKind: SymbolKind.Key, entry: 'secret' },
	configs: { kind: SymbolKind.Namespace, detail: 'configs', entryKind: SymbolKind.Object, entry: 'config' },
	models: { kind: SymbolKind.Namespace, detail: 'models', entryKind: SymbolKind.Module, entry: 'model' },
};

function topKind(name: string): SymbolKind {
	return name.startsWith('x-') ? SymbolKind.Variable : SymbolKind.Property;
}

function keySymbols(model: ComposeModel, pairs: readonly unknown[]): DocumentSymbol[] {
	return (pairs as Pair<Node | null, Node | null>[]).flatMap((pair) => {
		const name = keyName(pair);
		return name === undefined ? [] : [pairSymbol(model, pair, name, SymbolKind.Field, '')];
	});
}

/** `<<` shows as itself; keys that are not scalars (`? [a]`) are left out. */
function keyName(pair: Pair<Node | null, Node | null>): string | undefined {
	if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) return undefined;
	const value = pair.key.value;
	const name = typeof value === 'symbol' ? '<<' : String(value);
	return name === '' ? undefined : name;
}

function pairSymbol(
	model: ComposeModel,
	pair: Pair<Node | null, Node | null>,
	name: string,
	kind: SymbolKind,
	detail: string,
): DocumentSymbol {
	const keyRange = pair.key!.range!;
	const valueEnd = pair.value?.range?.[1] ?? keyRange[1];
	const selectionRange: Range = model.index.rangeOf(keyRange[0], keyRange[1]);
	const range: Range = model.index.rangeOf(keyRange[0], Math.max(keyRange[1], valueEnd));
	const anchor = pair.value?.anchor;
	const shown = anchor === undefined ? detail : `${detail}${detail === '' ? '' : ' '}&${anchor}`;
	return { name: printable(name), kind, detail: shown, range, selectionRange };
}

/** Names shown in the editor's UI: control characters (line breaks and tabs too) spelled out, length bounded. */
export function printable(name: string): string {
	const clean = escapeControls(name).replaceAll('\n', '\\x0a').replaceAll('\t', '\\x09');
	return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
