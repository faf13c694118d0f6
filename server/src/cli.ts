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
	main(process.argv.slice(2), nodeIo).then(
		(code) => {
			process.exitCode = code;
		},
		(error: unknown) => {
			process.stderr.write(
				`shipshape: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
			);
			process.exitCode = 2;
		},
	);
}
