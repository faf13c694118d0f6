// `shipshape init`'s output built and run for real: a static site's generated Dockerfile, on the harness's dockerd,
// from the locally imported BusyBox image (no registry here), run with --network none until its HEALTHCHECK says
// healthy. The only change to the generated file is the final stage's image (GenerateOptions.runtimeImage).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { defaultAnswers, detectProject, generateFiles, IMAGES } from '../../server/src/core/scaffold/index';
import { folderReader } from '../../server/src/node/project-reader';
import { describeWithDockerd, startDockerd, TEST_IMAGE, waitFor, type Dockerd } from './harness';

const SITE_IMAGE = 'shipshape-test/scaffold-site:1';
const PAGE = '<!doctype html>\n<title>shipshape</title>\n<p>built from a generated Dockerfile</p>\n';

describeWithDockerd('scaffold: the generated static-site image builds, runs and turns healthy', () => {
	let dockerd: Dockerd;
	let project: string;

	before(async () => {
		dockerd = await startDockerd();
		await dockerd.importTestImage();
		project = mkdtempSync(join(tmpdir(), 'shipshape-scaffold-'));
		mkdirSync(join(project, 'public'));
		writeFileSync(join(project, 'public', 'index.html'), PAGE);
		writeFileSync(join(project, 'README.md'), 'not part of the site\n');
	});

	after(async () => {
		await dockerd?.dispose();
		if (project !== undefined) rmSync(project, { recursive: true, force: true });
	});

	it('builds with the classic builder and --network none, and the HEALTHCHECK passes', async () => {
		const detection = detectProject(folderReader(project, [project]));
		assert.equal(detection?.kind, 'static');
		const answers = defaultAnswers(detection);
		assert.deepEqual(
			{ port: answers.port, entry: answers.entry, path: answers.healthPath },
			{ port: 8080, entry: 'public', path: '/' },
		);
		const local = generateFiles(detection, answers, { runtimeImage: TEST_IMAGE });
		const published = generateFiles(detection, answers);
		assert.equal(
			local[0].content,
			published[0].content.replace(`FROM ${IMAGES.busybox} AS runtime`, `FROM ${TEST_IMAGE} AS runtime`),
		);
		for (const file of local) writeFileSync(join(project, file.name), file.content);

		// The classic builder: BuildKit would fetch the `# syntax=` frontend from a registry.
		process.env.DOCKER_BUILDKIT = '0';
		await dockerd.cli(['build', '--network', 'none', '-t', SITE_IMAGE, project], { timeoutMs: 120_000 });
		// As compose runs it (init: true), on no network. Only the probe's timing is shortened: the image's own
		// 30 s interval would make the test wait half a minute; the command is the generated one.
		const id = (
			await dockerd.cli([
				'run',
				'-d',
				'--init',
				'--network',
				'none',
				'--health-interval',
				'1s',
				'--name',
				'scaffold-site',
				SITE_IMAGE,
			])
		).stdout.trim();
		const health = async () =>
			(await dockerd.cli(['inspect', '--format', '{{.State.Health.Status}}', id])).stdout.trim();
		await waitFor('the container to turn healthy', async () => (await health()) === 'healthy', 60_000, 250);

		const inspected = JSON.parse((await dockerd.cli(['inspect', id])).stdout)[0];
		assert.deepEqual(inspected.Config.Healthcheck.Test, ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:8080/']);
		assert.equal(inspected.Config.User, '65534:65534');
		assert.equal((await dockerd.cli(['exec', id, 'id', '-u'])).stdout.trim(), '65534');
		assert.equal((await dockerd.cli(['exec', id, 'wget', '-q', '-O', '-', 'http://127.0.0.1:8080/'])).stdout, PAGE);
		// .dockerignore and the COPY of public/ kept everything else out of the image.
		const listing = (await dockerd.cli(['exec', id, 'ls', '-a', '/srv/www'])).stdout.split('\n').filter(Boolean);
		assert.deepEqual(listing.sort(), ['.', '..', 'index.html']);
	});
});
