import { baseName, dirnameOf, joinPath } from '../../paths';
import { parseCompose, type ComposeModel, type Service, type View } from '../model';
import type { FileHost } from '../../types';
import type { CheckContext, Problem } from './types';
import { settled } from './values';

/** A problem and the service whose `extends` it is written in (a cycle's: the service that closes it). */
export type ServiceProblem = Problem & { service: string };

/**
 * `extends` as compose-go resolves it (loader/extends.go applyServiceExtends, loader/loader.go
 * cycleTracker): a chain of same-file `extends` that comes back to a service ("Circular reference"),
 * and `extends: {file, service}` naming a file that is not there or a service that file does not
 * define. compose/undefined-reference reports them (they are references); an unknown same-file
 * service it finds itself.
 */
export function extendsProblems(model: ComposeModel, context: CheckContext): ServiceProblem[] {
	const problems: ServiceProblem[] = [];
	const targets = new Map<string, { target: string; view: View }>();
	// Each file once: thousands of services may extend services of one file (a hostile shape parsed it per service).
	// The linking (project.ts) has parsed most of them already.
	const servicesOf = new Map<string, ReadonlySet<string> | undefined>();
	for (const service of model.services) {
		// This file's own `extends`: the extended service's (a lower layer once linked) is resolved from there.
		const use = service.view.withLayers({ upper: [], lower: [] }).asMap()?.get('extends');
		const map = use?.asMap();
		if (use === undefined) continue;
		if (map !== undefined && map.has('file')) {
			const problem = otherFileProblem(model, service, map.get('file')!, map.get('service'), context, servicesOf);
			if (problem !== undefined) problems.push({ ...problem, service: service.name });
			continue;
		}
		const named = map !== undefined ? map.get('service') : use;
		const target = settled(model, named);
		if (target !== undefined) targets.set(service.name, { target, view: named! });
	}
	for (const problem of cycles(targets)) problems.push(problem);
	return problems;
}

/**
 * Each service extends at most one other: following the links from every service once, a link to a
 * service on the current walk closes a cycle. Every service is walked through once in all.
 */
function cycles(targets: ReadonlyMap<string, { target: string; view: View }>): ServiceProblem[] {
	const problems: ServiceProblem[] = [];
	const done = new Set<string>();
	for (const start of targets.keys()) {
		const walk: string[] = [];
		const onWalk = new Set<string>();
		let current: string | undefined = start;
		while (current !== undefined && !done.has(current) && !onWalk.has(current)) {
			walk.push(current);
			onWalk.add(current);
			current = targets.get(current)?.target;
		}
		if (current !== undefined && onWalk.has(current)) {
			const loop = walk.slice(walk.indexOf(current));
			const closing = targets.get(loop[loop.length - 1])!;
			// A hostile file can make a cycle of thousands: its middle is counted, not listed.
			const names = [...loop, current].map((name) => `\`${name}\``);
			const shown =
				names.length <= 12 ? names : [...names.slice(0, 6), `… ${names.length - 9} more …`, ...names.slice(-3)];
			problems.push({
				service: loop[loop.length - 1],
				range: closing.view.range,
				message: `\`extends\` goes round in a cycle: ${shown.join(' → ')}; docker compose refuses it`,
			});
		}
		for (const name of walk) done.add(name);
	}
	return problems;
}

function otherFileProblem(
	model: ComposeModel,
	service: Service,
	fileView: View,
	serviceView: View | undefined,
	context: CheckContext,
	servicesOf: Map<string, ReadonlySet<string> | undefined>,
): Problem | undefined {
	const written = settled(model, fileView)?.trim();
	const name = settled(model, serviceView);
	const from = fileView.model.path ?? context.path;
	if (
		context.host === undefined ||
		from === undefined ||
		written === undefined ||
		written === '' ||
		written.includes('://') ||
		written.startsWith('~') ||
		/^[A-Za-z]:[\\/]/.test(written)
	) {
		return undefined;
	}
	const file = written.startsWith('/') ? written : joinPath(dirnameOf(from), written);
	if (!context.host.exists(file)) {
		return {
			range: fileView.range,
			message: `\`${service.name}\` extends a service of \`${written}\`, which does not exist: docker compose refuses to load the project`,
		};
	}
	if (name === undefined || name === '') return undefined;
	if (!servicesOf.has(file)) servicesOf.set(file, serviceNames(otherFile(model, file, context.host)));
	const names = servicesOf.get(file);
	if (names === undefined || names.has(name)) return undefined;
	return {
		range: serviceView!.range,
		message: `\`${baseName(file)}\` has no service \`${name}\` for \`${service.name}\` to extend: docker compose refuses to load the project`,
	};
}

/** Another file's model: the one the linking parsed, else read (through the lint's guarded host) and parsed here. */
function otherFile(model: ComposeModel, file: string, host: FileHost): ComposeModel | undefined {
	const linked = model.project.files;
	if (linked?.has(file)) return linked.get(file);
	const text = host.readFile(file);
	return text === undefined ? undefined : parseCompose(text);
}

/** The services a file defines; undefined when it is unread or does not parse (nothing to say about it then). */
function serviceNames(other: ComposeModel | undefined): ReadonlySet<string> | undefined {
	if (other === undefined || other.problems.length > 0) return undefined;
	return new Set(other.services.map((service) => service.name));
}
