import type { ComposeModel, MapView, Service, View } from '../../compose/model';
import { interpolated } from '../../compose/service';
import { formatMemory, parseCpus, parseMemory } from '../../compose/units';
import { insertMapEntry } from '../../compose/yaml-edits';
import type { Fix, Report, Rule } from '../../types';

/** The guide's production defaults ("Container Resource Limits (Mandatory)"). */
const DEFAULT_LIMITS = { cpus: 1, memory: 512 * 1024 ** 2 };
const DEFAULT_TEXT = { limits: { cpus: "'1.0'", memory: '512M' }, reservations: { cpus: "'0.25'", memory: '128M' } };
/** The legacy keys are usually written in Docker's lower-case units. */
const LEGACY_TEXT = { cpus: "'1.0'", memory: '512m' };

type Resource = 'cpus' | 'memory';
type Kind = 'limits' | 'reservations';

/** One resource value of a service, wherever it is written. */
interface Setting {
	view: View;
	/** Parsed value (CPUs or bytes); undefined when it does not parse, NaN when it uses a variable with no value. */
	value: number | undefined;
	/** The key as the user wrote it, for messages. */
	label: string;
}

export const resourceLimits: Rule<ComposeModel> = {
	meta: {
		id: 'compose/resource-limits',
		scope: 'compose',
		severity: 'warning',
		description: 'Set CPU and memory limits on every service',
		guide: 'Container Resource Limits (Mandatory)',
		guideMandate: 'Container Resource Limits (Mandatory)',
		aliases: [],
		fixable: true,
		messages: {
			invalidValue: '`{{label}}: {{value}}` is not a valid {{kind}}: Compose refuses to start the service',
			noLimit: '`{{service}}` has no {{resources}} limit: it can starve the other services on the host',
			reservationExceedsLimit:
				'The {{resource}} reservation ({{show}}) exceeds its limit ({{show2}}): Compose refuses to start `{{service}}`',
		},
		docs: {
			rationale:
				"A container without limits can take every CPU and all the memory of the host: one leak or busy loop starves the other services, and the kernel's OOM killer then picks its victim among them. The guide makes `deploy.resources.limits` mandatory (the legacy `cpus` / `mem_limit` keys count too). A reservation larger than its limit, or a value Docker cannot read (`memory: 512X`), is an error: Compose refuses to start the service.",
			example: 'services:\n  api:\n    image: acme/api:1.4.2\n',
			useInstead:
				"services:\n  api:\n    image: acme/api:1.4.2\n    deploy:\n      resources:\n        limits:\n          cpus: '1.0'\n          memory: 512M\n        reservations:\n          cpus: '0.25'\n          memory: 128M\n",
			fix: "Inserts the guide's production defaults (limits 1.0 CPU and 512M, reservations 0.25 CPU and 128M), adding only what is missing: a whole `deploy:` block, or `resources:`, `limits:` or a single key inside the existing one. A service that uses the legacy `cpus` / `mem_limit` keys gets the missing legacy key instead. A limit is raised to an existing reservation so the result stays valid.",
		},
	},
	perService: true,
	check({ model, report }) {
		for (const service of model.services) checkService(model, service, report);
	},
};

function checkService(model: ComposeModel, service: Service, report: (report: Report) => void): void {
	// Read once: every service is asked for these, and most have neither.
	const resourcesView = service.view.at('deploy', 'resources');
	const resources = resourcesView?.asMap();
	const settings = readSettings(model, service, resources);
	for (const setting of [
		settings.limits.cpus,
		settings.limits.memory,
		settings.reservations.cpus,
		settings.reservations.memory,
	]) {
		if (setting !== undefined && setting.value === undefined) {
			report({
				range: setting.view.range,
				severity: 'error',
				messageId: 'invalidValue',
				data: {
					label: setting.label,
					value: setting.view.string ?? '',
					kind: setting.label.includes('cpus') ? 'CPU count' : 'memory size',
				},
			});
		}
	}
	for (const resource of RESOURCES) {
		const limit = settings.limits[resource];
		const reservation = settings.reservations[resource];
		if (limit?.value !== undefined && reservation?.value !== undefined && reservation.value > limit.value) {
			const show = (value: number): string => (resource === 'memory' ? formatMemory(value) : String(value));
			report({
				range: reservation.view.range,
				severity: 'error',
				messageId: 'reservationExceedsLimit',
				data: { resource, show: show(reservation.value), show2: show(limit.value), service: service.name },
			});
		}
	}
	const missing = RESOURCES.filter((resource) => settings.limits[resource] === undefined);
	if (missing.length === 0) return;
	const limitsView = resources?.get('limits');
	const fix = fixFor(model, service, settings, missing, resourcesView === undefined);
	report({
		range: limitsView?.keyRange ?? service.keyRange,
		messageId: 'noLimit',
		data: {
			service: service.name,
			resources: missing.map((resource) => (resource === 'cpus' ? 'CPU' : 'memory')).join(' or '),
		},
		...(fix ? { fix } : {}),
	});
}

const RESOURCES: readonly Resource[] = ['cpus', 'memory'];

function readSettings(
	model: ComposeModel,
	service: Service,
	resources: MapView | undefined,
): Record<Kind, Partial<Record<Resource, Setting>>> {
	const fromDeploy = (kind: Kind, resource: Resource): Setting | undefined =>
		resources === undefined
			? undefined
			: readSetting(model, resources.at(kind, resource), resource, resource === 'cpus' ? parseCpus : parseMemory);
	return {
		limits: {
			cpus: fromDeploy('limits', 'cpus') ?? readSetting(model, service.view.get('cpus'), 'cpus', parseCpus),
			memory:
				fromDeploy('limits', 'memory') ?? readSetting(model, service.view.get('mem_limit'), 'mem_limit', parseMemory),
		},
		reservations: {
			cpus: fromDeploy('reservations', 'cpus'),
			memory:
				fromDeploy('reservations', 'memory') ??
				readSetting(model, service.view.get('mem_reservation'), 'mem_reservation', parseMemory),
		},
	};
}

function readSetting(
	model: ComposeModel,
	view: View | undefined,
	label: string,
	parse: (value: unknown) => number | undefined,
): Setting | undefined {
	if (view === undefined || view.scalar === null || view.scalar === undefined) return undefined;
	const raw = view.string!;
	const text = raw.includes('$') ? interpolated(model, view) : undefined;
	// An unresolved variable is compose/interpolation's business: treat the value as set.
	if (raw.includes('$') && (text === undefined || text === '')) return { view, value: Number.NaN, label };
	return { view, value: parse(text ?? view.scalar), label };
}

function fixFor(
	model: ComposeModel,
	service: Service,
	settings: Record<Kind, Partial<Record<Resource, Setting>>>,
	missing: readonly Resource[],
	noResources: boolean,
): Fix | undefined {
	const limitText = (resource: Resource, defaults: Record<Resource, string>): string => {
		const reservation = settings.reservations[resource];
		// Never write a limit below an existing reservation.
		const reserved = reservation?.value;
		return reserved !== undefined && !Number.isNaN(reserved) && reserved > DEFAULT_LIMITS[resource]
			? reservation!.view.string!
			: defaults[resource];
	};
	const legacy = noResources && usesLegacyKeys(service);
	const legacyKey = (resource: Resource): string => (resource === 'cpus' ? 'cpus' : 'mem_limit');
	// A key written with no value (`mem_limit:`) reads as missing, but a second one would be a key written twice: left to the user (found by the fuzzer).
	if (legacy && missing.some((resource) => service.view.has(legacyKey(resource)))) return undefined;
	// An anchored service is merged into others (`<<: *base`): limits written there would change them too, and
	// contradict a legacy key one of them sets (found by the fuzzer).
	if (service.view.node.anchor !== undefined) return undefined;
	const edit = legacy
		? insertMapEntry(
				model,
				service.view,
				missing.map((resource) => `${legacyKey(resource)}: ${limitText(resource, LEGACY_TEXT)}`),
			)
		: insertIntoDeploy(
				model,
				service,
				settings,
				missing,
				(resource) => legacyText(settings.limits[resource]) ?? limitText(resource, DEFAULT_TEXT.limits),
			);
	return edit === undefined ? undefined : { title: 'Add resource limits', edits: [edit] };
}

/**
 * A limit a legacy key (`cpus`, `mem_limit`) already sets, as written: a new `limits:` block repeats it,
 * since compose-go refuses a legacy key whose `deploy.resources` twin says otherwise.
 */
function legacyText(setting: Setting | undefined): string | undefined {
	return setting !== undefined && (setting.label === 'cpus' || setting.label === 'mem_limit')
		? setting.view.string
		: undefined;
}

/** With no `deploy.resources`: whether the service sets a legacy key. */
function usesLegacyKeys(service: Service): boolean {
	return LEGACY_KEYS.some((key) => service.view.has(key));
}

const LEGACY_KEYS = ['cpus', 'mem_limit', 'mem_reservation'];

/** Adds what is missing at the deepest existing level of deploy → resources → limits. */
function insertIntoDeploy(
	model: ComposeModel,
	service: Service,
	settings: Record<Kind, Partial<Record<Resource, Setting>>>,
	missing: readonly Resource[],
	limitText: (resource: Resource) => string,
): ReturnType<typeof insertMapEntry> {
	const path = ['deploy', 'resources', 'limits'];
	let parent: MapView = service.view;
	let depth = 0;
	for (; depth < path.length; depth++) {
		const next = parent.get(path[depth]);
		if (next === undefined) break;
		const map = next.asMap();
		// `deploy:` with no value, a flow map, or an anchored one that other services share: leave it to the user.
		if (map === undefined || map.node.flow || map.node.anchor !== undefined) return undefined;
		parent = map;
	}
	if (depth === path.length) {
		if (missing.some((resource) => parent.has(resource))) return undefined;
		return insertMapEntry(
			model,
			parent,
			missing.map((resource) => `${resource}: ${limitText(resource)}`),
		);
	}
	// compose-go refuses a legacy key whose `deploy.resources` twin is unset or says otherwise: a new block repeats them.
	const pidsLimit = twinText(service, 'pids_limit');
	const memReservation = twinText(service, 'mem_reservation');
	const limits = [
		'limits:',
		...(['cpus', 'memory'] as const).map((resource) => `  ${resource}: ${limitText(resource)}`),
		...(pidsLimit === undefined ? [] : [`  pids: ${pidsLimit}`]),
	];
	const hasReservations = depth >= 2 && parent.has('reservations');
	const noReservationKeys = settings.reservations.cpus === undefined && settings.reservations.memory === undefined;
	const reservationText = (resource: Resource): string =>
		resource === 'memory' && memReservation !== undefined ? memReservation : DEFAULT_TEXT.reservations[resource];
	const reservations =
		!hasReservations && noReservationKeys
			? [
					'reservations:',
					...(['cpus', 'memory'] as const).map((resource) => `  ${resource}: ${reservationText(resource)}`),
				]
			: [];
	const wrappers = path.slice(depth, path.length - 1);
	return insertMapEntry(model, parent, nest(wrappers, [...limits, ...reservations]));
}

/** A legacy key's value as written, when it is a plain value a new line can repeat. */
function twinText(service: Service, key: string): string | undefined {
	const text = service.view.get(key)?.string;
	return text === undefined || text === '' || /[\r\n#]/.test(text) ? undefined : text;
}

/** Wraps lines in nested keys, two spaces per level. */
function nest(keys: readonly string[], body: readonly string[]): string[] {
	return [
		...keys.map((key, level) => `${'  '.repeat(level)}${key}:`),
		...body.map((line) => `${'  '.repeat(keys.length)}${line}`),
	];
}
