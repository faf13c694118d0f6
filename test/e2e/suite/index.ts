// The extension host's test entry (extensionTestsPath): runs the Mocha (TDD) files (*.e2e.js) of one suite folder
// next to this bundle, chosen by env SHIPSHAPE_E2E_SUITE (trusted, the default; untrusted; containers). The runner sets it on the
// code-server process, whose environment the extension host inherits.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
	const suiteName = process.env.SHIPSHAPE_E2E_SUITE || 'trusted';
	const dir = join(__dirname, suiteName);
	const files = readdirSync(dir)
		.filter((name) => name.endsWith('.e2e.js'))
		.sort();
	if (files.length === 0) throw new Error(`no *.e2e.js in ${dir}`);
	mirrorReporterOutput(process.env.SHIPSHAPE_E2E_LOG);
	const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000 });
	for (const file of files) mocha.addFile(join(dir, file));
	const failures = await new Promise<number>((resolve) => mocha.run(resolve));
	if (failures > 0) throw new Error(`${failures} end-to-end test(s) failed`);
}

/** The reporter also writes to the runner's log file: code-server's extension host output never reaches the browser. */
function mirrorReporterOutput(logFile: string | undefined): void {
	if (logFile === undefined || logFile === '') return;
	const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
	const original = base.consoleLog;
	base.consoleLog = (...args: unknown[]) => {
		appendFileSync(logFile, `${format(...args)}\n`);
		original(...args);
	};
}
