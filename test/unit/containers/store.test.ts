import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngineError, type StatsSample } from '../../../client/src/containers/engine/types';
import { ContainerStore } from '../../../client/src/containers/state/store';
import { StatsPoller } from '../../../client/src/containers/state/stats-poller';
import { FakeEngine, settle } from './fake-engine';
import { container } from './fixtures';

describe('containers: store', () => {
	it('makes the engine on first use, not when created', () => {
		let made = 0;
		const store = new ContainerStore(() => {
			made++;
			return new FakeEngine();
		});
		assert.equal(made, 0);
		store.setDemand('view', true);
		assert.equal(store.engine?.host, 'unix:///tmp/fake/docker.sock');
		assert.equal(made, 1);
	});

	it('starts watching on the first demand, pauses when none is left, resumes on the next', () => {
		const engine = new FakeEngine();
		const store = new ContainerStore(() => engine);
		assert.equal(engine.watchers.length, 0, 'no demand, no watcher');
		store.setDemand('view', true);
		store.setDemand('lens', true);
		assert.equal(engine.watchers.length, 1);
		store.setDemand('view', false);
		assert.equal(engine.watchers[0].paused, false, 'the lens still needs it');
		store.setDemand('lens', false);
		assert.equal(engine.watchers[0].paused, true);
		store.setDemand('view', true);
		assert.equal(engine.watchers[0].paused, false);
		assert.equal(engine.watchers.length, 1, 'the same watcher resumes');
	});

	it('lists when the watcher reports a change and tells its listeners', async () => {
		const engine = new FakeEngine();
		engine.containers = [container({ name: 'web' })];
		const store = new ContainerStore(() => engine);
		let changes = 0;
		store.onDidChange(() => changes++);
		store.setDemand('view', true);
		engine.watchers[0].onState({ state: 'reachable' });
		engine.watchers[0].onChange([]);
		await settle();
		assert.deepEqual(
			store.containers.map((each) => each.name),
			['web'],
		);
		assert.equal(store.state.kind, 'reachable');
		assert.equal(store.hasList, true);
		assert.ok(changes >= 2);
	});

	it('runs one more list, not several, for changes that arrive during a list', async () => {
		const engine = new FakeEngine();
		const store = new ContainerStore(() => engine);
		store.setDemand('view', true);
		const watcher = engine.watchers[0];
		watcher.onChange([]);
		watcher.onChange([]);
		watcher.onChange([]);
		watcher.onChange([]);
		await settle();
		assert.deepEqual(engine.calls, ['list', 'list']);
	});

	it("reports unreachable with the engine's message and recovers when the watcher does", async () => {
		const engine = new FakeEngine();
		const store = new ContainerStore(() => engine);
		const log: string[] = [];
		const logged = new ContainerStore(
			() => engine,
			(line) => log.push(line),
		);
		store.setDemand('view', true);
		logged.setDemand('view', true);
		engine.watchers[0].onState({
			state: 'unreachable',
			message: 'Docker engine not reachable at unix:///tmp/fake/docker.sock (ECONNREFUSED)',
		});
		assert.deepEqual(store.state, {
			kind: 'unreachable',
			host: engine.host,
			message: 'Docker engine not reachable at unix:///tmp/fake/docker.sock (ECONNREFUSED)',
		});
		store.retry();
		assert.equal(engine.watchers[0].retries, 1);
		engine.watchers[0].onState({ state: 'reachable' });
		assert.equal(store.state.kind, 'reachable');
		engine.watchers[1].onState({ state: 'unreachable', message: 'gone' });
		engine.watchers[1].onState({ state: 'reachable' });
		assert.deepEqual(log, ['gone', `Docker engine reachable at ${engine.host}`]);
	});

	it('marks the engine unreachable when a list cannot connect, once', async () => {
		const engine = new FakeEngine();
		const log: string[] = [];
		const store = new ContainerStore(
			() => engine,
			(line) => log.push(line),
		);
		engine.listError = new EngineError(
			'Docker engine not reachable at unix:///tmp/fake/docker.sock (ENOENT)',
			'unreachable',
		);
		await store.refresh();
		await store.refresh();
		assert.equal(store.state.kind, 'unreachable');
		store.setDemand('view', true);
		engine.watchers[0].onState({
			state: 'unreachable',
			message: 'Docker engine not reachable at unix:///tmp/fake/docker.sock (ENOENT)',
		});
		assert.deepEqual(
			log,
			['Docker engine not reachable at unix:///tmp/fake/docker.sock (ENOENT)'],
			'the watcher reporting the same transition adds no line',
		);
	});

	it('retries with a single list, not a watcher, while nothing is shown', async () => {
		const engine = new FakeEngine();
		const store = new ContainerStore(() => engine);
		store.retry();
		await settle();
		assert.equal(engine.watchers.length, 0);
		assert.deepEqual(engine.calls, ['list']);
	});

	it('shows why there is no engine when the host setting is unusable', () => {
		const store = new ContainerStore(() => ({
			kind: 'none',
			host: 'ssh://box',
			message: 'unsupported Docker host ssh://box',
		}));
		store.setDemand('view', true);
		assert.deepEqual(store.state, {
			kind: 'unreachable',
			host: 'ssh://box',
			message: 'unsupported Docker host ssh://box',
		});
		assert.equal(store.engine, undefined);
	});

	it('drops the old engine and its answers when the engine changes', async () => {
		const first = new FakeEngine();
		first.containers = [container({ name: 'old' })];
		const store = new ContainerStore(() => first);
		store.setDemand('view', true);
		first.watchers[0].onChange([]);
		await settle();
		const second = new FakeEngine();
		store.setEngineSource(() => second);
		assert.equal(first.watchers[0].disposed, true);
		assert.equal(first.disposed, true);
		assert.deepEqual(store.containers, []);
		assert.equal(second.watchers.length, 1, 'the demand carries over to the new engine');
		first.watchers[0].onChange([]);
		await settle();
		assert.deepEqual(store.containers, [], 'a late answer of the old engine is ignored');
	});

	it('caches inspect until an event names the container, and remembers OOM kills', async () => {
		const engine = new FakeEngine();
		const web = container({ name: 'web' });
		engine.containers = [web];
		const store = new ContainerStore(() => engine);
		store.setDemand('view', true);
		await store.details(web.id);
		await store.details(web.id);
		assert.deepEqual(engine.calls.filter((call) => call.startsWith('inspect')).length, 1);
		engine.watchers[0].onChange([{ kind: 'oom', containerId: web.id, at: new Date(), attributes: {} }]);
		await store.details(web.id);
		assert.equal(engine.calls.filter((call) => call.startsWith('inspect')).length, 2);
		assert.equal(store.wasOomKilled(web.id), true);
		engine.watchers[0].onChange([{ kind: 'destroy', containerId: web.id, at: new Date(), attributes: {} }]);
		assert.equal(store.wasOomKilled(web.id), false);
	});
});

describe('containers: stats poller', () => {
	const sample = (memoryBytes: number): StatsSample => ({
		at: new Date(),
		cpuPercent: 1,
		memoryBytes,
		memoryLimitBytes: 1,
	});

	it('samples wanted containers every interval and stops when nothing is wanted', async () => {
		const engine = new FakeEngine();
		engine.statsFor = (id) => (id === 'b' ? new Error('container b is not running') : sample(5));
		const poller = new StatsPoller(() => engine, { intervalMs: () => 20 });
		const rounds: string[][] = [];
		poller.onRound((ids) => rounds.push([...ids]));
		poller.want('compose.yaml', ['a', 'b']);
		poller.want('panel:a', ['a']);
		await new Promise((resolve) => setTimeout(resolve, 200));
		poller.want('compose.yaml', []);
		poller.want('panel:a', []);
		await settle(); // a round already under way still reports
		const roundsWhenStopped = rounds.length;
		assert.ok(roundsWhenStopped >= 2, `at least two rounds in 200 ms at a 20 ms interval, got ${roundsWhenStopped}`);
		assert.deepEqual(rounds[0], ['a', 'b']);
		assert.equal(poller.history('a')?.latest?.memoryBytes, 5);
		assert.equal(poller.history('b'), undefined);
		assert.equal(poller.lastError('b'), 'container b is not running');
		await new Promise((resolve) => setTimeout(resolve, 100));
		assert.equal(rounds.length, roundsWhenStopped, 'no rounds once nothing is wanted');
		assert.equal(poller.active, false);
		poller.forget(new Set(['b']));
		assert.equal(poller.history('a'), undefined);
		poller.dispose();
	});
});
