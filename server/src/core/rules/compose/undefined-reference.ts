import { baseName } from '../../paths';
import { editDistance } from '../../config';
import type { ComposeModel, Service, View } from '../../compose/model';
import { OVERRIDE_FILE_NAMES } from '../../compose/project';
import { interpolateOnce } from '../../compose/interpolation';
import { extendsProblems } from '../../compose/loader-checks/extends';
import { interpolated } from '../../compose/service';
import { serviceMounts } from '../../compose/volumes';
import { declareTopLevel } from '../../compose/yaml-edits';
import { objectMemo } from '../../object-memo';
import type { Fix, Report, Rule } from '../../types';
import { MAX_EXTENDS_CHAIN, MAX_EXTENDS_FILES } from '../../compose/project';

type Section = 'volumes' | 'networks' | 'secrets' | 'configs';

/** A name a service uses, and the node that names it. */
interface Use {
	name: string;
	view: View;
	/** Reported at the view's key (a map form's name) rather than at the view (a list item's value). */
	atKey?: true;
}

/** Where a use is reported, worked out only for those reported: most uses are fine, and a range costs a lookup of lines. */
function rangeOf(use: Use): View['range'] {
	return use.atKey ? (use.view.keyRange ?? use.view.range) : use.view.range;
}

export const undefinedReference: Rule<ComposeModel> = {
	meta: {
		id: 'compose/undefined-reference',
		scope: 'compose',
		severity: 'error',
		description:
			'Refer only to services, volumes, networks, secrets, configs and models the file defines, without `depends_on` or `extends` cycles',
		aliases: [],
		fixable: true,
		messages: {
			extendsProblem: '{{problem}}', // What compose/loader-checks/extends.ts says of a broken `extends`, as the loader words it.
			undeclared:
				'`{{service}}` uses {{kind}} `{{use}}`, which is not declared under the top-level `{{section}}:`{{didYouMean}}',
			continuesExtendsChain:
				'`{{service}}` continues an `extends` chain longer than Shipshape follows ({{MAX_EXTENDS_CHAIN}} services in a file, through at most {{MAX_EXTENDS_FILES}} files): the checks of the services above it are incomplete',
			usesModelWhich:
				'`{{service}}` uses model `{{use}}`, which is not declared under the top-level `models:`{{didYouMean}}',
			refersServiceWhich: '`{{service}}` refers to service `{{use}}`, which is not defined{{didYouMean}}',
			buildsServiceAdditional:
				'`{{service}}` builds on service `{{use}}` as an additional context, but `{{use}}` has no `build`: docker compose refuses a context it cannot build',
			dependsGoesRound: '`depends_on` goes round in a cycle: {{loop}}; docker compose cannot start these services',
		},
		docs: {
			rationale:
				"`docker compose` refuses to start a project that names a service (in `depends_on`, `links`, `extends`, `volumes_from`, `service:` modes or a build's `additional_contexts`), named volume, network, secret, config or model it does not define, that builds on a service without a `build` as an additional context, that extends a file or service that is not there, or whose `depends_on` or `extends` goes round in a circle. The mistake usually hides in a rename or a typo, and shows only when the stack is started.",
			example:
				'services:\n  web:\n    image: nginx:1.27\n    depends_on: [dbb]\n    volumes:\n      - static:/usr/share/nginx/html\n  db:\n    image: postgres:17\n',
			useInstead:
				'services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n    volumes:\n      - static:/usr/share/nginx/html\n  db:\n    image: postgres:17\nvolumes:\n  static:\n',
			fix: 'For a named volume or a network: declares it under the top-level `volumes:` / `networks:` (created at the end of the file when absent). Secrets and configs need a `file:` or `environment:` source only you know, and an unknown service is usually a typo (the message suggests the closest name): no fix for those.',
		},
	},
	// A service's findings read its own references, the file's service names and top-level declarations, and three
	// things across services: the names every service leaves undeclared (one fix per section declares them all), which
	// services have a build (an additional context of `service:` needs one), and the `depends_on` and `extends` links
	// that close cycles. While the edited service adds the same to those, the others' findings hold (relint.ts).
	perService: true,
	crossServices: {
		share: (model) => JSON.stringify(model.services.map((service) => shareOf(model.whole ?? model, service))),
		carry: (from, to) => {
			const names = MISSING_NAMES.get(from);
			if (names !== undefined) MISSING_NAMES.set(to, names);
		},
	},
	check({ model, host, path, report }) {
		const whole = model.whole ?? model;
		// The project: this file's services and declarations plus those of included, override and base files.
		const services = new Set([...whole.services.map((service) => service.name), ...model.project.services.keys()]);
		// Names from `include`d or base files are unknown without the files: only the cycle check is sound then.
		const complete =
			(host !== undefined && path !== undefined) || (model.root?.has('include') !== true && !isOverrideFile(path));
		const missing: Missing[] = [];
		const suggestions = new Suggestions();
		for (const service of complete ? model.services : []) {
			for (const use of serviceUses(model, service)) {
				if (services.has(use.name)) continue;
				report(
					unknownService(
						service,
						use,
						suggestions.of(use.name, 'services', () => services),
					),
				);
			}
			for (const each of missingUses(model, service)) missing.push(each);
		}
		// One fix per section declares every missing name of the file: fixes of one section all insert at the same place,
		// so one at a time took a pass of fix-all each (eleven volumes outlasted its passes, found by the hostile fuzzer).
		const names = model.servicesOnly === true ? missingNames(whole, complete) : namesBySection(missing);
		if (model.servicesOnly !== true) MISSING_NAMES.set(model, names);
		const fixes = new Map<Section, Fix | undefined>();
		for (const { service, section, use } of missing) {
			if (!fixes.has(section)) fixes.set(section, declarationFix(model, section, names.get(section) ?? []));
			const fix = DECLARABLE.test(use.name) ? fixes.get(section) : undefined;
			const hint = suggestions.of(use.name, section, () => declaredNames(model, section));
			report(undeclared(service, section, use, hint, fix));
		}
		for (const use of complete && modelsKnown(model, path) ? undeclaredModels(model, suggestions) : []) report(use);
		for (const use of unbuildableContexts(model)) report(use);
		// Cycles are found across the whole file; a model of one service reports those that service closes.
		const judged = new Set(model.services.map((service) => service.name));
		for (const problem of extendsProblems(whole, { host, path })) {
			if (!judged.has(problem.service)) continue;
			report({ range: problem.range, messageId: 'extendsProblem', data: { problem: problem.message } });
		}
		for (const service of model.services) {
			if (!model.project.extendsCut?.has(service.name)) continue;
			const use = service.view.get('extends');
			if (use !== undefined) {
				report({
					range: use.keyRange ?? use.range,
					severity: 'warning',
					messageId: 'continuesExtendsChain',
					data: { service: service.name, MAX_EXTENDS_CHAIN, MAX_EXTENDS_FILES },
				});
			}
		}
		for (const cycle of dependencyCycles(whole, services)) if (judged.has(cycle.service)) report(cycle.report);
	},
};

/** A name a service takes from a top-level section that neither the file nor the project declares. */
interface Missing {
	service: Service;
	section: Section;
	use: Use;
}

function missingUses(model: ComposeModel, service: Service): Missing[] {
	const missing: Missing[] = [];
	for (const section of ['volumes', 'networks', 'secrets', 'configs'] as const) {
		for (const use of declaredUses(model, service, section)) {
			if (!isDeclared(model, section, use.name)) missing.push({ service, section, use });
		}
	}
	return missing;
}

/** The missing names of each section, each once, in the order the file first uses them. */
function namesBySection(missing: readonly Missing[]): ReadonlyMap<Section, readonly string[]> {
	const names = new Map<Section, Set<string>>();
	for (const { section, use } of missing) {
		const known = names.get(section) ?? new Set<string>();
		names.set(section, known.add(use.name));
	}
	return new Map([...names].map(([section, each]) => [section, [...each]]));
}

/**
 * The whole file's missing names (namesBySection of every service), once per file model: a whole lint leaves them on
 * its model, and a re-lint whose edited service misses the same names carries them to the next (`carry`).
 */
const MISSING_NAMES = objectMemo<ComposeModel, ReadonlyMap<Section, readonly string[]>>('missingNames');

function missingNames(whole: ComposeModel, complete: boolean): ReadonlyMap<Section, readonly string[]> {
	return (
		MISSING_NAMES.get(whole) ??
		MISSING_NAMES.set(
			whole,
			namesBySection(complete ? whole.services.flatMap((service) => missingUses(whole, service)) : []),
		)
	);
}

/**
 * What a service adds to the readings across services (see `crossServices` above): the services its `depends_on`
 * names, what its own `extends` names, whether it has a build, and the names it leaves undeclared.
 */
function shareOf(whole: ComposeModel, service: Service): unknown[] {
	const own = service.view.withLayers({ upper: [], lower: [] }).asMap()?.get('extends');
	const ownMap = own?.asMap();
	return [
		namesIn(whole, service.view.get('depends_on')).map((use) => use.name),
		ownMap === undefined
			? [interpolated(whole, own)]
			: [interpolated(whole, ownMap.get('file')), interpolated(whole, ownMap.get('service'))],
		service.view.has('build'),
		missingUses(whole, service).map(({ section, use }) => [section, use.name]),
	];
}

/** The top-level `models:` of the project are this file's alone: no include, no override or base file adds to them. */
function modelsKnown(model: ComposeModel, path: string | undefined): boolean {
	if (model.root?.has('include') === true || isOverrideFile(path)) return false;
	return [...model.project.services.values()].every((service) => service.file === undefined);
}

/** Models a service uses (`models: [name]` or `models: {name: {…}}`) that the top-level `models:` does not declare (loader/validate.go). */
function undeclaredModels(model: ComposeModel, suggestions: Suggestions): Report[] {
	const declared = new Set(model.root?.get('models')?.asMap()?.keys() ?? []);
	const reports: Report[] = [];
	for (const service of model.services) {
		for (const use of namesIn(model, service.view.get('models'))) {
			if (use.name === '' || declared.has(use.name) || hasUnsetVariable(model, use.view)) continue;
			reports.push({
				range: rangeOf(use),
				messageId: 'usesModelWhich',
				data: { service: service.name, use: use.name, didYouMean: suggestions.of(use.name, 'models', () => declared) },
			});
		}
	}
	return reports;
}

function isOverrideFile(path: string | undefined): boolean {
	return path !== undefined && OVERRIDE_FILE_NAMES.includes(baseName(path));
}

function isDeclared(model: ComposeModel, section: Section, name: string): boolean {
	return model.declared[section].has(name) || model.project.declared[section].has(name);
}

function unknownService(service: Service, use: Use, didYouMean: string): Report {
	return {
		range: rangeOf(use),
		messageId: 'refersServiceWhich',
		data: { service: service.name, use: use.name, didYouMean },
	};
}

const SINGULAR: Record<Section, string> = {
	volumes: 'volume',
	networks: 'network',
	secrets: 'secret',
	configs: 'config',
};

function declaredNames(model: ComposeModel, section: Section): Set<string> {
	return new Set([...model.declared[section].keys(), ...model.project.declared[section].keys()]);
}

function undeclared(service: Service, section: Section, use: Use, didYouMean: string, fix: Fix | undefined): Report {
	return {
		range: rangeOf(use),
		messageId: 'undeclared',
		data: {
			service: service.name,
			kind: SINGULAR[section],
			use: use.name,
			section,
			didYouMean,
		},
		fix,
	};
}

/** A name that can be written as a plain YAML key. */
const DECLARABLE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Volumes and networks work with an empty declaration; secrets and configs need a source only the user knows. */
function declarationFix(model: ComposeModel, section: Section, names: readonly string[]): Fix | undefined {
	if (section !== 'volumes' && section !== 'networks') return undefined;
	const valid = names.filter((name) => DECLARABLE.test(name));
	const edit = declareTopLevel(model, section, valid);
	if (edit === undefined) return undefined;
	const title =
		valid.length === 1
			? `Declare ${SINGULAR[section]} \`${valid[0]}\``
			: `Declare ${section} ${valid
					.slice(0, 3)
					.map((name) => `\`${name}\``)
					.join(', ')}${valid.length > 3 ? ` and ${valid.length - 3} more` : ''}`;
	return { title, edits: [edit] };
}

/**
 * Did-you-mean hints, each name's once per kind of name, and each kind's names listed once: a renamed service leaves
 * every reference to it unknown, and each sought the closest of every service name (a third of sentry's lint after
 * renaming its `kafka`; thousands of services waiting for one unknown service took over 30 s at 1 MB:
 * compose-unknown-dependency in scripts/hostile/shapes.ts).
 */
class Suggestions {
	private readonly hints = new Map<string, Map<string, string>>();
	private readonly names = new Map<string, Iterable<string>>();

	of(name: string, kind: string, known: () => Iterable<string>): string {
		let hints = this.hints.get(kind);
		if (hints === undefined) this.hints.set(kind, (hints = new Map()));
		let hint = hints.get(name);
		if (hint === undefined) {
			let names = this.names.get(kind);
			if (names === undefined) this.names.set(kind, (names = known()));
			hint = didYouMean(name, names);
			hints.set(name, hint);
		}
		return hint;
	}
}

function didYouMean(name: string, known: Iterable<string>): string {
	// Close enough to be a typo, and not a different short name (`db` is not a typo of `web`).
	const within = Math.max(1, Math.floor(name.length / 3));
	const lower = name.toLowerCase();
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of known) {
		const other = candidate.toLowerCase();
		// The distance is at least the difference in length: a name that far off cannot be the hint, and its distance,
		// quadratic in the lengths, is not worth working out (thousands of long service names, each asked once).
		if (Math.abs(other.length - lower.length) > within) continue;
		const distance = editDistance(lower, other);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best !== undefined && bestDistance <= within ? ` (did you mean \`${best}\`?)` : '';
}

/** Names a list or a map lists: list items (strings), or a map's keys. */
function namesIn(model: ComposeModel, view: View | undefined): Use[] {
	if (view === undefined) return [];
	const map = view.asMap();
	if (map) return map.entries().map(([name, value]) => ({ name, view: value, atKey: true as const }));
	return view.items().flatMap((item): Use[] => {
		const name = interpolated(model, item);
		return name === undefined ? [] : [{ name, view: item }];
	});
}

/** Services a service refers to: depends_on, links, same-file extends, volumes_from and `service:` modes. */
function serviceUses(model: ComposeModel, service: Service): Use[] {
	const uses = namesIn(model, service.view.get('depends_on'));
	for (const link of namesIn(model, service.view.get('links'))) uses.push({ ...link, name: link.name.split(':')[0] });
	for (const source of namesIn(model, service.view.get('volumes_from'))) {
		if (!source.name.startsWith('container:')) uses.push({ ...source, name: source.name.split(':')[0] });
	}
	const extendsView = service.view.get('extends');
	const extendsMap = extendsView?.asMap();
	if (extendsView !== undefined && extendsMap === undefined) {
		for (const use of named(model, extendsView)) uses.push(use);
	}
	if (extendsMap !== undefined && !extendsMap.has('file')) {
		for (const use of named(model, extendsMap.get('service'))) uses.push(use);
	}
	for (const use of contextServices(model, service)) uses.push(use);
	for (const key of ['network_mode', 'ipc', 'pid']) {
		const view = service.view.get(key);
		const value = interpolated(model, view);
		// `container:<name>` may be any container on the host; only `service:<name>` is the file's business.
		if (view !== undefined && value?.startsWith('service:')) {
			uses.push({ name: value.slice('service:'.length), view });
		}
	}
	return uses.filter((use) => use.name !== '' && !hasUnsetVariable(model, use.view));
}

/** `additional_contexts: {name: service:web}` (or `- name=service:web`): a build on another service's image (loader/validate.go). */
function contextServices(model: ComposeModel, service: Service): Use[] {
	const contexts = service.view.at('build', 'additional_contexts');
	const contextMap = contexts?.asMap();
	const sources =
		contextMap !== undefined
			? contextMap.entries().map(([, view]) => ({ view, text: interpolated(model, view) }))
			: (contexts?.items() ?? []).map((view) => ({
					view,
					text: interpolated(model, view)?.split('=').slice(1).join('='),
				}));
	return sources.flatMap(({ view, text }) =>
		text?.startsWith('service:') ? [{ name: text.slice('service:'.length), view }] : [],
	);
}

/** A build context taken from a service that has no `build`: there is no image of it to build on. */
function unbuildableContexts(model: ComposeModel): Report[] {
	const reports: Report[] = [];
	for (const service of model.services) {
		for (const use of contextServices(model, service)) {
			const target = model.project.services.get(use.name);
			if (target === undefined || target.view.has('build') || hasUnsetVariable(model, use.view)) continue;
			reports.push({
				range: rangeOf(use),
				messageId: 'buildsServiceAdditional',
				data: { service: service.name, use: use.name },
			});
		}
	}
	return reports;
}

function named(model: ComposeModel, view: View | undefined): Use[] {
	const name = interpolated(model, view);
	return view === undefined || name === undefined ? [] : [{ name, view }];
}

/** Names a service takes from a top-level section. */
function declaredUses(model: ComposeModel, service: Service, section: Section): Use[] {
	switch (section) {
		case 'volumes':
			return namedVolumes(model, service);
		case 'networks':
			// `network_mode` replaces networks; `default` is always there.
			if (service.view.has('network_mode')) return [];
			return namesIn(model, service.view.get('networks')).filter(
				(use) => use.name !== 'default' && !hasUnsetVariable(model, use.view),
			);
		case 'secrets': {
			// Build secrets (`build: {secrets: [...]}`) come from the same top-level section.
			const items = [
				...(service.view.get('secrets')?.items() ?? []),
				...(service.view.get('build')?.asMap()?.get('secrets')?.items() ?? []),
			];
			return items.flatMap((item) => sourceOf(model, item));
		}
		default:
			return (
				service.view
					.get(section)
					?.items()
					.flatMap((item) => sourceOf(model, item)) ?? []
			);
	}
}

/** `secrets: [name]` or `- source: name`. */
function sourceOf(model: ComposeModel, item: View): Use[] {
	const map = item.asMap();
	const view = map ? map.get('source') : item;
	const name = interpolated(model, view);
	return view === undefined || name === undefined || name === '' || hasUnsetVariable(model, view)
		? []
		: [{ name, view }];
}

/** Named volumes a service mounts (bind mounts, tmpfs and anonymous volumes name nothing). */
function namedVolumes(model: ComposeModel, service: Service): Use[] {
	return serviceMounts(model, service).flatMap((mount): Use[] => {
		const view = mount.long ? mount.view.asMap()?.get('source') : mount.view;
		// A name built from a variable with no value is not known until run time.
		if (mount.type !== 'volume' || mount.source === undefined || view === undefined || hasUnsetVariable(model, view)) {
			return [];
		}
		return [{ name: mount.source, view }];
	});
}

function hasUnsetVariable(model: ComposeModel, view: View): boolean {
	const raw = view.string ?? '';
	if (!raw.includes('$')) return false;
	const evaluation = interpolateOnce(raw, model.env);
	return evaluation.missing.length > 0 || evaluation.failures.length > 0;
}

/**
 * One report per `depends_on` cycle, on the edge that closes it, with the service whose edge that is. A walk with a stack of its own, not a recursion: a
 * chain of thousands of services, each depending on the next, is one level per service (it overflowed the call stack).
 */
function dependencyCycles(
	model: ComposeModel,
	services: ReadonlySet<string>,
): Array<{ service: string; report: Report }> {
	const edges = new Map<string, Use[]>();
	for (const service of model.services) {
		edges.set(
			service.name,
			namesIn(model, service.view.get('depends_on')).filter((use) => services.has(use.name)),
		);
	}
	const state = new Map<string, 'open' | 'done'>();
	const reports: Array<{ service: string; report: Report }> = [];
	/** The services being walked, from the first; `at` says where each is in it. */
	const path: Array<{ name: string; next: number }> = [];
	const at = new Map<string, number>();
	const enter = (name: string): void => {
		state.set(name, 'open');
		at.set(name, path.length);
		path.push({ name, next: 0 });
	};
	for (const service of model.services) {
		if (state.has(service.name)) continue;
		enter(service.name);
		while (path.length > 0) {
			const step = path[path.length - 1];
			const out = edges.get(step.name) ?? [];
			if (step.next >= out.length) {
				path.pop();
				at.delete(step.name);
				state.set(step.name, 'done');
				continue;
			}
			const edge = out[step.next++];
			const seen = state.get(edge.name);
			if (seen === 'open') {
				reports.push({
					service: step.name,
					report: {
						range: rangeOf(edge),
						messageId: 'dependsGoesRound',
						data: { loop: loopText(path, at.get(edge.name)!, edge.name) },
					},
				});
			} else if (seen === undefined) enter(edge.name);
		}
	}
	return reports;
}

/**
 * The cycle from `path[from]` to the end of the path, closed by `closing`: `a` → `b` → `a`. A long one is named as a
 * long `extends` cycle is (loader-checks/extends.ts): its first six and last three, and how many between (a message
 * stays a line, and thousands of cycles through one long chain do not each copy the chain).
 */
function loopText(path: ReadonlyArray<{ name: string }>, from: number, closing: string): string {
	const count = path.length - from + 1;
	const name = (at: number): string => `\`${at === path.length ? closing : path[at].name}\``;
	const names =
		count <= 12
			? Array.from({ length: count }, (_, step) => name(from + step))
			: [
					...Array.from({ length: 6 }, (_, step) => name(from + step)),
					`… ${count - 9} more …`,
					...[path.length - 2, path.length - 1, path.length].map(name),
				];
	return names.join(' → ');
}
