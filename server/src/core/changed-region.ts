/** Where two texts differ: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface ChangedRegion {
	start: number;
	oldEnd: number;
	newEnd: number;
}

/** Characters compared at once: comparing two slices with === costs a tenth of a loop over their characters. */
const BLOCK = 256;

/**
 * The region between the texts' common start and common end, the start taken as far as it goes (the end never
 * overlapping it); with `endFirst`, the end taken first. The two differ when an edit could be placed in more than one
 * way: a line `    a: 1\n` typed before `  b:` reads, start first, as `  a: 1\n  ` typed inside `  b:`'s indentation.
 * Equal texts give an empty region at their end.
 */
export function changedRegion(before: string, after: string, endFirst = false): ChangedRegion {
	const shorter = Math.min(before.length, after.length);
	let start: number;
	let tail: number;
	if (endFirst) {
		tail = commonEnd(before, after, shorter);
		start = commonStart(before, after, shorter - tail);
	} else {
		start = commonStart(before, after, shorter);
		tail = commonEnd(before, after, shorter - start);
	}
	return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** Whether the region changes nothing (the texts are equal). */
export function isEmptyRegion(region: ChangedRegion): boolean {
	return region.start === region.oldEnd && region.start === region.newEnd;
}

function commonStart(before: string, after: string, limit: number): number {
	let start = 0;
	while (start + BLOCK <= limit && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) {
		start += BLOCK;
	}
	while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	return start;
}

function commonEnd(before: string, after: string, limit: number): number {
	let tail = 0;
	while (
		tail + BLOCK <= limit &&
		before.slice(before.length - tail - BLOCK, before.length - tail) ===
			after.slice(after.length - tail - BLOCK, after.length - tail)
	) {
		tail += BLOCK;
	}
	while (tail < limit && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) {
		tail++;
	}
	return tail;
}
