import type { Hover, Position, Range } from 'vscode-languageserver-types';
import type { ComposeModel, View } from '../../compose/model';
import { interpolateOnce, scanInterpolation } from '../../compose/interpolation';
import { baseName, dirnameOf, joinPath } from '../../paths';
import type { FileHost, Finding } from '../../types';
import { hoverOn } from '../hover';
import { enclosingPath, lineShape } from '../yaml-path';
import { schemaPath } from './completion';
import { referenceUrl } from './reference-url';
import { descriptionAt } from './schema';
import { printable } from './symbols';

export interface ComposeHoverContext {
	/** The findings of the document's version: hovering one shows its rule. */
	findings: readonly Finding[];
	now: Date;
	/** Reads the `.env` beside the file, to say which line a variable comes from. */
	host?: FileHost;
}

/**
 * Hover in a Compose file: the findings and the image's release status (as for every document); on a
 * key, the schema's description with a link to the Compose reference; on a service or one of its keys,
 * where the values really come from (an anchor, a merge, the `extends` parent, the override or base
 * file); on a value with `${…}`, each variable's value and the `.env` line it came from.
 */
export function composeHover(model: ComposeModel, position: Position, context: ComposeHoverContext): Hover | null {
	const sections: string[] = [];
	let range: Range | undefined;
	const base = hoverOn({ kind: 'compose', text: model.text, model }, position, context.findings, context.now);
	if (base !== null) {
		sections.push((base.contents as { value: string }).value);
		range = base.range;
	}
	if (position.line >= 0 && position.line < model.index.lineCount) {
		const line = model.index.lineText(position.line);
		const key = keyAt(line, position);
		if (key !== undefined) {
			const shape = key.shape;
			const parents = enclosingPath(model.index, position.line, shape.indent, shape.item);
			const path = shape.item ? [...parents, '-', key.name] : [...parents, key.name];
			sections.push(keySection(model, path));
			const origin = originSection(model, path);
			if (origin !== undefined) sections.push(origin);
			range ??= {
				start: { line: position.line, character: key.start },
				end: { line: position.line, character: key.end },
			};
		} else {
			const variables = variableSection(model, line, context.host);
			if (variables !== undefined) sections.push(variables);
		}
	}
	if (sections.length === 0) return null;
	const contents = { kind: 'markdown' as const, value: sections.join('\n\n---\n\n') };
	return range === undefined ? { contents } : { contents, range };
}

/** The key written on the line, when the cursor is on it. */
function keyAt(
	line: string,
	position: Position,
): { name: string; start: number; end: number; shape: NonNullable<ReturnType<typeof lineShape>> } | undefined {
	const shape = lineShape(line);
	if (shape?.key === undefined) return undefined;
	const content = line.slice(shape.contentColumn);
	let length: number;
	if (content[0] === '"' || content[0] === "'") length = content.indexOf(content[0], 1) + 1;
	else {
		length = 0;
		while (length < content.length && !(content[length] === ':' && /\s|$/.test(content[length + 1] ?? ''))) length++;
		while (length > 0 && /\s/.test(content[length - 1])) length--;
	}
	const start = shape.contentColumn;
	const end = start + length;
	if (position.character < start || position.character > end) return undefined;
	return { name: shape.key, start, end, shape };
}

function keySection(model: ComposeModel, path: readonly string[]): string {
	const name = path[path.length - 1];
	const link = `[Compose reference](${referenceUrl(path)})`;
	const mapped = schemaPath(model, path);
	if (name.startsWith('x-') && path.length === 1) {
		const extension = `**\`${printable(name)}\`**: an extension: Compose ignores it; a place for anchors that services merge with \`<<\`.`;
		const target = mapped === path ? undefined : descriptionAt(mapped);
		const merged = target === undefined ? '' : `\n\nMerged into \`${printable(mapped.join('.'))}\`: ${target}`;
		return `${extension}${merged}\n\n${link}`;
	}
	const description = descriptionAt(mapped);
	const what = path.length === 2 && path[0] === 'services' ? 'service' : undefined;
	const text = description ?? what ?? 'not a key the Compose schema knows here';
	return `**\`${printable(name)}\`**: ${text}\n\n${link}`;
}

/** Most keys listed in a service's origin summary. */
const MAX_ORIGINS = 30;

/**
 * Where a service's values come from, when not (only) from where they are written: on the service's
 * name, each key brought in from elsewhere; on one of its keys, the other places merged into it.
 */
function originSection(model: ComposeModel, path: readonly string[]): string | undefined {
	if (path[0] !== 'services' || path.length < 2 || path.includes('-')) return undefined;
	const service = model.services.find((candidate) => candidate.name === path[1]);
	if (service === undefined) return undefined;
	if (path.length === 2) {
		const lines = service.view
			.entries()
			.filter(([, view]) => view.via !== undefined || view.model !== model)
			.slice(0, MAX_ORIGINS)
			.map(([key, view]) => `- \`${printable(key)}\`: ${whereFrom(model, view)}`);
		return lines.length === 0 ? undefined : `Values from elsewhere:\n\n${lines.join('\n')}`;
	}
	const view = service.view.at(...path.slice(2));
	if (view === undefined) return undefined;
	const parts: string[] = [];
	if (view.model !== model || view.via !== undefined) parts.push(`In effect: ${whereFrom(model, view)}`);
	for (const layer of view.layers.upper) parts.push(`Overridden by ${whereFrom(model, layer)}`);
	for (const layer of view.layers.lower) parts.push(`Merged with ${whereFrom(model, layer)}`);
	return parts.length === 0 ? undefined : parts.slice(0, MAX_ORIGINS).join('\n\n');
}

/** `line 3` in this file, `compose.override.yaml line 3` in another, with the value when it is a scalar. */
function whereFrom(model: ComposeModel, view: View): string {
	const line = view.ownRange.start.line + 1;
	const place =
		view.model === model ? `line ${line}` : `${printable(baseName(view.model.path ?? 'another file'))} line ${line}`;
	const anchor = view.node.anchor === undefined ? '' : ` (\`&${printable(view.node.anchor)}\`)`;
	const value = view.string === undefined ? '' : ` \`${printable(clip(view.string))}\``;
	return `${place}${anchor}${value}`;
}

function clip(text: string): string {
	return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** On a value holding `${…}` or `$VAR`: what each variable is, and where in `.env` it was set. */
function variableSection(model: ComposeModel, line: string, host: FileHost | undefined): string | undefined {
	const shape = lineShape(line);
	const value = shape?.value ?? '';
	if (!value.includes('$') || value.length > 4096) return undefined;
	const unquoted = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
	const { references } = scanInterpolation(unquoted);
	if (references.length === 0) return undefined;
	const dotEnv = dotEnvLines(model, host);
	const lines = references.slice(0, 20).map((reference) => {
		const set = model.env.get(reference.name);
		const at = dotEnv?.get(reference.name);
		const where = at === undefined ? '' : ` (\`.env\` line ${at})`;
		const shown = set === undefined ? 'unset' : `\`${printable(clip(set))}\``;
		return `- \`${printable(reference.name)}\` = ${shown}${where}`;
	});
	const evaluation = interpolateOnce(unquoted, model.env);
	const resolved = evaluation.failures.length === 0 ? `\n\nResolves to \`${printable(clip(evaluation.value))}\`` : '';
	return `Variables:\n\n${lines.join('\n')}${resolved}`;
}

/** The 1-based line of each variable's last assignment in the `.env` beside the file. */
function dotEnvLines(model: ComposeModel, host: FileHost | undefined): Map<string, number> | undefined {
	if (host === undefined || model.path === undefined) return undefined;
	const text = host.readFile(joinPath(dirnameOf(model.path), '.env'));
	if (text === undefined) return undefined;
	const lines = new Map<string, number>();
	text.split('\n').forEach((raw, index) => {
		let statement = raw.trimStart();
		if (statement.startsWith('export ')) statement = statement.slice('export '.length).trimStart();
		let end = 0;
		while (end < statement.length && /[\w.-]/.test(statement[end])) end++;
		if (end === 0) return;
		const rest = statement.slice(end).trimStart();
		if (rest.startsWith('=') || rest.startsWith(':')) lines.set(statement.slice(0, end), index + 1);
	});
	return lines;
}
