import type { ComposeModel } from '../../compose/model';
import { loaderProblems } from '../../compose/loader-checks';
import { schemaProblems } from '../../compose/schema/validate';
import type { Rule } from '../../types';

export const composeSchema: Rule<ComposeModel> = {
	meta: {
		id: 'compose/schema',
		scope: 'compose',
		severity: 'error',
		description: 'Follow the Compose Specification: known keys, values of the right type',
		aliases: [],
		fixable: false,
		docs: {
			rationale: 'Compose validates the file against the Compose Specification schema and refuses it on an unknown key or a value of the wrong type: a typo such as `restrat:` stops the whole stack from starting. Variables are interpolated first, as Compose does, and `x-*` keys are allowed wherever the specification allows them.',
			example: 'services:\n  web:\n    image: nginx:1.27\n    restrat: always\n    ports: "8080:80"\n',
			useInstead: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n    ports:\n      - "8080:80"\n',
		},
	},
	check({ model, host, path, report }) {
		for (const problem of schemaProblems(model)) report({ range: problem.range, message: problem.message });
		for (const problem of loaderProblems(model, { host, path })) report({ range: problem.range, message: problem.message });
	},
};
