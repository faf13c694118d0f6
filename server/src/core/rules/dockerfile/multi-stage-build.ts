import { baseName } from '../../paths';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { dependencyInstalls, packageCommands, runs } from '../../dockerfile/packages';
import { commandWords, type SimpleCommand } from '../../dockerfile/shell';
import type { Rule } from '../../types';

interface BuildStep {
	label: string;
	start: number;
	end: number;
}

/** System packages that only a build needs: compilers and build drivers. */
const COMPILER_PACKAGES =
	/^(gcc|g\+\+|gcc-\d+|g\+\+-\d+|clang|clang-\d+|build-essential|build-base|make|cmake|golang|golang-go|rustc|cargo|default-jdk|openjdk-\d+-jdk|maven|gradle)([=:].*)?$/;

const SYSTEM_MANAGERS = new Set(['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf']);

/** Commands that compile: `go build`, `cargo build`, `make`, `mvn package`, `gradle build`, `npm run build`… */
function compileStep(command: SimpleCommand): BuildStep | undefined {
	const words = commandWords(command);
	if (words.length === 0) return undefined;
	const name = baseName(words[0].value);
	const args = words.slice(1).filter((word) => !word.value.startsWith('-'));
	const first = args[0]?.value;
	const step = (label: string, last = words[0]): BuildStep => ({ label, start: words[0].start, end: last.end });
	if (
		(name === 'go' || name === 'cargo' || name === 'dotnet') &&
		(first === 'build' || first === 'install' || first === 'publish')
	) {
		return step(`${name} ${first}`, args[0]);
	}
	if (
		name === 'make' ||
		name === 'cmake' ||
		name === 'mvn' ||
		name === 'mvnw' ||
		name === 'gradle' ||
		name === 'gradlew' ||
		name === 'javac' ||
		name === 'tsc'
	) {
		return step(name);
	}
	if ((name === 'npm' || name === 'yarn' || name === 'pnpm') && args.some((word) => word.value === 'build')) {
		return step(
			`${name} ${args
				.map((word) => word.value)
				.slice(0, 2)
				.join(' ')}`,
			args[args.findIndex((word) => word.value === 'build')],
		);
	}
	return undefined;
}

/** `apt-get install gcc make …`: the first compiler package installed. */
function compilerInstall(run: Instruction): BuildStep | undefined {
	for (const command of packageCommands(run)) {
		if (!SYSTEM_MANAGERS.has(command.manager) || (command.action !== 'install' && command.action !== 'add')) continue;
		const compiler = command.packages.find((word) => COMPILER_PACKAGES.test(word.value));
		if (compiler !== undefined) {
			return {
				label: `${command.program.value} ${command.action} ${compiler.value}`,
				start: compiler.start,
				end: compiler.end,
			};
		}
	}
	return undefined;
}

/** A RUN that removes what it built with (`apk del .build-deps`, `apt-get purge`) already keeps the toolchain out of the image. */
function purgesBuildDeps(run: Instruction): boolean {
	return (
		packageCommands(run).some(
			(command) =>
				(command.manager === 'apk' && command.action === 'del') ||
				(SYSTEM_MANAGERS.has(command.manager) && ['purge', 'remove', 'autoremove', 'erase'].includes(command.action)),
		) || run.commands.some((command) => runs(command, 'apt-mark') && commandWords(command)[1]?.value === 'auto')
	);
}

function buildStep(run: Instruction): BuildStep | undefined {
	if (purgesBuildDeps(run)) return undefined;
	const install = dependencyInstalls(run)[0];
	// `pip install .` / `-e .` builds the project itself; `pip install -r` counts as a dependency install above.
	const pip = packageCommands(run).find(
		(command) =>
			command.manager === 'pip' &&
			command.action === 'install' &&
			(command.options.some((option) => option.name === '-e' || option.name === '--editable') ||
				command.packages.some((word) => /^\.{1,2}(\/|$)/.test(word.value))),
	);
	const compile = run.commands.map(compileStep).find((step) => step !== undefined);
	const candidates: BuildStep[] = [];
	if (install !== undefined) candidates.push(install);
	if (pip !== undefined && install === undefined) {
		candidates.push({ label: 'pip install', start: pip.program.start, end: (pip.actionWord ?? pip.program).end });
	}
	if (compile !== undefined) candidates.push(compile);
	const compiler = compilerInstall(run);
	if (compiler !== undefined) candidates.push(compiler);
	return candidates.sort((a, b) => a.start - b.start)[0];
}

export const multiStageBuild: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/multi-stage-build',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Build in a separate stage and ship only the result',
		guide: 'Multi-Stage Builds (Required)',
		guideMandate: 'Multi-Stage Builds (Required)',
		aliases: [],
		fixable: false,
		messages: {
			singleStageImage:
				'This single-stage image builds (`{{label}}`) and ships its toolchain and build inputs: build in a separate stage and `COPY --from=` only the result',
		},
		docs: {
			rationale:
				"A single-stage image that installs dependencies or compiles ships its compilers, build tools, dev dependencies and caches, which makes it larger and gives attackers more to work with. Install and build in a builder stage, then `COPY --from=` only the output into a minimal runtime stage. A `RUN` that removes its build dependencies in the same step (the official images' pattern) is not counted.",
			example:
				'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/index.js"]',
			useInstead:
				'FROM node:22-alpine AS builder\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM node:22-alpine\nWORKDIR /app\nCOPY --from=builder /app/dist ./dist\nCMD ["node", "dist/index.js"]',
		},
	},
	check({ model, report }) {
		if (model.stages.length !== 1) return;
		// buildpack-deps is the toolchain image the official images build their full variants on: shipping the toolchain is the point.
		if (model.stages[0].image?.name === 'buildpack-deps') return;
		for (const run of model.stages[0].instructions) {
			if (run.keyword !== 'RUN') continue;
			const step = buildStep(run);
			if (step === undefined) continue;
			report({
				range: model.index.rangeOf(step.start, step.end),
				messageId: 'singleStageImage',
				data: { label: step.label },
			});
			return;
		}
	},
};
