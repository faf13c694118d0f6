import { parseArgs } from 'node:util';
import { PACKAGE_MANAGERS, PROJECT_KINDS, type PackageManager, type ProjectKind } from '../core/scaffold/types';
import { UsageError } from './args';

export interface InitCommand {
	command: 'init';
	/** As given; undefined means the working directory. */
	folder?: string;
	kind?: ProjectKind;
	manager?: PackageManager;
	port?: string;
	entry?: string;
	healthPath?: string;
	/** `--datastore` values as given (comma lists allowed), checked with the answers. */
	datastores?: string[];
	/** Accept what was detected and the defaults without asking. */
	yes: boolean;
	/** Replace existing files that differ, without asking. */
	force: boolean;
	help: boolean;
}

export const INIT_USAGE = `Usage: shipshape init [folder] [options]

Writes a Dockerfile, compose.yaml and .dockerignore for the project in folder (default: the current
directory): a multi-stage build on a supported minimal base, a non-root user, an init, a health
check the image can run, and a compose file with limits, log rotation, a restart policy, and
datastores on named volumes bound to 127.0.0.1 with their passwords required from the environment.

It detects Node (npm, pnpm, yarn), Python (pip, poetry, uv), Go, Java (Maven, Gradle), .NET, Rust,
Ruby and static sites. On a terminal it asks what it cannot detect and shows each file (or its diff
against the existing one) before writing. It never replaces an existing file without asking; without
a terminal it refuses, naming the files, unless --force.

Options:
  --port N                 the port the app listens on
  --entry VALUE            what runs: the file node runs (dist/index.js), the Python module or
                           .py file, the Go package (./cmd/server), the .csproj, the Rust binary,
                           config.ru or the .rb file, the static site's folder
  --health-path PATH       the path the health check requests (default /health; / for a static site)
  --datastore LIST         postgres, redis, mysql, mongo (repeatable or comma-separated; none)
  --kind KIND              the project kind when it cannot be detected: ${PROJECT_KINDS.join(', ')}
  --manager NAME           the package manager with --kind: npm, pnpm, yarn, pip, poetry, uv, maven, gradle
  -y, --yes                accept what was detected and the defaults for the rest, without asking
  --force                  replace existing files that differ without asking
  -h, --help               show this help

Exit codes:
  0  the files were written (or were already up to date)
  1  nothing was written: an existing file would have been replaced, or the answer was no
  2  usage error, an answer that cannot be used, or a folder that cannot be read or written
`;

export function parseInitArguments(argv: readonly string[]): InitCommand {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			allowPositionals: true,
			strict: true,
			options: {
				port: { type: 'string' },
				entry: { type: 'string' },
				'health-path': { type: 'string' },
				datastore: { type: 'string', multiple: true },
				kind: { type: 'string' },
				manager: { type: 'string' },
				yes: { type: 'boolean', short: 'y' },
				force: { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
		});
	} catch (error) {
		const message = error instanceof Error ? error.message.split(/\. (?=[A-Z])/)[0] : String(error);
		throw new UsageError(message.replace(/\.$/, ''));
	}
	const { values, positionals } = parsed;
	if (positionals.length > 1) throw new UsageError(`init takes one folder (got ${positionals.length})`);
	const kind = values.kind === undefined ? undefined : oneOf('--kind', values.kind, PROJECT_KINDS);
	const managers =
		kind === undefined ? [] : ((PACKAGE_MANAGERS as Partial<Record<string, readonly string[]>>)[kind] ?? []);
	if (values.manager !== undefined && kind === undefined) throw new UsageError('--manager needs --kind');
	if (values.manager !== undefined && managers.length === 0) {
		throw new UsageError(`a ${kind} project has no --manager choice`);
	}
	const manager =
		values.manager === undefined ? undefined : (oneOf('--manager', values.manager, managers) as PackageManager);
	return {
		command: 'init',
		folder: positionals[0],
		kind,
		manager,
		port: values.port,
		entry: values.entry,
		healthPath: values['health-path'],
		datastores: values.datastore,
		yes: values.yes ?? false,
		force: values.force ?? false,
		help: values.help ?? false,
	};
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
	if ((allowed as readonly string[]).includes(value)) return value as T;
	throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got '${value}')`);
}
