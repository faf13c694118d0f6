import { baseName } from '../../paths';
import { isSeq } from 'yaml';
import {
	flowList,
	healthTest,
	imageToolPresence,
	serviceImageFacts,
	testHttpTool,
	type HealthTest,
	type ServiceImageFacts,
} from '../../compose/health';
import type { ComposeModel, View } from '../../compose/model';
import { replaceScalar } from '../../compose/yaml-edits';
import type { HttpTool } from '../../dockerfile/image-tools';
import { commandWords, parseShell } from '../../dockerfile/shell';
import type { Fix, Rule } from '../../types';

export const composeHealthcheckToolMissing: Rule<ComposeModel> = {
	meta: {
		id: 'compose/healthcheck-tool-missing',
		scope: 'compose',
		severity: 'error',
		description: "Probe a service's health with a tool its image has",
		guide: 'Essential Health Checks',
		aliases: [],
		fixable: true,
		messages: {
			healthcheckRunsWhich:
				'The healthcheck of `{{service}}` runs `{{tool}}`, which {{imageDescription}} does not have: the check can never pass',
		},
		docs: {
			rationale:
				'A healthcheck that runs `curl` in an image without curl fails every time: the service is reported unhealthy forever and everything that waits for `service_healthy` never starts. Alpine-based images (`postgres:16-alpine`, `redis:7-alpine`, an app built `FROM node:22-alpine`) have BusyBox `wget` but no `curl`; slim and distroless images have neither. For a service built from a Dockerfile in the workspace, the final stage (or `build.target`) is what runs.',
			example:
				'services:\n  api:\n    image: node:22-alpine\n    command: ["node", "server.js"]\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:3000/health"]\n',
			useInstead:
				'services:\n  api:\n    image: node:22-alpine\n    command: ["node", "server.js"]\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:3000/health"]\n',
			fix: "On an Alpine image (BusyBox `wget` present), a plain `curl -f <url>` becomes `wget -q --spider <url>`, in the test's own form (`CMD` list or shell string). No fix for other images: install the tool in the Dockerfile or probe differently.",
		},
	},
	perService: true,
	check({ model, host, report }) {
		for (const service of model.services) {
			const test = healthTest(model, service);
			const tool = test === undefined ? undefined : testHttpTool(model, test);
			if (test === undefined || tool === undefined) continue;
			const image = serviceImageFacts(model, service, host);
			if (image === undefined || imageToolPresence(image, tool) !== 'absent') continue;
			const fix = wgetFix(model, test, tool, image);
			report({
				range: toolRange(test, tool),
				messageId: 'healthcheckRunsWhich',
				data: { service: service.name, tool, imageDescription: imageDescription(image) },
				...(fix ? { fix } : {}),
			});
		}
	},
};

function imageDescription(image: ServiceImageFacts): string {
	const what =
		image.stage !== undefined
			? `the image built from ${image.stage.name ? `stage \`${image.stage.nameText}\` of ` : ''}its Dockerfile`
			: `\`${image.ref!.raw}\``;
	const family =
		image.facts.family === 'alpine'
			? ' (Alpine)'
			: image.facts.slim
				? ' (slim)'
				: image.facts.family === 'distroless'
					? ' (distroless)'
					: '';
	return what + family;
}

/** The item naming the tool in a `CMD` list, else the script. */
function toolRange(test: HealthTest, tool: HttpTool): View['range'] {
	if (test.script !== undefined) return test.script.view.range;
	const index = test.words.findIndex((word) => baseName(word) === tool);
	return (test.items[index] ?? test.view).range;
}

/** curl options that `wget --spider` reproduces (fail on HTTP errors, quiet, follow redirects). */
const PLAIN_CURL_OPTION = /^-[fsSL]+$|^--(?:fail|silent|show-error|location)$/;
const URL = /^https?:\/\//i;

/** `curl -f <url>` → `wget -q --spider <url>`, when the options only ask to fail on HTTP errors. */
function plainCurlUrl(words: readonly string[]): string | undefined {
	if (words[0] !== 'curl') return undefined;
	const options = words.slice(1, -1);
	const url = words[words.length - 1];
	if (url === undefined || !URL.test(url) || !options.every((word) => PLAIN_CURL_OPTION.test(word))) return undefined;
	return options.some((word) => /^-[a-zA-Z]*f|^--fail$/.test(word)) ? url : undefined;
}

function wgetFix(model: ComposeModel, test: HealthTest, tool: HttpTool, image: ServiceImageFacts): Fix | undefined {
	if (tool !== 'curl' || image.facts.family !== 'alpine' || imageToolPresence(image, 'wget') !== 'present') {
		return undefined;
	}
	const title = 'Probe with BusyBox `wget --spider` instead of `curl`';
	if (test.script !== undefined) {
		const script = rewriteScript(test.script.written);
		const edit = script === undefined ? undefined : replaceScalar(model, test.script.view, script);
		return edit ? { title, edits: [edit] } : undefined;
	}
	// Written words (not interpolated) so `${PORT}` stays as the user wrote it.
	const written = test.items.map((item) => item.string ?? '');
	const url = plainCurlUrl(written);
	if (
		url === undefined ||
		test.view.via !== undefined ||
		!isSeq(test.view.node) ||
		!test.view.node.flow ||
		test.items.some((item) => item.via !== undefined)
	) {
		return undefined;
	}
	return { title, edits: [{ range: test.view.range, newText: flowList(['CMD', 'wget', '-q', '--spider', url]) }] };
}

/** Rewrites the first `curl -f <url>` of a shell script; the rest of the script (`|| exit 1`) stays. */
function rewriteScript(script: string): string | undefined {
	for (const command of parseShell(script, 0, script.length)) {
		const words = commandWords(command);
		if (words[0]?.value !== 'curl') continue;
		const url = plainCurlUrl(words.map((word) => word.value));
		if (url === undefined || words.some((word) => script.slice(word.start, word.end) !== word.value)) return undefined;
		return `${script.slice(0, words[0].start)}wget -q --spider ${url}${script.slice(words[words.length - 1].end)}`;
	}
	return undefined;
}
