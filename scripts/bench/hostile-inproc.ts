// Every hostile shape at 64 KB linted in this one process, measured as the fuzzer's `slow` invariant measures it
// (scripts/fuzz/invariants.ts): the fastest of three lints less the fastest of three bare parses by the library.
// That difference is Shipshape's own work, which the 100 ms goal at 64 KB is about; the whole process adds Node's
// start, the bundle's load and a cold JIT (hostile-suite.ts measures those too). The fuzzer's process is warm when
// it times a case (it has linted the corpus and thousands of cases before), and so is the server's after its first
// keystrokes in a file: every shape is linted WARMUPS times before any is measured. Prints one JSON line per shape.
// Usage: node --import tsx scripts/bench/hostile-inproc.ts <size in bytes>
import type { Finding } from '../../server/src/core/types';
import { NodeHost } from '../../server/src/node/node-host';
import { lintTime, makeLint, parserTime } from '../fuzz/invariants';
import { inShapeFolder } from './hostile-folder';
import { HOSTILE_SHAPES, type HostileFile, type HostileShape } from '../hostile/shapes';

export interface InProcessRun {
	shape: string;
	/** The fastest of three lints, and of three bare parses of the same text, in ms. */
	lintMs: number;
	parserMs: number;
}

const size = Number(process.argv[2]);
if (!Number.isInteger(size) || size <= 0) throw new Error('usage: hostile-inproc.ts <size in bytes>');
const now = new Date('2026-11-26T00:00:00Z');

/** A shape's files in a folder of their own, and its lint (a host per lint, as the CLI has per run). */
function withShape(shape: HostileShape, use: (file: HostileFile, lint: (text: string) => Finding[]) => void): void {
	inShapeFolder(shape, size, (file, _folder, path) =>
		use(file, (text) => makeLint(file.kind, { now, path, host: new NodeHost() })(text)),
	);
}

/** Lints of each shape before any is measured: V8 optimizes a function after it has run a while, not at once. */
const WARMUPS = 3;

for (const shape of HOSTILE_SHAPES) {
	withShape(shape, (file, lint) => {
		for (let run = 0; run < WARMUPS; run++) lint(file.text);
	});
}
for (const shape of HOSTILE_SHAPES) {
	withShape(shape, (file, lint) => {
		const run: InProcessRun = {
			shape: shape.name,
			lintMs: lintTime(lint, file.text, 0),
			parserMs: parserTime(file.kind, file.text),
		};
		process.stdout.write(`${JSON.stringify(run)}\n`);
	});
}
