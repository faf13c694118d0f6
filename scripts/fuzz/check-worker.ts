import { workerData, type MessagePort } from 'node:worker_threads';
import type { DocumentKind } from '../../server/src/core/types';
import { checkDocument, describeError, type CheckOptions, type Failure } from './invariants';

/** The worker side of watchdog.ts: checks each document it is sent and signals the waiting runner. */
const { port, done } = workerData as { port: MessagePort; done: Int32Array };

port.on('message', (request: { id: number; kind: DocumentKind; text: string; options: CheckOptions }) => {
	const stats = { fixes: 0, disables: 0 };
	let failures: Failure[];
	try {
		failures = checkDocument(request.kind, request.text, { ...request.options, stats });
	} catch (error) {
		failures = [{ invariant: 'throws', detail: `the checker threw: ${describeError(error)}` }];
	}
	port.postMessage({ id: request.id, failures, stats });
	Atomics.store(done, 0, 1);
	Atomics.notify(done, 0);
});
