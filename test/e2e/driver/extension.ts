// The untrusted-workspace driver. VS Code trusts the workspace of every extension test run (extensionTestsPath), so
// the untrusted suite cannot run as one. test/e2e/run.mjs bundles this file next to package.json into the extensions
// folder of a code-server started with workspace trust on; at startup it loads the bundled suite entry
// (SHIPSHAPE_E2E_TESTS_INDEX), runs it, and writes the exit code to SHIPSHAPE_E2E_OUTCOME for the runner.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export function activate(): void {
	const index = process.env.SHIPSHAPE_E2E_TESTS_INDEX;
	const outcome = process.env.SHIPSHAPE_E2E_OUTCOME;
	if (index === undefined || outcome === undefined) return;
	// Loaded at run time from dist-test/, where Mocha resolves from the repository's node_modules.
	const load = createRequire(__filename);
	void Promise.resolve()
		.then(() => (load(index) as { run(): Promise<void> }).run())
		.then(
			() => 0,
			(error: unknown) => {
				console.error(`[e2e driver] ${error instanceof Error ? error.stack : String(error)}`);
				return 1;
			},
		)
		.then((code) => writeFileSync(outcome, String(code)));
}

export function deactivate(): void {}
