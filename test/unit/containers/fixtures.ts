// Hand-written container lists as the engine layer returns them, for the presentation specs.
import type { ContainerDetails, ContainerSummary } from '../../../client/src/containers/engine/types';

export const NOW = new Date('2026-11-26T10:00:00Z');

export function container(overrides: Partial<ContainerSummary> & { name: string }): ContainerSummary {
	return {
		id: `${overrides.name.replace(/[^a-f0-9]/g, 'a').padEnd(12, '0')}${'0'.repeat(52)}`,
		image: 'shipshape-test/busybox:1',
		imageId: `sha256:${'1'.repeat(64)}`,
		state: 'running',
		status: 'Up 3 minutes',
		createdAt: new Date('2026-11-26T09:50:00Z'),
		startedAt: new Date('2026-11-26T09:57:00Z'),
		ports: [],
		labels: {},
		...overrides,
	};
}

export function composeContainer(
	project: string,
	service: string,
	number: number,
	overrides: Partial<ContainerSummary> = {},
): ContainerSummary {
	return container({
		name: `${project}_${service}_${number}`,
		compose: {
			project,
			service,
			number,
			workingDir: `/work/${project}`,
			configFiles: [`/work/${project}/docker-compose.yml`],
		},
		...overrides,
	});
}

export function details(summary: ContainerSummary, overrides: Partial<ContainerDetails> = {}): ContainerDetails {
	return { ...summary, limits: {}, oomKilled: false, tty: false, raw: {}, ...overrides };
}
