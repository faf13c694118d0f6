import { dirname, join } from 'node:path';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { rootImage } from '../../dockerfile/model';
import {
	commandSpan,
	hasOption,
	inheritedGroupInstructions,
	instructionGroups,
	packageCommands,
	type PackageCommand,
	type PackageOption,
} from '../../dockerfile/packages';
import { runsInPosixShell } from '../../dockerfile/run-edits';
import { replace } from '../../fixes';
import { copyGlobMatches } from '../../glob';
import type { FileHost, Report, Rule } from '../../types';

type Reporter = (report: Report) => void;

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** Whether a COPY/ADD source's last part (a name or a glob like `package*.json`) matches a file name. */
function sourceMatches(source: string, fileName: string): boolean {
	const base =
		source
			.split('/')
			.filter((part) => part !== '')
			.pop() ?? '';
	return copyGlobMatches(base, fileName);
}

/** The sources of a COPY/ADD from the build context (not `--from`), without the destination. */
function contextSources(instruction: Instruction): string[] {
	if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flag('from') !== undefined) {
		return [];
	}
	const words = instruction.json ?? instruction.args.map((arg) => arg.value);
	return words.slice(0, -1);
}

/**
 * The first COPY/ADD of an inherited instruction list that brings a lockfile in: one naming it (or
 * a glob matching it), or a whole-context copy when the lockfile sits beside the Dockerfile.
 * Computed once per list: asked for every RUN, a scan each time was quadratic in the stage.
 */
function lockfileCopies(
	path: string | undefined,
	host: FileHost | undefined,
): (list: readonly Instruction[]) => Instruction | undefined {
	let beside: boolean | undefined;
	const lockfileBeside = (): boolean =>
		(beside ??=
			path !== undefined &&
			host !== undefined &&
			LOCKFILES.some((lockfile) => host.exists(join(dirname(path), lockfile))));
	const bringsLockfile = (source: string): boolean =>
		LOCKFILES.some((lockfile) => sourceMatches(source, lockfile)) ||
		((source === '.' || source === './') && lockfileBeside());
	const first = new Map<readonly Instruction[], Instruction | undefined>();
	return (list) => {
		if (!first.has(list)) {
			first.set(
				list,
				list.find((instruction) => contextSources(instruction).some(bringsLockfile)),
			);
		}
		return first.get(list);
	};
}

/** Whether the image has a lockfile when the RUN runs, so that `npm ci` cannot fail for want of one. */
function lockfileCopied(
	model: DockerfileModel,
	run: Instruction,
	firstLockfileCopy: (list: readonly Instruction[]) => Instruction | undefined,
): boolean {
	const copy = firstLockfileCopy(inheritedGroupInstructions(model, run));
	// An inherited list runs in document order: base stages come before the stages built on them.
	return copy !== undefined && copy.start < run.start;
}

/** npm 7 (Node 15) introduced `--omit=dev`; older official node images only know `--only=production`. */
function knowsOmit(run: Instruction): boolean {
	if (run.stage === undefined) return true;
	const image = rootImage(run.stage);
	if (image === undefined || image.name !== 'node' || image.version === undefined) return true;
	return Number(image.version.split('.')[0]) >= 15;
}

function productionOption(npm: PackageCommand): PackageOption | undefined {
	return npm.options.find(
		(option) =>
			(option.name === '--only' && /^prod(uction)?$/.test(option.value ?? '')) ||
			(option.name === '--production' && (option.value === undefined || option.value === 'true')),
	);
}

function checkInstall(
	model: DockerfileModel,
	run: Instruction,
	npm: PackageCommand,
	firstLockfileCopy: (list: readonly Instruction[]) => Instruction | undefined,
	report: Reporter,
): void {
	if (npm.action !== 'install' || npm.packages.length > 0 || hasOption(npm, ['-g', '--global'])) return;
	const { start, end } = commandSpan(npm);
	const safe = lockfileCopied(model, run, firstLockfileCopy) && runsInPosixShell(model, run);
	report({
		range: model.index.rangeOf(start, end),
		messageId: 'useCi',
		data: {
			install: `${npm.program.value} ${npm.actionWord!.value}`,
			lockfile: safe ? '' : ' (copy `package-lock.json` into the image first)',
		},
		fix: safe
			? { title: 'Use npm ci', edits: [replace(model.index.rangeOf(npm.actionWord!.start, npm.actionWord!.end), 'ci')] }
			: undefined,
	});
}

function checkProduction(model: DockerfileModel, run: Instruction, npm: PackageCommand, report: Reporter): void {
	if (npm.action !== 'install' && npm.action !== 'ci' && npm.action !== 'prune') return;
	const option = productionOption(npm);
	if (option === undefined || !knowsOmit(run)) return;
	const end = option.valueWord?.end ?? option.word.end;
	const range = model.index.rangeOf(option.word.start, end);
	report({
		range,
		messageId: 'omitDev',
		data: { option: model.index.getText(range) },
		fix: runsInPosixShell(model, run) ? { title: 'Use --omit=dev', edits: [replace(range, '--omit=dev')] } : undefined,
	});
}

export const npmCi: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/npm-ci',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Install Node dependencies with `npm ci` and `--omit=dev`',
		guide: 'Multi-Stage Builds (Required); Multi-Stage Build Optimization',
		aliases: [],
		fixable: true,
		messages: {
			useCi:
				'`{{install}}` re-resolves versions on every build: use `npm ci`, which installs exactly what the lockfile says{{lockfile}}',
			omitDev: '`{{option}}` is deprecated since npm 7: use `--omit=dev`',
		},
		docs: {
			rationale:
				"`npm install` may resolve newer versions than the lockfile and rewrite it, so two builds of the same commit can differ. `npm ci` installs exactly the lockfile and fails when it is out of date. Since npm 7, `--only=production` and `--production` are deprecated in favour of `--omit=dev` (the guide's own examples still use the old flag).",
			example: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install --only=production',
			useInstead: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev',
			fix: 'Replaces `install` with `ci` when a `COPY` before it brings in `package-lock.json` (by name or glob, or with the whole context when the lockfile sits beside the Dockerfile), and `--only=production`/`--production` with `--omit=dev`. Images based on `node` 14 or older (npm 6) are left alone about `--omit=dev`.',
		},
	},
	check({ model, path, host, report }) {
		const firstLockfileCopy = lockfileCopies(path, host);
		for (const group of instructionGroups(model)) {
			for (const run of group.instructions) {
				for (const npm of packageCommands(run)) {
					if (npm.manager !== 'npm') continue;
					checkInstall(model, run, npm, firstLockfileCopy, report);
					checkProduction(model, run, npm, report);
				}
			}
		}
	},
};
