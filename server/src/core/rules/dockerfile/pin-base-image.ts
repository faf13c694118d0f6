import type { DockerfileModel } from '../../dockerfile/model';
import type { Rule } from '../../types';

export const pinBaseImage: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/pin-base-image',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Pin base images to a tag or digest, never `latest`',
		guide: 'Image Optimization Rules: Base Images; Security',
		aliases: ['DL3006', 'DL3007', 'DS001'],
		fixable: false,
		messages: {
			pinVersionUntagged: 'Pin a version of `{{image}}`: an untagged image means `latest`',
			pinVersionInstead: 'Pin a version of `{{repository}}` instead of `latest`',
		},
		docs: {
			rationale:
				'An untagged or `:latest` base changes under you: the same Dockerfile builds a different image tomorrow, and a rollback rebuilds something new. Pin a version (or a digest) so builds are repeatable and upgrades are deliberate.',
			example: 'FROM node\nFROM python:latest',
			useInstead: 'FROM node:22-alpine\nFROM python:3.12-slim',
		},
	},
	check({ model, report }) {
		for (const stage of model.stages) {
			const image = stage.image;
			if (image === undefined || image.name === 'scratch' || image.hasVariables || image.digest !== undefined) continue;
			if (image.tag === undefined) {
				report({
					range: stage.baseRange,
					messageId: 'pinVersionUntagged',
					data: { image: image.raw },
					aliases: ['DL3006', 'DS001'],
				});
			} else if (image.tag === 'latest') {
				report({
					range: stage.baseRange,
					messageId: 'pinVersionInstead',
					data: { repository: image.repository },
					aliases: ['DL3007', 'DS001'],
				});
			}
		}
	},
};
