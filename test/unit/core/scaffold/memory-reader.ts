import type { ProjectReader } from '../../../../server/src/core/scaffold/index';

/** A project folder in memory: paths relative to it, folders implied by the files below them. */
export function memoryReader(files: Record<string, string>): ProjectReader {
	return {
		list(folder) {
			const prefix = folder === '' || folder === '.' ? '' : `${folder}/`;
			const names = new Set<string>();
			for (const path of Object.keys(files)) {
				if (!path.startsWith(prefix)) continue;
				const rest = path.slice(prefix.length);
				const slash = rest.indexOf('/');
				names.add(slash < 0 ? rest : rest.slice(0, slash + 1));
			}
			return [...names];
		},
		read: (path) => files[path],
	};
}
