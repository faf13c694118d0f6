// Where an image is written in a document: the Dockerfile's final FROM, or a compose service's
// `image:` line. The server locates services and the final FROM (shipshape/lensTargets); this finds
// the `image:` line inside a service and keeps only references a scanner may be given. Pure.

import type { LensTarget } from '../../../server/src/protocol';
import { validateImageReference } from './image-reference';

export interface ImageTarget {
	image: string;
	/** Zero-based line of the FROM or `image:` key. */
	line: number;
	/** The compose service, when the target is one. */
	service?: string;
}

export function imageTargets(targets: LensTarget[], text: string): ImageTarget[] {
	const lines = text.split(/\r?\n/);
	const found: ImageTarget[] = [];
	for (const target of targets) {
		if (target.kind === 'finalFrom') {
			const image = target.rootImage ?? target.image;
			if (image.toLowerCase() !== 'scratch' && validateImageReference(image).ok) {
				found.push({ image, line: target.range.start.line });
			}
		} else if (target.image !== undefined && validateImageReference(target.image).ok) {
			found.push({
				image: target.image,
				line: imageKeyLine(lines, target.range.start.line) ?? target.range.start.line,
				service: target.name,
			});
		}
	}
	return found;
}

/** The line of the `image:` key directly under the service key at `serviceLine`, if written in block style. */
function imageKeyLine(lines: string[], serviceLine: number): number | undefined {
	const serviceIndent = indentOf(lines[serviceLine] ?? '');
	let childIndent: number | undefined;
	for (let line = serviceLine + 1; line < lines.length; line++) {
		const content = lines[line] ?? '';
		if (/^\s*(#.*)?$/.test(content)) continue;
		const indent = indentOf(content);
		if (indent <= serviceIndent) return undefined;
		childIndent ??= indent;
		if (indent === childIndent && /^\s*["']?image["']?\s*:/.test(content)) return line;
	}
	return undefined;
}

function indentOf(line: string): number {
	return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}
