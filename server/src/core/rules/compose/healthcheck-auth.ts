import { isSeq } from 'yaml';
import { flowList, healthTest, redisPassword, requirePass, type HealthTest } from '../../compose/health';
import type { ComposeModel, Service } from '../../compose/model';
import { environment } from '../../compose/service';
import { replaceScalar } from '../../compose/yaml-edits';
import type { Fix, Rule } from '../../types';

export const healthcheckAuth: Rule<ComposeModel> = {
	meta: {
		id: 'compose/healthcheck-auth',
		scope: 'compose',
		severity: 'warning',
		description: "Give a datastore's health probe the password the datastore requires",
		guide: 'Essential Health Checks',
		aliases: [],
		fixable: true,
		messages: {
			requiresPasswordRequirepass:
				'`{{service}}` requires a password (`--requirepass`), but its healthcheck runs `redis-cli` without one: the probe gets NOAUTH instead of PONG',
		},
		docs: {
			rationale:
				'With `--requirepass` set, `redis-cli ping` without credentials gets `NOAUTH Authentication required` instead of `PONG`: the probe says nothing about whether Redis answers (and, depending on the redis-cli version, the service is either always healthy or never). Give the probe the password through `REDISCLI_AUTH`, which keeps it off the command line.',
			example:
				'services:\n  cache:\n    image: redis:7-alpine\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
			useInstead:
				'services:\n  cache:\n    image: redis:7-alpine\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD}\n    healthcheck:\n      test: ["CMD-SHELL", "REDISCLI_AUTH=\\"$$REDIS_PASSWORD\\" redis-cli ping"]\n',
			fix: 'Prefixes the `redis-cli` call with `REDISCLI_AUTH=…` (a `CMD` list becomes `CMD-SHELL`), taking the password from the same source as `--requirepass`: the container\'s variable (`"$$REDIS_PASSWORD"`) when the service\'s environment holds it, the same compose variable when the command interpolates one, else the literal (compose/no-hardcoded-secrets reports a literal separately).',
		},
	},
	perService: true,
	check({ model, report }) {
		for (const service of model.services) {
			if (requirePass(model, service) === undefined) continue;
			const test = healthTest(model, service);
			if (
				test === undefined ||
				!probesRedisWithoutAuth(test) ||
				environment(model, service).some((entry) => entry.name === 'REDISCLI_AUTH')
			) {
				continue;
			}
			const fix = authFix(model, service, test);
			report({
				range: test.view.range,
				messageId: 'requiresPasswordRequirepass',
				data: { service: service.name },
				...(fix ? { fix } : {}),
			});
		}
	},
};

/** Options through which redis-cli receives credentials. */
const AUTH_OPTION = /^(?:-a|--pass|--askpass|--user|-u)$|^(?:-a|--pass=)\S|^redis:\/\/[^@:]*:[^@]*@/;

function probesRedisWithoutAuth(test: HealthTest): boolean {
	const words = test.script !== undefined ? test.script.written.split(/\s+/) : test.words;
	const at = words.findIndex((word) => word.replace(/^["'(]+/, '').endsWith('redis-cli'));
	if (at === -1) return false;
	if (test.script !== undefined && /\bREDISCLI_AUTH=/.test(test.script.written)) return false;
	return !words.slice(at + 1).some((word) => AUTH_OPTION.test(word));
}

/**
 * Where the blank-separated word holding the first `redis-cli` (a whole word at its end) starts. A
 * scan: `/(^|[\s;&|(])(\S*redis-cli)\b/` retried `\S*` from every `;&|(` of a run (quadratic).
 */
function redisCliWordStart(script: string): number | undefined {
	for (let at = script.indexOf('redis-cli'); at !== -1; at = script.indexOf('redis-cli', at + 1)) {
		const after = script[at + 'redis-cli'.length];
		if (after !== undefined && /\w/.test(after)) continue;
		let start = at;
		while (start > 0 && !/\s/.test(script[start - 1])) start--;
		return start;
	}
	return undefined;
}

const SHELL_SAFE = /^[A-Za-z0-9_.,:/@%+=-]+$/;

function authFix(model: ComposeModel, service: Service, test: HealthTest): Fix | undefined {
	const password = redisPassword(model, service);
	if (password === undefined) return undefined;
	const title = 'Pass the password to the probe with `REDISCLI_AUTH`';
	if (test.script !== undefined) {
		const written = test.script.written;
		const offset = redisCliWordStart(written);
		if (offset === undefined) return undefined;
		const edit = replaceScalar(
			model,
			test.script.view,
			`${written.slice(0, offset)}REDISCLI_AUTH=${password} ${written.slice(offset)}`,
		);
		return edit ? { title, edits: [edit] } : undefined;
	}
	if (
		test.view.via !== undefined ||
		!isSeq(test.view.node) ||
		!test.view.node.flow ||
		test.items.some((item) => item.via !== undefined)
	) {
		return undefined;
	}
	const written = test.items.map((item) => item.string ?? '');
	const script = written.map((word) => (SHELL_SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
	return {
		title,
		edits: [{ range: test.view.range, newText: flowList(['CMD-SHELL', `REDISCLI_AUTH=${password} ${script}`]) }],
	};
}
