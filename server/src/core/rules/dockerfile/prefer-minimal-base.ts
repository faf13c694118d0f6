import { eolStatus } from '../../data/eol';
import { DEBIAN_RELEASE_WORDS, FULL_DISTROS, MINIMAL_VARIANTS, type MinimalVariant } from '../../data/minimal-variants';
import {
	isAlpine,
	isDistroless,
	parseImageRef,
	splitTag,
	variantHas,
	withTag,
	type ImageRef,
} from '../../dockerfile/image-ref';
import { baseFacts, healthcheckProbe, toolPresence, toolPresenceOn } from '../../dockerfile/image-tools';
import { ancestry, finalStage, inheritedInstructions, type DockerfileModel, type Stage } from '../../dockerfile/model';
import { replace } from '../../fixes';
import type { Rule } from '../../types';

/** Temurin lines published with a JRE image. */
const TEMURIN_JRE_LINES = new Set(['8', '11', '17', '21', '25']);

export const preferMinimalBase: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/prefer-minimal-base',
		scope: 'dockerfile',
		severity: 'info',
		description: 'Ship on a minimal variant of the base image',
		guide: 'Image Optimization Rules 1–2',
		aliases: [],
		fixable: true,
		messages: {
			fullDistributionImage:
				'`{{image}}` is a full distribution: the image you ship is smaller on a minimal base (an `-alpine` or `-slim` language image, `alpine`, or distroless)',
			finalImageBuilt:
				'The final image is built on `{{image}}`, a full variant: `{{replacement}}` is much smaller{{hint}}',
		},
		docs: {
			rationale:
				"The default tags of official images carry a full distribution with compilers and build tools: hundreds of megabytes and a long list of packages for scanners to flag. The image you ship only needs the runtime. Build stages may stay full; the rule looks at the final stage's base.",
			example: 'FROM node:22\nCOPY . .\nCMD ["node", "server.js"]',
			useInstead: 'FROM node:22-alpine\nCOPY . .\nCMD ["node", "server.js"]',
			fix: 'Rewrites the tag to the published minimal variant, keeping the version: `-alpine` for Node.js, Go, PHP, nginx and similar (`node:22` → `node:22-alpine`), `-slim` for glibc-bound stacks such as Python and Ruby (`python:3.12-bookworm` → `python:3.12-slim-bookworm`), `-jre` for Eclipse Temurin. Only offered for a literal tag, never for digests, not when a `HEALTHCHECK` probes with a tool the minimal image lacks (`curl` on Alpine), and not when the minimal variant is itself past its end of life (`node:7-bullseye`: `dockerfile/eol-base-image` moves it to a supported line first).',
		},
	},
	check({ model, now, report }) {
		const final = finalStage(model);
		if (final === undefined) return;
		const chain = ancestry(final);
		const root = chain[chain.length - 1];
		const image = root.image;
		if (image === undefined || !isFullOfficialImage(image)) return;
		const written = model.text.slice(
			model.index.offsetAt(root.baseRange.start),
			model.index.offsetAt(root.baseRange.end),
		);
		if (FULL_DISTROS.includes(image.name)) {
			report({
				range: root.baseRange,
				messageId: 'fullDistributionImage',
				data: { image: image.raw },
			});
			return;
		}
		const entry = MINIMAL_VARIANTS[image.name];
		const tag = entry === undefined ? undefined : minimalTag(image, entry);
		if (entry === undefined || tag === undefined) return;
		const replacement = withTag(image, tag);
		const hint = entry.hint === undefined ? '' : ` (${entry.hint})`;
		// A minimal variant past its end of life is no fix: eol-base-image would still fire, for other reasons.
		const fix =
			written === image.raw &&
			!losesHealthcheckTool(final, replacement) &&
			eolStatus(parseImageRef(replacement), now).status !== 'eol'
				? { title: `Use \`${replacement}\``, edits: [replace(root.baseRange, replacement)], changesBase: true }
				: undefined;
		report({
			range: root.baseRange,
			messageId: 'finalImageBuilt',
			data: { image: image.raw, replacement, hint },
			...(fix ? { fix } : {}),
		});
	},
};

/** Whether a HEALTHCHECK of the stage probes with a tool the minimal image lacks (`curl` on Alpine): the fix would break it. */
function losesHealthcheckTool(stage: Stage, replacement: string): boolean {
	const minimal = baseFacts(parseImageRef(replacement));
	return inheritedInstructions(stage).some((instruction) => {
		if (instruction.keyword !== 'HEALTHCHECK') return false;
		const http = healthcheckProbe(instruction).http;
		return (
			http !== undefined &&
			toolPresence(stage, http.tool) !== 'absent' &&
			toolPresenceOn(stage, http.tool, minimal) === 'absent'
		);
	});
}

function isFullOfficialImage(image: ImageRef): boolean {
	if (!image.official || image.hasVariables || image.digest !== undefined || image.name === 'scratch') return false;
	if (image.tag === undefined || image.tag === 'latest') return false;
	return !isAlpine(image) && !isDistroless(image) && !variantHas(image, 'slim') && !variantHas(image, 'jre');
}

/** The minimal tag for the same version, or undefined when we are not sure it is published. */
function minimalTag(image: ImageRef, entry: MinimalVariant): string | undefined {
	const { version, variant } = splitTag(image.tag!);
	const words = variant === undefined ? [] : variant.split('-');
	if (version === undefined) return namedMinimalTag(image, entry, words);
	const release = words.filter((word) => DEBIAN_RELEASE_WORDS.includes(word));
	const flavours = words.filter((word) => !DEBIAN_RELEASE_WORDS.includes(word));
	if (entry.kind === 'alpine') {
		if (!flavours.every((word) => entry.flavours?.includes(word) === true)) return undefined;
		return [version, ...flavours, 'alpine'].join('-');
	}
	if (entry.kind === 'slim') return flavours.length > 0 ? undefined : [version, 'slim', ...release].join('-');
	return temurinJreTag(version, words);
}

/** `node:lts` → `lts-alpine`, `node:lts-buster` → `lts-alpine`, `nginx:stable` → `stable-alpine`, `debian:bookworm` → `bookworm-slim`. */
function namedMinimalTag(image: ImageRef, entry: MinimalVariant, words: string[]): string | undefined {
	// An Alpine variant drops the Debian release (`lts-buster`): Alpine has none.
	const named = entry.namedTags?.includes(words[0]) === true;
	if (
		named &&
		entry.kind === 'alpine' &&
		words.length > 1 &&
		words.slice(1).every((word) => DEBIAN_RELEASE_WORDS.includes(word))
	) {
		return `${words[0]}-alpine`;
	}
	if (words.length !== 1) return undefined;
	if (named) return `${words[0]}-${entry.kind}`;
	if (image.name === 'debian' && DEBIAN_RELEASE_WORDS.includes(words[0])) return `${words[0]}-slim`;
	return undefined;
}

/** `17` / `17-jdk` / `17-jdk-noble` → `17-jre` / `17-jre-noble`. */
function temurinJreTag(version: string, words: string[]): string | undefined {
	if (!TEMURIN_JRE_LINES.has(version.split('.')[0])) return undefined;
	const rest = words[0] === 'jdk' ? words.slice(1) : words;
	if (!rest.every((word) => /^[a-z]+$/.test(word) && word !== 'jdk')) return undefined;
	// Only Ubuntu release words follow the JDK/JRE word in Temurin tags.
	if (!rest.every((word) => ['noble', 'jammy', 'focal'].includes(word))) return undefined;
	return [version, 'jre', ...rest].join('-');
}
