// The watcher's own rules with a scripted source (no engine): batching, one report per transition, backoff, and
// nothing at all while paused. The same rules run against the real dockerd in engine.test.ts and faults.test.ts.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { EngineError, type EngineEvent, type EngineStateChange } from '../../client/src/containers/engine';
import { EventWatcher, type WatchSource } from '../../client/src/containers/engine/watcher';
import { delay, waitFor } from './harness';

class ScriptedSource implements WatchSource {
	readonly host = 'unix:///fake.sock';
	up = true;
	opens = 0;
	pings = 0;
	stream: PassThrough | undefined;

	async ping(): Promise<void> {
		this.pings++;
		if (!this.up) throw new EngineError(`Docker engine not reachable at ${this.host} (ECONNREFUSED)`, 'unreachable');
	}

	async openEvents(): Promise<NodeJS.ReadableStream> {
		this.opens++;
		if (!this.up) throw new EngineError(`Docker engine not reachable at ${this.host} (ECONNREFUSED)`, 'unreachable');
		this.stream = new PassThrough();
		return this.stream;
	}

	emit(action: string, id: string): void {
		this.stream?.write(
			`${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: { name: id } }, time: 1 })}\n`,
		);
	}
}

function record() {
	const batches: EngineEvent[][] = [];
	const states: EngineStateChange[] = [];
	return {
		batches,
		states,
		onChange: (events: EngineEvent[]) => batches.push(events),
		onState: (change: EngineStateChange) => states.push(change),
	};
}

describe('event watcher', () => {
	it('batches a burst of events into one onChange after the debounce window', async () => {
		const source = new ScriptedSource();
		const seen = record();
		const watcher = new EventWatcher(source, seen.onChange, seen.onState, { debounceMs: 100 });
		try {
			await waitFor('connected', () => seen.batches.length === 1);
			assert.deepEqual(seen.batches[0], []);
			source.emit('start', 'a1');
			source.emit('exec_start: sh', 'a1');
			source.emit('die', 'b2');
			await delay(50);
			assert.equal(seen.batches.length, 1, 'nothing before the window closes');
			await waitFor('the batch', () => seen.batches.length === 2, 1000);
			assert.deepEqual(
				seen.batches[1]?.map((event) => `${event.kind}:${event.containerId}`),
				['start:a1', 'die:b2'],
			);
		} finally {
			watcher.dispose();
		}
	});

	it('flushes a steady flow of events after two windows at most', async () => {
		const source = new ScriptedSource();
		const seen = record();
		const watcher = new EventWatcher(source, seen.onChange, seen.onState, { debounceMs: 100 });
		try {
			await waitFor('connected', () => seen.batches.length === 1);
			const startedAt = Date.now();
			const timer = setInterval(() => source.emit('update', 'c3'), 30);
			await waitFor('a batch despite the flow', () => seen.batches.length === 2, 1000, 5);
			clearInterval(timer);
			const elapsed = Date.now() - startedAt;
			assert.ok(elapsed < 300, `flushed after ${elapsed} ms`);
		} finally {
			watcher.dispose();
		}
	});

	it('reports unreachable once across retries and reachable once on recovery', async () => {
		const source = new ScriptedSource();
		const seen = record();
		const watcher = new EventWatcher(source, seen.onChange, seen.onState, { initialBackoffMs: 20, maxBackoffMs: 40 });
		try {
			await waitFor('connected', () => seen.states.length === 1);
			source.up = false;
			source.stream?.end();
			await waitFor('several failed attempts', () => source.opens >= 5, 2000);
			assert.deepEqual(
				seen.states.map((change) => change.state),
				['reachable', 'unreachable'],
			);
			assert.equal(seen.states[1]?.message, 'Docker engine not reachable at unix:///fake.sock (ECONNREFUSED)');
			const reloads = seen.batches.length;
			source.up = true;
			await waitFor('recovered', () => seen.states.length === 3, 1000);
			assert.equal(seen.states[2]?.state, 'reachable');
			await waitFor('a reload after recovery', () => seen.batches.length > reloads, 1000);
		} finally {
			watcher.dispose();
		}
	});

	it('does nothing while paused and reconnects on resume', async () => {
		const source = new ScriptedSource();
		const seen = record();
		const watcher = new EventWatcher(source, seen.onChange, seen.onState, { initialBackoffMs: 20 });
		try {
			await waitFor('connected', () => source.opens === 1 && seen.batches.length === 1);
			watcher.pause();
			assert.equal(source.stream?.destroyed, true, 'the stream is closed');
			source.up = false;
			await delay(200);
			assert.deepEqual([source.opens, source.pings], [1, 0], 'no request while paused');
			source.up = true;
			watcher.resume();
			await waitFor('reconnected', () => source.opens === 2 && seen.batches.length === 2, 1000);
			assert.deepEqual(
				seen.states.map((change) => change.state),
				['reachable'],
			);
		} finally {
			watcher.dispose();
		}
	});
});
