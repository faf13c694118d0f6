import { main, type CliIo } from './cli/main';

const nodeIo: CliIo = {
	cwd: process.cwd(),
	stdout: process.stdout,
	stderr: process.stderr,
	// Lazy: touching process.stdin when it is not used could keep a terminal's stdin open.
	stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
	env: process.env,
	now: new Date(),
};

main(process.argv.slice(2), nodeIo).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`shipshape: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exitCode = 2;
	},
);
