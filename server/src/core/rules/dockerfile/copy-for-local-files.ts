import type { DockerfileModel } from '../../dockerfile/model';
import { sourceKind, unquote } from '../../dockerfile/sources';
import type { Report, Rule } from '../../types';
import { KNOWN_FLAGS } from './syntax';

/** Flags only ADD has: with them, COPY is no replacement. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const copyForLocalFiles: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/copy-for-local-files',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Use COPY, not ADD, for files of the build context',
		aliases: ['DL3020'],
		fixable: true,
		messages: {
			useCopyLocal:
				'Use COPY for local files: ADD also fetches URLs and unpacks archives, which `{{local}}` does not need',
		},
		docs: {
			rationale:
				'ADD also downloads URLs, clones git repositories and unpacks archives; for a plain file of the build context it does what COPY does, with more ways to surprise (a file that happens to be a tar archive is unpacked). ADD stays right for URLs, git sources, archives it is meant to unpack, and its own flags (`--checksum`, `--keep-git-dir`, `--unpack`). Part of the `dockerfile/hygiene` group.',
			example: 'FROM node:22-alpine\nWORKDIR /app\nADD package.json ./',
			useInstead: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./',
			fix: 'ADD becomes COPY when every source is a local file and every flag is one COPY takes.',
		},
	},
	check({ report, model }) {
		for (const instruction of model.instructions) {
			if (
				instruction.keyword !== 'ADD' ||
				instruction.heredocs.length > 0 ||
				instruction.flags.some((flag) => ADD_ONLY_FLAGS.has(flag.name))
			) {
				continue;
			}
			const sources =
				instruction.json !== undefined
					? instruction.json.slice(0, -1)
					: instruction.args.slice(0, -1).map((arg) => unquote(arg.value));
			const local = sources.filter((source) => sourceKind(source) === 'local');
			if (local.length === 0) continue;
			const finding: Report = {
				range: instruction.keywordRange,
				messageId: 'useCopyLocal',
				data: { local: local[0] },
			};
			// With a flag COPY does not take (an unknown one included: `ADD --d`), the new COPY would fail the build; with
			// one ADD does not take but COPY reads (`ADD --from=x`, an error today), it would start reading a stage.
			const keepsFlags = instruction.flags.every(
				(flag) => flag.name === '' || (KNOWN_FLAGS.COPY.includes(flag.name) && KNOWN_FLAGS.ADD.includes(flag.name)),
			);
			if (local.length === sources.length && keepsFlags) {
				const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? 'copy' : 'COPY';
				finding.fix = {
					title: 'Replace ADD with COPY',
					edits: [{ range: instruction.keywordRange, newText: keyword }],
				};
			}
			report(finding);
		}
	},
};
