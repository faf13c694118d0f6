import type { ComposeModel, Service } from '../model';
import { formatMemory, parseCpus, parseMemory } from '../units';
import type { Problem } from './types';
import { integerOf, settled, unsettled } from './values';

/**
 * Keys that say the same thing twice (loader/validate.go checkConsistency): `scale` and
 * `deploy.replicas`, and the legacy `cpus` / `mem_limit` / `mem_reservation` / `pids_limit` and
 * their `deploy.resources` twins. compose-go refuses distinct values; once `deploy.resources.limits`
 * (or `reservations`) is there, a twin it does not set counts as 0, so a legacy key beside it must
 * be repeated there or moved.
 */
export function twinProblems(model: ComposeModel, service: Service): Problem[] {
	const problems: Problem[] = [];
	const view = service.view;
	const scale = view.get('scale');
	const replicas = view.at('deploy', 'replicas');
	const scaleCount = integerOf(settled(model, scale)?.trim());
	const replicaCount = integerOf(settled(model, replicas)?.trim());
	if (scaleCount !== undefined && replicaCount !== undefined && scaleCount !== replicaCount) {
		problems.push({
			range: scale!.range,
			message: `\`scale: ${scaleCount}\` and \`deploy.replicas: ${replicaCount}\` disagree: docker compose refuses distinct values; keep \`deploy.replicas\``,
		});
	}
	for (const [count, counted] of [
		[scaleCount, scale],
		[replicaCount, replicas],
	] as const) {
		if (count !== undefined && count < 0) {
			problems.push({
				range: counted!.range,
				message: `A replica count cannot be negative (${count}): docker compose refuses it`,
			});
		}
	}
	const resources = view.at('deploy', 'resources')?.asMap();
	for (const twin of TWINS) {
		const legacy = view.get(twin.legacy);
		const section = resources?.get(twin.section)?.asMap();
		if (legacy === undefined || section === undefined) continue;
		const modern = section.get(twin.key);
		if (unsettled(model, legacy) || unsettled(model, modern)) continue;
		const legacyValue = twin.parse(settled(model, legacy));
		if (legacyValue === undefined || legacyValue === 0) continue;
		const modernValue = modern === undefined ? 0 : twin.parse(settled(model, modern));
		if (modernValue === undefined || modernValue === legacyValue) continue;
		const where = `deploy.resources.${twin.section}.${twin.key}`;
		const says =
			modern === undefined ? `\`${where}\` is not set beside it` : `\`${where}\` says ${twin.show(modernValue)}`;
		problems.push({
			range: legacy.keyRange ?? legacy.range,
			message: `\`${twin.legacy}: ${twin.show(legacyValue)}\` disagrees with \`${twin.section}\`: ${says}; docker compose refuses distinct values (set it in \`${where}\` only)`,
		});
	}
	return problems;
}

interface Twin {
	legacy: string;
	section: 'limits' | 'reservations';
	key: string;
	/** The value as compose-go compares it; undefined when it does not parse (compose/resource-limits reports that). */
	parse: (text: string | undefined) => number | undefined;
	show: (value: number) => string;
}

/** Go keeps CPUs as float32 on both sides: compared at that precision. */
const cpus = (text: string | undefined): number | undefined => {
	const value = parseCpus(text);
	return value === undefined ? undefined : Math.fround(value);
};
const memory = (text: string | undefined): number | undefined => parseMemory(text);
const pids = (text: string | undefined): number | undefined => integerOf(text?.trim());

const TWINS: readonly Twin[] = [
	{
		legacy: 'cpus',
		section: 'limits',
		key: 'cpus',
		parse: cpus,
		show: (value) => String(Number(value.toPrecision(7))),
	},
	{ legacy: 'mem_limit', section: 'limits', key: 'memory', parse: memory, show: formatMemory },
	{ legacy: 'mem_reservation', section: 'reservations', key: 'memory', parse: memory, show: formatMemory },
	{ legacy: 'pids_limit', section: 'limits', key: 'pids', parse: pids, show: String },
];
