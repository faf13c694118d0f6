/**
 * `text` without the run of `chars` at its end: a loop from the end, where `/[…]+$/` would rescan
 * the run from each of its characters when it is not at the end (quadratic).
 */
export function trimEndChars(text: string, chars: string): string {
	let end = text.length;
	while (end > 0 && chars.includes(text[end - 1])) end--;
	return end === text.length ? text : text.slice(0, end);
}
