import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupContainers } from '../../../client/src/containers/presentation/grouping';
import {
	containerItem,
	containerTooltip,
	cpuLimit,
	projectItem,
	serviceItem,
	unreachableItem,
} from '../../../client/src/containers/presentation/items';
import { composeContainer, container, details, NOW } from './fixtures';

describe('containers: item text', () => {
	it('describes a running container with image, uptime, health and ports', () => {
		const web = container({
			name: 'web',
			image: 'nginx:1.27',
			health: 'healthy',
			ports: [{ ip: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
		});
		assert.equal(containerItem(web, NOW).description, 'nginx:1.27 · Up 3 min · healthy · 8080→80/tcp');
		assert.equal(
			containerItem({ ...web, health: 'starting', ports: [] }, NOW).description,
			'nginx:1.27 · Up 3 min · health: starting',
		);
	});

	it('uses the engine text for stopped containers and no health', () => {
		const stopped = container({
			name: 'old',
			state: 'exited',
			status: 'Exited (137) 2 hours ago',
			health: 'unhealthy',
			startedAt: undefined,
		});
		assert.equal(containerItem(stopped, NOW).description, 'shipshape-test/busybox:1 · Exited (137) 2 hours ago');
		assert.equal(
			containerItem({ ...stopped, state: 'created', status: '' }, NOW).description,
			'shipshape-test/busybox:1 · Created',
		);
		assert.equal(containerItem({ ...stopped, state: 'paused' }, NOW).description, 'shipshape-test/busybox:1 · Paused');
	});

	it('gives each health state and stopped containers their own icon', () => {
		const icons = [
			containerItem(container({ name: 'a', health: 'healthy' }), NOW).icon,
			containerItem(container({ name: 'b', health: 'unhealthy' }), NOW).icon,
			containerItem(container({ name: 'c', health: 'starting' }), NOW).icon,
			containerItem(container({ name: 'd' }), NOW).icon,
			containerItem(container({ name: 'e', state: 'exited' }), NOW).icon,
		];
		assert.deepEqual(
			icons.map((icon) => icon.id),
			['pass-filled', 'error', 'loading~spin', 'circle-filled', 'circle-outline'],
		);
		assert.deepEqual(
			icons.slice(0, 3).map((icon) => icon.color),
			['charts.green', 'charts.red', 'charts.yellow'],
		);
		assert.equal(icons[4].color, undefined);
	});

	it('sets the context values the package.json menus match', () => {
		assert.equal(containerItem(container({ name: 'a' }), NOW).contextValue, 'container.running');
		assert.equal(containerItem(container({ name: 'a', state: 'paused' }), NOW).contextValue, 'container.running');
		assert.equal(containerItem(container({ name: 'a', state: 'exited' }), NOW).contextValue, 'container.stopped');
		assert.equal(containerItem(composeContainer('p', 'web', 1), NOW).contextValue, 'container.running.compose');
		assert.equal(
			containerItem(composeContainer('p', 'web', 1, { state: 'dead' }), NOW).contextValue,
			'container.stopped.compose',
		);
		const [project] = groupContainers([composeContainer('p', 'web', 1)]).projects;
		assert.equal(projectItem(project).contextValue, 'project');
		assert.equal(serviceItem(project.services[0]).contextValue, 'service');
		assert.equal(unreachableItem('unix:///tmp/d.sock').contextValue, 'unreachable');
	});

	it('summarises projects and services, flagging an unhealthy replica', () => {
		const [project] = groupContainers([
			composeContainer('shop', 'web', 1, { health: 'healthy' }),
			composeContainer('shop', 'web', 2, { health: 'unhealthy' }),
			composeContainer('shop', 'db', 1, { state: 'exited' }),
		]).projects;
		assert.equal(projectItem(project).description, '2 services · 2/3 running');
		const [db, web] = project.services;
		assert.equal(serviceItem(web).description, '2/2 running · unhealthy');
		assert.equal(serviceItem(web).icon.id, 'error');
		assert.equal(serviceItem(db).description, '0/1 running');
	});

	it('names the host in the unreachable row', () => {
		assert.equal(
			unreachableItem('unix:///var/run/docker.sock').label,
			'Docker engine not reachable at unix:///var/run/docker.sock — Retry',
		);
	});

	it('reads CPU limits from NanoCpus or quota/period, and memory limits', () => {
		assert.equal(cpuLimit({ nanoCpus: 500_000_000 }), 0.5);
		assert.equal(cpuLimit({ cpuQuota: 150_000, cpuPeriod: 100_000 }), 1.5);
		assert.equal(cpuLimit({ cpuQuota: 50_000 }), 0.5);
		assert.equal(cpuLimit({}), undefined);
		const limitsLine = (limits: Parameters<typeof cpuLimit>[0]) =>
			containerTooltip(web(), details(web(), { limits }), NOW)
				.split('\n')
				.find((line) => line.startsWith('Limits: '));
		assert.equal(limitsLine({ memoryBytes: 512 * 1024 ** 2, nanoCpus: 1e9 }), 'Limits: memory 512 MiB · 1 CPU  ');
		assert.equal(limitsLine({}), 'Limits: memory unlimited · CPU unlimited  ');
	});

	it('puts limits and the last health-check output in the tooltip', () => {
		const web = composeContainer('shop', 'web', 1, { health: 'unhealthy' });
		const tooltip = containerTooltip(
			web,
			details(web, {
				limits: { memoryBytes: 256 * 1024 ** 2 },
				lastHealthOutput: "wget: can't connect to remote host: Connection refused",
			}),
			NOW,
		);
		const lines = tooltip.split('\n');
		assert.equal(lines[0], '**shop\\_web\\_1** — running (unhealthy)');
		assert.ok(lines.includes('Limits: memory 256 MiB · CPU unlimited  '));
		assert.ok(lines.includes('Compose: project `shop`, service `web`, replica 1  '));
		const fence = lines.indexOf('```text');
		assert.equal(lines[fence - 1], 'Last health check:');
		assert.equal(lines[fence + 1], "wget: can't connect to remote host: Connection refused");
		assert.equal(lines[fence + 2], '```');
	});

	it('keeps the tooltip to what the list knows before inspect, and flags an OOM kill after', () => {
		const web = container({ name: 'web' });
		assert.ok(!containerTooltip(web, undefined, NOW).includes('Limits'));
		assert.ok(
			containerTooltip(web, details(web, { oomKilled: true }), NOW).includes(
				'**Killed for running out of memory** (OOMKilled)',
			),
		);
	});

	it('escapes engine text so it renders literally', () => {
		const lines = (overrides: { name: string; image?: string }) =>
			containerTooltip(container(overrides), undefined, NOW).split('\n');
		assert.equal(lines({ name: 'a_b*[c](d)' })[0], '**a\\_b\\*\\[c\\]\\(d\\)** — running');
		assert.ok(lines({ name: 'a', image: 'plain' }).includes('Image: `plain`  '));
		assert.ok(lines({ name: 'a', image: 'a`b' }).includes('Image: ``a`b``  '));
		assert.ok(lines({ name: 'a', image: '`x' }).includes('Image: `` `x ``  '));
		const output = 'echo ```\ndone';
		const tooltip = containerTooltip(web(), details(web(), { lastHealthOutput: output }), NOW);
		assert.ok(tooltip.includes('````text\necho ```\ndone\n````'));
	});
});

function web() {
	return container({ name: 'web' });
}
