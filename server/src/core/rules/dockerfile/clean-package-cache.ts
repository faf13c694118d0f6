import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import {
	APT_MANAGERS,
	afterAction,
	cacheMounted,
	commandSpan,
	hasOption,
	inheritedGroupInstructions,
	instructionGroups,
	isTruthy,
	packageCommands,
	runs,
	type PackageCommand,
} from '../../dockerfile/packages';
import { appendToRun, runsInPosixShell } from '../../dockerfile/run-edits';
import { commandWords, type SimpleCommand } from '../../dockerfile/shell';
import { insertAt } from '../../fixes';
import type { Fix, Report, Rule } from '../../types';

const APT_LISTS = '/var/lib/apt/lists';

type Reporter = (report: Report) => void;

/** `rm` of one of these paths (or of a path below them) in the same RUN. */
function removes(run: Instruction, paths: readonly string[]): boolean {
	return run.commands.some(
		(command) =>
			runs(command, 'rm') &&
			wordsOf(command)
				.slice(1)
				.some((word) => paths.some((path) => word === path || word.startsWith(path + '/'))),
	);
}

function wordsOf(command: SimpleCommand): string[] {
	return commandWords(command).map((word) => word.value);
}

// ---- apt lists (DL3009): the lists are written by `apt-get update`, so the RUN that updates must delete them.

function aptListsKept(run: Instruction): boolean {
	if (cacheMounted(run, APT_LISTS)) return false;
	// A cache of all of /var/lib/apt together with /var/cache/apt is the documented BuildKit pattern.
	if (cacheMounted(run, '/var/lib/apt') && cacheMounted(run, '/var/cache/apt')) return false;
	// `apt-get dist-clean` (apt 2.7+) removes the lists as well as the archives.
	if (
		packageCommands(run).some(
			(command) =>
				APT_MANAGERS.has(command.manager) && (command.action === 'dist-clean' || command.action === 'distclean'),
		)
	) {
		return false;
	}
	return !removes(run, [APT_LISTS]);
}

function checkAptLists(model: DockerfileModel, run: Instruction, report: Reporter): void {
	const update = packageCommands(run).find(
		(command) => APT_MANAGERS.has(command.manager) && command.action === 'update',
	);
	if (update === undefined || !aptListsKept(run)) return;
	report({
		range: span(model, update),
		messageId: 'aptGetUpdate',
		aliases: ['DL3009'],
		fix: appended(model, run, 'rm -rf /var/lib/apt/lists/*', 'Remove the apt lists in the same RUN'),
	});
}

// ---- pip (DL3042)

const PIP_CACHE_DIRS = [
	'/root/.cache/pip',
	'~/.cache/pip',
	'$HOME/.cache/pip',
	'/root/.cache',
	'~/.cache',
	'$HOME/.cache',
];

function pipCacheDisabledByEnv(model: DockerfileModel, run: Instruction): boolean {
	let disabled = false;
	for (const instruction of inheritedGroupInstructions(model, run)) {
		if (instruction === run) break;
		if (instruction.keyword !== 'ENV') continue;
		for (const [name, value] of envPairs(instruction)) if (name === 'PIP_NO_CACHE_DIR') disabled = isTruthy(value);
	}
	return disabled;
}

/** `ENV A=1 B=2` and the legacy `ENV A 1`. */
function envPairs(instruction: Instruction): Array<[string, string]> {
	const args = instruction.args.map((arg) => arg.value);
	if (args.length > 0 && !args[0].includes('=')) return [[args[0], args.slice(1).join(' ')]];
	return args
		.filter((arg) => arg.includes('='))
		.map((arg) => [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1).replace(/^(["'])(.*)\1$/, '$2')]);
}

/** `export PIP_NO_CACHE_DIR=1` earlier in the RUN, or the variable set on the command itself. */
function pipCacheDisabledInRun(run: Instruction, pip: PackageCommand): boolean {
	const own = pip.assignments.get('PIP_NO_CACHE_DIR');
	if (own !== undefined) return isTruthy(own);
	let disabled = false;
	for (const command of run.commands.slice(0, pip.index)) {
		const words = wordsOf(command);
		if (words[0] !== 'export' && words[0] !== 'declare') continue;
		for (const word of words.slice(1)) {
			if (word.startsWith('PIP_NO_CACHE_DIR=')) disabled = isTruthy(word.slice('PIP_NO_CACHE_DIR='.length));
		}
	}
	return disabled;
}

function pipCacheCleaned(run: Instruction): boolean {
	if (PIP_CACHE_DIRS.some((dir) => dir.startsWith('/') && cacheMounted(run, dir))) return true;
	if (removes(run, PIP_CACHE_DIRS)) return true;
	// `pip cache purge` empties it too.
	return packageCommands(run).some(
		(command) => command.manager === 'pip' && command.action === 'cache' && command.packages[0]?.value === 'purge',
	);
}

function checkPip(model: DockerfileModel, run: Instruction, report: Reporter): void {
	for (const pip of packageCommands(run)) {
		if (pip.manager !== 'pip' || pip.action !== 'install') continue;
		// pip accepts unambiguous prefixes of long options: `--no-cache` is `--no-cache-dir`.
		if (pip.options.some((option) => option.name === '--no-cache-dir' || option.name === '--no-cache')) continue;
		if (pipCacheDisabledInRun(run, pip) || pipCacheDisabledByEnv(model, run) || pipCacheCleaned(run)) continue;
		report({
			range: span(model, pip),
			messageId: 'pipInstallKeeps',
			aliases: ['DL3042'],
			fix: inserted(model, run, afterAction(pip), ' --no-cache-dir', 'Add --no-cache-dir'),
		});
	}
}

// ---- apk (DL3019)

function checkApk(model: DockerfileModel, run: Instruction, report: Reporter): void {
	// `--no-network` installs from what is already there and fetches no index.
	const adds = packageCommands(run).filter(
		(apk) => apk.manager === 'apk' && apk.action === 'add' && !hasOption(apk, ['--no-cache', '--no-network']),
	);
	// The RUN's words are searched for a cache removal only when there is an `apk add` to report.
	if (adds.length === 0 || cacheMounted(run, '/var/cache/apk') || removes(run, ['/var/cache/apk'])) return;
	for (const apk of adds) {
		report({
			range: span(model, apk),
			messageId: 'apkAddKeeps',
			aliases: ['DL3019'],
			fix: inserted(model, run, afterAction(apk), ' --no-cache', 'Add --no-cache'),
		});
	}
}

// ---- npm: `npm ci` / `npm install` fill ~/.npm, which nothing needs at run time.

const NPM_CACHE_DIRS = ['/root/.npm', '~/.npm', '$HOME/.npm', '/home/node/.npm'];

function npmCacheCleaned(run: Instruction): boolean {
	if (NPM_CACHE_DIRS.some((dir) => dir.startsWith('/') && cacheMounted(run, dir))) return true;
	if (removes(run, NPM_CACHE_DIRS)) return true;
	return packageCommands(run).some(
		(command) =>
			command.manager === 'npm' &&
			command.action === 'cache' &&
			command.packages[0]?.value === 'clean' &&
			hasOption(command, ['--force'], 'f'),
	);
}

function checkNpm(model: DockerfileModel, run: Instruction, report: Reporter): void {
	const install = packageCommands(run).find(
		(command) => command.manager === 'npm' && (command.action === 'ci' || command.action === 'install'),
	);
	if (install === undefined || npmCacheCleaned(run)) return;
	report({
		range: span(model, install),
		messageId: 'npmLeavesNpm',
		data: { action: install.action },
		// No peer checks npm's cache: a hadolint pragma must not silence this one.
		aliases: [],
		fix: appended(model, run, 'npm cache clean --force', 'Clean the npm cache in the same RUN'),
	});
}

// ---- shared

function span(model: DockerfileModel, command: PackageCommand) {
	const { start, end } = commandSpan(command);
	return model.index.rangeOf(start, end);
}

function appended(model: DockerfileModel, run: Instruction, text: string, title: string): Fix | undefined {
	const edit = appendToRun(model, run, text);
	return edit === undefined ? undefined : { title, edits: [edit] };
}

function inserted(
	model: DockerfileModel,
	run: Instruction,
	offset: number,
	text: string,
	title: string,
): Fix | undefined {
	if (!runsInPosixShell(model, run)) return undefined;
	return { title, edits: [insertAt(model.index, offset, text)] };
}

export const cleanPackageCache: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/clean-package-cache',
		scope: 'dockerfile',
		severity: 'info',
		description: 'Leave package-manager caches out of the final image',
		guide: 'Image Optimization Rules: Size Target; Security: minimal packages',
		aliases: ['DL3042', 'DL3019', 'DL3009'],
		fixable: true,
		messages: {
			aptGetUpdate:
				'`apt-get update` leaves its package lists in the image: remove `/var/lib/apt/lists/*` in the same `RUN`',
			pipInstallKeeps: '`pip install` keeps its download cache in the image: add `--no-cache-dir`',
			apkAddKeeps: '`apk add` keeps its package index in the image: add `--no-cache`',
			npmLeavesNpm:
				'`npm {{action}}` leaves the npm cache in the image: run `npm cache clean --force` in the same `RUN`',
		},
		docs: {
			rationale:
				'Package managers keep downloads and indexes (`~/.npm`, `~/.cache/pip`, `/var/cache/apk`, `/var/lib/apt/lists`) that nothing needs at run time. Left in a layer they add megabytes to every pull; a later `RUN` that deletes them cannot shrink the earlier layer. Clean up in the same `RUN`, or use a BuildKit cache mount. Only the final image counts: build stages that are not shipped may keep their caches.',
			example:
				'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\nRUN pip install -r requirements.txt',
			useInstead:
				'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir -r requirements.txt',
			fix: 'Adds `--no-cache-dir` after `pip install` and `--no-cache` after `apk add`; appends `&& rm -rf /var/lib/apt/lists/*` or `&& npm cache clean --force` at the end of the `RUN`, on a new continued line when the `RUN` spans several lines. Not offered for heredoc or JSON-form `RUN`s, or under a non-POSIX `SHELL`.',
		},
	},
	check({ model, report }) {
		for (const group of instructionGroups(model)) {
			if (!group.shipped) continue;
			for (const run of group.instructions) {
				if (run.keyword !== 'RUN') continue;
				checkAptLists(model, run, report);
				checkPip(model, run, report);
				checkApk(model, run, report);
				checkNpm(model, run, report);
			}
		}
	},
};
