import { parseArgs } from 'node:util';
import { FAIL_ON, SEVERITY_SETTINGS, suggest, type FailOn } from '../core/config';
import { FORMATS, type Format } from '../core/report/index';
import type { SeveritySetting } from '../core/types';
import { parseInitArguments, type InitCommand } from './init-args';

/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

export interface LintCommand {
	command: 'lint';
	/** As given; empty means the working directory (or stdin with --stdin). */
	paths: string[];
	format: Format;
	fix: boolean;
	config?: string;
	/** `--rule ID=SEVERITY` flags, later ones win. */
	rules: Record<string, SeveritySetting>;
	/** Undefined when not given: the configuration's `failOn`, else `error`. */
	failOn?: FailOn;
	stdin: boolean;
	stdinFilename?: string;
	/** `--jobs N`: threads that lint files at once; undefined means one per CPU when there are enough files. */
	jobs?: number;
}

export type Command = LintCommand | InitCommand | { command: 'help' } | { command: 'version' };

export const USAGE = `Usage: shipshape lint [paths…] [options]
       shipshape init [folder] [options]   (see shipshape init --help)

Lints Dockerfiles and Compose files. Paths are files or directories (default: the current
directory). Directories are walked for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
Containerfile, compose.y(a)ml, compose.*.y(a)ml and docker-compose*.y(a)ml, skipping
node_modules, .git and whatever .gitignore ignores. Files named explicitly are always linted.

Options:
  --format FORMAT                     output format (default: text): text, json, sarif, github,
                                      checkstyle, junit, codeclimate (GitLab), gnu, rdjson (reviewdog)
  --fix                               apply safe fixes in place and print what changed
  --config FILE                       use FILE instead of the nearest .shipshape.yaml
  --rule ID=SEVERITY                  set a rule to off, info, warning or error (repeatable)
  --fail-on error|warning|info|none   the lowest severity that fails the run
                                      (default: failOn from the configuration, else error)
  --stdin                             lint standard input instead of files
  --stdin-filename NAME               the name of the text read with --stdin (default: a Dockerfile)
  --jobs N                            lint files on N threads (default: one per CPU when there are
                                      32 files or more; 1 lints one file after the other)
  -h, --help                          show this help
  -v, --version                       print the version

Exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on
  2  usage error, invalid configuration, or a path that is missing, unreadable, binary or too large
`;

/** Parses the command line. Throws UsageError with a message fit for the user. */
export function parseArguments(argv: readonly string[], knownRuleIds: ReadonlySet<string>): Command {
	if (argv[0] === 'init') return parseInitArguments(argv.slice(1));
	const { values, positionals } = parseOrExplain(argv);
	if (values.help) return { command: 'help' };
	if (values.version) return { command: 'version' };
	const [command, ...paths] = positionals;
	if (command === undefined) throw new UsageError('missing command: shipshape lint [paths…]');
	if (command !== 'lint') {
		throw new UsageError(`unknown command '${command}' (the command is: shipshape lint [paths…])`);
	}
	const stdin = values.stdin ?? false;
	if (values['stdin-filename'] !== undefined && !stdin) throw new UsageError('--stdin-filename needs --stdin');
	if (stdin && paths.length > 0) throw new UsageError('give either --stdin or paths, not both');
	if (stdin && values.fix) throw new UsageError('--fix rewrites files in place and cannot be used with --stdin');
	return {
		command: 'lint',
		paths,
		format: oneOf('--format', values.format ?? 'text', FORMATS),
		fix: values.fix ?? false,
		config: values.config,
		rules: ruleFlags(values.rule ?? [], knownRuleIds),
		failOn: values['fail-on'] === undefined ? undefined : oneOf('--fail-on', values['fail-on'], FAIL_ON),
		stdin,
		stdinFilename: values['stdin-filename'],
		jobs: values.jobs === undefined ? undefined : jobCount(values.jobs),
	};
}

function parseOrExplain(argv: readonly string[]) {
	try {
		return parseArgs({
			args: [...argv],
			allowPositionals: true,
			strict: true,
			options: {
				format: { type: 'string' },
				fix: { type: 'boolean' },
				config: { type: 'string' },
				rule: { type: 'string', multiple: true },
				'fail-on': { type: 'string' },
				stdin: { type: 'boolean' },
				'stdin-filename': { type: 'string' },
				jobs: { type: 'string' },
				help: { type: 'boolean', short: 'h' },
				version: { type: 'boolean', short: 'v' },
			},
		});
	} catch (error) {
		// node's messages are clear but long; keep their first sentence.
		const message = error instanceof Error ? error.message.split(/\. (?=[A-Z])/)[0] : String(error);
		throw new UsageError(message.replace(/\.$/, ''));
	}
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
	if ((allowed as readonly string[]).includes(value)) return value as T;
	throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function jobCount(value: string): number {
	if (/^[1-9]\d{0,2}$/.test(value.trim())) return Number(value.trim());
	throw new UsageError(`--jobs expects a whole number from 1 to 999 (got '${value}')`);
}

function ruleFlags(flags: readonly string[], knownRuleIds: ReadonlySet<string>): Record<string, SeveritySetting> {
	const rules: Record<string, SeveritySetting> = {};
	for (const flag of flags) {
		const separator = flag.indexOf('=');
		if (separator <= 0) {
			throw new UsageError(`--rule expects ID=SEVERITY, e.g. --rule dockerfile/pin-base-image=off (got '${flag}')`);
		}
		const id = flag.slice(0, separator).trim();
		const severity = flag.slice(separator + 1).trim();
		if (!knownRuleIds.has(id)) throw new UsageError(`unknown rule id '${id}' in --rule${suggest(id, knownRuleIds)}`);
		rules[id] = oneOf(`the severity in --rule ${id}=…`, severity, SEVERITY_SETTINGS);
	}
	return rules;
}
