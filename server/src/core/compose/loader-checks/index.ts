import type { ComposeModel } from '../model';
import { castProblems } from './casts';
import { declarationProblems } from './declarations';
import { deviceProblems } from './devices';
import { environmentProblems } from './environment';
import { includeProblems } from './include';
import { mountProblems } from './mounts';
import { portProblems } from './ports';
import { isStandalone, serviceProblems } from './services';
import { twinProblems } from './twins';
import { append, type CheckContext, type Problem } from './types';

export type { CheckContext } from './types';

/**
 * What compose-go's loader refuses beyond the JSON schema, each at the node to fix (see README.md).
 * Nothing when the file has YAML problems: its structure is uncertain, and compose/syntax reports it.
 */
export function loaderProblems(model: ComposeModel, context: CheckContext = {}): Problem[] {
	if (model.problems.length > 0 || model.root === undefined) return [];
	const standalone = isStandalone(model, context);
	const problems: Problem[] = [];
	for (const service of model.services) {
		append(problems, serviceProblems(model, service, standalone));
		append(problems, castProblems(model, service));
		append(problems, twinProblems(model, service));
		append(problems, mountProblems(model, service));
		append(problems, deviceProblems(model, service));
		append(problems, portProblems(model, service));
		append(problems, environmentProblems(model, service, context));
	}
	if (standalone) append(problems, declarationProblems(model));
	append(problems, includeProblems(model, context));
	return problems;
}
