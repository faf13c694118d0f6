// Which running containers belong to a compose service in a given file, or to images built from a Dockerfile.
import type { ContainerSummary } from '../engine/types';
import { absoluteConfigFile, isUp } from './grouping';

/**
 * Running (or, with includeStopped, all) containers of `service` in the compose file at `composeFile` (absolute path). Best evidence first:
 * the compose labels name this file (config_files) or its folder (working_dir); else the project name compose
 * derives from the folder; else any project's service of that name (an engine that sees other paths, e.g. a
 * remote one).
 */
export function containersOfService(
	containers: readonly ContainerSummary[],
	service: string,
	composeFile: string,
	options: { includeStopped?: boolean } = {},
): ContainerSummary[] {
	const candidates = containers.filter(
		(container) => (options.includeStopped === true || isUp(container)) && container.compose?.service === service,
	);
	const file = normalizedPath(composeFile);
	const folder = parentOf(file);
	const byFile = candidates.filter((container) => {
		const compose = container.compose!;
		const files = compose.configFiles.map((each) => normalizedPath(absoluteConfigFile(each, compose.workingDir)));
		if (files.length > 0) return files.includes(file);
		return compose.workingDir !== undefined && normalizedPath(compose.workingDir) === folder;
	});
	if (byFile.length > 0) return byFile;
	const projectNames = defaultProjectNames(folder);
	const byProject = candidates.filter((container) => projectNames.includes(container.compose!.project));
	return byProject.length > 0 ? byProject : candidates;
}

/**
 * Running containers of images built from the Dockerfile at `dockerfile` (absolute path). Kept simple on purpose,
 * as the engine does not record which Dockerfile built an image:
 * - the image is tagged with the Dockerfile's folder name (`docker build -t api .` in `…/api`), or
 * - compose built it (image named `<project>_<service>` by v1, `<project>-<service>` by v2) for a project started
 *   in this folder, or in a parent folder for a service named like this folder (`build: ./api`).
 */
export function containersOfDockerfile(
	containers: readonly ContainerSummary[],
	dockerfile: string,
): ContainerSummary[] {
	const folder = parentOf(normalizedPath(dockerfile));
	const folderName = baseName(folder);
	const folderTags = defaultProjectNames(folder);
	return containers.filter((container) => {
		if (!isUp(container)) return false;
		const repository = imageRepository(container.image);
		if (folderTags.includes(repository) || repository === folderName) return true;
		const compose = container.compose;
		if (compose === undefined || compose.workingDir === undefined) return false;
		if (
			repository !== `${compose.project}_${compose.service}` &&
			repository !== `${compose.project}-${compose.service}`
		) {
			return false;
		}
		const workingDir = normalizedPath(compose.workingDir);
		return workingDir === folder || (isInside(folder, workingDir) && compose.service === folderName);
	});
}

/**
 * The images whose size the Dockerfile lens shows: those of the running containers built from it (one per image
 * id), else the image tagged with the folder's name (`docker build -t api .`), when that is a valid image name.
 */
export function imagesToMeasure(
	running: readonly ContainerSummary[],
	dockerfile: string,
): { idOrRef: string; label: string }[] {
	const byId = new Map<string, string>();
	for (const container of running) if (!byId.has(container.imageId)) byId.set(container.imageId, container.image);
	if (byId.size > 0) return [...byId].map(([idOrRef, label]) => ({ idOrRef, label }));
	const name = baseName(parentOf(normalizedPath(dockerfile)));
	return /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name) ? [{ idOrRef: `${name}:latest`, label: `${name}:latest` }] : [];
}

/** `registry:5000/team/web:1.2@sha256:…` → `registry:5000/team/web`. */
export function imageRepository(image: string): string {
	const withoutDigest = image.split('@')[0];
	const lastSlash = withoutDigest.lastIndexOf('/');
	const colon = withoutDigest.indexOf(':', lastSlash + 1);
	return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/** Project names compose derives from a folder: v1 keeps [a-z0-9], v2 also keeps `_` and `-`. */
export function defaultProjectNames(folder: string): string[] {
	const name = baseName(folder).toLowerCase();
	return [...new Set([name.replace(/[^a-z0-9]/g, ''), name.replace(/[^a-z0-9_-]/g, '')])].filter((each) => each !== '');
}

/** Forward slashes, no trailing slash, lower-case drive letter: paths from labels and from the editor compare. */
export function normalizedPath(path: string): string {
	let result = path.replace(/\\/g, '/').replace(/\/+$/, '');
	if (/^[A-Za-z]:/.test(result)) result = result.charAt(0).toLowerCase() + result.slice(1);
	return result === '' ? '/' : result;
}

export function parentOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash <= 0 ? '/' : path.slice(0, slash);
}

function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

function isInside(child: string, ancestor: string): boolean {
	return child.startsWith(ancestor.endsWith('/') ? ancestor : `${ancestor}/`);
}
