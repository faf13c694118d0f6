// Finds the Compose CLI once: the `docker compose` plugin first (what Docker ships today), else a standalone
// `docker-compose` (v1, or v2 installed on its own). A found tool is kept; a miss is not, so installing one
// works without a reload. No vscode import: the probe runs under plain node in the tests.
import { execFile } from 'node:child_process';
import type { ComposeTool } from './command-line';

export interface ProbeResult {
	/** undefined when the program could not be started (not on PATH). */
	exitCode: number | undefined;
	stdout: string;
}

export type Probe = (argv: readonly string[]) => Promise<ProbeResult>;

export const NO_COMPOSE_MESSAGE =
	'Docker Compose was not found: neither `docker compose` (the Compose plugin of the docker CLI) nor `docker-compose` runs here. Install the Compose plugin (https://docs.docker.com/compose/install/) and try again.';

export class ComposeToolMissing extends Error {
	constructor() {
		super(NO_COMPOSE_MESSAGE);
		this.name = 'ComposeToolMissing';
	}
}

export class ComposeToolFinder {
	private found: Promise<ComposeTool> | undefined;

	constructor(
		private readonly probe: Probe = probeProgram,
		private readonly programs: { docker: string; dockerCompose: string } = {
			docker: 'docker',
			dockerCompose: 'docker-compose',
		},
	) {}

	/** The tool, detected on first use and then kept; rejects with ComposeToolMissing when neither runs. */
	tool(): Promise<ComposeTool> {
		this.found ??= this.detect().catch((error: unknown) => {
			this.found = undefined;
			throw error;
		});
		return this.found;
	}

	private async detect(): Promise<ComposeTool> {
		const plugin = await this.probe([this.programs.docker, 'compose', 'version', '--short']);
		if (plugin.exitCode === 0) {
			return { kind: 'plugin', docker: this.programs.docker, version: firstLine(plugin.stdout) };
		}
		const standalone = await this.probe([this.programs.dockerCompose, 'version', '--short']);
		if (standalone.exitCode === 0) {
			return { kind: 'standalone', path: this.programs.dockerCompose, version: firstLine(standalone.stdout) };
		}
		throw new ComposeToolMissing();
	}
}

function firstLine(text: string): string {
	return text.trim().split('\n')[0]?.trim() ?? '';
}

/** Runs a program directly (no shell) with a timeout; a program that cannot start answers exitCode undefined. */
export function probeProgram(argv: readonly string[]): Promise<ProbeResult> {
	const [program, ...args] = argv;
	return new Promise((resolve) => {
		if (program === undefined) {
			resolve({ exitCode: undefined, stdout: '' });
			return;
		}
		execFile(program, args, { timeout: 10_000, windowsHide: true }, (error, stdout) => {
			if (error === null) resolve({ exitCode: 0, stdout });
			else resolve({ exitCode: typeof error.code === 'number' ? error.code : undefined, stdout });
		});
	});
}
