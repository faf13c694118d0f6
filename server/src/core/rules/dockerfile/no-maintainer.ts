import type { DockerfileModel } from '../../dockerfile/model';
import type { Report, Rule } from '../../types';

export const noMaintainer: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/no-maintainer',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Replace the deprecated MAINTAINER with an authors LABEL',
		aliases: ['DL4000', 'MaintainerDeprecated'],
		fixable: true,
		messages: {
			maintainerDeprecatedUse: 'MAINTAINER is deprecated: use `LABEL org.opencontainers.image.authors="…"`',
		},
		docs: {
			rationale:
				'MAINTAINER is deprecated: BuildKit warns about it, and tools read the author from the OCI label `org.opencontainers.image.authors`. Part of the `dockerfile/hygiene` group.',
			example: 'FROM node:22-alpine\nMAINTAINER dev@example.com',
			useInstead: 'FROM node:22-alpine\nLABEL org.opencontainers.image.authors="dev@example.com"',
			fix: 'MAINTAINER becomes an `org.opencontainers.image.authors` LABEL with the same value (not before the first FROM, where LABEL is not allowed, nor for a value continued over lines).',
		},
	},
	check({ model, report }) {
		for (const instruction of model.instructions) {
			if (instruction.keyword !== 'MAINTAINER') continue;
			const author = instruction.argsText.trim();
			const finding: Report = {
				range: instruction.range,
				messageId: 'maintainerDeprecatedUse',
				tags: { deprecated: true },
			};
			// LABEL is not allowed before the first FROM, and a continued value is left to the author.
			if (instruction.stage !== undefined && author !== '' && !/[\r\n]/.test(author)) {
				const value = author.replace(/[\\"$]/g, (character) => `\\${character}`);
				const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? 'label' : 'LABEL';
				finding.fix = {
					title: 'Replace MAINTAINER with an authors LABEL',
					edits: [{ range: instruction.range, newText: `${keyword} org.opencontainers.image.authors="${value}"` }],
				};
			}
			report(finding);
		}
	},
};
