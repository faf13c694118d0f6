import type { ReportFile, ReportInput } from '../../../../server/src/core/report/index';
import type { Finding, RuleMeta } from '../../../../server/src/core/types';

/** Hand-made findings, so the formatter specs do not depend on which rules are registered. */
export const pinMeta: RuleMeta = {
	id: 'dockerfile/pin-base-image',
	scope: 'dockerfile',
	severity: 'warning',
	description: 'Pin base images to a tag or digest, never `latest`',
	aliases: ['DL3006', 'DL3007', 'DS001'],
	fixable: false,
	docs: { rationale: 'Builds must be repeatable.', example: 'FROM node', useInstead: 'FROM node:22-alpine' },
};

export const userMeta: RuleMeta = {
	id: 'dockerfile/non-root-user',
	scope: 'dockerfile',
	severity: 'error',
	description: 'Run as a non-root user',
	aliases: ['DL3002'],
	fixable: true,
	docs: {
		rationale: 'Root in the container is root on a kernel exploit away.',
		example: 'FROM node:22\nUSER root',
		useInstead: 'FROM node:22\nUSER node',
	},
};

export function finding(
	ruleId: string,
	severity: Finding['severity'],
	line: number,
	character: number,
	endLine: number,
	endCharacter: number,
	message: string,
	extra: Partial<Finding> = {},
): Finding {
	return {
		ruleId,
		severity,
		message,
		aliases: [],
		range: { start: { line, character }, end: { line: endLine, character: endCharacter } },
		...extra,
	};
}

export const dockerfileText = 'FROM node\nUSER root\nRUN echo "50% done"\n';

export const files: ReportFile[] = [
	{
		path: 'app/Dockerfile',
		kind: 'dockerfile',
		text: dockerfileText,
		findings: [
			finding('dockerfile/pin-base-image', 'warning', 0, 5, 0, 9, 'Pin a version of `node`', {
				aliases: ['DL3006', 'DS001'],
			}),
			finding('dockerfile/non-root-user', 'error', 1, 0, 1, 9, 'The last USER is root', {
				aliases: ['DL3002'],
				fix: { title: 'Switch to node', edits: [] },
			}),
			finding('test/multi-line', 'info', 1, 5, 2, 4, '50% sure: two\nlines, a: colon'),
		],
	},
	{ path: 'Dockerfile', kind: 'dockerfile', text: 'FROM node:22\n', findings: [] },
	{ path: 'compose.yaml', kind: 'compose', text: 'services: {}\n', findings: [] },
];

export const input: ReportInput = { files, catalogue: [userMeta, pinMeta], toolVersion: '9.8.7' };
