import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiskUsage, NetworkInfo } from '../../../client/src/containers/engine/types';
import { ResourceStore } from '../../../client/src/containers/state/resource-store';
import { FakeEngine, settle } from './fake-engine';

/** A FakeEngine whose /system/df answers wait until the test releases them. */
class HeldEngine extends FakeEngine {
	private readonly held: ((usage: DiskUsage) => void)[] = [];
	override diskUsage(): Promise<DiskUsage> {
		this.calls.push('df');
		return new Promise((resolve) => this.held.push(resolve));
	}
	release(usage: DiskUsage): void {
		this.held.shift()?.(usage);
	}
	get waiting(): number {
		return this.held.length;
	}
}

const volume = (name: string) => ({ name, driver: 'local', labels: {}, anonymous: false });
const network: NetworkInfo = {
	id: 'n1',
	name: 'none',
	driver: 'null',
	scope: 'local',
	internal: false,
	labels: {},
	builtin: true,
	unused: false,
};

describe('containers: images, volumes and networks store', () => {
	it('reads nothing until a view asks, then images and volumes with one /system/df', async () => {
		const engine = new HeldEngine();
		const store = new ResourceStore(() => engine);
		assert.deepEqual(engine.calls, []);
		assert.equal(store.imagesState().state, 'loading');
		assert.equal(store.volumesState().state, 'loading');
		assert.deepEqual(engine.calls, ['df']);
		engine.release({ images: [], volumes: [volume('data')] });
		await settle();
		assert.deepEqual(store.volumesState(), { state: 'loaded', items: [volume('data')] });
		assert.deepEqual(store.imagesState(), { state: 'loaded', items: [] });
		assert.deepEqual(engine.calls, ['df'], 'asking again reads nothing more');
	});

	it('runs one load at a time: reloads asked for meanwhile become one more load after it', async () => {
		const engine = new HeldEngine();
		const store = new ResourceStore(() => engine);
		store.volumesState();
		void store.reload(['volume']);
		void store.reload(['image', 'volume']);
		assert.equal(engine.waiting, 1);
		engine.release({ images: [], volumes: [volume('old')] });
		await settle();
		assert.equal(engine.waiting, 1, 'one more load for the reloads asked meanwhile');
		engine.release({ images: [], volumes: [volume('new')] });
		await settle();
		assert.equal(engine.waiting, 0);
		assert.deepEqual(store.volumesState(), { state: 'loaded', items: [volume('new')] });
	});

	it('drops an answer from the engine used before a switch, and shows a failure as a message', async () => {
		const engine = new HeldEngine();
		const store = new ResourceStore(() => engine);
		let changes = 0;
		store.onDidChange(() => changes++);
		store.volumesState();
		store.clear();
		engine.release({ images: [], volumes: [volume('stale')] });
		await settle();
		assert.equal(store.volumesState().state, 'loading', 'the stale answer is dropped and a new load runs');
		engine.release({ images: [], volumes: [] });
		await settle();
		assert.deepEqual(store.volumesState(), { state: 'loaded', items: [] });
		assert.ok(changes >= 2);

		const failing = new FakeEngine();
		failing.listNetworks = async () => {
			throw new Error('Docker engine not reachable at unix:///x (ECONNREFUSED)');
		};
		const other = new ResourceStore(() => failing);
		other.networksState();
		await settle();
		assert.deepEqual(other.networksState(), {
			state: 'failed',
			message: 'Docker engine not reachable at unix:///x (ECONNREFUSED)',
		});
		const none = new ResourceStore(() => undefined);
		none.imagesState();
		assert.deepEqual(none.imagesState(), { state: 'failed', message: 'No Docker engine is configured.' });
	});

	it('reads networks on their own', async () => {
		const engine = new FakeEngine();
		engine.networks = [network];
		const store = new ResourceStore(() => engine);
		store.networksState();
		await settle();
		assert.deepEqual(store.networksState(), { state: 'loaded', items: [network] });
		assert.deepEqual(engine.calls, ['networks']);
	});
});
