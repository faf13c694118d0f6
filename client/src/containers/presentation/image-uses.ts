// Which workspace files use an image: compose services that run it (`image:`) or build it (compose's default image
// name `<project>_<service>` / `<project>-<service>`, or `image:` beside `build:`), and Dockerfiles whose final
// stage starts FROM it. Pure: the language server's lens targets of the workspace's files come in.
import type { LensTarget } from '../../../../server/src/protocol';
import { defaultProjectNames, normalizedPath, parentOf } from './matching';

export type ImageUseRelation = 'runs' | 'builds' | 'base';

export interface ImageUse {
	relation: ImageUseRelation;
	file: string;
	/** The service name, or `FROM` for a Dockerfile. */
	name: string;
	line: number;
	/** The references (as written, or as compose names them) this use stands for. */
	references: string[];
}

/** The uses a file's lens targets declare. */
export function usesInFile(file: string, targets: readonly LensTarget[]): ImageUse[] {
	const uses: ImageUse[] = [];
	for (const target of targets) {
		if (target.kind === 'finalFrom') {
			const references = [target.image, ...(target.rootImage === undefined ? [] : [target.rootImage])];
			uses.push({ relation: 'base', file, name: 'FROM', line: target.range.start.line, references });
			continue;
		}
		if (target.build !== undefined) {
			const references =
				target.image !== undefined
					? [target.image]
					: defaultProjectNames(parentOf(normalizedPath(file))).flatMap((project) => [
							`${project}_${target.name}`,
							`${project}-${target.name}`,
						]);
			uses.push({ relation: 'builds', file, name: target.name, line: target.range.start.line, references });
		} else if (target.image !== undefined) {
			uses.push({
				relation: 'runs',
				file,
				name: target.name,
				line: target.range.start.line,
				references: [target.image],
			});
		}
	}
	return uses;
}

/** The uses whose references name one of the image's tags (`nginx` = `nginx:latest` = `docker.io/library/nginx:latest`). */
export function usesOfImage(tags: readonly string[], uses: readonly ImageUse[]): ImageUse[] {
	const wanted = new Set(tags.map(canonicalReference));
	return uses.filter((use) => use.references.some((reference) => wanted.has(canonicalReference(reference))));
}

/** Docker Hub's implied registry and `library/` dropped, `:latest` added when there is no tag or digest. */
export function canonicalReference(reference: string): string {
	let name = reference.trim();
	for (const prefix of ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/']) {
		if (name.startsWith(prefix)) name = name.slice(prefix.length);
	}
	if (name.startsWith('library/') && name.indexOf('/', 'library/'.length) === -1) name = name.slice('library/'.length);
	const lastSlash = name.lastIndexOf('/');
	const hasTag = name.indexOf(':', lastSlash + 1) !== -1 || name.includes('@');
	return hasTag ? name : `${name}:latest`;
}

/** `service web (runs it)` · `Dockerfile FROM (base image)`: the row under an image. */
export function useLabel(use: ImageUse): string {
	if (use.relation === 'base') return 'FROM (base image)';
	return use.relation === 'builds' ? `service ${use.name} (builds it)` : `service ${use.name} (runs it)`;
}
