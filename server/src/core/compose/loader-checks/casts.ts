import type { ComposeModel, Service, View } from '../model';
import type { Problem } from './types';
import { booleanOf, integerOf, settled } from './values';

/**
 * Strings compose-go converts to the type a field needs (interpolation/interpolation.go: the loader's
 * type-cast mapping applies to every string at these paths, variables or not). The schema lets a string
 * through for them, so that `${REPLICAS}` can be written; a string that does not convert is refused.
 * Only fields whose conversion is certain are listed; YAML numbers and booleans are not strings.
 */
const WHOLE_NUMBERS: readonly (readonly string[])[] = [
	['scale'],
	['deploy', 'replicas'],
	['healthcheck', 'retries'],
	['pids_limit'],
];
const BOOLEANS: readonly (readonly string[])[] = [
	['privileged'],
	['read_only'],
	['stdin_open'],
	['tty'],
	['init'],
	['oom_kill_disable'],
	['healthcheck', 'disable'],
];

export function castProblems(model: ComposeModel, service: Service): Problem[] {
	const problems: Problem[] = [];
	for (const path of WHOLE_NUMBERS) {
		const view = service.view.at(...path);
		const text = stringValue(model, view);
		if (text !== undefined && integerOf(text) === undefined) {
			problems.push({
				range: view!.range,
				message: `\`${path.join('.')}\` is a whole number, not \`${text}\`: docker compose refuses it`,
			});
		}
	}
	for (const path of BOOLEANS) {
		const view = service.view.at(...path);
		const text = stringValue(model, view);
		if (text !== undefined && booleanOf(model, view) === undefined) {
			problems.push({
				range: view!.range,
				message: `\`${path.join('.')}\` is \`true\` or \`false\`, not \`${text}\`: docker compose refuses it`,
			});
		}
	}
	return problems;
}

/** The interpolated text of a value YAML read as a string; undefined otherwise, or when it uses an unset variable. */
function stringValue(model: ComposeModel, view: View | undefined): string | undefined {
	return typeof view?.scalar === 'string' ? settled(model, view) : undefined;
}
