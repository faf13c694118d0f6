/** A FileHost for BuildKit's cases: a build context with one Dockerfile (the sweep uses the CLI's NodeHost). */
import type { FileHost } from '../../server/src/core/types';

/** A build context holding only the Dockerfile and, when the case has one, its `.dockerignore`. */
export const VIRTUAL_DOCKERFILE = '/context/Dockerfile';

export function virtualContext(dockerfile: string, dockerignore: string | undefined): FileHost {
	const files = new Map<string, string>([[VIRTUAL_DOCKERFILE, dockerfile]]);
	if (dockerignore !== undefined) files.set('/context/.dockerignore', dockerignore);
	return {
		readFile: (path) => files.get(path.replace(/\\/g, '/')),
		exists: (path) => files.has(path.replace(/\\/g, '/')) || path.replace(/\\/g, '/').replace(/\/$/, '') === '/context',
	};
}
