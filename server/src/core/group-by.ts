/**
 * The items by key, each list in the items' order; items without a key are left out. Node 20 has no
 * Map.groupBy. For look-ups by name that would otherwise scan every item for each question.
 */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const key = keyOf(item);
		if (key === undefined) continue;
		const group = groups.get(key);
		if (group === undefined) groups.set(key, [item]);
		else group.push(item);
	}
	return groups;
}
