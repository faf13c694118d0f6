/**
 * Compose's resource values: memory as Docker reads it (`512m`, `1GiB`, `2g`, `1.5G`, a bare
 * number of bytes; binary multiples, case-insensitive) and CPUs as a decimal count (`0.5`, `2`).
 */

const MEMORY = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i;
const MULTIPLIERS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Bytes, or undefined when the value does not parse. */
export function parseMemory(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const match = MEMORY.exec(value.trim());
	if (!match) return undefined;
	const unit = match[2]?.toLowerCase();
	return Math.floor(Number(match[1]) * (unit === undefined ? 1 : MULTIPLIERS[unit]));
}

/** A CPU count, or undefined when the value is not a non-negative decimal. */
export function parseCpus(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
	if (typeof value !== 'string' || !/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return undefined;
	return Number(value);
}

/** Bytes as people write them: `512M`, `1.5G`. */
export function formatMemory(bytes: number): string {
	for (const [unit, size] of [
		['G', 1024 ** 3],
		['M', 1024 ** 2],
		['K', 1024],
	] as const) {
		if (bytes >= size) return `${Number((bytes / size).toFixed(2))}${unit}`;
	}
	return `${bytes}B`;
}
