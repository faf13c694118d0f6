/**
 * Delta debugging over lines, then over characters of what is left: the smallest text that still
 * fails the same way. fast-check shrinks the generator's choices; this shrinks the text itself,
 * which is what a corpus mutation needs (its base file cannot shrink).
 */
export function minimizeText(text: string, stillFails: (candidate: string) => boolean, budget = 400): string {
	let calls = 0;
	const check = (candidate: string): boolean => calls++ < budget && stillFails(candidate);
	let units = splitLines(text);
	units = ddmin(units, (candidate) => check(candidate.join('')));
	let current = units.join('');
	if (current.length <= 400) current = ddmin([...current], (candidate) => check(candidate.join(''))).join('');
	return current;
}

function splitLines(text: string): string[] {
	return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Removes chunks of halving size while the rest still fails. */
function ddmin<T>(items: T[], fails: (candidate: T[]) => boolean): T[] {
	let current = items;
	let chunk = Math.max(1, Math.floor(current.length / 2));
	while (chunk >= 1 && current.length > 1) {
		let removed = false;
		for (let start = 0; start < current.length; start += chunk) {
			const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
			if (candidate.length > 0 && fails(candidate)) {
				current = candidate;
				removed = true;
				start -= chunk;
			}
		}
		if (!removed) chunk = Math.floor(chunk / 2);
	}
	return current;
}
