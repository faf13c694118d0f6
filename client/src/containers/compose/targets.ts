// What a compose command acts on, from whatever invoked it: a lens (file and services), a file in the explorer, or
// a row of the Containers tree (a project, a service, a container of a service: the project as its labels name it).
// Pure: the file system is asked through `exists`.
import type { ComposeLabels, ContainerSummary } from '../engine/types';
import { absoluteConfigFile, type ProjectGroup, type ServiceGroup } from '../presentation/grouping';
import type { ComposeLensArgs } from './lens-plan';
import { projectFilesFromLabels, projectFilesOf, type ComposeProjectFiles, type ProjectSources } from './project-files';

export interface ComposeTarget {
	project: ComposeProjectFiles;
	/** Empty: the whole project. */
	services: string[];
	/** Services to offer when picking, when the invoker knows them (a tree project); else read from the file. */
	knownServices?: string[];
	/** The compose file the lens or explorer named (its services are offered when picking). */
	file?: string;
}

/** The tree's rows, structurally (the tree module itself needs vscode). */
export type TreeRow =
	| { kind: 'project'; group: ProjectGroup }
	| { kind: 'service'; group: ServiceGroup }
	| { kind: 'container'; container: ContainerSummary }
	| { kind: 'message' };

export function targetOfLens(
	args: ComposeLensArgs,
	exists: (path: string) => boolean,
	sources: ProjectSources = {},
): ComposeTarget {
	return { project: projectFilesOf(args.file, exists, sources), services: [...args.services], file: args.file };
}

/** A tree row's project, or undefined when its labels name no compose file that can be found. */
export function targetOfRow(row: TreeRow, exists: (path: string) => boolean): ComposeTarget | undefined {
	switch (row.kind) {
		case 'project': {
			const project = projectFilesFromLabels(row.group, exists);
			return project === undefined
				? undefined
				: { project, services: [], knownServices: row.group.services.map((service) => service.service) };
		}
		case 'service': {
			const labels = row.group.containers.find((container) => container.compose !== undefined)?.compose;
			return labels === undefined ? undefined : serviceTarget(labels, exists);
		}
		case 'container':
			return row.container.compose === undefined ? undefined : serviceTarget(row.container.compose, exists);
		default:
			return undefined;
	}
}

function serviceTarget(labels: ComposeLabels, exists: (path: string) => boolean): ComposeTarget | undefined {
	const group = {
		project: labels.project,
		configFiles: labels.configFiles.map((file) => absoluteConfigFile(file, labels.workingDir)),
		...(labels.workingDir === undefined ? {} : { workingDir: labels.workingDir }),
	};
	const project = projectFilesFromLabels(group, exists);
	return project === undefined ? undefined : { project, services: [labels.service] };
}

export function isLensArgs(value: unknown): value is ComposeLensArgs {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as Partial<ComposeLensArgs>;
	return (
		typeof candidate.file === 'string' &&
		Array.isArray(candidate.services) &&
		candidate.services.every((service) => typeof service === 'string')
	);
}

export function isTreeRow(value: unknown): value is TreeRow {
	if (typeof value !== 'object' || value === null) return false;
	const kind = (value as { kind?: unknown }).kind;
	return kind === 'project' || kind === 'service' || kind === 'container' || kind === 'message';
}
