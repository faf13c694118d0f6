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
	const failedBranches = failedBranchesByPath(errors);
	const specific = errors.filter(
		(error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf' && !insideFailedBranch(error, failedBranches),
	);
	// Paths are looked up in sets and a sorted list, not by comparing every pair of errors: an
	// anchored map with schema errors, aliased by thousands of services, took seconds (docs/reliability.md).
	const specificAt = new Set(specific.filter((error) => error.keyword !== 'type').map((error) => error.instancePath));
	const sortedPaths = [...new Set(specific.map((error) => error.instancePath))].sort();
	const out: SchemaError[] = [];
	const typesAt = new Map<string, SchemaError>();
	for (const error of specific) {
		if (error.keyword !== 'type') {
			out.push(plain(error));
			continue;
		}
		// Another branch accepted the node's type and went on: its errors are the ones that matter.
		if (specificAt.has(error.instancePath) || hasPathBelow(sortedPaths, error.instancePath)) continue;
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

/** Whether some path in the sorted list lies below `path` (starts with `path/`): the first one not before `path/` tells. */
function hasPathBelow(sortedPaths: readonly string[], path: string): boolean {
	const prefix = `${path}/`;
	let low = 0;
	let high = sortedPaths.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sortedPaths[middle] < prefix) low = middle + 1;
		else high = middle;
	}
	return low < sortedPaths.length && sortedPaths[low].startsWith(prefix);
}

function plain(error: ErrorObject): SchemaError {
	return {
		keyword: error.keyword,
		instancePath: error.instancePath,
		schemaPath: error.schemaPath,
		params: error.params as Record<string, unknown>,
		message: error.message ?? 'is not valid',
		parentSchema: error.parentSchema as SchemaError['parentSchema'],
	};
}

/** For each instance path, the schema paths of the branches whose own `type` failed there (the `…/` before `type`). */
function failedBranchesByPath(errors: readonly ErrorObject[]): Map<string, string[]> {
	const branches = new Map<string, string[]>();
	for (const error of errors) {
		if (error.keyword !== 'type') continue;
		const branch = error.schemaPath.slice(0, -'type'.length);
		const known = branches.get(error.instancePath);
		if (known === undefined) branches.set(error.instancePath, [branch]);
		else if (!known.includes(branch)) known.push(branch);
	}
	return branches;
}

/** An error from a branch whose own `type` already failed on the same node (e.g. its `enum`). */
function insideFailedBranch(error: ErrorObject, failedBranches: ReadonlyMap<string, readonly string[]>): boolean {
	if (error.keyword === 'type') return false;
	return failedBranches.get(error.instancePath)?.some((branch) => error.schemaPath.startsWith(branch)) === true;
}

function expectedTypes(error: ErrorObject): string[] {
	const type = (error.params as { type?: string | string[] }).type;
	if (type === undefined) return [];
	return Array.isArray(type) ? type : type.split(',');
}
