import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostileFile, HostileShape } from '../hostile/shapes';

/**
 * A shape made at one size, written with the files beside it (`.dockerignore`, `.env`) into a folder of its own, for
 * `use`; the folder is removed afterwards, whatever `use` does.
 */
export function inShapeFolder<T>(
	shape: HostileShape,
	size: number,
	use: (file: HostileFile, folder: string, path: string) => T,
): T {
	const folder = mkdtempSync(join(tmpdir(), 'shipshape-hostile-'));
	try {
		const file = shape.make(size);
		const path = join(folder, file.fileName);
		writeFileSync(path, file.text);
		for (const [name, text] of Object.entries(file.companions ?? {})) writeFileSync(join(folder, name), text);
		return use(file, folder, path);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
