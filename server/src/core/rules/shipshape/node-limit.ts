import { resolveSeverity } from '../../config';
import { MAX_DOCKERFILE_INSTRUCTIONS, MAX_LINES, MAX_YAML_ENTRIES, type NodeCount } from '../../limits';
import { groupedDigits } from '../../messages';
import type { DocumentKind, EngineRule, Finding, Range, SeveritySetting } from '../../types';

/** A file with more instructions, YAML entries or lines than the limits (core/limits.ts) is not linted, and says so once. */
export const nodeLimit = {
	meta: {
		id: 'shipshape/node-limit',
		scope: 'shipshape',
		severity: 'warning',
		description: 'The file has too many instructions, YAML entries or lines to be linted',
		aliases: [],
		fixable: false,
		docs: {
			rationale: `A Dockerfile with more than ${groupedDigits(MAX_DOCKERFILE_INSTRUCTIONS)} instructions, a compose file with more than ${groupedDigits(MAX_YAML_ENTRIES)} YAML entries (lines with content, and items of flow collections), or a file of either kind with more than ${groupedDigits(MAX_LINES)} lines, is not linted: it gets this one finding instead, on its first line of content. A \`# shipshape-ignore-file shipshape/node-limit\` comment or the rule's severity setting silences it. Parsing and checking cost time per instruction and per YAML node, and the parsers per line even when the line is blank or a comment: a megabyte of tiny ones takes seconds, which would stall the editor and CI. No real project comes near the limits: the largest real files seen have 254 instructions, 815 entries and 788 lines. Docker may still accept the file, so this is a warning, not an error. Split the file (multi-stage builds across Dockerfiles, compose \`include\`), or lint what generates it.`,
			example: '(a generated compose file with 20,000 services)',
			useInstead: '(split the file, or lint the template that generates it)',
		},
	},
	/** The finding for a file of this kind over the limit, at `range` (its first line of content); undefined when switched off. */
	finding(
		kind: DocumentKind,
		over: NodeCount,
		range: Range,
		severities: Array<Record<string, SeveritySetting> | undefined> = [],
	): Finding | undefined {
		const severity = resolveSeverity(this.meta.id, this.meta.severity, ...severities);
		if (severity === 'off') return undefined;
		const file = kind === 'dockerfile' ? 'This Dockerfile' : 'This compose file';
		return {
			ruleId: this.meta.id,
			severity,
			aliases: [],
			message: `${file} has ${groupedDigits(over.count)} ${over.noun}; Shipshape lints files of up to ${groupedDigits(over.limit)}, so it is not linted`,
			range,
		};
	},
} satisfies EngineRule & Record<string, unknown>;
