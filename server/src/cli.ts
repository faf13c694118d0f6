import { lintWorkItem, main, type CliIo, type WorkItem, type WorkResult } from './cli/main';
import { NodeHost } from './node/node-host';
import { isLintWorker, serveWorker } from './cli/parallel';

const nodeIo: CliIo = {
	cwd: process.cwd(),
	stdout: process.stdout,
	stderr: process.stderr,
	// Lazy: touching process.stdin when it is not used could keep a terminal's stdin open.
	stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
	env: process.env,
	now: new Date(),
	interactive: () => process.stdin.isTTY === true && process.stdout.isTTY === true,
};

// The same file runs as `shipshape` and as each of its lint workers (see cli/parallel.ts).
if (isLintWorker()) {
	// Every item of a run carries the same roots: the first one decides the worker's host.
	let host: NodeHost | undefined;
	serveWorker<WorkItem, WorkResult>((item) => lintWorkItem(item, (host ??= new NodeHost(item.roots))));
} else {
	main(process.argv.slice(2), nodeIo).then(exitWhenWritten, (error: unknown) => {
		process.stderr.write(
			`shipshape: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		exitWhenWritten(2);
	});
}

/**
 * Ends the run once stdout and stderr have handed everything to the system. Left to end by itself, Node would first
 * wait for V8's background compiles and then free the heap page by page: 18–30 ms after the report of a 358-file run
 * (docs/benchmarks.md, "Figures behind the code"). A pipe's writes are asynchronous on POSIX, so `process.exit` comes
 * only from the callback of a last, empty write on each stream: those run after everything written before them.
 */
function exitWhenWritten(code: number): void {
	process.exitCode = code;
	let pending = 2;
	const written = (): void => {
		pending -= 1;
		if (pending === 0) {
			process.exit(code);
		}
	};
	process.stdout.write('', written);
	process.stderr.write('', written);
}
