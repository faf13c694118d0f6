import { baseName } from '../../paths';
import {
	builtDockerfile,
	extendsChain,
	healthcheckLines,
	healthProbe,
	healthState,
	type HealthState,
} from '../../compose/health';
import type { ComposeModel, Service } from '../../compose/model';
import { oneShotJobs, serviceImage, words } from '../../compose/service';
import { insertMapEntry } from '../../compose/yaml-edits';
import { waitForHealthyEdits } from './depends-on-healthy';
import { baseFacts, runsNoService } from '../../dockerfile/image-tools';
import type { FileHost, Fix, Rule } from '../../types';

export const composeRequireHealthcheck: Rule<ComposeModel> = {
	meta: {
		id: 'compose/require-healthcheck',
		scope: 'compose',
		severity: 'warning',
		description: 'Give every service a healthcheck',
		guide: 'Essential Health Checks',
		aliases: [],
		fixable: true,
		messages: {
			serviceHasNo:
				'Service `{{service}}` has no healthcheck{{where}}: Docker cannot tell a hung service from a healthy one (`healthcheck: {disable: true}` opts out)',
		},
		docs: {
			rationale:
				'Without a health check Docker only knows that the process runs, not that it answers: a hung database stays "running", `depends_on: condition: service_healthy` cannot work, and restarts never happen. A HEALTHCHECK in the Dockerfile the service is built from counts; `healthcheck: {disable: true}` opts out deliberately.',
			example:
				'services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_DB: appdb\n',
			useInstead:
				'services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_DB: appdb\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U app -d appdb"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 30s\n',
			fix: "Inserts a `healthcheck:` block matched to the image: `pg_isready -U <POSTGRES_USER> -d <POSTGRES_DB>` for postgres, `redis-cli ping` for redis (with `REDISCLI_AUTH` from the same source as `--requirepass`), `mysqladmin ping` for mysql and MariaDB 10, `healthcheck.sh --connect --innodb_initialized` for MariaDB 11, `mongosh` for mongo (interval 10s, timeout 5s, 5 retries); else an HTTP request to the first published or exposed port with a tool the image has (BusyBox `wget` on Alpine, `curl` where it is known to exist), `/health` for images built from the workspace and `/` for pulled ones (interval 30s, timeout 10s, 3 retries). Services that depend on it are made to wait for `condition: service_healthy` in the same fix (as compose/depends-on-healthy asks). No fix when no sound probe is known, when a dependent's `depends_on` cannot be rewritten, or when the service's mapping is anchored (other services read it too).",
		},
	},
	check({ model, host, report }) {
		const jobs = oneShotJobs(model);
		for (const service of model.services) {
			const state = healthState(model, service, host);
			if (
				!needsHealthcheck(state) ||
				jobs.has(service.name) ||
				!isContainer(model, service) ||
				runsNothing(model, service, host)
			) {
				continue;
			}
			const fix = healthcheckFix(model, service, host);
			const where =
				state === 'absent' && service.view.has('build') ? ' (nor does the Dockerfile it is built from)' : '';
			report({
				range: service.keyRange,
				messageId: 'serviceHasNo',
				data: { service: service.name, where },
				...(fix ? { fix } : {}),
			});
		}
	},
};

function needsHealthcheck(state: HealthState): boolean {
	return state === 'absent' || state === 'unknown';
}

/**
 * Whether the file defines a container here: an image or a build (possibly through `extends` in
 * this file). Not a `provider:` service (no container), an override fragment, or a service
 * extending one from another file (its healthcheck may be there).
 */
function isContainer(model: ComposeModel, service: Service): boolean {
	const chain = extendsChain(model, service);
	if (chain.external || service.view.has('provider')) return false;
	return chain.source !== undefined;
}

/** Programs that idle or finish at once: a container running one serves nothing to probe. */
const IDLE_PROGRAMS = new Set([
	'sleep',
	'top',
	'tail',
	'true',
	'false',
	'echo',
	'env',
	'cat',
	'ls',
	'ping',
	'exit',
	'return',
	'printenv',
]);
const SHELLS = new Set(['sh', 'bash', 'ash']);

/** The program a `command`/`entrypoint` runs, looking through `sh -c "…"`. */
function programOf(model: ComposeModel, service: Service, key: 'command' | 'entrypoint'): string | undefined {
	let list = words(model, service.view.get(key))?.words ?? [];
	const shell = list[0] === undefined ? undefined : baseName(list[0]);
	if (shell !== undefined && SHELLS.has(shell) && list[1] === '-c') {
		list = list.slice(2).join(' ').replace(/^["']/, '').split(/\s+/);
	}
	const program = list[0];
	return program === undefined ? undefined : baseName(program);
}

/**
 * Nothing to probe: an idle or one-shot command (`sleep infinity`, `echo …`), or a tool image
 * (alpine, node, python…) with no command of its own, which runs a shell or a REPL.
 */
function runsNothing(model: ComposeModel, service: Service, host: FileHost | undefined): boolean {
	const program = programOf(model, service, 'entrypoint') ?? programOf(model, service, 'command');
	if (program !== undefined) return IDLE_PROGRAMS.has(program);
	if (service.view.has('build')) {
		const stage = builtDockerfile(model, service, host)?.finalStage;
		return stage !== undefined && runsNoService(stage);
	}
	const image = serviceImage(model, service);
	return image !== undefined && baseFacts(image.ref).interactive;
}

function healthcheckFix(model: ComposeModel, service: Service, host: FileHost | undefined): Fix | undefined {
	// An anchored service's mapping is read by every service that aliases or merges it: they would get the healthcheck
	// too, without their dependents being made to wait (found by the fuzzer). The finding stays, without the fix.
	if (service.view.node.anchor !== undefined) return undefined;
	const probe = healthProbe(model, service, host);
	if (probe === undefined) return undefined;
	const edit = insertMapEntry(model, service.view, healthcheckLines(probe));
	if (edit === undefined) return undefined;
	// Services that depend on it then wait for it to be healthy, as compose/depends-on-healthy would ask next.
	const waits = waitForHealthyEdits(model, service.name, host);
	if (waits === undefined) return undefined;
	return {
		title: `Add a healthcheck (${probe.summary})${waits.length > 0 ? ' and wait for it in depends_on' : ''}`,
		edits: [edit, ...waits],
	};
}
