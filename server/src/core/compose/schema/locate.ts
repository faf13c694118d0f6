import type { View } from '../model';

/** A JSON pointer (`/services/web/ports/0`) as its decoded segments. */
export function pointerSegments(pointer: string): string[] {
	if (pointer === '') return [];
	return pointer
		.slice(1)
		.split('/')
		.map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The node a pointer into the validated value names, read from `root` (a document's root mapping)
 * through the model, so that a value that came through an alias or a merge reports at that use.
 */
export function locate(root: View, segments: readonly string[]): View | undefined {
	let current: View | undefined = root;
	for (const segment of segments) {
		if (current === undefined) return undefined;
		const map = current.asMap();
		if (map) current = map.get(segment);
		else if (current.isSeq()) current = current.items()[Number(segment)];
		else return undefined;
	}
	return current;
}

/** The value at a pointer in the plain value that was validated. */
export function valueAt(value: unknown, segments: readonly string[]): unknown {
	let current = value;
	for (const segment of segments) {
		if (current === null || typeof current !== 'object') return undefined;
		current = Array.isArray(current) ? current[Number(segment)] : (current as Record<string, unknown>)[segment];
	}
	return current;
}
