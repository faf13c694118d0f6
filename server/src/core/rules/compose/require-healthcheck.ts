import { baseName } from '../../paths';
import {
	builtDockerfile,
	extendsChain,
	healthcheckLines,
	healthProbe,
	healthState,
	type HealthState,
} from '../../compose/health';
import type { ComposeModel, Service, View } from '../../compose/model';
import { ONE_SHOT_JOBS, oneShotJobs, serviceImage, words } from '../../compose/service';
import { insertMapEntry } from '../../compose/yaml-edits';
import { trimEndChars } from '../../trim-end';
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
	// A service's finding reads its own health and build, and across services: whether another service waits for it
	// to complete (ONE_SHOT_JOBS), and for the fix, the `depends_on` of the services that depend on it, rewritten with
	// the health of each service they list (waitForHealthyEdits). On a re-lint the others' findings hold while the
	// edited service adds the same to that: its awaited jobs, its health, and its `depends_on` as written.
	perService: true,
	crossServices: {
		share: (model, host) => {
			const whole = model.whole ?? model;
			return JSON.stringify([
				ONE_SHOT_JOBS.share(model, host),
				model.services.map((service) => [healthState(whole, service, host), dependsOnAsWritten(whole, service)]),
			]);
		},
		carry: (from, to) => ONE_SHOT_JOBS.carry(from, to),
	},
	check({ model, host, report }) {
		// Other services are looked up in the whole file (`model.whole` when the rule runs on one service: relint.ts).
		const whole = model.whole ?? model;
		const jobs = oneShotJobs(whole);
		for (const service of model.services) {
			const state = healthState(whole, service, host);
			if (
				!needsHealthcheck(state) ||
				jobs.has(service.name) ||
				!isContainer(whole, service) ||
				runsNothing(whole, service, host)
			) {
				continue;
			}
			const fix = healthcheckFix(whole, service, host);
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

/**
 * What another service's fix reads of this service's `depends_on` (waitForHealthyEdits rewrites it in place): whether
 * it came through an alias, a merge or an extended service (then it is left alone, but what it lists still counts), the
 * lines its key and its value are written on (the names, the conditions, the columns and comments an edit keeps), and
 * what the service extends (the values merged below its own). Null without a `depends_on`.
 */
function dependsOnAsWritten(whole: ComposeModel, service: Service): unknown {
	const view = service.view.get('depends_on');
	if (view === undefined) return null;
	const key = view.ownKeyRange;
	const chain = extendsChain(whole, service);
	return [
		view.via !== undefined,
		key === undefined ? null : view.model.index.lineText(key.start.line),
		linesOf(view),
		chain.services.map((link) => link.name),
		chain.external,
		linesOf(service.view.get('extends')),
	];
}

/** The whole lines a value is written on, in the text of the file that writes it. */
function linesOf(view: View | undefined): string | null {
	const range = view?.node.range;
	if (view === undefined || range === undefined || range === null) return null;
	const { text, index } = view.model;
	// A block value's range may end at the start of the next line, or after its indentation: step back over both.
	const end = range[0] + trimEndChars(text.slice(range[0], range[1]), ' \t\r\n').length;
	return text.slice(index.lineStarts[index.positionAt(range[0]).line], index.lineEnd(index.positionAt(end).line));
}

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
