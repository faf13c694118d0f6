import type { DockerfileModel, Flag, Instruction } from '../../dockerfile/model';
import { deleteLines, replace } from '../../fixes';
import type { Rule, RuleContext } from '../../types';
import { deletingJoinsRuns } from '../../dockerfile/neighbours';

/** Docker's default `--interval` (and `--timeout`). */
const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_RETRIES = 3;

export const healthcheckFlags: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/healthcheck-flags',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Write one HEALTHCHECK per stage, with a timeout below the interval and at least one retry',
		guide: 'Health Checks',
		aliases: ['DL3012', 'MultipleInstructionsDisallowed'],
		fixable: true,
		messages: {
			laterHealthcheckStage:
				'A later HEALTHCHECK in this stage replaces this one: only the last HEALTHCHECK of a stage counts',
			healthcheckTimeoutNot:
				'The HEALTHCHECK timeout ({{timeout}}) is not shorter than {{intervalText}}: a hung probe takes the whole period',
			retriesDoesNot:
				'`--retries={{retries}}` does not disable retries: Docker uses its default of 3; write the count you mean (at least 1)',
		},
		docs: {
			rationale:
				'Only the last HEALTHCHECK of a stage counts, so an earlier one is dead text that misleads the reader. A `--timeout` as long as the `--interval` lets a hung probe eat the whole period, and `--retries=0` does not mean "no retries": Docker falls back to its default of 3.',
			example:
				'FROM nginx:1.27-alpine\nHEALTHCHECK CMD wget -q --spider http://localhost/ || exit 1\nHEALTHCHECK --interval=10s --timeout=10s --retries=0 \\\n  CMD wget -q --spider http://localhost/ || exit 1',
			useInstead:
				'FROM nginx:1.27-alpine\nHEALTHCHECK --interval=10s --timeout=5s --retries=3 \\\n  CMD wget -q --spider http://localhost/ || exit 1',
			fix: 'Deletes the earlier HEALTHCHECK instructions (all their lines); sets `--timeout` to half the interval; sets `--retries` to 3.',
		},
	},
	check(context) {
		for (const stage of context.model.stages) {
			const checks = stage.instructions.filter((instruction) => instruction.keyword === 'HEALTHCHECK');
			checks.slice(0, -1).forEach((check) => reportOverridden(context, check));
			for (const check of checks) {
				checkTimeout(context, check);
				checkRetries(context, check);
			}
		}
	},
};

function reportOverridden({ model, report }: RuleContext<DockerfileModel>, check: Instruction): void {
	report({
		range: check.keywordRange,
		messageId: 'laterHealthcheckStage',
		aliases: ['DL3012', 'MultipleInstructionsDisallowed'],
		...(deletingJoinsRuns(model, check)
			? {}
			: {
					fix: {
						title: 'Remove the overridden HEALTHCHECK',
						edits: [deleteLines(model.index, check.range.start.line, check.range.end.line)],
					},
				}),
	});
}

function checkTimeout({ report }: RuleContext<DockerfileModel>, check: Instruction): void {
	const timeout = check.flag('timeout');
	const timeoutMs = durationMs(timeout);
	// Zero means "Docker's default" for both flags.
	if (timeout === undefined || timeoutMs === undefined || timeoutMs === 0 || timeout.valueRange === null) return;
	const interval = check.flag('interval');
	const written = durationMs(interval);
	const intervalMs = interval === undefined || written === 0 ? DEFAULT_INTERVAL_MS : written;
	if (intervalMs === undefined || timeoutMs < intervalMs) return;
	const intervalText =
		intervalMs === DEFAULT_INTERVAL_MS && written !== DEFAULT_INTERVAL_MS
			? 'the default interval of 30s'
			: `the interval (${interval!.value})`;
	const half = formatDuration(intervalMs / 2);
	report({
		range: timeout.range,
		messageId: 'healthcheckTimeoutNot',
		data: { timeout: timeout.value, intervalText },
		aliases: [],
		fix: { title: `Set the timeout to ${half}`, edits: [replace(timeout.valueRange, half)] },
	});
}

function checkRetries({ report }: RuleContext<DockerfileModel>, check: Instruction): void {
	const retries = check.flag('retries');
	if (
		retries === undefined ||
		retries.value === null ||
		retries.valueRange === null ||
		!/^-?\d+$/.test(retries.value)
	) {
		return;
	}
	if (Number(retries.value) >= 1) return;
	report({
		range: retries.range,
		messageId: 'retriesDoesNot',
		data: { retries: retries.value },
		aliases: [],
		fix: { title: `Set retries to ${DEFAULT_RETRIES}`, edits: [replace(retries.valueRange, `${DEFAULT_RETRIES}`)] },
	});
}

const UNIT_MS: Readonly<Record<string, number>> = {
	ns: 1e-6,
	us: 1e-3,
	µs: 1e-3,
	μs: 1e-3,
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000,
};

/** A Go duration (`30s`, `1m30s`, `1.5s`) in milliseconds; undefined when it does not parse (dockerfile/syntax reports that). */
export function durationMs(flag: Flag | undefined): number | undefined {
	const text = flag?.value;
	if (text === undefined || text === null || !/^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.test(text)) {
		return undefined;
	}
	let total = 0;
	for (const match of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy)) {
		total += Number(match[1]) * UNIT_MS[match[2]];
	}
	return total;
}

/** Milliseconds as a Docker duration: whole seconds as `15s`, else decimal seconds (`2.5s`) or milliseconds. */
export function formatDuration(ms: number): string {
	if (ms >= 1000) return `${Number((ms / 1000).toFixed(3))}s`;
	return `${Math.max(1, Math.round(ms))}ms`;
}
