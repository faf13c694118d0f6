import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { DocumentKind } from '../../server/src/core/types';
import type { CheckOptions, Failure } from './invariants';

/**
 * Runs checkDocument in a worker thread and waits for it synchronously, at most `timeoutMs`: a
 * hostile input whose lint never ends (an exponential pattern) becomes a `hang` failure instead of
 * a fuzz run that never ends. The worker is replaced after a hang. Synchronous, so the runner and
 * fast-check stay synchronous: the main thread blocks in Atomics.wait while the worker answers on
 * a MessageChannel, read with receiveMessageOnPort.
 */
export class Watchdog {
	private worker: Worker | undefined;
	private port: MessagePort | undefined;
	/**
	 * The flag the worker raises when it has answered: one per worker, so that a worker ended after a
	 * hang, which may still finish its check before it stops, cannot wake the next check early (that
	 * read an empty port: "the check worker answered nothing").
	 */
	private done = new Int32Array(new SharedArrayBuffer(4));

	private requests = 0;

	constructor(private readonly timeoutMs: number) {}

	check(kind: DocumentKind, text: string, options: CheckOptions): Failure[] {
		const port = this.start();
		Atomics.store(this.done, 0, 0);
		// Rules and hosts are functions, which cannot cross to the worker: the fuzzer passes neither.
		if (options.rules !== undefined || options.composeRules !== undefined || options.host !== undefined) {
			throw new Error("the watchdog checks with the catalogue's rules and no host");
		}
		const { stats, ...plain } = options;
		const id = ++this.requests;
		port.postMessage({ id, kind, text, options: plain });
		if (Atomics.wait(this.done, 0, 0, this.timeoutMs) === 'timed-out' && Atomics.load(this.done, 0) === 0) {
			this.stop();
			return [
				{
					invariant: 'hang',
					detail: `checking the document did not end within ${(this.timeoutMs / 1000).toFixed(0)} s (${(text.length / 1024).toFixed(1)} KB)`,
				},
			];
		}
		const reply = receiveReply(port, id);
		if (reply === undefined) return [{ invariant: 'throws', detail: 'the check worker answered nothing' }];
		if (stats !== undefined && reply.stats !== undefined) {
			stats.fixes += reply.stats.fixes;
			stats.disables += reply.stats.disables;
		}
		return reply.failures;
	}

	/** Ends the worker (call once the run is over, or the process waits for it). */
	stop(): void {
		void this.worker?.terminate();
		this.port?.close();
		this.worker = undefined;
		this.port = undefined;
	}

	private start(): MessagePort {
		if (this.worker !== undefined && this.port !== undefined) return this.port;
		const { port1, port2 } = new MessageChannel();
		this.done = new Int32Array(new SharedArrayBuffer(4));
		// check-worker.mjs registers tsx in the worker, then loads check-worker.ts.
		this.worker = new Worker(new URL('./check-worker.mjs', import.meta.url), {
			workerData: { port: port2, done: this.done },
			transferList: [port2],
		});
		this.worker.unref();
		this.port = port1;
		return port1;
	}
}

type Reply = { id: number; failures: Failure[]; stats?: { fixes: number; disables: number } };

/**
 * The worker's answer to request `id`, once its flag is raised: a reply to an earlier request (late,
 * after that one was given up) is dropped, and the message itself may take a moment to be readable.
 * Without the ids the 100,000-case run once paired a document with the previous one's failures.
 */
function receiveReply(port: MessagePort, id: number): Reply | undefined {
	const pause = new Int32Array(new SharedArrayBuffer(4));
	for (let attempt = 0; attempt < 100; attempt++) {
		const reply = receiveMessageOnPort(port)?.message as Reply | undefined;
		if (reply?.id === id) return reply;
		if (reply === undefined) Atomics.wait(pause, 0, 0, 10);
	}
	return undefined;
}
