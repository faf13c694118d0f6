/**
 * Package-manager commands inside RUN instructions: which manager runs, with which action
 * (`install`, `add`, `ci`, `update`…), which option words and which package words, each with
 * its document offsets so that fixes can insert or replace words. Also the RUN facts several
 * rules share: `--mount` targets and the instructions that end up in the shipped image.
 *
 * Pure: it reads the model's parsed shell commands and never guesses beyond them.
 */
import { baseName } from '../paths';
import { isAssignment, programWord, type SimpleCommand, type Word } from './shell';
import { ancestry, finalStage, inheritedInstructions, type DockerfileModel, type Instruction } from './model';
import { objectMemo } from '../object-memo';
import { trimEndChars } from '../trim-end';

export type PackageManager =
	| 'apt-get'
	| 'apt'
	| 'aptitude'
	| 'apk'
	| 'yum'
	| 'dnf'
	| 'microdnf'
	| 'pip'
	| 'npm'
	| 'yarn'
	| 'pnpm';

/** Managers that read Debian's APT configuration. */
export const APT_MANAGERS: ReadonlySet<PackageManager> = new Set(['apt-get', 'apt', 'aptitude']);

export interface PackageOption {
	word: Word;
	/** `--yes` for `--yes`, `--only` for `--only=production`, `-q` for `-q=2`, `-yq` for a short bundle. */
	name: string;
	/** The value written after `=`, or the separate value word of an option that takes one (`-r requirements.txt`). */
	value?: string;
	valueWord?: Word;
}

export interface PackageCommand {
	manager: PackageManager;
	/** Index of the command in `instruction.commands`. */
	index: number;
	command: SimpleCommand;
	/** The word naming the program (`apt-get`; `python3` for `python3 -m pip`). */
	program: Word;
	/** The action word as written, absent for a bare `yarn`. */
	actionWord?: Word;
	/** Normalised action: `install` for `npm i`, `ci` for `npm clean-install`, `install` for a bare `yarn`. */
	action: string;
	/** Option words anywhere after the program (global ones before the action included). */
	options: PackageOption[];
	/** Non-option words after the action, not counting option values. */
	packages: Word[];
	/** `VAR=value` assignments written before the program. */
	assignments: Map<string, string>;
}

/** Options that take the next word as their value, per manager (long forms also accept `=`). */
const VALUE_OPTIONS: Record<PackageManager, ReadonlySet<string>> = {
	'apt-get': new Set([
		'-o',
		'--option',
		'-c',
		'--config-file',
		'-t',
		'--target-release',
		'--default-release',
		'-a',
		'--host-architecture',
	]),
	apt: new Set([
		'-o',
		'--option',
		'-c',
		'--config-file',
		'-t',
		'--target-release',
		'--default-release',
		'-a',
		'--host-architecture',
	]),
	aptitude: new Set(['-o', '-t', '--target-release', '-F', '--display-format', '-w', '--width']),
	apk: new Set([
		'-X',
		'--repository',
		'-p',
		'--root',
		'-t',
		'--virtual',
		'--arch',
		'--cache-dir',
		'--keys-dir',
		'--repositories-file',
	]),
	yum: new Set([
		'-c',
		'--config',
		'--installroot',
		'--releasever',
		'-x',
		'--exclude',
		'--enablerepo',
		'--disablerepo',
		'--setopt',
		'-d',
		'--debuglevel',
		'-e',
		'--errorlevel',
	]),
	dnf: new Set([
		'-c',
		'--config',
		'--installroot',
		'--releasever',
		'-x',
		'--exclude',
		'--enablerepo',
		'--disablerepo',
		'--setopt',
		'-d',
		'--debuglevel',
		'-e',
		'--errorlevel',
		'--repo',
		'--repoid',
	]),
	microdnf: new Set(['--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--setopt']),
	pip: new Set([
		'-r',
		'--requirement',
		'-c',
		'--constraint',
		'-e',
		'--editable',
		'-i',
		'--index-url',
		'--extra-index-url',
		'-f',
		'--find-links',
		'-t',
		'--target',
		'--prefix',
		'--root',
		'--trusted-host',
		'--src',
		'--platform',
		'--python-version',
		'--implementation',
		'--abi',
		'--only-binary',
		'--no-binary',
		'--progress-bar',
		'--cache-dir',
		'--log',
		'--proxy',
		'--timeout',
		'--retries',
		'--upgrade-strategy',
		'--global-option',
		'--install-option',
		'-C',
		'--config-settings',
		'--report',
	]),
	npm: new Set([
		'--prefix',
		'--registry',
		'--cache',
		'--loglevel',
		'--omit',
		'--include',
		'--only',
		'--tag',
		'-w',
		'--workspace',
		'--userconfig',
	]),
	yarn: new Set(['--cwd', '--modules-folder', '--network-timeout', '--cache-folder', '--mutex', '--registry']),
	pnpm: new Set(['--filter', '-F', '--dir', '-C', '--store-dir', '--reporter']),
};

const ACTION_ALIASES: Partial<Record<PackageManager, Record<string, string>>> = {
	npm: {
		i: 'install',
		in: 'install',
		ins: 'install',
		inst: 'install',
		insta: 'install',
		instal: 'install',
		isnt: 'install',
		isnta: 'install',
		isntal: 'install',
		isntall: 'install',
		add: 'install',
		'clean-install': 'ci',
		ic: 'ci',
		'install-clean': 'ci',
		'isntall-clean': 'ci',
	},
	pnpm: { i: 'install', add: 'add' },
};

/** Wrappers that run the next word as the real program. */
const WRAPPERS = new Set(['sudo', 'env', 'nice', 'time', 'nohup', 'command']);

const cache = objectMemo<Instruction, PackageCommand[]>('packageCommands');

/** The package-manager commands of a shell-form RUN, in order (cached per instruction). */
export function packageCommands(instruction: Instruction): PackageCommand[] {
	let found = cache.get(instruction);
	if (found === undefined) {
		found = [];
		if (instruction.keyword === 'RUN') {
			instruction.commands.forEach((command, index) => {
				const parsed = readPackageCommand(command, index);
				if (parsed !== undefined) found!.push(parsed);
			});
		}
		cache.set(instruction, found);
	}
	return found;
}

/** Reads one simple command as a package-manager command, or undefined when it is not one. */
export function readPackageCommand(command: SimpleCommand, index = 0): PackageCommand | undefined {
	const words = command.words;
	let position = 0;
	// Positions of the `VAR=value` words, read into a map only for a package-manager command (most are not).
	let assignmentAt: number[] | undefined;
	for (;;) {
		while (position < words.length && isAssignment(words[position].value)) (assignmentAt ??= []).push(position++);
		const name = programName(words[position]?.value);
		if (name === undefined || !WRAPPERS.has(name)) break;
		// Skip the wrapper and its own options (`sudo -E`, `env -i`).
		position++;
		while (position < words.length && words[position].value.startsWith('-')) position++;
	}
	const program = words[position];
	if (program === undefined) return undefined;
	// Read in place: most commands are no package manager, and copying their words added up.
	const located = locateManager(words, position);
	if (located === undefined) return undefined;
	const assignments = new Map<string, string>();
	for (const at of assignmentAt ?? []) {
		const value = command.words[at].value;
		assignments.set(value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1));
	}
	return readArguments(located.manager, command, index, program, words.slice(position + located.argsFrom), assignments);
}

function programName(value: string | undefined): string | undefined {
	return value === undefined ? undefined : baseName(value);
}

/** The package manager a command runs, the program being `words[from]`; `argsFrom` counts from `from`. */
function locateManager(words: Word[], from: number): { manager: PackageManager; argsFrom: number } | undefined {
	const name = programName(words[from].value)!;
	if (
		name === 'apt-get' ||
		name === 'apt' ||
		name === 'aptitude' ||
		name === 'apk' ||
		name === 'yum' ||
		name === 'dnf' ||
		name === 'microdnf' ||
		name === 'npm' ||
		name === 'yarn' ||
		name === 'pnpm'
	) {
		return { manager: name, argsFrom: 1 };
	}
	if (/^pip(\d+(\.\d+)?)?$/.test(name)) return { manager: 'pip', argsFrom: 1 };
	if (/^(python(\d+(\.\d+)?)?|py)$/.test(name)) {
		// `python -m pip …`, possibly with interpreter options before `-m`.
		for (let i = 1; from + i < words.length; i++) {
			const value = words[from + i].value;
			if (value === '-m') return words[from + i + 1]?.value === 'pip' ? { manager: 'pip', argsFrom: i + 2 } : undefined;
			if (value === '-mpip') return { manager: 'pip', argsFrom: i + 1 };
			if (!value.startsWith('-')) return undefined;
		}
	}
	return undefined;
}

function readArguments(
	manager: PackageManager,
	command: SimpleCommand,
	index: number,
	program: Word,
	args: Word[],
	assignments: Map<string, string>,
): PackageCommand {
	const options: PackageOption[] = [];
	const packages: Word[] = [];
	let actionWord: Word | undefined;
	let optionsEnded = false;
	for (let i = 0; i < args.length; i++) {
		const word = args[i];
		if (!optionsEnded && word.value === '--') {
			optionsEnded = true;
			continue;
		}
		if (!optionsEnded && word.value.startsWith('-') && word.value.length > 1) {
			const option = readOption(manager, word, args[i + 1]);
			if (option.valueWord !== undefined) i++;
			options.push(option);
			continue;
		}
		if (actionWord === undefined) actionWord = word;
		else packages.push(word);
	}
	const written = actionWord?.value.toLowerCase();
	let action = written ?? '';
	if (written !== undefined) action = ACTION_ALIASES[manager]?.[written] ?? written;
	// A bare `yarn` (options only) installs the project, unless it only asks for its version or help.
	if (
		manager === 'yarn' &&
		actionWord === undefined &&
		!options.some((option) => ['--version', '-v', '--help', '-h'].includes(option.name))
	) {
		action = 'install';
	}
	return { manager, index, command, program, actionWord, action, options, packages, assignments };
}

function readOption(manager: PackageManager, word: Word, next: Word | undefined): PackageOption {
	const eq = word.value.indexOf('=');
	if (eq > 0) return { word, name: word.value.slice(0, eq), value: word.value.slice(eq + 1) };
	if (VALUE_OPTIONS[manager].has(word.value) && next !== undefined) {
		return { word, name: word.value, value: next.value, valueWord: next };
	}
	return { word, name: word.value };
}

/** Whether the command has one of these long or short options (`--yes`, `-y`), or a short bundle holding the letter. */
export function hasOption(command: PackageCommand, names: readonly string[], shortLetter?: string): boolean {
	return command.options.some(
		(option) =>
			names.includes(option.name) ||
			(shortLetter !== undefined && isShortBundle(option) && option.name.slice(1).includes(shortLetter)),
	);
}

/** `-yq`: single dash, letters only, no `=value`. */
export function isShortBundle(option: PackageOption): boolean {
	return /^-[A-Za-z]+$/.test(option.name) && option.value === undefined;
}

/** The offset just after the action word, where a fix inserts a flag (` --no-cache-dir`). */
export function afterAction(command: PackageCommand): number {
	return (command.actionWord ?? command.program).end;
}

/** The words from the program to the action: `apt-get install`, for a finding's range. */
export function commandSpan(command: PackageCommand): { start: number; end: number } {
	return { start: command.program.start, end: afterAction(command) };
}

/** Common truthy spellings of boolean environment variables (pip reads `1/yes/true/on`). */
export function isTruthy(value: string): boolean {
	return /^(1|y|yes|true|on)$/i.test(value.trim());
}

/** Whether a simple command runs this program, after assignments and a path (`/usr/bin/rm` → `rm`). */
export function runs(command: SimpleCommand, program: string): boolean {
	return programName(programWord(command)?.value) === program;
}

export interface Mount {
	type: string;
	target: string;
}

/** The `--mount` flags of a RUN: type (default `bind`) and target (`target`/`dst`/`destination`). */
export function mounts(instruction: Instruction): Mount[] {
	const result: Mount[] = [];
	for (const flag of instruction.flags) {
		if (flag.name !== 'mount' || flag.value === null) continue;
		let type = 'bind';
		let target = '';
		for (const part of flag.value.split(',')) {
			const eq = part.indexOf('=');
			const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
			const value =
				eq === -1
					? ''
					: part
							.slice(eq + 1)
							.trim()
							.replace(/^["']|["']$/g, '');
			if (key === 'type') type = value.toLowerCase();
			else if (key === 'target' || key === 'dst' || key === 'destination') target = trimEndChars(value, '/') || '/';
		}
		result.push({ type, target });
	}
	return result;
}

/** Whether a cache or tmpfs mount keeps `path` (or a directory holding it) out of the image. */
export function cacheMounted(instruction: Instruction, path: string): boolean {
	return mounts(instruction).some(
		(mount) =>
			(mount.type === 'cache' || mount.type === 'tmpfs') &&
			(path === mount.target || path.startsWith(mount.target + '/')),
	);
}

/** A run of instructions that build one image: a stage, or the whole file when it has no FROM. */
export interface InstructionGroup {
	instructions: Instruction[];
	/** Whether these instructions end up in the final image (final stage and the stages it is built FROM). */
	shipped: boolean;
}

/**
 * The file's stages as instruction groups. A file without FROM is invalid for Docker but is
 * still linted (the peers do), as one shipped group.
 */
export function instructionGroups(model: DockerfileModel): InstructionGroup[] {
	if (model.stages.length === 0) {
		return model.instructions.length === 0 ? [] : [{ instructions: model.instructions, shipped: true }];
	}
	const final = finalStage(model);
	const shipped = new Set(final === undefined ? [] : ancestry(final));
	return model.stages.map((stage) => ({ instructions: stage.instructions, shipped: shipped.has(stage) }));
}

/** The instructions a group builds on: those of the stages it is built FROM, then its own (a file without FROM: itself). */
export function inheritedGroupInstructions(model: DockerfileModel, instruction: Instruction): readonly Instruction[] {
	const stage = instruction.stage;
	// The per-stage list is built once (rules ask for it for every RUN: long stages were quadratic in allocations).
	if (model.stages.length === 0 || stage === undefined) return model.instructions;
	return inheritedInstructions(stage);
}

/** A command that installs a project's dependencies from its manifest (not named packages). */
export interface DependencyInstall {
	/** How the command reads in messages: `npm ci`, `pip install -r`, `go mod download`. */
	label: string;
	/** The files to copy before it so that its layer is cached: `package*.json`. */
	manifest: string;
	/** Document offsets of the words that name it. */
	start: number;
	end: number;
	index: number;
}

const TOOL_INSTALLS: Array<{ programs: readonly string[]; args: readonly string[]; manifest: string }> = [
	{ programs: ['bundle'], args: ['install'], manifest: 'Gemfile Gemfile.lock' },
	{ programs: ['go'], args: ['mod', 'download'], manifest: 'go.mod go.sum' },
	{ programs: ['composer', 'composer.phar'], args: ['install'], manifest: 'composer.json composer.lock' },
	{ programs: ['pipenv'], args: ['install'], manifest: 'Pipfile Pipfile.lock' },
	{ programs: ['pipenv'], args: ['sync'], manifest: 'Pipfile Pipfile.lock' },
	{ programs: ['poetry'], args: ['install'], manifest: 'pyproject.toml poetry.lock' },
	{ programs: ['cargo'], args: ['fetch'], manifest: 'Cargo.toml Cargo.lock' },
];

const TOOL_PROGRAMS: ReadonlySet<string> = new Set(['mvn', 'mvnw', ...TOOL_INSTALLS.flatMap((tool) => tool.programs)]);

const MANAGER_MANIFESTS: Partial<Record<PackageManager, string>> = {
	npm: 'package*.json',
	yarn: 'package.json yarn.lock',
	pnpm: 'package.json pnpm-lock.yaml',
	pip: 'requirements.txt',
};

/** Project dependency installs in a RUN: `npm ci`, `yarn`, `pip install -r`, `bundle install`, `go mod download`, `mvn dependency:…`… */
export function dependencyInstalls(instruction: Instruction): DependencyInstall[] {
	const found: DependencyInstall[] = [];
	for (const command of packageCommands(instruction)) {
		const install = managerInstall(command);
		if (install !== undefined) found.push(install);
	}
	instruction.commands.forEach((command, index) => {
		const install = toolInstall(command, index);
		if (install !== undefined) found.push(install);
	});
	return found.sort((a, b) => a.start - b.start);
}

function managerInstall(command: PackageCommand): DependencyInstall | undefined {
	const manifest = MANAGER_MANIFESTS[command.manager];
	if (manifest === undefined) return undefined;
	const span = commandSpan(command);
	const label = `${command.program.value}${command.actionWord === undefined ? '' : ' ' + command.actionWord.value}`;
	if (command.manager === 'pip') {
		const requirement = command.options.find((option) => option.name === '-r' || option.name === '--requirement');
		if (command.action !== 'install' || requirement === undefined) return undefined;
		const named = requirement.value?.split('/').pop();
		return {
			label: `${label} -r`,
			manifest: named !== undefined && named !== '' && !named.includes('$') ? named : manifest,
			...span,
			index: command.index,
		};
	}
	const installs =
		command.action === 'ci' ||
		((command.action === 'install' || (command.manager === 'pnpm' && command.action === 'fetch')) &&
			command.packages.length === 0);
	if (!installs || hasOption(command, ['-g', '--global'])) return undefined;
	return { label, manifest, ...span, index: command.index };
}

function toolInstall(command: SimpleCommand, index: number): DependencyInstall | undefined {
	let first = 0;
	while (first < command.words.length && isAssignment(command.words[first].value)) first++;
	const name = programName(command.words[first]?.value);
	// Most commands run none of these tools: they skip copying the words.
	if (name === undefined || !TOOL_PROGRAMS.has(name)) return undefined;
	const words = command.words.slice(first);
	const args = words.slice(1).filter((word) => !word.value.startsWith('-'));
	if (name === 'mvn' || name === 'mvnw') {
		const goal = args.find((word) => word.value.startsWith('dependency:'));
		return goal === undefined
			? undefined
			: { label: `mvn ${goal.value}`, manifest: 'pom.xml', start: words[0].start, end: goal.end, index };
	}
	for (const tool of TOOL_INSTALLS) {
		if (!tool.programs.includes(name) || !tool.args.every((arg, i) => args[i]?.value === arg)) continue;
		// `bundle install`, not `bundle install rake` … none of these take package names here except poetry/pipenv.
		if (tool.programs[0] === 'pipenv' && args.length > tool.args.length) return undefined;
		const last = tool.args.length === 0 ? words[0] : args[tool.args.length - 1];
		return {
			label: [name, ...tool.args].join(' '),
			manifest: tool.manifest,
			start: words[0].start,
			end: last.end,
			index,
		};
	}
	return undefined;
}
