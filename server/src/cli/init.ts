import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unifiedDiff } from '../core/line-diff';
import { escapeControls } from '../core/report/control-chars';
import {
	answerProblems,
	declaredDetection,
	defaultAnswers,
	detectProject,
	generateFiles,
	KIND_DEFAULTS,
	notesFor,
	openQuestions,
	parseDatastores,
	PACKAGE_MANAGERS,
	portValue,
	PROJECT_KINDS,
	type Answers,
	type Detection,
	type GeneratedFile,
	type PackageManager,
	type ProjectKind,
} from '../core/scaffold/index';
import { readGuarded } from '../node/guarded-read';
import { folderReader } from '../node/project-reader';
import { realOrResolved, type ProjectRoots } from '../node/project-roots';
import { writeFileAtomic, WriteRefused } from '../node/write';
import { INIT_USAGE, type InitCommand } from './init-args';
import { LineInput } from './line-input';
import type { CliIo } from './main';

/** A problem that ends `init` with exit code 2 (the message is printed after `shipshape: `). */
class InitError extends Error {}

/** What is on disk where a generated file goes. */
interface Planned {
	file: GeneratedFile;
	path: string;
	/** The bytes there now; undefined when there is no file. */
	current: Buffer | undefined;
	state: 'new' | 'unchanged' | 'differs';
}

/**
 * `shipshape init [folder]`: detect, ask (on a terminal) or take flags, preview, then write the
 * Dockerfile, compose.yaml and .dockerignore inside the folder, never over a file without consent.
 */
export async function runInit(command: InitCommand, io: CliIo): Promise<number> {
	if (command.help) {
		io.stdout.write(INIT_USAGE);
		return 0;
	}
	const input = io.interactive?.() === true ? new LineInput(io.stdin) : undefined;
	try {
		return await init(command, io, input);
	} catch (error) {
		if (!(error instanceof InitError)) throw error;
		io.stderr.write(`shipshape: ${error.message}\n`);
		return 2;
	} finally {
		input?.close();
	}
}

async function init(command: InitCommand, io: CliIo, input: LineInput | undefined): Promise<number> {
	const folder = resolve(io.cwd, command.folder ?? '.');
	if (!isFolder(folder)) throw new InitError(`${command.folder ?? '.'} is not a folder`);
	const roots: ProjectRoots = [realOrResolved(folder)];
	const ask = input === undefined ? undefined : new Questions(io, input);
	const detection = await projectDetection(command, folderReader(folder, roots), io, ask);
	const answers = await settleAnswers(command, detection, ask);
	const planned = generateFiles(detection, answers).map((file) => plan(file, folder, roots));
	if (ask !== undefined) preview(planned, io);
	const toWrite = await consent(planned, command, io, ask);
	if (toWrite === undefined) return 1;
	for (const entry of toWrite) write(entry, roots);
	const unchanged = planned.filter((entry) => entry.state === 'unchanged').map((entry) => entry.file.name);
	if (toWrite.length > 0) io.stdout.write(`Wrote ${toWrite.map((entry) => entry.file.name).join(', ')}.\n`);
	if (unchanged.length > 0) io.stdout.write(`Already up to date: ${unchanged.join(', ')}.\n`);
	for (const note of notesFor(detection, answers)) io.stdout.write(`${note}\n`);
	const declined = planned.filter((entry) => entry.state === 'differs' && !toWrite.includes(entry));
	return declined.length > 0 && toWrite.length === 0 ? 1 : 0;
}

async function projectDetection(
	command: InitCommand,
	reader: ReturnType<typeof folderReader>,
	io: CliIo,
	ask: Questions | undefined,
): Promise<Detection> {
	const detected = detectProject(reader);
	if (command.kind !== undefined) {
		const agrees = detected?.kind === command.kind && (command.manager ?? detected.manager) === detected.manager;
		return agrees ? detected : { ...declaredDetection(command.kind, command.manager), port: detected?.port };
	}
	if (detected !== undefined) {
		const manager = detected.manager === undefined ? '' : ` (${detected.manager})`;
		io.stdout.write(`Detected a ${detected.kind}${manager} project from ${detected.evidence.join(', ')}.\n`);
		return detected;
	}
	if (ask === undefined) {
		throw new InitError(
			`could not tell what kind of project this is (no package.json, pyproject.toml, go.mod, pom.xml, *.csproj, Cargo.toml, Gemfile or index.html): pass --kind (${PROJECT_KINDS.join(', ')})`,
		);
	}
	const kind = (await ask.choice('No manifest found. What kind of project is it?', PROJECT_KINDS)) as ProjectKind;
	const managers = (PACKAGE_MANAGERS as Partial<Record<ProjectKind, readonly PackageManager[]>>)[kind];
	const manager =
		managers === undefined ? undefined : ((await ask.choice('Which package manager?', managers)) as PackageManager);
	return declaredDetection(kind, manager);
}

async function settleAnswers(command: InitCommand, detection: Detection, ask: Questions | undefined): Promise<Answers> {
	const defaults = defaultAnswers(detection);
	const open = new Set<string>(openQuestions(detection));
	open.add('healthPath');
	const meaning = KIND_DEFAULTS[detection.kind].entryMeans;
	const flagged: Partial<Answers> = {};
	if (command.port !== undefined) {
		const port = portValue(command.port);
		if (port === undefined) {
			throw new InitError(`--port must be a whole number from 1 to 65535 (got '${command.port}')`);
		}
		flagged.port = port;
	}
	if (command.entry !== undefined) flagged.entry = command.entry;
	if (command.healthPath !== undefined) flagged.healthPath = command.healthPath;
	if (command.datastores !== undefined) {
		const stores = parseDatastores(command.datastores.join(','));
		if (typeof stores === 'string') throw new InitError(`--datastore: ${stores}`);
		flagged.datastores = stores;
	}
	const answers: Answers = { ...defaults, ...flagged };
	const unanswered = [...open].filter((question) => flagged[question as keyof Answers] === undefined);
	if (ask === undefined && !command.yes && unanswered.length > 0) {
		const flags: Record<string, string> = {
			port: `--port (default ${defaults.port})`,
			entry: `--entry, ${meaning} (default ${defaults.entry})`,
			healthPath: `--health-path (default ${defaults.healthPath})`,
			datastores: `--datastore (${defaults.datastores.length === 0 ? 'none detected' : `detected: ${defaults.datastores.join(', ')}`})`,
		};
		throw new InitError(
			`init needs answers it could not detect; without a terminal, pass ${unanswered.map((question) => flags[question]).join(', ')}, or --yes to accept these defaults`,
		);
	}
	if (ask !== undefined && !command.yes) {
		for (const question of unanswered) await askOne(ask, question, answers, detection, meaning);
	}
	const problems = answerProblems(detection.kind, answers);
	if (problems.length > 0) throw new InitError(problems.join('; '));
	return answers;
}

async function askOne(ask: Questions, question: string, answers: Answers, detection: Detection, meaning: string) {
	for (;;) {
		const candidate = { ...answers };
		if (question === 'port') {
			const text = await ask.text('Port the app listens on', String(answers.port));
			const port = portValue(text);
			if (port === undefined) {
				ask.io.stdout.write('  A port is a whole number from 1 to 65535.\n');
				continue;
			}
			candidate.port = port;
		} else if (question === 'entry') candidate.entry = await ask.text(`Entry: ${meaning}`, answers.entry);
		else if (question === 'healthPath') candidate.healthPath = await ask.text('Health check path', answers.healthPath);
		else {
			const text = await ask.text(
				'Datastores (postgres, redis, mysql, mongo; comma-separated, or none)',
				answers.datastores.length === 0 ? 'none' : answers.datastores.join(','),
			);
			const stores = parseDatastores(text);
			if (typeof stores === 'string') {
				ask.io.stdout.write(`  ${stores}\n`);
				continue;
			}
			candidate.datastores = stores;
		}
		const problems = answerProblems(detection.kind, candidate);
		if (problems.length === 0) {
			Object.assign(answers, candidate);
			return;
		}
		ask.io.stdout.write(`  ${escapeControls(problems.join('; '))}\n`);
	}
}

function plan(file: GeneratedFile, folder: string, roots: ProjectRoots): Planned {
	const path = join(folder, file.name);
	const found = readGuarded(path, { roots });
	if (found.kind === 'refused') throw new InitError(`${file.name} exists but ${found.reason}; nothing was written`);
	if (found.kind === 'missing') return { file, path, current: undefined, state: 'new' };
	const same = found.bytes.equals(Buffer.from(file.content, 'utf8'));
	return { file, path, current: found.bytes, state: same ? 'unchanged' : 'differs' };
}

function preview(planned: readonly Planned[], io: CliIo): void {
	for (const entry of planned) {
		if (entry.state === 'new') {
			io.stdout.write(`\n=== ${entry.file.name} (new)\n${entry.file.content}`);
		} else if (entry.state === 'differs') {
			io.stdout.write(
				`\n${escapeControls(unifiedDiff(entry.current!.toString('utf8'), entry.file.content, entry.file.name))}`,
			);
		}
	}
	io.stdout.write('\n');
}

/** The files to write, or undefined when nothing may be written. */
async function consent(
	planned: readonly Planned[],
	command: InitCommand,
	io: CliIo,
	ask: Questions | undefined,
): Promise<Planned[] | undefined> {
	const differing = planned.filter((entry) => entry.state === 'differs');
	const fresh = planned.filter((entry) => entry.state === 'new');
	if (differing.length > 0 && !command.force && ask === undefined) {
		const names = differing.map((entry) => entry.file.name);
		io.stderr.write(
			`shipshape: ${names.join(', ')} already ${names.length === 1 ? 'exists' : 'exist'} and ${names.length === 1 ? 'differs' : 'differ'} from what init writes; nothing was written. Pass --force to replace ${names.length === 1 ? 'it' : 'them'}, or move ${names.length === 1 ? 'it' : 'them'} aside.\n`,
		);
		return undefined;
	}
	const replace: Planned[] = [];
	for (const entry of differing) {
		if (command.force || (await ask!.yesNo(`Replace the existing ${entry.file.name}?`, false))) replace.push(entry);
	}
	if (fresh.length > 0 && ask !== undefined && !command.yes) {
		const names = fresh.map((entry) => entry.file.name).join(', ');
		if (!(await ask.yesNo(`Write ${names}?`, true))) {
			io.stdout.write('Nothing was written.\n');
			return replace.length > 0 ? replace : undefined;
		}
	}
	return [...fresh, ...replace];
}

function write(entry: Planned, roots: ProjectRoots): void {
	try {
		writeFileAtomic(
			entry.path,
			entry.file.content,
			(current) => (current === undefined ? entry.current === undefined : entry.current?.equals(current) === true),
			{ roots },
		);
	} catch (error) {
		if (error instanceof WriteRefused) throw new InitError(`${entry.file.name} was not written: ${error.message}`);
		throw error;
	}
}

function isFolder(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

/** Questions on the terminal; the end of input answers with the default for text and "no" for consent. */
class Questions {
	constructor(
		readonly io: CliIo,
		private readonly input: LineInput,
	) {}

	async text(question: string, fallback: string): Promise<string> {
		this.io.stdout.write(`${question} [${fallback}]: `);
		const line = await this.input.line();
		if (line === undefined) {
			throw new InitError('the input ended before every question was answered; nothing was written');
		}
		return line.trim() === '' ? fallback : line.trim();
	}

	async choice(question: string, options: readonly string[]): Promise<string> {
		for (;;) {
			const answer = await this.text(`${question} (${options.join(', ')})`, options[0]);
			if (options.includes(answer)) return answer;
			this.io.stdout.write(`  One of ${options.join(', ')}.\n`);
		}
	}

	async yesNo(question: string, fallback: boolean): Promise<boolean> {
		this.io.stdout.write(`${question} [${fallback ? 'Y/n' : 'y/N'}]: `);
		const line = await this.input.line();
		if (line === undefined) return false;
		const answer = line.trim().toLowerCase();
		return answer === '' ? fallback : answer === 'y' || answer === 'yes';
	}
}
