import { dirnameOf, joinPath } from '../../paths';
import type { ComposeModel, Service, View } from '../model';
import { append, type CheckContext, type Problem } from './types';
import { booleanOf, settled } from './values';

/**
 * A service's environment as compose-go loads it: a variable name ending in a space (`- DEBUG = true`,
 * refused by the environment decoding, "declared with a trailing space"), and an `env_file` that is
 * required (the default) but not there (types' WithServicesEnvironmentResolved: "env file … not found").
 */
export function environmentProblems(model: ComposeModel, service: Service, context: CheckContext): Problem[] {
	const problems: Problem[] = [];
	// The list form only: compose-go's test of the refusal is `- DEBUG = true`; a quoted map key is not known to be refused.
	for (const item of service.view.get('environment')?.items() ?? []) {
		const name = (item.string ?? '').split('=')[0];
		if (name.endsWith(' ') && name.trim() !== '') {
			problems.push({
				range: item.range,
				message: `The variable name \`${name}\` ends with a space: docker compose refuses it; write \`${name.trim()}=…\` with no space around \`=\``,
			});
		}
	}
	if (context.host !== undefined) append(problems, missingEnvFiles(model, service, context));
	return problems;
}

function missingEnvFiles(model: ComposeModel, service: Service, context: CheckContext): Problem[] {
	const envFile = service.view.get('env_file');
	if (envFile === undefined) return [];
	const entries = envFile.isSeq() ? envFile.items() : [envFile];
	const problems: Problem[] = [];
	for (const entry of entries) {
		const map = entry.asMap();
		const pathView = map !== undefined ? map.get('path') : entry;
		if (map !== undefined && booleanOf(model, map.get('required')) === false) continue;
		const written = settled(model, pathView)?.trim();
		const file = written === undefined || written === '' ? undefined : locate(pathView!, written, context);
		if (file !== undefined && !context.host!.exists(file)) {
			problems.push({
				range: pathView!.range,
				message: `The env file \`${written}\` does not exist: docker compose refuses to start \`${service.name}\` without it (\`required: false\` makes it optional)`,
			});
		}
	}
	return problems;
}

/** The file a path names, relative to the Compose file that writes it; undefined when that file's place is unknown. */
function locate(view: View, written: string, context: CheckContext): string | undefined {
	const from = view.model.path ?? context.path;
	// `~`, Windows paths and `/dev/null` name places this host may not have: not judged.
	if (written.startsWith('~') || /^[A-Za-z]:[\\/]/.test(written) || written === '/dev/null') return undefined;
	if (written.startsWith('/')) return written;
	return from === undefined ? undefined : joinPath(dirnameOf(from), written);
}
