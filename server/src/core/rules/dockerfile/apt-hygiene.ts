import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import {
	APT_MANAGERS,
	afterAction,
	commandSpan,
	hasOption,
	inheritedGroupInstructions,
	instructionGroups,
	packageCommands,
	runs,
	type PackageCommand,
} from '../../dockerfile/packages';
import { mergeRuns, runsInPosixShell } from '../../dockerfile/run-edits';
import { insertAt } from '../../fixes';
import type { Report, Rule } from '../../types';
import { objectMemo } from '../../object-memo';

type Reporter = (report: Report) => void;

/** RUNs that write a given APT configuration, found once per model: asking per install was quadratic in the RUN count. */
const configuringRuns = objectMemo<DockerfileModel, Map<RegExp, ReadonlySet<Instruction>>>('configuringRuns');

function runsMatching(model: DockerfileModel, pattern: RegExp): ReadonlySet<Instruction> {
	let byPattern = configuringRuns.get(model);
	if (byPattern === undefined) configuringRuns.set(model, (byPattern = new Map()));
	let matching = byPattern.get(pattern);
	if (matching === undefined) {
		byPattern.set(
			pattern,
			(matching = new Set(
				model.instructions.filter((instruction) => instruction.keyword === 'RUN' && pattern.test(instruction.argsText)),
			)),
		);
	}
	return matching;
}

/** APT configuration written by an earlier RUN (`echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/…`). */
function aptConfigured(model: DockerfileModel, run: Instruction, pattern: RegExp): boolean {
	const matching = runsMatching(model, pattern);
	if (matching.size === 0) return false;
	for (const instruction of inheritedGroupInstructions(model, run)) {
		if (instruction === run) return false;
		if (matching.has(instruction)) return true;
	}
	return false;
}

const ASSUME_YES_CONFIG = /APT::Get::Assume-Yes\s*"?(true|yes|1)"?/i;
const NO_RECOMMENDS_CONFIG = /APT::Install-Recommends\s*"?(false|no|0)"?/i;

/** `-o APT::Get::Assume-Yes=true` on the command line. */
function setsOption(install: PackageCommand, pattern: RegExp): boolean {
	return install.options.some(
		(option) =>
			(option.name === '-o' || option.name === '--option') &&
			option.value !== undefined &&
			pattern.test(option.value.replace('=', ' ')),
	);
}

/** `-qq`, `-q -q`, `-q=2`, `--quiet --quiet` imply `--yes` for apt-get. */
function quietTwice(install: PackageCommand): boolean {
	let level = 0;
	for (const option of install.options) {
		if ((option.name === '-q' || option.name === '--quiet') && option.value !== undefined) {
			level = Math.max(level, Number(option.value) || 0);
		} else if (option.name === '--quiet') level++;
		else if (/^-[A-Za-z]+$/.test(option.name) && option.value === undefined) {
			level += [...option.name].filter((letter) => letter === 'q').length;
		}
	}
	return level >= 2;
}

/** `yes | apt-get install …` answers the prompts too. */
function pipedYes(run: Instruction, install: PackageCommand): boolean {
	const before = run.commands[install.index - 1];
	return before !== undefined && before.next === '|' && runs(before, 'yes');
}

function assumesYes(model: DockerfileModel, run: Instruction, install: PackageCommand): boolean {
	return (
		hasOption(install, ['--yes', '--assume-yes', '--force-yes'], 'y') ||
		quietTwice(install) ||
		pipedYes(run, install) ||
		setsOption(install, ASSUME_YES_CONFIG) ||
		aptConfigured(model, run, ASSUME_YES_CONFIG)
	);
}

function skipsRecommends(model: DockerfileModel, run: Instruction, install: PackageCommand): boolean {
	return (
		hasOption(install, ['--no-install-recommends']) ||
		setsOption(install, NO_RECOMMENDS_CONFIG) ||
		aptConfigured(model, run, NO_RECOMMENDS_CONFIG)
	);
}

/** `apt-get install -s` only simulates: it neither prompts nor installs anything. */
function simulates(install: PackageCommand): boolean {
	return hasOption(install, ['--simulate', '--dry-run', '--just-print', '--no-act', '--recon'], 's');
}

/** `apt-get install $APT_OPTS curl`: the flags may well be in the variable. */
function optionsInVariable(install: PackageCommand): boolean {
	return install.packages.some((word) => /^\$\{?[A-Za-z_]*(OPT|FLAG|ARG)/i.test(word.value));
}

function checkInstall(model: DockerfileModel, run: Instruction, install: PackageCommand, report: Reporter): void {
	if (simulates(install) || optionsInVariable(install)) return;
	const range = model.index.rangeOf(commandSpan(install).start, commandSpan(install).end);
	const written = `${install.program.value} ${install.actionWord?.value ?? ''}`.trim();
	const editable = runsInPosixShell(model, run);
	if (!assumesYes(model, run, install)) {
		report({
			range,
			messageId: 'withoutYStops',
			data: { written },
			aliases: ['DL3014'],
			fix: editable ? { title: 'Add -y', edits: [insertAt(model.index, afterAction(install), ' -y')] } : undefined,
		});
	}
	// aptitude has no --no-install-recommends switch of that name.
	if (install.manager !== 'aptitude' && !skipsRecommends(model, run, install)) {
		report({
			range,
			messageId: 'alsoInstallsRecommended',
			data: { written },
			aliases: ['DL3015'],
			fix: editable
				? {
						title: 'Add --no-install-recommends',
						edits: [insertAt(model.index, afterAction(install), ' --no-install-recommends')],
					}
				: undefined,
		});
	}
}

/** Commands that may follow an update without making it useful. */
function harmlessAfterUpdate(run: Instruction, from: number): boolean {
	return run.commands.slice(from + 1).every((command) => {
		const parsed = packageCommands(run).find((candidate) => candidate.command === command);
		if (parsed !== undefined) {
			return APT_MANAGERS.has(parsed.manager) && (parsed.action === 'update' || parsed.action === 'clean');
		}
		return ['rm', 'echo', 'true', ':', 'set'].some((program) => runs(command, program));
	});
}

/** The next instruction, when it is a RUN that starts with an apt install and could absorb the update. */
function followingInstall(group: Instruction[], run: Instruction): Instruction | undefined {
	const next = group[group.indexOf(run) + 1];
	if (next === undefined || next.keyword !== 'RUN') return undefined;
	const first = packageCommands(next)[0];
	if (first === undefined || first.index !== 0 || !APT_MANAGERS.has(first.manager) || first.action !== 'install') {
		return undefined;
	}
	const sameFlags = (a: Instruction): string =>
		a.flags
			.map((flag) => `${flag.name}=${flag.value ?? ''}`)
			.sort()
			.join('\n');
	return sameFlags(next) === sameFlags(run) ? next : undefined;
}

function checkUpdateAlone(model: DockerfileModel, group: Instruction[], run: Instruction, report: Reporter): void {
	const update = packageCommands(run).find(
		(command) => APT_MANAGERS.has(command.manager) && command.action === 'update',
	);
	if (update === undefined || !harmlessAfterUpdate(run, update.index)) return;
	const next = followingInstall(group, run);
	const edit = next === undefined ? undefined : mergeRuns(model, run, next);
	report({
		range: model.index.rangeOf(commandSpan(update).start, commandSpan(update).end),
		messageId: 'updateAloneRun',
		data: { program: update.program.value },
		aliases: ['DS017'],
		fix: edit === undefined ? undefined : { title: 'Join with the install RUN that follows', edits: [edit] },
	});
}

export const aptHygiene: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/apt-hygiene',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Install apt packages non-interactively, without recommends, updating in the same `RUN`',
		guide: 'Image Optimization Rules: Security: minimal packages',
		aliases: ['DL3014', 'DL3015', 'DS017'],
		fixable: true,
		messages: {
			withoutYStops: '`{{written}}` without `-y` stops at the confirmation prompt: add `-y`',
			alsoInstallsRecommended: '`{{written}}` also installs recommended packages: add `--no-install-recommends`',
			updateAloneRun:
				'`{{program}} update` alone in a `RUN` caches a package index that later installs may not refresh: update and install in the same `RUN`',
		},
		docs: {
			rationale:
				'Without `-y`, `apt-get install` waits for a confirmation no one can give and the build aborts. Without `--no-install-recommends` it pulls in recommended packages the image never uses, which the guide\'s "minimal packages" rule forbids. An `apt-get update` in a `RUN` of its own is cached as a layer: a later change to the install line reuses the stale index and fails or installs old versions.',
			example: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install curl',
			useInstead:
				'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
			fix: 'Inserts `-y` or `--no-install-recommends` right after `install`. For an update alone, merges it with the next `RUN` when that one starts with `apt-get install`, has the same flags and nothing stands between them.',
		},
	},
	check({ model, report }) {
		for (const group of instructionGroups(model)) {
			for (const run of group.instructions) {
				if (run.keyword !== 'RUN') continue;
				for (const command of packageCommands(run)) {
					if (
						(command.manager === 'apt-get' || command.manager === 'apt' || command.manager === 'aptitude') &&
						command.action === 'install'
					) {
						checkInstall(model, run, command, report);
					}
				}
				checkUpdateAlone(model, group.instructions, run, report);
			}
		}
	},
};
