// Runs the containers suite against a real Docker Engine: starts test/docker/harness.ts's demo engine (a private
// dockerd with compose project `shop` and a standalone container), runs test/e2e/run.mjs with
// SHIPSHAPE_E2E_DOCKER_HOST and SHIPSHAPE_E2E_DEMO_COMPOSE set, and removes the engine afterwards, also on failure.
// Usage (as root): node --import tsx test/e2e/with-demo-engine.ts [run.mjs options; default --suite containers]
// Where dockerd cannot run: a loud SKIP (exit 0), or exit 1 when CI=true.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { dockerdUnavailable, startDemoEngine } from '../docker/harness';

async function main(): Promise<number> {
	const reason = dockerdUnavailable();
	if (reason !== undefined) {
		if (process.env.CI === 'true') {
			console.error(`e2e containers: cannot run dockerd (${reason}); CI=true, so this is a failure`);
			return 1;
		}
		console.warn(`\n*** e2e containers: SKIPPED: ${reason} ***\n`);
		return 0;
	}
	const started = performance.now();
	const demo = await startDemoEngine();
	console.log(`e2e containers: demo engine at ${demo.dockerd.host} in ${Math.round(performance.now() - started)} ms`);
	try {
		const args = process.argv.slice(2);
		const runner = spawn(
			process.execPath,
			[join(__dirname, 'run.mjs'), ...(args.length === 0 ? ['--suite', 'containers'] : args)],
			{
				stdio: 'inherit',
				env: {
					// Its own results file: the activation time of `npm run test:e2e`'s runs stays what the bench reads.
					SHIPSHAPE_E2E_RESULTS: join(__dirname, '..', '..', 'dist-test', 'e2e-containers-results.json'),
					...process.env,
					SHIPSHAPE_E2E_DOCKER_HOST: demo.dockerd.host,
					SHIPSHAPE_E2E_DEMO_COMPOSE: demo.composeFile,
				},
			},
		);
		return await new Promise<number>((resolve) => runner.once('exit', (code) => resolve(code ?? 1)));
	} finally {
		await demo.dispose();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
