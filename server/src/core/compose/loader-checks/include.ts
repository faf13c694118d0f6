import { baseName, dirnameOf, joinPath } from '../../paths';
import type { FileHost } from '../../types';
import { parseCompose, type ComposeModel, type View } from '../model';
import type { CheckContext, Problem } from './types';
import { settled } from './values';

/** Included files read at most, whatever the shape of the include graph. */
const MAX_FILES = 64;

/**
 * `include` as compose-go loads it (loader/include.go ApplyInclude): every listed file must be there
 * (it is read), and no file may include one that is including it ("include cycle detected"), itself
 * first of all. Problems are reported at the linted file's `include` item that leads there.
 */
export function includeProblems(model: ComposeModel, context: CheckContext): Problem[] {
	const path = context.path ?? model.path;
	const host = context.host;
	const list = model.root?.get('include');
	if (path === undefined || host === undefined || list === undefined) return [];
	const problems: Problem[] = [];
	const explored = new Set<string>([path]);
	for (const item of list.items()) {
		for (const entry of includePaths(model, item, path)) {
			if (entry.file === path) {
				problems.push({ range: item.range, message: `This file includes itself: docker compose refuses the cycle` });
			} else if (!host.exists(entry.file)) {
				problems.push({
					range: entry.view.range,
					message: `The included file \`${entry.written}\` does not exist: docker compose refuses to load the project`,
				});
			} else {
				const cycle = findCycle(entry.file, path, host, model.env, explored);
				if (cycle !== undefined) {
					problems.push({
						range: item.range,
						message: `\`include\` goes round in a cycle: ${[path, ...cycle].map((file) => `\`${baseName(file)}\``).join(' → ')}; docker compose refuses it`,
					});
				}
			}
		}
	}
	return problems;
}

interface IncludePath {
	file: string;
	written: string;
	view: View;
}

/** An item's files: `- path`, or `- path: one or a list`; remote ones (git, oci) are not judged. */
function includePaths(model: ComposeModel, item: View, from: string): IncludePath[] {
	const pathView = item.string !== undefined ? item : item.asMap()?.get('path');
	const views = pathView === undefined ? [] : pathView.isSeq() ? pathView.items() : [pathView];
	return views.flatMap((view): IncludePath[] => {
		const written = settled(model, view)?.trim();
		if (
			written === undefined ||
			written === '' ||
			isRemote(written) ||
			written.startsWith('~') ||
			/^[A-Za-z]:[\\/]/.test(written)
		) {
			return [];
		}
		return [{ file: written.startsWith('/') ? written : joinPath(dirnameOf(from), written), written, view }];
	});
}

function isRemote(path: string): boolean {
	return path.includes('://') || path.startsWith('git@') || path.startsWith('oci:');
}

/**
 * A chain from `start` back to `root` or to any file on the way, depth first with an explicit stack
 * (a deep chain of includes is data, not recursion); each file is explored once per lint.
 */
function findCycle(
	start: string,
	root: string,
	host: FileHost,
	env: ReadonlyMap<string, string>,
	explored: Set<string>,
): string[] | undefined {
	if (explored.has(start)) return undefined;
	const chain: string[] = [root];
	const onChain = new Set<string>([root]);
	const stack: Array<{ file: string; next?: string[] }> = [{ file: start }];
	while (stack.length > 0) {
		const top = stack[stack.length - 1];
		if (top.next === undefined) {
			explored.add(top.file);
			chain.push(top.file);
			onChain.add(top.file);
			top.next = explored.size > MAX_FILES ? [] : includedBy(top.file, host, env);
		}
		const next = top.next.shift();
		if (next === undefined) {
			stack.pop();
			chain.pop();
			onChain.delete(top.file);
			continue;
		}
		if (onChain.has(next)) return [...chain.slice(chain.indexOf(next) === 0 ? 1 : chain.indexOf(next)), next];
		if (!explored.has(next)) stack.push({ file: next });
	}
	return undefined;
}

function includedBy(file: string, host: FileHost, env: ReadonlyMap<string, string>): string[] {
	const text = host.readFile(file);
	if (text === undefined) return [];
	const model = parseCompose(text);
	model.env = env;
	if (model.problems.length > 0) return [];
	return (model.root?.get('include')?.items() ?? []).flatMap((item) =>
		includePaths(model, item, file).map((entry) => entry.file),
	);
}
