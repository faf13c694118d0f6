import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullCollection, IdleMemory, v8Collection, type IdleTimers } from '../../../server/src/lsp/idle-memory';

/** Timers run by hand: `elapse(ms)` fires those due, in order. */
function manualTimers(): IdleTimers & { elapse(ms: number): void; pending(): number } {
	let now = 0;
	let next = 0;
	const timers = new Map<number, { at: number; run: () => void }>();
	return {
		setTimeout(run, ms) {
			const id = next++;
			timers.set(id, { at: now + ms, run });
			return id;
		},
		clearTimeout(timer) {
			timers.delete(timer as number);
		},
		elapse(ms) {
			now += ms;
			for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
				if (timer.at > now) continue;
				timers.delete(id);
				timer.run();
			}
		},
		pending: () => timers.size,
	};
}

describe('lsp: memory given back when the documents stay unchanged', () => {
	it('collects once, a quiet period after the last change, not while changes keep coming', () => {
		const timers = manualTimers();
		let collections = 0;
		const idle = new IdleMemory(() => collections++, 1000, timers);
		idle.changed();
		timers.elapse(600);
		idle.changed();
		timers.elapse(600);
		assert.equal(collections, 0, 'a change 600 ms ago: not quiet yet');
		timers.elapse(400);
		assert.equal(collections, 1);
		timers.elapse(10_000);
		assert.equal(collections, 1, 'no second collection without another change');
		assert.equal(timers.pending(), 0);
		idle.changed();
		timers.elapse(1000);
		assert.equal(collections, 2);
	});

	it('disposing cancels the pending collection', () => {
		const timers = manualTimers();
		let collections = 0;
		const idle = new IdleMemory(() => collections++, 1000, timers);
		idle.changed();
		idle.dispose();
		timers.elapse(2000);
		assert.equal(collections, 0);
	});

	it("gets V8's full collection in a process started without --expose-gc", () => {
		assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'this test needs a plain node');
		const collect = v8Collection();
		assert.equal(typeof collect, 'function');
		collect!();
		// The server's: got at the first call, then the same each time.
		const lazy = fullCollection();
		lazy();
		lazy();
	});
});
