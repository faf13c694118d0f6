// Small readers shared by the report parsers: JSON with a clear error, and typed access to unknown data.

import { ScanError } from '../runner';

export type JsonObject = Record<string, unknown>;

export function parseJson(text: string, what: string): unknown {
	if (text.trim() === '') throw new ScanError('unparseable', `${what}: the scanner printed nothing.`);
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new ScanError(
			'unparseable',
			`${what}: the output is not JSON (${detail}); it starts with ${JSON.stringify(text.trim().slice(0, 60))}.`,
		);
	}
}

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** A non-empty string, trimmed; anything else is undefined. */
export function text(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

export function httpUrl(value: unknown): string | undefined {
	const candidate = text(value);
	return candidate !== undefined && /^https?:\/\/\S+$/i.test(candidate) ? candidate : undefined;
}
