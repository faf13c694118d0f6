import type { ErrorObject } from 'ajv';
import type { Range } from 'vscode-languageserver-types';
import { interpolateOnce, scanInterpolation } from '../interpolation';
import type { ComposeModel, View } from '../model';
import { collapse, type SchemaError } from './collapse';
import { locate, pointerSegments, valueAt } from './locate';
import { syntaxProblems } from './syntax';
import { composeValue } from './value';
import { describe, type Allowed } from './wording';

export interface SchemaProblem {
	range: Range;
	message: string;
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

let validator: Validator | undefined;

/**
 * The standalone validator generated from the Compose Specification schema, loaded on first use:
 * a large module (size: docs/benchmarks.md, "Figures behind the code") that a run over Dockerfiles alone never needs.
 */
function compiledValidator(): Validator {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	validator ??= (require('./validator.generated') as { validate: Validator }).validate;
	return validator;
}

/**
 * What the Compose Specification's schema rejects in this file, each at its node and worded for
 * people. Validates the value Compose itself validates: merges applied, variables interpolated.
 * Nothing when the file has syntax problems (compose/syntax reports those) or no root mapping.
 *
 * A file of several documents is validated document by document: compose-go validates after it
 * merges each one over those before (loader.go loadYamlFile), so the first document alone must be
 * valid, and a wrong value in a later one is refused even when a later document replaces it. The one
 * difference a merge makes, a required key that an earlier document gives, is looked up in the merge.
 * Yielded one by one, in file order of the documents.
 */
export function* schemaProblems(model: ComposeModel): Generator<SchemaProblem> {
	if (model.problems.length > 0 || model.root === undefined || syntaxProblems(model).length > 0) return;
	const validate = compiledValidator();
	const seen = new Set<string>();
	for (const [at, document] of model.documents.entries()) {
		const root = model.documentRoots[at];
		const value = composeValue(model, document);
		if (value === undefined || root === undefined || validate(value)) continue;
		// Each problem is located and worded when the rule asks for it: a rule stopped at the finding limit leaves
		// the rest undone (one anchored map with schema errors aliased by 10,000 services has 50,000 of them).
		for (const error of collapse(validate.errors ?? [])) {
			const problem = toProblem(model, root, value, error, at > 0);
			if (problem === undefined) continue;
			const key = `${problem.range.start.line}:${problem.range.start.character}:${problem.message}`;
			if (!seen.has(key)) {
				seen.add(key);
				yield problem;
			}
		}
	}
}

function toProblem(
	model: ComposeModel,
	root: View,
	value: unknown,
	error: SchemaError,
	merged: boolean,
): SchemaProblem | undefined {
	const segments = pointerSegments(error.instancePath);
	// `version` is obsolete and ignored by Compose, whatever its type (compose/obsolete-version says so).
	if (segments[0] === 'version') return undefined;
	const found = valueAt(value, segments);
	const view = locate(root, segments);
	if (view === undefined) return undefined;
	if (error.keyword === 'additionalProperties') {
		const key = String(error.params.additionalProperty);
		const entry = view.asMap()?.get(key);
		const range = entry?.keyRange ?? view.keyRange ?? view.range;
		return { range, message: describe(error, segments, found, allowedBy(error)) };
	}
	if (error.keyword === 'uniqueItems') {
		if (dedupedBeforeValidation(segments)) return undefined;
		const duplicate = view.items()[Math.max(Number(error.params.i), Number(error.params.j))];
		return { range: duplicate?.range ?? view.range, message: describe(error, segments, found) };
	}
	// A later document may leave out a key an earlier one gives: the merge has it.
	if (
		merged &&
		error.keyword === 'required' &&
		locate(model.root!, segments)?.asMap()?.has(String(error.params.missingProperty))
	) {
		return undefined;
	}
	if (dependsOnVariables(model, view, error, found)) return undefined;
	// A missing key is about the mapping: point at its key (`depends_on:`), not at the whole block.
	const range = error.keyword === 'required' || view.isMap() ? (view.keyRange ?? view.range) : view.range;
	return { range, message: describe(error, segments, found) };
}

/**
 * Lists compose-go makes unique before it validates (override/uncity.go EnforceUnicity, called by
 * loader.go loadYamlFile ahead of schema.Validate): an item written twice, or twice for the same key
 * (`A=1` and `A=2` in `environment`, two volumes on one target), is kept once, the later winning. The
 * schema's `uniqueItems` never sees those duplicates, so docker compose accepts them.
 */
const DEDUPED: readonly (readonly string[])[] = [
	'networks.*.labels',
	'services.*.annotations',
	'services.*.build.args',
	'services.*.build.additional_contexts',
	'services.*.build.tags',
	'services.*.build.labels',
	'services.*.cap_add',
	'services.*.cap_drop',
	'services.*.devices',
	'services.*.configs',
	'services.*.deploy.labels',
	'services.*.dns',
	'services.*.dns_opt',
	'services.*.dns_search',
	'services.*.environment',
	'services.*.env_file',
	'services.*.expose',
	'services.*.labels',
	'services.*.links',
	'services.*.networks.*.aliases',
	'services.*.networks.*.link_local_ips',
	'services.*.ports',
	'services.*.profiles',
	'services.*.secrets',
	'services.*.sysctls',
	'services.*.tmpfs',
	'services.*.volumes',
].map((pattern) => pattern.split('.'));

function dedupedBeforeValidation(segments: readonly string[]): boolean {
	return DEDUPED.some(
		(pattern) =>
			pattern.length === segments.length && pattern.every((part, at) => part === '*' || part === segments[at]),
	);
}

/**
 * The schema applies after interpolation, and Compose converts an interpolated value to the
 * number or boolean a field needs. When a variable has no value here (it comes from the shell at
 * run time), or the value converts, the file is not wrong.
 */
function dependsOnVariables(model: ComposeModel, view: View, error: SchemaError, found: unknown): boolean {
	const written = view.string;
	if (written === undefined || !written.includes('$')) return false;
	if (scanInterpolation(written).references.length === 0) return false;
	const evaluation = interpolateOnce(written, model.env);
	if (evaluation.missing.length > 0 || evaluation.failures.length > 0) return true;
	if (error.keyword !== 'type' || typeof found !== 'string') return false;
	return (error.types ?? []).some((type) => converts(found, type));
}

function converts(text: string, type: string): boolean {
	const trimmed = text.trim();
	if (type === 'number') return trimmed !== '' && Number.isFinite(Number(trimmed));
	if (type === 'integer') return /^[-+]?\d+$/.test(trimmed);
	if (type === 'boolean') return /^(true|false)$/i.test(trimmed);
	return false;
}

/** What the schema object owning an `additionalProperties` allows, for suggestions. */
function allowedBy(error: SchemaError): Allowed | undefined {
	const owner = error.parentSchema;
	if (owner === undefined) return undefined;
	return {
		properties: Object.keys(owner.properties ?? {}),
		extensions: Object.keys(owner.patternProperties ?? {}).includes('^x-'),
	};
}
