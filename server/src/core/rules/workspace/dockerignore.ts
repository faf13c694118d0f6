import { baseName, dirnameOf, joinPath } from '../../paths';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { commandName, type SimpleCommand } from '../../dockerfile/shell';
import { cleanPath, isIgnored, readIgnoreFile, type IgnorePattern, type MalformedIgnoreLine } from '../../ignore-file';
import type { FileChange, FileHost, Range, Report, Rule } from '../../types';

/** The guide's `.dockerignore`, without README.md: some builds read it (package metadata, docs). */
const NODE_ENTRIES = ['node_modules', 'npm-debug.log', '.git', '.gitignore', '.env', '.nyc_output', 'coverage'];
const GENERIC_ENTRIES = ['.git', '.gitignore', '.env'];

export interface DockerignoreOptions {
	/** The build context directory (absolute). */
	contextDir: string;
	/** The Dockerfile's path: `<Dockerfile>.dockerignore` beside it takes precedence over the context's file. */
	dockerfilePath?: string;
	/** Whether the context is a Node project (then `node_modules` must be excluded too). */
	node: boolean;
	/** Paths the Dockerfile copies by name: never excluded, even if the guide lists them. */
	copiedByName?: readonly string[];
	/** Line ending for a new file. */
	eol?: '\n' | '\r\n';
}

export interface DockerignoreProblem {
	/** The ignore file that applies, or would be created. */
	path: string;
	existed: boolean;
	/** Entries that must be excluded and are not. */
	missing: string[];
	/** The new or extended file. */
	change: FileChange;
}

export interface DockerignoreInspection {
	/** The ignore file that applies, or would be created. */
	path: string;
	/** What it lacks, if anything. */
	problem?: DockerignoreProblem;
	/** Its lines Docker refuses, in order: any of them fails the build. */
	malformed: MalformedIgnoreLine[];
	/** Its patterns, when the file exists. */
	patterns?: IgnorePattern[];
}

/**
 * What the build context's ignore file lacks, and the lines in it Docker refuses. Kept apart from
 * the rule so that a compose build (`build.context`) can ask the same question about its own context.
 */
export function inspectDockerignore(host: FileHost, options: DockerignoreOptions): DockerignoreInspection {
	const keep = new Set((options.copiedByName ?? []).map(normalise));
	const beside = options.dockerfilePath === undefined ? undefined : `${options.dockerfilePath}.dockerignore`;
	const path = beside !== undefined && host.exists(beside) ? beside : joinPath(options.contextDir, '.dockerignore');
	const required = (options.node ? ['.git', 'node_modules', '.env'] : ['.git', '.env']).filter(
		(entry) => !keep.has(entry),
	);
	const existing = host.exists(path) ? host.readFile(path) : undefined;
	// A file there that the host refused to read (a FIFO, a link out of the project): shipshape/unreadable-file says so; neither "missing" nor a fix that would replace it.
	if (existing === undefined && host.refusal?.(path) !== undefined) return { path, malformed: [] };
	if (existing === undefined) {
		const entries = (options.node ? NODE_ENTRIES : GENERIC_ENTRIES).filter((entry) => !keep.has(entry));
		if (required.length === 0) return { path, malformed: [] };
		const eol = options.eol ?? '\n';
		return {
			path,
			malformed: [],
			problem: {
				path,
				existed: false,
				missing: required,
				change: { path, content: entries.join(eol) + eol, existed: false },
			},
		};
	}
	const { patterns, malformed } = readIgnoreFile(existing);
	const missing = required.filter((entry) => !isIgnored(patterns, entry));
	if (missing.length === 0) return { path, malformed, patterns };
	const eol = existing.includes('\r\n') ? '\r\n' : '\n';
	const separator = existing === '' || existing.endsWith('\n') ? '' : eol;
	return {
		path,
		malformed,
		patterns,
		problem: {
			path,
			existed: true,
			missing,
			change: { path, content: existing + separator + missing.join(eol) + eol, existed: true },
		},
	};
}

/**
 * The finding for the first line Docker refuses (an error: the build fails), on `range`, the
 * instruction or build that sends the context: the ignore file itself is not a linted document.
 */
export function malformedLineReport(
	inspection: DockerignoreInspection,
	range: Range,
	sender: string,
): Report | undefined {
	const [first, ...others] = inspection.malformed;
	if (first === undefined) return undefined;
	const shown = first.pattern.length > 60 ? `${first.pattern.slice(0, 60)}…` : first.pattern;
	const more =
		others.length === 0 ? '' : `; ${others.length} more line${others.length === 1 ? ' is' : 's are'} malformed too`;
	return {
		range,
		severity: 'error',
		messageId: 'sendsBuildContext',
		data: {
			sender,
			baseName: baseName(inspection.path),
			line: first.line,
			shown,
			reason: first.reason,
			dockerError: first.dockerError,
			more,
		},
	};
}

export const dockerignore: Rule<DockerfileModel> = {
	meta: {
		id: 'workspace/dockerignore',
		scope: 'workspace',
		severity: 'warning',
		description: 'Exclude .git, node_modules and .env from a build context that is copied whole',
		guide: 'Image Optimization: Use .dockerignore to reduce build context',
		aliases: [],
		fixable: true,
		messages: {
			serviceNotExcluded:
				'`{{service}}` builds `{{context}}`: {{copy}}, and {{ignoreFile}} does not exclude {{list}}: they end up in the image',
			serviceNoIgnoreFile:
				'`{{service}}` builds `{{context}}`: {{copy}} and there is no .dockerignore: {{list}} end up in the image',
			notExcluded:
				'`{{keyword}}` copies the whole build context, and {{ignoreFile}} does not exclude {{list}}: they end up in the image',
			noIgnoreFile:
				'`{{keyword}}` copies the whole build context and there is no .dockerignore: {{list}} end up in the image',
			sendsBuildContext:
				'{{sender}} sends the build context through {{baseName}}, whose line {{line}} `{{shown}}` is malformed ({{reason}}): Docker fails the build with "{{dockerError}}"{{more}}',
			namesWhichLeaves:
				'`{{keyword}}` names `{{source}}`, which {{ignoreFile}} leaves out of the build context: `docker build` fails ("not found"); stop excluding it (or add `!{{cleanPath}}`), or do not copy it',
		},
		docs: {
			rationale:
				'`COPY . .` copies everything the context holds that `.dockerignore` does not exclude: the whole git history, a host `node_modules` built for another platform, and `.env` files with secrets end up in the image, make it larger, and bust the layer cache on every change. A `.dockerignore` line Docker refuses (`[z-a]`, an unclosed `[`, a trailing `\\`, a lone `!`) fails the build: it is reported as an error on the COPY that sends the context, with its line number. So is a `COPY`/`ADD` of a path the file excludes (`Dockerfile` under a `Dockerfile` line): the context does not hold it and the build fails with "not found".',
			example: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n# (no .dockerignore beside this Dockerfile)',
			useInstead:
				'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n# .dockerignore: node_modules, npm-debug.log, .git, .gitignore, .env, .nyc_output, coverage',
			fix: "Creates `.dockerignore` with the guide's entries (the Node ones only for a Node project; README.md is left out because some builds need it), or appends the missing entries to the existing file, keeping its content and line endings. Nothing the Dockerfile copies by name is excluded.",
		},
	},
	check({ model, path, host, report }) {
		if (host === undefined || path === undefined) return;
		const copyAll = model.instructions.find(copiesWholeContext);
		const sender = copyAll ?? model.instructions.find(copiesFromContext);
		if (sender === undefined) return;
		const inspection = inspectDockerignore(host, {
			contextDir: dirnameOf(path),
			dockerfilePath: path,
			node: isNodeProject(model, host, dirnameOf(path)),
			copiedByName: copiedByName(model),
			eol: model.index.eol,
		});
		const malformed = malformedLineReport(inspection, sender.range, sender.keyword);
		if (malformed !== undefined) report(malformed);
		if (inspection.patterns !== undefined) {
			for (const ignored of ignoredSources(model, inspection.patterns)) {
				report(ignoredSourceReport(ignored, baseName(inspection.path)));
			}
		}
		const problem = inspection.problem;
		if (problem === undefined || copyAll === undefined) return;
		const list = problem.missing.map((entry) => `\`${entry}\``).join(', ');
		report({
			range: copyAll.range,
			messageId: problem.existed ? 'notExcluded' : 'noIgnoreFile',
			data: { keyword: copyAll.keyword, ignoreFile: baseName(problem.path), list },
			fix: {
				title: problem.existed
					? `Add ${problem.missing.join(', ')} to ${baseName(problem.path)}`
					: 'Create .dockerignore',
				edits: [],
				files: [problem.change],
			},
		});
	},
};

/** A COPY or ADD source named literally (no glob, no variable) that the ignore file leaves out of the context. */
interface IgnoredSource {
	instruction: Instruction;
	source: string;
	range: Range;
}

/**
 * Sources the context does not hold: the build fails on them ("failed to calculate checksum … not found";
 * BuildKit's check CopyIgnoredFile warns first). Only literal paths: a glob may match other files.
 */
function ignoredSources(model: DockerfileModel, patterns: readonly IgnorePattern[]): IgnoredSource[] {
	const found: IgnoredSource[] = [];
	for (const instruction of model.instructions) {
		if (
			(instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') ||
			instruction.flag('from') !== undefined ||
			instruction.heredocs.length > 0
		) {
			continue;
		}
		const sources =
			instruction.json !== undefined
				? instruction.json.slice(0, -1).map((value) => ({ value, range: instruction.range }))
				: instruction.args
						.slice(0, -1)
						.map((arg) => ({ value: arg.value.replace(/^(["'])(.*)\1$/, '$2'), range: arg.range }));
		for (const { value, range } of sources) {
			if (/[*?[\\$]/.test(value) || /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i.test(value)) continue;
			const path = cleanPath(normalise(value));
			if (path === '.' || path.startsWith('..') || !isIgnored(patterns, path)) continue;
			found.push({ instruction, source: value, range });
		}
	}
	return found;
}

function ignoredSourceReport(ignored: IgnoredSource, ignoreFile: string): Report {
	return {
		range: ignored.range,
		severity: 'error',
		messageId: 'namesWhichLeaves',
		data: {
			keyword: ignored.instruction.keyword,
			source: ignored.source,
			ignoreFile,
			cleanPath: cleanPath(normalise(ignored.source)),
		},
	};
}

function sourcesOf(instruction: Instruction): string[] {
	if (instruction.json !== undefined) return instruction.json.slice(0, -1);
	if (instruction.heredocs.length > 0) return [];
	return instruction.args.slice(0, -1).map((arg) => arg.value.replace(/^(["'])(.*)\1$/, '$2'));
}

/** A COPY/ADD that reads the build context (so Docker applies .dockerignore): not `--from`, not only URLs. */
export function copiesFromContext(instruction: Instruction): boolean {
	if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flag('from') !== undefined) {
		return false;
	}
	return sourcesOf(instruction).some((source) => !/^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i.test(source));
}

export function copiesWholeContext(instruction: Instruction): boolean {
	if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flag('from') !== undefined) {
		return false;
	}
	return sourcesOf(instruction).some((source) => ['.', './', '*', './*', '/'].includes(source));
}

/** Local paths the Dockerfile names in COPY/ADD, normalised (`./.env` → `.env`). */
export function copiedByName(model: DockerfileModel): string[] {
	return model.instructions
		.filter(
			(instruction) =>
				(instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && instruction.flag('from') === undefined,
		)
		.flatMap(sourcesOf)
		.map(normalise)
		.filter((source) => source !== '' && source !== '.');
}

export function isNodeProject(model: DockerfileModel, host: FileHost, contextDir: string): boolean {
	if (host.exists(joinPath(contextDir, 'package.json'))) return true;
	if (model.stages.some((stage) => stage.image?.name === 'node')) return true;
	// A project install, not a global tool (`npm install -g azurite` in a test stage).
	const installsProject = (command: SimpleCommand): boolean =>
		['npm', 'yarn', 'pnpm'].includes(commandName(command) ?? '') &&
		!command.words.some((word) => ['-g', '--global', 'global'].includes(word.value));
	return model.instructions.some(
		(instruction) => instruction.keyword === 'RUN' && instruction.commands.some(installsProject),
	);
}

function normalise(path: string): string {
	const start = /^(?:\.\/|\/)*/.exec(path)![0].length;
	let end = path.length;
	// A loop, not /\/+$/: that regex retries every run of slashes from each of its slashes.
	while (end > start && path[end - 1] === '/') end--;
	return path.slice(start, end);
}
