import { baseName, dirnameOf, joinPath } from '../../paths';
import type { ComposeModel, Service, View } from '../model';
import { BASE_FILE_NAMES, OVERRIDE_FILE_NAMES } from '../project';
import { append, type CheckContext, type Problem } from './types';
import { hasEntries, settled, unsettled } from './values';

/**
 * What compose-go's checkConsistency (loader/validate.go) refuses about a service's own keys: a
 * service with nothing to run, `dockerfile` with `dockerfile_inline`, a platform its build does not
 * produce, `network_mode` with `networks`, a healthcheck test of an unknown form.
 */
export function serviceProblems(model: ComposeModel, service: Service, standalone: boolean): Problem[] {
	const problems: Problem[] = [];
	const view = service.view;
	if (standalone && !runsSomething(model, service)) {
		problems.push({
			range: service.keyRange,
			message: `\`${service.name}\` has neither \`image\` nor \`build\`: docker compose refuses a service it can neither pull nor build`,
		});
	}
	const build = view.get('build')?.asMap();
	const dockerfile = build?.get('dockerfile');
	if (nonEmpty(model, dockerfile) && nonEmpty(model, build?.get('dockerfile_inline'))) {
		problems.push({
			range: dockerfile!.keyRange ?? dockerfile!.range,
			message: `\`${service.name}\` sets both \`dockerfile\` and \`dockerfile_inline\`: docker compose refuses the pair; keep one`,
		});
	}
	const platform = view.get('platform');
	const platformText = settled(model, platform);
	const platforms = build?.get('platforms')?.items() ?? [];
	if (
		platformText !== undefined &&
		platformText !== '' &&
		platforms.length > 0 &&
		!platforms.some((item) => unsettled(model, item) || settled(model, item) === platformText)
	) {
		problems.push({
			range: platform!.range,
			message: `\`platform: ${platformText}\` is not among \`build.platforms\`: docker compose refuses a platform the build does not produce`,
		});
	}
	const networks = view.get('networks');
	if (nonEmpty(model, view.get('network_mode')) && hasEntries(networks)) {
		problems.push({
			range: networks!.keyRange ?? networks!.range,
			message: `\`${service.name}\` sets both \`network_mode\` and \`networks\`: docker compose refuses the pair (\`network_mode\` replaces the networks); keep one`,
		});
	}
	const test = view.at('healthcheck', 'test');
	const first = test?.isSeq() ? test.items()[0] : undefined;
	const form = settled(model, first);
	if (form !== undefined && !TEST_FORMS.has(form)) {
		problems.push({
			range: first!.range,
			message: `A healthcheck \`test\` list starts with \`CMD\`, \`CMD-SHELL\` or \`NONE\`, not \`${form}\`: docker compose refuses it (write \`["CMD", "${form}", …]\`)`,
		});
	}
	for (const watch of view.at('develop', 'watch')?.items() ?? []) append(problems, watchProblems(model, watch));
	return problems;
}

const TEST_FORMS = new Set(['CMD', 'CMD-SHELL', 'NONE']);

/** Watch actions that need no `target`: they rebuild or restart instead of copying files in. */
const NO_TARGET_ACTIONS = new Set(['rebuild', 'restart']);

/** validation.go checkPath (a blank `path`) and validate.go's `target` for actions that copy files. */
function watchProblems(model: ComposeModel, watch: View): Problem[] {
	const map = watch.asMap();
	if (map === undefined) return [];
	const problems: Problem[] = [];
	const path = map.get('path');
	for (const item of path?.isSeq() ? path.items() : path === undefined ? [] : [path]) {
		if (settled(model, item) === '') {
			problems.push({
				range: item.range,
				message: 'A `develop.watch` `path` cannot be blank: docker compose refuses it',
			});
		}
	}
	const action = map.get('action');
	const actionText = settled(model, action);
	const target = map.get('target');
	if (
		actionText !== undefined &&
		!NO_TARGET_ACTIONS.has(actionText) &&
		!unsettled(model, target) &&
		(settled(model, target) ?? '') === ''
	) {
		problems.push({
			range: action!.range,
			message: `A \`develop.watch\` rule with \`action: ${actionText}\` needs a \`target\` (where the files go in the container): docker compose refuses it without one`,
		});
	}
	return problems;
}

function nonEmpty(model: ComposeModel, view: View | undefined): boolean {
	const text = settled(model, view);
	return text !== undefined && text !== '';
}

/** An image, a build or a provider, or something that may hold one: an image built from a variable, an `extends` from another file. */
function runsSomething(model: ComposeModel, service: Service): boolean {
	const view = service.view;
	const image = view.get('image');
	if (nonEmpty(model, image) || unsettled(model, image)) return true;
	const build = view.get('build');
	if ((build !== undefined && build.scalar !== null) || view.has('provider')) return true;
	// The extended file may not have been read: what it holds is unknown.
	return view.get('extends')?.asMap()?.has('file') === true;
}

/**
 * Whether the file is a project by itself. A file that `docker compose` only reads with another one
 * (the override beside a base file, or `compose.prod.yaml` beside a `compose.yaml`: `-f compose.yaml
 * -f compose.prod.yaml`) may hold services that add to the other file's: it is not judged alone.
 */
export function isStandalone(model: ComposeModel, context: CheckContext): boolean {
	const path = context.path ?? model.path;
	if (path === undefined) return true;
	const name = baseName(path);
	if (BASE_FILE_NAMES.includes(name)) return true;
	if (context.host === undefined) return !OVERRIDE_FILE_NAMES.includes(name);
	const dir = dirnameOf(path);
	const baseBeside = BASE_FILE_NAMES.some((candidate) => context.host!.exists(joinPath(dir, candidate)));
	// An override file is merged with its base (then judged as one) and never read alone.
	if (OVERRIDE_FILE_NAMES.includes(name)) return baseBeside;
	return !baseBeside;
}
