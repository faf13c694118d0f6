import type { ComposeModel, DeclaredKind, MapView } from '../model';
import { append, type Problem } from './types';
import { booleanOf, settled, unsettled } from './values';

/**
 * Top-level volumes, networks, secrets and configs as compose-go reads them: `external` volumes
 * with keys it would ignore (validation/external.go checkExternal), `name` beside a different
 * `external.name` (transform's external handling), and secrets or configs with no source or two
 * (validation/validation.go checkFileObject, loader/validate.go checkConsistency).
 */
export function declarationProblems(model: ComposeModel): Problem[] {
	const problems: Problem[] = [];
	for (const kind of ['volumes', 'networks', 'secrets', 'configs'] as const satisfies readonly DeclaredKind[]) {
		for (const [name, view] of model.declared[kind]) {
			const map = view.asMap();
			if (map === undefined) continue;
			const external = externalOf(model, map);
			append(problems, nameConflict(model, kind, name, map));
			if (kind === 'volumes' && external === true) append(problems, externalConflicts(name, map));
			if (kind === 'secrets' || kind === 'configs') append(problems, sourceProblems(kind, name, map, external));
		}
	}
	return problems;
}

/** `external: true`, or `external: {name: …}` (read as true); undefined when unknown (a variable with no value). */
function externalOf(model: ComposeModel, map: MapView): boolean | undefined {
	const external = map.get('external');
	if (external === undefined) return false;
	if (external.isMap()) return true;
	return booleanOf(model, external);
}

/** Keys an external volume may have: compose-go refuses the rest, which only a volume it creates would use. */
function externalConflicts(name: string, map: MapView): Problem[] {
	return map.entries().flatMap(([key, value]): Problem[] => {
		if (key === 'name' || key === 'external' || key.startsWith('x-')) return [];
		return [
			{
				range: value.keyRange ?? value.range,
				message: `Volume \`${name}\` is \`external\`, so \`${key}\` cannot be set: docker compose refuses the pair (an external volume is created outside Compose)`,
			},
		];
	});
}

const SINGULAR: Record<DeclaredKind, string> = {
	volumes: 'Volume',
	networks: 'Network',
	secrets: 'Secret',
	configs: 'Config',
};

function nameConflict(model: ComposeModel, kind: DeclaredKind, name: string, map: MapView): Problem[] {
	const nameView = map.get('name');
	const externalName = map.get('external')?.asMap()?.get('name');
	if (
		nameView === undefined ||
		externalName === undefined ||
		unsettled(model, nameView) ||
		unsettled(model, externalName)
	) {
		return [];
	}
	if (settled(model, nameView) === settled(model, externalName)) return [];
	return [
		{
			range: externalName.keyRange ?? externalName.range,
			message: `${SINGULAR[kind]} \`${name}\` sets \`name\` and a different \`external.name\`: docker compose refuses the conflict; keep \`name\` with \`external: true\``,
		},
	];
}

const SOURCES: Record<'secrets' | 'configs', readonly string[]> = {
	secrets: ['file', 'environment'],
	configs: ['file', 'environment', 'content'],
};

function sourceProblems(
	kind: 'secrets' | 'configs',
	name: string,
	map: MapView,
	external: boolean | undefined,
): Problem[] {
	const keys = SOURCES[kind];
	const present = keys.filter((key) => map.has(key));
	const listed = keys.map((key) => `\`${key}\``).join(kind === 'secrets' ? ' or ' : ', ');
	if (present.length > 1) {
		const second = map.get(present[1])!;
		return [
			{
				range: second.keyRange ?? second.range,
				message: `${SINGULAR[kind]} \`${name}\` takes one source, ${listed}: docker compose refuses \`${present[0]}\` with \`${present[1]}\``,
			},
		];
	}
	if (present.length === 1 || external !== false) return [];
	// A config's driver may provide its content; a secret needs a source whatever its driver (validate.go).
	if (kind === 'configs' && (map.has('driver') || map.has('external'))) return [];
	const range = map.keyRange ?? map.range;
	return [
		{
			range,
			message: `${SINGULAR[kind]} \`${name}\` needs ${kind === 'secrets' ? 'a `file` or an `environment`' : `one of ${listed}`} (or \`external: true\`): docker compose refuses it without a source`,
		},
	];
}
