// The shape of the Containers tree: Compose projects, their services, their containers; then the rest.
import type { ContainerSummary } from '../engine/types';

export interface ServiceGroup {
	project: string;
	service: string;
	/** Replicas in order of their compose number, then by name. */
	containers: ContainerSummary[];
}

export interface ProjectGroup {
	project: string;
	/** The working directory the project was started from, when a container carries it. */
	workingDir?: string;
	/** Compose files of the project (absolute where the labels allow), without repeats. */
	configFiles: string[];
	services: ServiceGroup[];
}

export interface ContainerGroups {
	projects: ProjectGroup[];
	/** Containers without compose labels, by name. */
	standalone: ContainerSummary[];
}

/** Groups by the `com.docker.compose.*` labels (already parsed by the engine layer); everything sorted by name. */
export function groupContainers(containers: readonly ContainerSummary[]): ContainerGroups {
	const projects = new Map<string, ProjectGroup>();
	const standalone: ContainerSummary[] = [];
	for (const container of containers) {
		const compose = container.compose;
		if (compose === undefined) {
			standalone.push(container);
			continue;
		}
		let project = projects.get(compose.project);
		if (project === undefined) {
			project = { project: compose.project, configFiles: [], services: [] };
			projects.set(compose.project, project);
		}
		if (project.workingDir === undefined && compose.workingDir !== undefined) project.workingDir = compose.workingDir;
		for (const file of compose.configFiles) {
			const absolute = absoluteConfigFile(file, compose.workingDir);
			if (!project.configFiles.includes(absolute)) project.configFiles.push(absolute);
		}
		let service = project.services.find((candidate) => candidate.service === compose.service);
		if (service === undefined) {
			service = { project: compose.project, service: compose.service, containers: [] };
			project.services.push(service);
		}
		service.containers.push(container);
	}
	const sortedProjects = [...projects.values()].sort((a, b) => byName(a.project, b.project));
	for (const project of sortedProjects) {
		project.services.sort((a, b) => byName(a.service, b.service));
		for (const service of project.services) service.containers.sort(byReplica);
	}
	return { projects: sortedProjects, standalone: standalone.sort((a, b) => byName(a.name, b.name)) };
}

/** Compose v1 writes config files relative to the working dir when they were given so; v2 writes them absolute. */
export function absoluteConfigFile(file: string, workingDir: string | undefined): string {
	if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) || workingDir === undefined) return file;
	const separator = workingDir.includes('\\') && !workingDir.includes('/') ? '\\' : '/';
	const relative = file.replace(/^\.[\\/]/, '');
	return workingDir.endsWith(separator) ? workingDir + relative : `${workingDir}${separator}${relative}`;
}

function byName(a: string, b: string): number {
	return a.localeCompare(b, 'en', { numeric: true });
}

function byReplica(a: ContainerSummary, b: ContainerSummary): number {
	const numberA = a.compose?.number ?? Number.MAX_SAFE_INTEGER;
	const numberB = b.compose?.number ?? Number.MAX_SAFE_INTEGER;
	return numberA - numberB || byName(a.name, b.name);
}

/** Containers of a service that are up, for the service's description (`2/3 running`). */
export function runningCount(containers: readonly ContainerSummary[]): number {
	return containers.filter((container) => isUp(container)).length;
}

/** Running, paused or restarting: the container has a process (the view's "running" context). */
export function isUp(container: ContainerSummary): boolean {
	return container.state === 'running' || container.state === 'paused' || container.state === 'restarting';
}
