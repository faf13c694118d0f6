import ajvEqual from 'ajv/dist/runtime/equal';

// ajv's types declare its equality as fast-deep-equal's namespace; at run time it is the function.
const deepEqual = ajvEqual as unknown as (a: unknown, b: unknown) => boolean;

/**
 * The schema's `uniqueItems` for lists whose items may be mappings or lists (ports, volumes):
 * the pair of equal items ajv's own check reports, found in one pass. ajv compares every item with
 * each earlier one (quadratic; figures: docs/reliability.md, "Hostile shapes behind the code"). Its answer,
 * kept here: the last item equal to an earlier one, and the nearest earlier item equal to it, as
 * `[i, j]` with i > j; undefined when all items differ. Equality is ajv's deep equality
 * (fast-deep-equal): key order does not matter, 1 and "1" differ, NaN equals NaN.
 */
export function lastDuplicatePair(items: readonly unknown[]): [number, number] | undefined {
	const lastIndex = new Map<string, number>();
	let pair: [number, number] | undefined;
	for (let index = 0; index < items.length; index++) {
		const key = canonical(items[index]);
		if (key === undefined) return pairwise(items);
		const earlier = lastIndex.get(key);
		if (earlier !== undefined) pair = [index, earlier];
		lastIndex.set(key, index);
	}
	return pair;
}

/** ajv's generated code loads the function by this expression (see scripts/compose-schema/generate.ts). */
lastDuplicatePair.code = 'require("./unique-items").lastDuplicatePair';

/**
 * A text that two values share exactly when ajv's deep equality holds between them; undefined for a
 * value that is not plain data (a Date, a class instance), which is then compared ajv's way.
 */
function canonical(value: unknown): string | undefined {
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'number':
			// === has 0 equal to -0; deep equality has NaN equal to NaN: String() gives both.
			return `n${value === 0 ? 0 : String(value)}`;
		case 'boolean':
			return value ? 't' : 'f';
		case 'undefined':
			return 'u';
		case 'object': {
			if (value === null) return 'z';
			if (Array.isArray(value)) {
				const parts: string[] = [];
				for (const item of value) {
					const part = canonical(item);
					if (part === undefined) return undefined;
					parts.push(part);
				}
				return `[${parts.join(',')}]`;
			}
			if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
			const parts: string[] = [];
			for (const key of Object.keys(value).sort()) {
				const part = canonical((value as Record<string, unknown>)[key]);
				if (part === undefined) return undefined;
				parts.push(`${JSON.stringify(key)}:${part}`);
			}
			return `{${parts.join(',')}}`;
		}
		default:
			return undefined;
	}
}

/** ajv's own loop, for lists holding values `canonical` does not cover. */
function pairwise(items: readonly unknown[]): [number, number] | undefined {
	for (let i = items.length - 1; i > 0; i--) {
		for (let j = i - 1; j >= 0; j--) if (deepEqual(items[i], items[j])) return [i, j];
	}
	return undefined;
}
