import type { ComposeModel } from '../../compose/model';
import { ONE_SHOT_JOBS } from '../../compose/service';
import { insertMapEntry } from '../../compose/yaml-edits';
import type { Rule } from '../../types';

export const restartPolicy: Rule<ComposeModel> = {
	meta: {
		id: 'compose/restart-policy',
		scope: 'compose',
		severity: 'warning',
		description: 'Give every long-running service a restart policy',
		guide: 'Recovery; Container Orchestration Strategy',
		aliases: [],
		fixable: true,
		messages: {
			hasNoRestart: '`{{service}}` has no restart policy: it stays down after a crash or a reboot',
		},
		docs: {
			rationale:
				'Without `restart:` (or `deploy.restart_policy`), a container that crashes, or every container after the Docker daemon or the host restarts, stays down until someone notices. `unless-stopped` brings it back while still honouring a deliberate `docker compose stop`. A one-shot job is the exception: say so with `restart: "no"`, or let another service wait for it with `condition: service_completed_successfully`, which this rule recognises.',
			example: 'services:\n  web:\n    image: nginx:1.27-alpine\n',
			useInstead: 'services:\n  web:\n    image: nginx:1.27-alpine\n    restart: unless-stopped\n',
			fix: 'Adds `restart: unless-stopped` at the end of the service (block-style services only, and not inside a block shared through an anchor).',
		},
	},
	perService: true,
	crossServices: ONE_SHOT_JOBS,
	check({ model, report }) {
		const jobs = ONE_SHOT_JOBS.of(model);
		for (const service of model.services) {
			if (
				service.view.has('restart') ||
				service.view.at('deploy', 'restart_policy') !== undefined ||
				jobs.has(service.name)
			) {
				continue;
			}
			const edit = insertMapEntry(model, service.view, ['restart: unless-stopped']);
			report({
				range: service.keyRange,
				messageId: 'hasNoRestart',
				data: { service: service.name },
				...(edit ? { fix: { title: 'Add `restart: unless-stopped`', edits: [edit] } } : {}),
			});
		}
	},
};
