import { isScalar, type Scalar } from 'yaml';
import { hasHealthcheck, healthState, type HealthState } from '../../compose/health';
import { serviceNamed, type ComposeModel, type MapView, type Service, type View } from '../../compose/model';
import { interpolated } from '../../compose/service';
import { indentUnit, insertMapEntry, replaceScalar } from '../../compose/yaml-edits';
import { objectMemo } from '../../object-memo';
import type { FileHost, Fix, Rule, TextEdit } from '../../types';

export const dependsOnHealthy: Rule<ComposeModel> = {
	meta: {
		id: 'compose/depends-on-healthy',
		scope: 'compose',
		severity: 'warning',
		description: 'Wait for dependencies to be healthy, and only on services that have a healthcheck',
		guide: 'Docker Compose for Development',
		aliases: [],
		fixable: true,
		messages: {
			neverHealthy:
				'`{{name}}` has no healthcheck{{disabled}}, so it never becomes healthy: `docker compose up` fails waiting for it',
			hasHealthcheckBut:
				'`{{names}}` has a healthcheck, but the short form of depends_on only waits for its container to start: use `condition: service_healthy`',
			hasHealthcheckBut2:
				'`{{name}}` has a healthcheck, but `{{service}}` only waits for its container to start: use `condition: service_healthy`',
		},
		docs: {
			rationale:
				"The short form of `depends_on` (and `condition: service_started`) only waits for the dependency's container to start, not for it to accept connections: the app starts against a database that is still initialising and crashes or retries. When the dependency has a healthcheck, wait for `service_healthy`. The reverse mistake is worse: `condition: service_healthy` on a service without any healthcheck makes `docker compose up` fail.",
			example:
				'services:\n  app:\n    image: registry.example.com/app:1.4.2\n    depends_on:\n      - db\n  db:\n    image: postgres:16-alpine\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n',
			useInstead:
				'services:\n  app:\n    image: registry.example.com/app:1.4.2\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16-alpine\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n',
			fix: 'Rewrites a short `depends_on` list (block or flow) as the long form, with `condition: service_healthy` for dependencies that have a healthcheck and `condition: service_started` for the others, and turns `condition: service_started` into `service_healthy`. No fix for a `service_healthy` condition on a service without a healthcheck: add one there (compose/require-healthcheck offers it).',
		},
	},
	// A service's findings read its own depends_on and the health of the services it names: on a re-lint, the others'
	// findings hold while the edited service's health is what it was. Each health is read when asked: nothing to carry.
	perService: true,
	crossServices: {
		share: (model, host) =>
			JSON.stringify(model.services.map((service) => healthState(model.whole ?? model, service, host))),
		carry: () => {},
	},
	check({ model, host, report }) {
		const whole = model.whole ?? model;
		const states = new Map<string, HealthState>();
		const stateOf = (name: string): HealthState | undefined => {
			const target = serviceNamed(whole, name);
			if (target === undefined) return undefined;
			if (!states.has(name)) states.set(name, healthState(whole, target, host));
			return states.get(name);
		};
		for (const service of model.services) {
			const dependsOn = service.view.get('depends_on');
			if (dependsOn === undefined) continue;
			if (dependsOn.isSeq()) checkShortForm(model, service, dependsOn, stateOf, report);
			else checkLongForm(model, service, dependsOn.asMap(), stateOf, report);
		}
	},
};

type StateOf = (name: string) => HealthState | undefined;

/**
 * The edits this rule's fixes would make once `target` has a healthcheck: each service that depends on
 * it waits for `service_healthy`. compose/require-healthcheck adds them to the fix that gives `target` its
 * healthcheck, which would otherwise leave findings here the file did not have. Undefined when a
 * dependent's depends_on cannot be rewritten (an alias, a name listed twice…).
 */
export function waitForHealthyEdits(
	model: ComposeModel,
	target: string,
	host: FileHost | undefined,
): TextEdit[] | undefined {
	const stateOf = (name: string): HealthState | undefined => {
		if (name === target) return 'compose';
		const service = serviceNamed(model, name);
		return service === undefined ? undefined : healthState(model, service, host);
	};
	const edits: TextEdit[] = [];
	for (const service of mayDependOn(model, target)) {
		const dependsOn = service.view.get('depends_on');
		if (dependsOn === undefined || service.name === target) continue;
		if (dependsOn.isSeq()) {
			const items = dependsOn.items();
			const names = items.map((item) => interpolated(model, item));
			if (!names.includes(target)) continue;
			const fix = sharedByOthers(service)
				? undefined
				: longFormFix(
						model,
						dependsOn,
						names,
						names.map((name) => name !== undefined && hasHealthcheck(stateOf(name) ?? 'unknown')),
					);
			if (fix === undefined) return undefined;
			for (const edit of fix.edits) edits.push(edit);
			continue;
		}
		const options = dependsOn.asMap()?.get(target)?.asMap();
		if (options === undefined) {
			if (dependsOn.asMap()?.has(target) === true) return undefined;
			continue;
		}
		const conditionView = options.get('condition');
		if ((interpolated(model, conditionView) ?? 'service_started') !== 'service_started') continue;
		const fix = sharedByOthers(service) ? undefined : conditionFix(model, options, conditionView);
		if (fix === undefined) return undefined;
		for (const edit of fix.edits) edits.push(edit);
	}
	return edits;
}

/** Services with a `depends_on`, in file order: by the names a short form lists, and those with any other form. */
interface Dependents {
	/** The variables the listed names were read with. */
	env: ReadonlyMap<string, string>;
	listing: Map<string, Array<{ position: number; service: Service }>>;
	other: Array<{ position: number; service: Service }>;
}

/**
 * Made once per model (as the rules see it, linked) and its variables: compose/require-healthcheck asks for the dependents of every service it fixes, and a scan of
 * every service per ask made those fixes quadratic in the services.
 */
const dependentsByModel = objectMemo<ComposeModel, Dependents>('dependents');

/**
 * The services, in file order, whose `depends_on` may name `target`: those whose list names it, and every one
 * written in another form (a mapping's keys are left to the caller's lookup, which sees merges and layers).
 */
function mayDependOn(model: ComposeModel, target: string): Service[] {
	let dependents = dependentsByModel.get(model);
	if (dependents === undefined || dependents.env !== model.env) {
		dependents = { env: model.env, listing: new Map(), other: [] };
		model.services.forEach((service, position) => {
			const dependsOn = service.view.get('depends_on');
			if (dependsOn === undefined) return;
			if (!dependsOn.isSeq()) {
				dependents!.other.push({ position, service });
				return;
			}
			const names = new Set(dependsOn.items().map((item) => interpolated(model, item)));
			for (const name of names) {
				if (name === undefined) continue;
				const list = dependents!.listing.get(name);
				if (list === undefined) dependents!.listing.set(name, [{ position, service }]);
				else list.push({ position, service });
			}
		});
		dependentsByModel.set(model, dependents);
	}
	return inFileOrder(dependents.listing.get(target) ?? [], dependents.other);
}

/** Two lists in file order merged into one. */
function inFileOrder(
	left: ReadonlyArray<{ position: number; service: Service }>,
	right: ReadonlyArray<{ position: number; service: Service }>,
): Service[] {
	const merged: Service[] = [];
	let i = 0;
	let j = 0;
	while (i < left.length || j < right.length) {
		if (j >= right.length || (i < left.length && left[i].position < right[j].position)) merged.push(left[i++].service);
		else merged.push(right[j++].service);
	}
	return merged;
}

type Reporter = Parameters<typeof dependsOnHealthy.check>[0]['report'];

function checkShortForm(model: ComposeModel, service: Service, list: View, stateOf: StateOf, report: Reporter): void {
	const items = list.items();
	const names = items.map((item) => interpolated(model, item));
	// A service that depends on itself is a cycle compose refuses (compose/undefined-reference): no condition helps it.
	const waitable = names.map(
		(name) => name !== undefined && name !== service.name && hasHealthcheck(stateOf(name) ?? 'unknown'),
	);
	if (!waitable.includes(true)) return;
	const fix = sharedByOthers(service) ? undefined : longFormFix(model, list, names, waitable);
	items.forEach((item, i) => {
		if (!waitable[i]) return;
		report({
			range: item.range,
			messageId: 'hasHealthcheckBut',
			data: { names: names[i] },
			...(fix ? { fix } : {}),
		});
	});
}

function checkLongForm(
	model: ComposeModel,
	service: Service,
	map: MapView | undefined,
	stateOf: StateOf,
	report: Reporter,
): void {
	for (const [name, entry] of map?.entries() ?? []) {
		// Depending on itself is a cycle compose refuses (compose/undefined-reference), as in the short form.
		if (name === service.name) continue;
		const state = stateOf(name);
		if (state === undefined) continue; // an unknown service: compose/undefined-reference reports it
		const options = entry.asMap();
		const conditionView = options?.get('condition');
		const condition = interpolated(model, conditionView) ?? 'service_started';
		if (condition === 'service_started' && hasHealthcheck(state)) {
			const fix = sharedByOthers(service) ? undefined : conditionFix(model, options, conditionView);
			report({
				range: conditionView?.range ?? entry.keyRange ?? entry.range,
				messageId: 'hasHealthcheckBut2',
				data: { name, service: service.name },
				...(fix ? { fix } : {}),
			});
		} else if (condition === 'service_healthy' && (state === 'absent' || state === 'disabled')) {
			report({
				range: conditionView!.range,
				severity: 'error',
				messageId: 'neverHealthy',
				data: { name, disabled: state === 'disabled' ? ' (it is disabled)' : '' },
			});
		}
	}
}

function conditionFix(model: ComposeModel, options: MapView | undefined, condition: View | undefined): Fix | undefined {
	const title = 'Wait for `service_healthy`';
	if (condition !== undefined) {
		// `condition:` with nothing after it is an empty null right after the colon: a value written there would have no
		// blank before it and make the whole entry a string (found by the fuzzer). Left to the user.
		const { start, end } = condition.range;
		if (condition.scalar === null && start.line === end.line && start.character === end.character) return undefined;
		const edit = replaceScalar(model, condition, 'service_healthy');
		return edit ? { title, edits: [edit] } : undefined;
	}
	const edit = options === undefined ? undefined : insertMapEntry(model, options, ['condition: service_healthy']);
	return edit ? { title, edits: [edit] } : undefined;
}

/**
 * Whether the service's mapping is anchored, so that services merging it (`<<: *default`) read the same `depends_on`:
 * a rewrite for this service changes theirs, where a self-dependency or another health makes it wrong (found by the
 * fuzzer). Such services get the finding without the fix, as compose/resource-limits does.
 */
function sharedByOthers(service: Service): boolean {
	return service.view.node.anchor !== undefined;
}

/** Rewrites the list as a map of conditions: block items become keys in place; a flow list becomes a flow map. */
function longFormFix(
	model: ComposeModel,
	list: View,
	names: Array<string | undefined>,
	waitable: boolean[],
): Fix | undefined {
	// An anchored list is read wherever it is aliased too.
	if (list.via !== undefined || !list.node.range || list.node.anchor !== undefined) return undefined;
	const items = list.items();
	if (items.some((item, i) => item.via !== undefined || !isPlainName(item) || names[i] === undefined)) return undefined;
	// A name listed twice would become a key written twice, which Compose refuses (found by the fuzzer).
	if (new Set(names).size < names.length) return undefined;
	const condition = (i: number): string => (waitable[i] ? 'service_healthy' : 'service_started');
	const title = 'Use the long form of depends_on with `condition: service_healthy`';
	const raw = (item: View): string =>
		model.text.slice((item.node as Scalar).range![0], (item.node as Scalar).range![1]);
	if ((list.node as { flow?: boolean }).flow) {
		const entries = items.map((item, i) => `${raw(item)}: {condition: ${condition(i)}}`);
		return { title, edits: [{ range: list.range, newText: `{${entries.join(', ')}}` }] };
	}
	const edits: TextEdit[] = [];
	const keyColumn = listKeyColumn(model, list);
	if (keyColumn === undefined) return undefined;
	const indent = ' '.repeat(keyColumn);
	const nested = indent + indentUnit(model);
	for (const [i, item] of items.entries()) {
		const start = model.index.offsetAt(item.range.start);
		const lineStart = model.index.lineStarts[item.range.start.line];
		const before = model.text.slice(lineStart, start);
		// Only `<spaces>- name` lines: the item starts its line after its dash.
		if (!/^ *- +$/.test(before)) return undefined;
		edits.push({
			range: model.index.rangeOf(lineStart, model.index.offsetAt(item.range.end)),
			newText: `${indent}${raw(item)}:${model.index.eol}${nested}condition: ${condition(i)}`,
		});
	}
	return { title, edits };
}

function isPlainName(item: View): boolean {
	// Written back as a map key as it stands: only a name Compose allows (`[a-zA-Z0-9._-]`) reads the same there (a NUL did not; found by the fuzzer).
	return (
		isScalar(item.node) &&
		item.node.range !== undefined &&
		item.node.range !== null &&
		typeof item.node.value === 'string' &&
		SERVICE_NAME.test(item.node.value)
	);
}

const SERVICE_NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * Where the map keys go: at the dashes' column, or one unit deeper when the dashes sit at the
 * `depends_on:` key's own column (YAML allows that for lists, not for maps).
 */
function listKeyColumn(model: ComposeModel, list: View): number | undefined {
	const first = list.items()[0];
	if (first === undefined) return undefined;
	const line = model.index.lineText(first.range.start.line);
	const dash = line.search(/\S/);
	const keyLine = list.keyRange?.start.line;
	if (keyLine === undefined) return undefined;
	const keyColumn = list.keyRange!.start.character;
	return dash > keyColumn ? dash : keyColumn + indentUnit(model).length;
}
