import type { ComposeModel, Service, View } from '../model';
import { serviceMounts } from '../volumes';
import type { Problem } from './types';
import { settled, unsettled } from './values';

/**
 * Mounts compose-go refuses (loader/validate.go checkConsistency): a `tmpfs` target mounted again by
 * another `tmpfs` entry or a volume. Two `volumes` entries on one target are not refused: compose-go
 * keeps the last one (override/uncity.go). And a bind mount with no source, which the engine
 * refuses when it creates the container.
 */
export function mountProblems(model: ComposeModel, service: Service): Problem[] {
	const problems: Problem[] = [];
	// Target → the entry that mounts it first, in compose-go's order: tmpfs entries, then volumes.
	const mounted = new Map<string, string>();
	const tmpfs = service.view.get('tmpfs');
	const tmpfsItems = tmpfs === undefined ? [] : tmpfs.isSeq() ? tmpfs.items() : [tmpfs];
	tmpfsItems.forEach((item, index) => {
		const text = settled(model, item);
		if (text === undefined) return;
		const target = text.split(':')[0];
		const first = mounted.get(target);
		if (first !== undefined) problems.push(twice(item, target, first));
		else mounted.set(target, `tmpfs entry ${index + 1}`);
	});
	if (mounted.size > 0) {
		serviceMounts(model, service).forEach((mount, index) => {
			const first = mounted.get(mount.target);
			if (first !== undefined) problems.push(twice(mount.view, mount.target, first));
			else mounted.set(mount.target, `volume entry ${index + 1}`);
		});
	}
	for (const item of service.view.get('volumes')?.items() ?? []) {
		const problem = bindWithoutSource(model, item);
		if (problem !== undefined) problems.push(problem);
	}
	return problems;
}

function twice(view: View, target: string, first: string): Problem {
	return {
		range: view.range,
		message: `\`${target}\` is already mounted by ${first}: docker compose refuses two mounts on one target`,
	};
}

/** Long syntax `type: bind` with no `source`: there is nothing to bind. */
function bindWithoutSource(model: ComposeModel, item: View): Problem | undefined {
	const map = item.asMap();
	if (map === undefined || settled(model, map.get('type')) !== 'bind') return undefined;
	const source = map.get('source');
	if (unsettled(model, source) || (settled(model, source) ?? '') !== '') return undefined;
	return {
		range: (source ?? map.get('type'))!.keyRange ?? item.range,
		message: 'A bind mount needs a `source` (the host path to mount): Docker refuses one without it',
	};
}
