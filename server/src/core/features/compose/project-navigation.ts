import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { ProjectFiles } from '../../compose/project';
import { dirnameOf, joinPath } from '../../paths';
import { rangeContains } from '../position';
import { allOccurrences, isValidName, type NameKind, type Occurrence } from './navigation';

/**
 * Navigation and rename across the files of a project (`projectFiles`): the file, its override or base file
 * and the files it includes share one namespace, as `docker compose` merges them; a file reached only through
 * `extends: {file}` keeps its own, which the `extends` uses in every file point into; so does a file that only
 * extends one of them (`extending`, from `projectWithUsers`), whose `extends` uses are all that is shared.
 * Anchors stay in their file (navigation.ts answers for them).
 */
export interface ProjectOccurrence extends Occurrence {
	/** The file the occurrence is written in. */
	path: string;
}

/** The project's namespace; any other file (an `extends.file` parent, an extending child) is its own, named by its path. */
const PROJECT = '';

interface Tagged {
	occurrence: ProjectOccurrence;
	scope: string;
}

/** Every service, network, volume, secret and config occurrence of every file, with its namespace. */
function tagged(files: ProjectFiles): Tagged[] {
	const scopeOf = (path: string): string => (files.project.has(path) ? PROJECT : path);
	const all: Tagged[] = [];
	for (const [path, model] of [...files.project, ...files.extended, ...files.extending]) {
		for (const occurrence of allOccurrences(model)) {
			if (occurrence.kind === 'anchor') continue;
			const { extendsFile } = occurrence;
			// An interpolated file name is not followed: the namespace it names is unknown.
			if (extendsFile?.includes('$')) continue;
			const scope = extendsFile === undefined ? scopeOf(path) : scopeOf(joinPath(dirnameOf(path), extendsFile));
			all.push({ occurrence: { ...occurrence, path }, scope });
		}
	}
	return all;
}

interface Target {
	all: Tagged[];
	target: Tagged;
}

function targetAt(files: ProjectFiles, path: string, position: Position): Target | undefined {
	const all = tagged(files);
	const target = all.find(({ occurrence }) => occurrence.path === path && rangeContains(occurrence.range, position));
	return target === undefined ? undefined : { all, target };
}

function sameAs(all: readonly Tagged[], target: Tagged): ProjectOccurrence[] {
	const { kind, name } = target.occurrence;
	return all
		.filter((tag) => tag.scope === target.scope && tag.occurrence.kind === kind && tag.occurrence.name === name)
		.map((tag) => tag.occurrence);
}

/**
 * The occurrences of the name under the cursor in every file of its namespace: declarations first, this
 * file's before the others'. Undefined when the cursor is on no such name (an anchor, or nothing).
 */
export function projectSameName(
	files: ProjectFiles,
	path: string,
	position: Position,
): ProjectOccurrence[] | undefined {
	const found = targetAt(files, path, position);
	if (found === undefined) return undefined;
	const same = sameAs(found.all, found.target);
	const order = (occurrence: ProjectOccurrence): number =>
		(occurrence.declaration ? 0 : 2) + (occurrence.path === path ? 0 : 1);
	return same
		.map((occurrence, at) => ({ occurrence, at }))
		.sort((a, b) => order(a.occurrence) - order(b.occurrence) || a.at - b.at)
		.map(({ occurrence }) => occurrence);
}

/** The range and text a rename starts from, when the cursor is on a name of the project. */
export function projectPrepareRename(
	files: ProjectFiles,
	path: string,
	position: Position,
): { range: Range; placeholder: string } | undefined {
	const target = targetAt(files, path, position)?.target.occurrence;
	return target === undefined ? undefined : { range: target.range, placeholder: target.name };
}

export type ProjectRenameResult = { changes: Map<string, TextEdit[]> } | { refused: string };

/**
 * The edits renaming the name under the cursor in every file of its namespace, by file; refused when the new
 * name is invalid, is declared in any file of the namespace, a file to change may not be written, or a file of
 * the project has YAML errors (its uses of the name are unknown).
 */
export function projectRename(
	files: ProjectFiles,
	path: string,
	position: Position,
	newName: string,
	writable: (path: string) => boolean,
): ProjectRenameResult | undefined {
	const found = targetAt(files, path, position);
	if (found === undefined) return undefined;
	const { kind, name } = found.target.occurrence;
	if (!isValidName(kind, newName)) return { refused: `\`${newName}\` is not a valid ${kind} name` };
	const changes = new Map<string, TextEdit[]>();
	if (newName === name) return { changes };
	if (files.unparsable.length > 0) {
		return { refused: `${files.unparsable[0]} has YAML errors: its uses of \`${name}\` cannot be renamed` };
	}
	const clash = found.all.find(
		(tag) =>
			tag.scope === found.target.scope &&
			tag.occurrence.declaration &&
			tag.occurrence.kind === kind &&
			tag.occurrence.name === newName,
	);
	if (clash !== undefined || (found.target.scope === PROJECT && declaredInProject(files, path, kind, newName))) {
		const where = clash === undefined || clash.occurrence.path === path ? '' : ` in ${clash.occurrence.path}`;
		return { refused: `a ${kind} named \`${newName}\` already exists${where}` };
	}
	for (const occurrence of sameAs(found.all, found.target)) {
		const edits = changes.get(occurrence.path) ?? [];
		edits.push({ range: occurrence.range, newText: newName });
		changes.set(occurrence.path, edits);
	}
	const outside = [...changes.keys()].find((file) => !writable(file));
	if (outside !== undefined) return { refused: `renaming would change ${outside}, outside the workspace` };
	return { changes };
}

/** Names the linked project knows besides the files read here (the linter's view of the same project). */
function declaredInProject(files: ProjectFiles, path: string, kind: NameKind, name: string): boolean {
	const project = files.project.get(path)?.project;
	if (project === undefined) return false;
	if (kind === 'service') return project.services.has(name);
	const section = ({ network: 'networks', volume: 'volumes', secret: 'secrets', config: 'configs' } as const)[
		kind as 'network'
	];
	return section !== undefined && project.declared[section].has(name);
}
