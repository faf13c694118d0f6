import type { ErrorObject } from 'ajv';

/**
 * ajv reports every branch of a `oneOf`: a port written as a mapping fails "must be a number" and
 * "must be a string" beside the real problem in the mapping branch. Keep what a person needs:
 *   - the specific errors of the branch whose type matched, without the other branches' type errors;
 *   - when no branch matched the type, one error per node listing every type that was allowed.
 * `oneOf` summaries go; so does a `oneOf` that failed because several branches matched (the
 * schema's ambiguity, not the file's fault).
 */
export interface SchemaError {
	keyword: string;
	instancePath: string;
	schemaPath: string;
	params: Record<string, unknown>;
	message: string;
	/** The schema object holding the failed keyword (ajv's `verbose` option). */
	parentSchema?: { properties?: Record<string, unknown>; patternProperties?: Record<string, unknown> };
	/** For collapsed type errors: every type the node could have had. */
	types?: string[];
}

export function collapse(errors: readonly ErrorObject[]): SchemaError[] {
	const specific = errors.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf').filter((error, _index, all) => !insideFailedBranch(error, all));
	const out: SchemaError[] = [];
	const typesAt = new Map<string, SchemaError>();
	for (const error of specific) {
		if (error.keyword !== 'type') {
			out.push(plain(error));
			continue;
		}
		// Another branch accepted the node's type and went on: its errors are the ones that matter.
		if (specific.some((other) => (other.keyword !== 'type' && other.instancePath === error.instancePath) || other.instancePath.startsWith(`${error.instancePath}/`))) continue;
		const expected = expectedTypes(error);
		const known = typesAt.get(error.instancePath);
		if (known) {
			for (const type of expected) if (!known.types!.includes(type)) known.types!.push(type);
			continue;
		}
		const merged = { ...plain(error), types: [...expected] };
		typesAt.set(error.instancePath, merged);
		out.push(merged);
	}
	return out;
}

function plain(error: ErrorObject): SchemaError {
	return { keyword: error.keyword, instancePath: error.instancePath, schemaPath: error.schemaPath, params: error.params as Record<string, unknown>, message: error.message ?? 'is not valid', parentSchema: error.parentSchema as SchemaError['parentSchema'] };
}

/** An error from a branch whose own `type` already failed on the same node (e.g. its `enum`). */
function insideFailedBranch(error: ErrorObject, all: readonly ErrorObject[]): boolean {
	if (error.keyword === 'type') return false;
	return all.some((other) => other.keyword === 'type' && other.instancePath === error.instancePath && error.schemaPath.startsWith(other.schemaPath.slice(0, -'type'.length)));
}

function expectedTypes(error: ErrorObject): string[] {
	const type = (error.params as { type?: string | string[] }).type;
	if (type === undefined) return [];
	return Array.isArray(type) ? type : type.split(',');
}
