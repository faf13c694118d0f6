// Entry of the watchdog's worker (watchdog.ts): node 20 does not carry the runner's `--import tsx` into
// a worker, so this plain module registers tsx and then loads the TypeScript side (check-worker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
	await import('./check-worker.ts');
} catch (error) {
	// Answer every request with the reason, so that the runner fails at once instead of timing out.
	const { port, done } = workerData;
	port.on('message', () => {
		port.postMessage({
			failures: [{ invariant: 'throws', detail: `the check worker did not start: ${error?.stack ?? error}` }],
		});
		Atomics.store(done, 0, 1);
		Atomics.notify(done, 0);
	});
}
