import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { FailOn } from '../core/config';
import { parseCompose, type ComposeModel } from '../core/compose/model';
import type { DockerfileModel } from '../core/dockerfile/model';
import { explicitFileKind } from '../core/file-kind';
import { fixAll, overlayHost, type AppliedFix } from '../core/fix-all';
import { MAX_LINT_BYTES, tooLargeToLint } from '../core/limits';
import { lintFile, type FileLintOptions } from '../core/lint-file';
import { escapeControls } from '../core/report/control-chars';
import { formatReport, type ReportFile } from '../core/report/index';
import { catalogue, knownRuleIds } from '../core/rules/index';
import { TextIndex } from '../core/text';
import type { DocumentKind, FileChange, Finding, Rule, Severity } from '../core/types';
import { parseArguments, UsageError, USAGE, type LintCommand } from './args';
import { ConfigDiscovery, ConfigError, type LoadedConfig } from '../node/config-discovery';
import { NodeHost } from '../node/node-host';
import { lintInParallel, threadCount } from './parallel';
import { VERSION } from './version';
import { runInit } from './init';
import { readGuarded } from '../node/guarded-read';
import { documentInside, fixesInside } from '../node/fix-scope';
import { namedFolder, projectRootsOfFolders, realOrResolved, type ProjectRoots } from '../node/project-roots';
import { walk } from '../node/walk';
import { writeFileAtomic, WriteRefused } from '../node/write';

export interface Output {
	write(text: string): unknown;
	isTTY?: boolean;
}

/** Everything the CLI touches besides the files it lints, injectable so tests run in-process. */
export interface CliIo {
	cwd: string;
	stdout: Output;
	stderr: Output;
	stdin: AsyncIterable<string | Uint8Array>;
	env: Readonly<Record<string, string | undefined>>;
	now: Date;
	/**
	 * Whether standard input and output are a terminal (`init` may ask questions); asked only by `init`: in Node, looking
	 * at process.stdin makes its stream, 3-7 ms of a run that does not read it.
	 */
	interactive?: () => boolean;
}

/** Tests swap the catalogue's rules for their own. */
export interface EngineOverrides {
	rules?: readonly Rule<DockerfileModel>[];
	composeRules?: readonly Rule<ComposeModel>[];
}

/**
 * Files above this size are refused (exit 2) rather than linted: real Dockerfiles and compose files are
 * far smaller, and the parser needs seconds per megabyte on pathological input (one RUN continued over
 * thousands of lines), so a limit keeps CI from hanging (figures: docs/reliability.md, "Hostile shapes
 * behind the code").
 */
export const MAX_FILE_BYTES = MAX_LINT_BYTES;
/** Like git, a NUL byte in the first 8 KB means binary. */
const BINARY_PROBE_BYTES = 8192;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * What a run may read: the projects of the paths it was given (their git work trees, else the
 * folders), so that a compose file may use `context: ..` inside its repository; and what it may
 * write: the paths given themselves (a file's folder).
 */
interface RunRoots {
	read: ProjectRoots;
	write: ProjectRoots;
}

function runRoots(command: LintCommand, io: CliIo): RunRoots {
	const stdinFolder = command.stdinFilename === undefined ? io.cwd : dirname(resolve(io.cwd, command.stdinFilename));
	const named = command.stdin
		? [stdinFolder]
		: (command.paths.length > 0 ? command.paths : ['.']).map((path) => resolve(io.cwd, path));
	// Each named path's folder once: its real path takes a stat and a realpath(3) of every level.
	const folders = named.map(namedFolder);
	return { read: projectRootsOfFolders(folders), write: [...new Set(folders)] };
}

/** A problem that stops the run before anything is linted (exit 2). */
class Fatal extends Error {}

/** One file to lint, with the configuration that applies to it. */
interface Target {
	/** Absolute path; undefined for unnamed standard input. */
	absolute?: string;
	/** Relative to the working directory, forward slashes. */
	shown: string;
	kind: DocumentKind;
	config: LoadedConfig;
	fromStdin: boolean;
}

interface Decoded {
	text: string;
	bytes: Buffer;
	bom: boolean;
	/** False when the bytes are not valid UTF-8: linted, but never rewritten. */
	exact: boolean;
}

/** Runs `shipshape …` and returns the exit code: 0 clean, 1 findings at or above fail-on, 2 usage or I/O error. */
export async function main(argv: readonly string[], rawIo: CliIo, engine: EngineOverrides = {}): Promise<number> {
	// Problems name files and quote their content (and the arguments): no control character from them reaches the terminal.
	const io: CliIo = { ...rawIo, stderr: escaping(rawIo.stderr) };
	const ruleIds = new Set([
		...knownRuleIds,
		...[...(engine.rules ?? []), ...(engine.composeRules ?? [])].map((rule) => rule.meta.id),
	]);
	let command;
	try {
		command = parseArguments(argv, ruleIds);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.stderr.write(`shipshape: ${error.message}\nRun 'shipshape --help' for usage.\n`);
		return 2;
	}
	if (command.command === 'help') {
		io.stdout.write(USAGE);
		return 0;
	}
	if (command.command === 'version') {
		io.stdout.write(`${VERSION}\n`);
		return 0;
	}
	if (command.command === 'init') return runInit(command, io);
	try {
		return await lint(command, io, engine, ruleIds);
	} catch (error) {
		if (error instanceof Fatal) io.stderr.write(`shipshape: ${error.message}\n`);
		else if (error instanceof ConfigError) io.stderr.write(`${error.lines.join('\n')}\n`);
		else throw error;
		return 2;
	}
}

function escaping(output: Output): Output {
	return { write: (text: string) => output.write(escapeControls(text)), isTTY: output.isTTY };
}

/** What the run has produced so far. */
interface Outcome {
	files: ReportFile[];
	fixSummaries: string[];
	ioFailed: boolean;
	failing: boolean;
}

interface RunContext {
	command: LintCommand;
	io: CliIo;
	engine: EngineOverrides;
	host: NodeHost;
	roots: RunRoots;
}

async function lint(
	command: LintCommand,
	io: CliIo,
	engine: EngineOverrides,
	ruleIds: ReadonlySet<string>,
): Promise<number> {
	const roots = runRoots(command, io);
	const configs = new ConfigDiscovery({
		cwd: io.cwd,
		knownRuleIds: ruleIds,
		override: command.config === undefined ? undefined : existingPath(io.cwd, command.config).absolute,
		rootsFor: () => roots.read,
		warn: (line) => io.stderr.write(`${line}\n`),
	});
	const outcome: Outcome = { files: [], fixSummaries: [], ioFailed: false, failing: false };
	const targets = command.stdin
		? [stdinTarget(command, io, configs)]
		: collectTargets(command.paths, io, configs, roots, outcome);
	const context: RunContext = { command, io, engine, host: new NodeHost(roots.read), roots };
	const threads =
		command.stdin || command.fix || engine.rules !== undefined || engine.composeRules !== undefined
			? 1
			: threadCount(targets.length, command.jobs);
	if (threads > 1) await lintTargetsInParallel(targets, threads, context, outcome);
	else for (const target of targets) await lintTarget(target, context, outcome);
	if (outcome.fixSummaries.length > 0) {
		(command.format === 'text' ? io.stdout : io.stderr).write(outcome.fixSummaries.join(''));
	}
	const color = command.format === 'text' && io.stdout.isTTY === true && io.env.NO_COLOR === undefined;
	io.stdout.write(formatReport(command.format, { files: outcome.files, catalogue, toolVersion: VERSION }, { color }));
	if (outcome.ioFailed) return 2;
	return outcome.failing ? 1 : 0;
}

async function lintTarget(
	target: Target,
	{ command, io, engine, host, roots }: RunContext,
	outcome: Outcome,
): Promise<void> {
	const problem = (message: string): void => {
		io.stderr.write(`shipshape: ${target.shown}: ${message}\n`);
		outcome.ioFailed = true;
	};
	const decoded = await readTarget(target, io, roots.read, problem);
	if (decoded === undefined) return;
	const options: FileLintOptions = {
		now: io.now,
		path: target.absolute,
		host,
		severities: severitiesFor(target, command),
		rules: engine.rules,
		composeRules: engine.composeRules,
	};
	let text = decoded.text;
	if (command.fix && target.absolute !== undefined) {
		const note = (message: string): void => void io.stderr.write(`shipshape: ${target.shown}: ${message}\n`);
		const fixed = fixFile(target, decoded, options, { host, cwd: io.cwd, writeRoots: roots.write, problem, note });
		text = fixed.text;
		if (fixed.summary !== undefined) outcome.fixSummaries.push(fixed.summary);
	}
	const file = lintText({ kind: target.kind, shown: target.shown }, text, options, problem);
	if (file !== undefined) record(file, target, command, outcome);
}

function severitiesFor(target: Target, command: LintCommand): FileLintOptions['severities'] {
	return [target.config.config.rules, command.rules];
}

/** Lints decoded text; undefined (after reporting why) when the engine throws. */
function lintText(
	target: { kind: DocumentKind; shown: string },
	text: string,
	options: FileLintOptions,
	problem: (message: string) => void,
): ReportFile | undefined {
	try {
		return { path: target.shown, kind: target.kind, findings: lintFile(target.kind, text, options).findings, text };
	} catch (error) {
		problem(`could not be linted: ${(error as Error).message}`);
		return undefined;
	}
}

function record(file: ReportFile, target: Target, command: LintCommand, outcome: Outcome): void {
	outcome.files.push(file);
	const failOn = command.failOn ?? target.config.config.failOn ?? 'error';
	if (file.findings.some((finding) => fails(finding, failOn))) outcome.failing = true;
}

/** What a worker needs to lint one named file: plain data, since it crosses threads. */
export interface WorkItem {
	absolute: string;
	/** The run's project folders: what the lint may read. */
	roots: ProjectRoots;
	shown: string;
	kind: DocumentKind;
	severities: FileLintOptions['severities'];
	now: Date;
}

/** One file's outcome from a worker: its report, or none, and the problems to print, in order. */
export interface WorkResult {
	file?: ReportFile;
	problems: string[];
}

/** Lints a named file without touching the run's output: a worker's unit of work (no --fix, catalogue rules). */
export function lintWorkItem(item: WorkItem, host: NodeHost): WorkResult {
	const problems: string[] = [];
	const problem = (message: string): void => {
		problems.push(message);
	};
	const decoded = readFileTarget(item.absolute, item.roots, problem);
	if (decoded === undefined) return { problems };
	const file = lintText(
		item,
		decoded.text,
		{ now: item.now, path: item.absolute, host, severities: item.severities },
		problem,
	);
	return file === undefined ? { problems } : { file, problems };
}

/** Lints named files on several threads, then reports them exactly as the sequential loop would. */
async function lintTargetsInParallel(
	targets: readonly Target[],
	threads: number,
	{ command, io, host, roots }: RunContext,
	outcome: Outcome,
): Promise<void> {
	const items = targets.map(
		(target): WorkItem => ({
			absolute: target.absolute!,
			roots: roots.read,
			shown: target.shown,
			kind: target.kind,
			severities: severitiesFor(target, command),
			now: io.now,
		}),
	);
	const results = await lintInParallel(
		items,
		items.map((item) => sizeOf(item.absolute)),
		threads,
		(item) => lintWorkItem(item, host),
	);
	results.forEach((result, index) => {
		for (const message of result.problems) io.stderr.write(`shipshape: ${targets[index].shown}: ${message}\n`);
		if (result.problems.length > 0) outcome.ioFailed = true;
		if (result.file !== undefined) record(result.file, targets[index], command, outcome);
	});
}

/** A file's size, to balance the threads' shares; 0 when unreadable (its worker reports why). */
function sizeOf(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		return 0;
	}
}

function fails(finding: Finding, failOn: FailOn): boolean {
	return failOn !== 'none' && SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn];
}

function stdinTarget(command: LintCommand, io: CliIo, configs: ConfigDiscovery): Target {
	const name = command.stdinFilename;
	const absolute = name === undefined ? undefined : resolve(io.cwd, name);
	return {
		absolute,
		shown: absolute === undefined ? '<stdin>' : shownPath(io.cwd, absolute),
		kind: name === undefined ? 'dockerfile' : explicitFileKind(name),
		config: configs.forFile(absolute ?? join(io.cwd, 'Dockerfile')),
		fromStdin: true,
	};
}

/**
 * Expands the paths into files: a file is taken as given (any name), a folder is walked. A
 * missing path, or a folder with nothing to lint, stops the run (like ESLint's "No files
 * matching"), since in CI it almost always means a wrong path.
 */
function collectTargets(
	paths: readonly string[],
	io: CliIo,
	configs: ConfigDiscovery,
	roots: RunRoots,
	outcome: Outcome,
): Target[] {
	const targets: Target[] = [];
	const seen = new Set<string>();
	const add = (absolute: string, kind: DocumentKind, config: LoadedConfig): void => {
		if (seen.has(absolute)) return;
		seen.add(absolute);
		targets.push({ absolute, shown: shownPath(io.cwd, absolute), kind, config, fromStdin: false });
	};
	for (const path of paths.length > 0 ? paths : ['.']) {
		const { absolute, isDirectory } = existingPath(io.cwd, path);
		if (!isDirectory) {
			const config = configs.forFile(absolute);
			if (config.ignores(absolute)) {
				io.stderr.write(
					`shipshape: ${shownPath(io.cwd, absolute)} is ignored by ${shownPath(io.cwd, config.path!)}; not linted\n`,
				);
			} else add(absolute, explicitFileKind(absolute), config);
			continue;
		}
		const walked = walk(absolute, roots.read);
		// An unreadable folder is reported and the run goes on: the other files are still linted, and the exit code is 2.
		for (const error of walked.errors) io.stderr.write(`shipshape: cannot read ${shownPath(io.cwd, error)}\n`);
		for (const warning of walked.warnings) io.stderr.write(`shipshape: warning: ${shownPath(io.cwd, warning)}\n`);
		if (walked.errors.length > 0) outcome.ioFailed = true;
		const files = walked.files
			.map((file) => ({ file, config: configs.forFile(file) }))
			.filter(({ file, config }) => !config.ignores(file));
		if (files.length === 0 && walked.errors.length === 0) {
			throw new Fatal(`no Dockerfiles or compose files found under ${path}`);
		}
		for (const { file, config } of files) add(file, explicitFileKind(file), config);
	}
	return targets;
}

function existingPath(cwd: string, path: string): { absolute: string; isDirectory: boolean } {
	const absolute = resolve(cwd, path);
	try {
		return { absolute, isDirectory: statSync(absolute).isDirectory() };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new Fatal(
			code === 'ENOENT' || code === 'ENOTDIR'
				? `no such file or directory: ${path}`
				: `cannot access ${path}: ${(error as Error).message}`,
		);
	}
}

function shownPath(cwd: string, absolute: string): string {
	return relative(cwd, absolute).split(sep).join('/') || '.';
}

/** Reads and decodes a file or stdin; undefined (after reporting why) when it must not be linted. */
async function readTarget(
	target: Target,
	io: CliIo,
	roots: ProjectRoots,
	problem: (message: string) => void,
): Promise<Decoded | undefined> {
	if (!target.fromStdin) return readFileTarget(target.absolute!, roots, problem);
	let bytes: Buffer;
	try {
		bytes = await readAll(io.stdin);
	} catch (error) {
		problem(`cannot read: ${(error as Error).message}`);
		return undefined;
	}
	return checkedDecode(bytes, problem);
}

/** Reads a linted file through the guard: a regular file inside the project, within the size limit. */
function readFileTarget(
	absolute: string,
	roots: ProjectRoots,
	problem: (message: string) => void,
): Decoded | undefined {
	const read = readGuarded(absolute, { roots });
	switch (read.kind) {
		case 'missing':
			problem('cannot read: no such file');
			return undefined;
		case 'refused':
			// The size cap's own wording, as for standard input.
			problem(
				read.tooLarge !== undefined ? (tooLargeToLint(read.tooLarge) ?? read.reason) : `${read.reason}; not linted`,
			);
			return undefined;
		case 'file':
			return checkedDecode(read.bytes, problem);
	}
}

function checkedDecode(bytes: Buffer, problem: (message: string) => void): Decoded | undefined {
	const tooLarge = tooLargeToLint(bytes.length);
	if (tooLarge !== undefined) {
		problem(tooLarge);
		return undefined;
	}
	if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
		problem('looks like a binary file (it contains NUL bytes); not linted');
		return undefined;
	}
	return decode(bytes);
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
	}
	return Buffer.concat(chunks);
}

function decode(bytes: Buffer): Decoded {
	const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
	const body = bom ? bytes.subarray(3) : bytes;
	let exact = true;
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
	} catch {
		exact = false;
		text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
	}
	return { text, bytes, bom, exact };
}

/**
 * `--fix`: applies every safe fix (several passes), writes the file atomically if it is still
 * what was read, then the other files the fixes change. Returns the text to report on and a
 * summary of what changed.
 */
interface FixContext {
	host: NodeHost;
	cwd: string;
	/** The folders --fix may change: the paths given. */
	writeRoots: ProjectRoots;
	problem(message: string): void;
	/** A fix left out on purpose (it would write outside the linted paths): said, but not an I/O failure. */
	note(message: string): void;
}

function fixFile(
	target: Target,
	decoded: Decoded,
	options: FileLintOptions,
	context: FixContext,
): { text: string; summary?: string } {
	const { problem } = context;
	const original = decoded.text;
	if (!parses(target.kind, original)) return { text: original };
	if (!documentInside(target.absolute!, context.writeRoots)) {
		context.note(`not fixed: it links to \`${realOrResolved(target.absolute!)}\`, outside the linted paths`);
		return { text: original };
	}
	const leftOut = new Set<string>();
	let result;
	try {
		// Later passes see the other files as the earlier fixes left them.
		result = fixAll(original, (text, files) => {
			const findings = lintFile(target.kind, text, { ...options, host: overlayHost(options.host, files) }).findings;
			return fixesInside(findings, target.absolute!, context.writeRoots, (finding, outside) => {
				leftOut.add(
					`fix not applied: line ${finding.range.start.line + 1} ${finding.ruleId} "${finding.fix!.title}": it would write ${shownPath(context.cwd, outside)}, outside the linted paths`,
				);
			});
		});
		for (const message of leftOut) context.note(message);
		if (result.applied.length === 0) return { text: original };
		// The fixed text must parse and lint cleanly (no exception) before it replaces anything on disk.
		if (!parses(target.kind, result.text)) throw new Error('the fixed file would not parse');
		lintFile(target.kind, result.text, options);
	} catch (error) {
		problem(`not fixed: ${(error as Error).message}`);
		return { text: original };
	}
	if (!decoded.exact) {
		problem('not fixed: the file is not valid UTF-8, and rewriting it would change its bytes');
		return { text: original };
	}
	const fixed = keepFinalNewline(original, result.text);
	try {
		if (fixed !== original) {
			writeFileAtomic(
				target.absolute!,
				(decoded.bom ? '\uFEFF' : '') + fixed,
				(current) => current !== undefined && current.equals(decoded.bytes),
				{ roots: context.writeRoots },
			);
		}
	} catch (error) {
		problem(
			`not fixed: ${error instanceof WriteRefused ? error.message : `cannot write: ${(error as Error).message}`}`,
		);
		return { text: original };
	}
	const written = writeOtherFiles(target, result.files, context);
	return { text: fixed, summary: fixSummary(target.shown, result.applied, written) };
}

/**
 * Whether a file is sound enough to rewrite: a compose file with YAML errors is never written (its
 * structure is uncertain, so is every edit). The Dockerfile parser accepts any text.
 */
function parses(kind: DocumentKind, text: string): boolean {
	return kind === 'dockerfile' || parseCompose(text).problems.length === 0;
}

/** Fixes keep the file's final newline (or its absence), whatever the edits at its end did. */
export function keepFinalNewline(original: string, fixed: string): string {
	if (original.length === 0 || fixed.length === 0) return fixed;
	const eol = new TextIndex(original).eol;
	const hadNewline = original.endsWith('\n');
	const hasNewline = fixed.endsWith('\n');
	if (hadNewline && !hasNewline) return fixed + eol;
	if (!hadNewline && hasNewline) return fixed.replace(/\r?\n$/, '');
	return fixed;
}

function writeOtherFiles(
	target: Target,
	changes: readonly FileChange[],
	{ host, cwd, writeRoots, problem }: FixContext,
): string[] {
	const written: string[] = [];
	for (const change of changes) {
		const path = resolve(dirname(target.absolute!), change.path);
		const shown = shownPath(cwd, path);
		const seen = host.lastRead(path);
		const unchanged = (current: Buffer | undefined): boolean => {
			if (!seen.read) return (current !== undefined) === change.existed;
			if (seen.content === undefined) return current === undefined;
			return current !== undefined && current.toString('utf8').replace(/^\uFEFF/, '') === seen.content;
		};
		try {
			writeFileAtomic(path, change.content, unchanged, { roots: writeRoots });
		} catch (error) {
			problem(`not written: ${shown}: ${(error as Error).message}`);
			continue;
		}
		host.remember(path, change.content);
		written.push(`  ${change.existed ? 'updated' : 'created'} ${shown}\n`);
	}
	return written;
}

function fixSummary(shown: string, applied: readonly AppliedFix[], written: readonly string[]): string {
	const lines = applied.map((fix) => `  line ${fix.line}  ${fix.ruleId}  ${fix.title}\n`);
	return escapeControls(
		`fixed ${shown} (${applied.length} ${applied.length === 1 ? 'fix' : 'fixes'}):\n${lines.join('')}${written.join('')}`,
	);
}
