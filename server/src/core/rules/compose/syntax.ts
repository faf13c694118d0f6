import type { ComposeModel } from '../../compose/model';
import { syntaxProblems } from '../../compose/schema/syntax';
import type { Rule } from '../../types';

export const composeSyntax: Rule<ComposeModel> = {
	meta: {
		id: 'compose/syntax',
		scope: 'compose',
		severity: 'error',
		description: 'Write valid YAML: no tabs for indentation, no duplicate keys, aliases with an anchor',
		aliases: [],
		fixable: false,
		docs: {
			rationale: 'Compose refuses a file that is not valid YAML, and a key written twice is refused too rather than merged. A tab used for indentation or a missing quote stops `docker compose up` before anything starts; the editor can show it the moment it is typed.',
			example: 'services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.28\n',
			useInstead: 'services:\n  web:\n    image: nginx:1.28\n',
		},
	},
	check({ model, report }) {
		for (const problem of syntaxProblems(model)) report({ range: problem.range, message: problem.message });
	},
};
