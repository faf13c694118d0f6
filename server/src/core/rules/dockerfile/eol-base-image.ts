import { EOL_MESSAGE, eolMessageData, eolStatus, EOL_TABLE_COMPILED, type EolStatus } from '../../data/eol';
import { withTag, type ImageRef } from '../../dockerfile/image-ref';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { replace } from '../../fixes';
import type { Fix, Rule } from '../../types';

export const eolBaseImage: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/eol-base-image',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Do not build on a release that is past its end of life',
		guide: 'Security; Regular scanning',
		aliases: [],
		fixable: true,
		messages: {
			endOfLife: EOL_MESSAGE,
		},
		docs: {
			rationale: `Once a release line reaches its end of life, its maintainers stop fixing security holes: every new CVE stays open in your image for good, and scanners will flag it forever. Build stages count too, since what they compile or copy ships. The dates come from a table in Shipshape (compiled ${EOL_TABLE_COMPILED}) covering Node.js, Python, Alpine, Debian, Ubuntu, Go, PostgreSQL, Redis, MySQL, MariaDB, MongoDB, nginx, PHP, Ruby, Eclipse Temurin and the deprecated \`openjdk\` image; a distribution pinned in the tag (\`-bullseye\`, \`-alpine3.17\`) is checked as well.`,
			example: 'FROM node:16-alpine\nCMD ["node", "server.js"]',
			useInstead: 'FROM node:22-alpine\nCMD ["node", "server.js"]',
			fix: "Bumps the tag to the oldest long-term release that is still supported, keeping the variant (`node:16-alpine` → `node:22-alpine`), and drops a pinned end-of-life distribution so the tag follows the image's current one (`python:3.12-slim-bullseye` → `python:3.12-slim`). Offered only when the base is written literally in `FROM` (not through an `ARG`).",
		},
	},
	check({ model, now, report }) {
		for (const stage of model.stages) {
			const image = stage.image;
			if (image === undefined || image.digest !== undefined) continue;
			const status = eolStatus(image, now);
			if (status.status !== 'eol' && status.baseDistro === undefined) continue;
			const fix = fixFor(model, stage, image, status);
			report({
				range: stage.baseRange,
				messageId: 'endOfLife',
				data: eolMessageData(image, status),
				...(fix ? { fix } : {}),
			});
		}
	},
};

function fixFor(model: DockerfileModel, stage: Stage, image: ImageRef, status: EolStatus): Fix | undefined {
	if (status.replacementTag === undefined) return undefined;
	// Only a literal base: a tag built from ARGs would need the ARG changed instead.
	const written = model.text.slice(
		model.index.offsetAt(stage.baseRange.start),
		model.index.offsetAt(stage.baseRange.end),
	);
	if (written !== image.raw) return undefined;
	const replacement = withTag(image, status.replacementTag);
	return { title: `Use \`${replacement}\``, edits: [replace(stage.baseRange, replacement)], changesBase: true };
}
