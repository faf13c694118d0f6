import {
	healthcheckProbe,
	lineAboveComments,
	stageBaseFacts,
	toolPresence,
	wgetProbe,
	type HttpProbe,
	type HttpTool,
} from '../../dockerfile/image-tools';
import {
	inheritedInstructions,
	rootImage,
	type DockerfileModel,
	type Instruction,
	type Stage,
} from '../../dockerfile/model';
import type { Word } from '../../dockerfile/shell';
import { insertLinesBefore, replace } from '../../fixes';
import type { Fix, Rule } from '../../types';

export const healthcheckToolMissing: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/healthcheck-tool-missing',
		scope: 'dockerfile',
		severity: 'error',
		description: 'Probe health with a tool the image has',
		guide: 'Health Checks',
		aliases: [],
		fixable: true,
		messages: {
			healthcheckRunsWhich:
				'The HEALTHCHECK runs `{{tool}}`, which {{imageDescription}} does not have: the check can never pass',
		},
		docs: {
			rationale:
				'A HEALTHCHECK that runs `curl` in an image without curl fails every time: the container is reported unhealthy forever, and whatever waits for it to become healthy never starts. Alpine images have BusyBox `wget` but no `curl`; `-slim` Debian images have neither; distroless images have no tools (and no shell) at all.',
			example:
				'FROM node:22-alpine\nEXPOSE 3000\nHEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]',
			useInstead:
				'FROM node:22-alpine\nEXPOSE 3000\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]',
			fix: "On Alpine, a plain `curl -f <url>` becomes BusyBox `wget -q --spider <url>`. Otherwise the package is installed before the HEALTHCHECK (`apk add --no-cache`, or `apt-get install` on Debian and Ubuntu), before the stage's switch to a non-root `USER` when there is one. No fix on distroless or scratch images.",
		},
	},
	check({ model, report }) {
		for (const stage of model.stages) {
			for (const instruction of stage.instructions) {
				if (instruction.keyword !== 'HEALTHCHECK') continue;
				const http = healthcheckProbe(instruction).http;
				if (http === undefined || toolPresence(stage, http.tool) !== 'absent') continue;
				const tool = http.words[0];
				const fix = wgetFix(model, stage, http) ?? installFix(model, stage, instruction, http.tool);
				report({
					range: model.index.rangeOf(tool.start, tool.end),
					messageId: 'healthcheckRunsWhich',
					data: { tool: http.tool, imageDescription: imageDescription(stage) },
					...(fix ? { fix } : {}),
				});
			}
		}
	},
};

/**
 * The base image by name: the finding stays the same finding when a fix changes the image (`debian:12` to
 * `debian:12-slim` keeps curl missing), where a description ("this slim image") would restate it differently.
 */
function imageDescription(stage: Stage): string {
	const ref = rootImage(stage);
	return ref === undefined ? 'this image' : `the base image \`${ref.raw}\``;
}

/** curl options that a `wget --spider` request reproduces faithfully (fail on HTTP errors, quiet). */
const PLAIN_CURL_OPTIONS = /^-[fsSL]+$|^--(?:fail|silent|show-error|location)$/;

/** `curl -f URL` on Alpine: BusyBox wget exists and does the same request, failing on HTTP errors too. */
function wgetFix(model: DockerfileModel, stage: Stage, http: HttpProbe): Fix | undefined {
	if (http.tool !== 'curl' || toolPresence(stage, 'wget') !== 'present' || !isPlainCurl(http)) return undefined;
	const first = http.words[0];
	const last = http.words[http.words.length - 1];
	const words = wgetProbe(http.url.value).exec;
	const raw = (word: Word): string => model.text.slice(word.start, word.end);
	// Exec form: the words are JSON strings, rewritten as such with the file's own separator.
	const text = raw(first).startsWith('"')
		? words.map((word) => JSON.stringify(word)).join(model.text.slice(first.end, http.words[1].start))
		: [...words.slice(0, -1), raw(http.url)].join(' ');
	return {
		title: 'Probe with BusyBox `wget --spider` instead of `curl`',
		edits: [replace(model.index.rangeOf(first.start, last.end), text)],
	};
}

/** The command is `curl` (by that name), options that only ask to fail on HTTP errors (at least `-f`) and the URL. */
function isPlainCurl(http: HttpProbe): boolean {
	const options = http.words.slice(1).filter((word) => word !== http.url);
	if (http.words[0].value !== 'curl' || options.length + 2 !== http.words.length) return false;
	return (
		options.every((word) => PLAIN_CURL_OPTIONS.test(word.value)) &&
		options.some((word) => /^-[a-zA-Z]*f|^--fail$/.test(word.value))
	);
}

const APT_INSTALL = (tool: string): string =>
	`apt-get update && apt-get install -y --no-install-recommends ${tool} && rm -rf /var/lib/apt/lists/*`;

/** Installs the tool before the HEALTHCHECK, as root: above the stage's switch to a non-root user if it has one. */
function installFix(model: DockerfileModel, stage: Stage, healthcheck: Instruction, tool: HttpTool): Fix | undefined {
	const facts = stageBaseFacts(stage);
	let command: string;
	if (facts.family === 'alpine') command = `apk add --no-cache ${tool}`;
	else if (facts.family === 'debian' || facts.family === 'ubuntu') command = APT_INSTALL(tool);
	else return undefined;
	const anchor = installAnchor(stage, healthcheck);
	if (anchor === undefined) return undefined;
	const line = anchor.range.start.line;
	return {
		title: `Install \`${tool}\` in the image`,
		edits: [
			insertLinesBefore(model.index, lineAboveComments(anchor, model.index), [
				`${model.index.indentation(line)}RUN ${command}`,
			]),
		],
	};
}

function installAnchor(stage: Stage, healthcheck: Instruction): Instruction | undefined {
	const before = inheritedInstructions(stage);
	const users = before.slice(0, before.indexOf(healthcheck)).filter((instruction) => instruction.keyword === 'USER');
	const user = users[users.length - 1];
	const value = user?.args[0]?.value.split(':')[0];
	if (user === undefined || value === 'root' || value === '0') return healthcheck;
	// A non-root user set in an ancestor stage: the install would need a USER dance; leave it to the user.
	return user.stage === stage ? user : undefined;
}
