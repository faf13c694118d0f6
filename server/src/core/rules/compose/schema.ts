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
		messages: {
			problem: '{{problem}}', // The schema's and the loader's problems are worded where they are found (compose/schema, compose/loader-checks).
		},
		docs: {
			rationale:
				"Compose validates the file against the Compose Specification schema and refuses it on an unknown key or a value of the wrong type: a typo such as `restrat:` stops the whole stack from starting. Variables are interpolated first, as Compose does, and `x-*` keys are allowed wherever the specification allows them. Beyond the schema, the checks compose-go's loader makes are errors too: a service with neither `image` nor `build`, keys that exclude each other (`network_mode` with `networks`, `dockerfile` with `dockerfile_inline`, `scale` or `cpus` / `mem_limit` / `mem_reservation` / `pids_limit` distinct from their `deploy` twins, a device `count` with `device_ids`, an `external` volume with a `driver`), a string where a whole number or a boolean is needed (`replicas: two`), a healthcheck `test` list not starting with `CMD`, `CMD-SHELL` or `NONE`, two mounts on one `tmpfs` target, a bind mount without a source, a secret or config without a source, a variable name ending in a space, a required `env_file` or an included file that does not exist, and an `include` cycle. A value built from a variable with no value here is not judged.",
			example: 'services:\n  web:\n    image: nginx:1.27\n    restrat: always\n    ports: "8080:80"\n',
			useInstead: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n    ports:\n      - "8080:80"\n',
		},
	},
	perService: true,
	check({ model, host, path, report }) {
		for (const problem of schemaProblems(model)) {
			report({ range: problem.range, messageId: 'problem', data: { problem: problem.message } });
		}
		for (const problem of loaderProblems(model, { host, path })) {
			report({ range: problem.range, messageId: 'problem', data: { problem: problem.message } });
		}
	},
};
