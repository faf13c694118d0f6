import type { ComposeModel } from '../../compose/model';
import { syntaxProblems } from '../../compose/schema/syntax';
import type { Rule } from '../../types';

export const composeSyntax: Rule<ComposeModel> = {
	meta: {
		id: 'compose/syntax',
		scope: 'compose',
		severity: 'error',
		description:
			'Write YAML docker compose can read: no tabs for indentation, no duplicate keys, string keys, aliases with an anchor, `<<` of mappings, not an empty file',
		aliases: [],
		fixable: false,
		messages: {
			problem: '{{problem}}', // YAML problems are worded where they are found (compose/schema/syntax.ts).
		},
		docs: {
			rationale:
				"Compose refuses a file that is not valid YAML, and a key written twice is refused too rather than merged. A tab used for indentation or a missing quote stops `docker compose up` before anything starts; the editor can show it the moment it is typed. Compose's loader also refuses what YAML allows: a key that is not a string (`8080:` as a service name, `1:` under `environment`: quote it), a `<<` merge of anything but mappings, an empty file, and a `---` document that is empty or not a mapping. Several `---` documents are fine: they are merged, the later ones winning.",
			example: 'services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.28\n',
			useInstead: 'services:\n  web:\n    image: nginx:1.28\n',
		},
	},
	check({ model, report }) {
		for (const problem of syntaxProblems(model)) {
			report({ range: problem.range, messageId: 'problem', data: { problem: problem.message } });
		}
	},
};
