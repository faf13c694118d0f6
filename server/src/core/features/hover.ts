import type { Hover, MarkupContent, Position, Range } from 'vscode-languageserver-types';
import { parseCompose, type ComposeModel } from '../compose/model';
import { serviceImage } from '../compose/service';
import { eolStatus, type EolStatus } from '../data/eol';
import { parseDockerfile } from '../dockerfile/model';
import { withTag, type ImageRef } from '../dockerfile/image-ref';
import { docsUrl } from '../docs-url';
import { ruleById } from '../rules/index';
import type { DocumentKind, Finding } from '../types';
import { rangeContains } from './position';

/**
 * Hover: on a finding, what the rule asks and why, with its documentation; on a base image
 * (Dockerfile `FROM`, compose `image:`), where its release line stands on the end-of-life table.
 */
export function hover(
	kind: DocumentKind,
	text: string,
	position: Position,
	findings: readonly Finding[],
	now: Date,
	/** The compose file's model when the caller has it (the document's analysis): not parsed again. */
	composeModel?: ComposeModel,
): Hover | null {
	const sections: string[] = [];
	let range: Range | undefined;
	for (const finding of findings) {
		if (!rangeContains(finding.range, position)) continue;
		sections.push(findingSection(finding));
		range ??= finding.range;
	}
	const image = imageAt(kind, text, position, composeModel);
	const eol = image === undefined ? undefined : eolSection(image.ref, eolStatus(image.ref, now));
	if (image !== undefined && eol !== undefined) {
		sections.push(eol);
		range ??= image.range;
	}
	if (sections.length === 0) return null;
	const contents: MarkupContent = { kind: 'markdown', value: sections.join('\n\n---\n\n') };
	return range === undefined ? { contents } : { contents, range };
}

function findingSection(finding: Finding): string {
	const meta = ruleById(finding.ruleId);
	if (meta === undefined) return `**${finding.ruleId}**: ${finding.message}`;
	return `**${meta.id}**: ${meta.description}\n\n${meta.docs.rationale}\n\n[Documentation for ${meta.id}](${docsUrl(meta.id)})`;
}

/** One line on the image's release: past its end of life (and what to use), or supported until when. */
export function eolSection(image: ImageRef, status: EolStatus): string | undefined {
	const parts: string[] = [];
	if (status.status !== 'unknown' && status.eol !== undefined) {
		const release = `${status.product} ${status.line}`;
		parts.push(
			status.status === 'eol'
				? `${release}: end of life since ${isoDay(status.eol)}`
				: `${release}: supported until ${isoDay(status.eol)}`,
		);
	}
	if (status.baseDistro !== undefined) {
		parts.push(
			`its ${status.baseDistro.product} ${status.baseDistro.line} (${status.baseDistro.word}) base: end of life since ${isoDay(status.baseDistro.eol)}`,
		);
	}
	if (parts.length === 0) return undefined;
	let advice = '';
	if (status.replacementTag !== undefined) advice = `; use \`${withTag(image, status.replacementTag)}\``;
	else if (status.useInstead !== undefined) advice = `; the image is deprecated, use \`${status.useInstead}\``;
	return `\`${image.raw}\`: ${parts.join(', and ')}${advice}`;
}

function imageAt(
	kind: DocumentKind,
	text: string,
	position: Position,
	composeModel: ComposeModel | undefined,
): { ref: ImageRef; range: Range } | undefined {
	if (kind === 'dockerfile') {
		const stage = parseDockerfile(text).stages.find((candidate) => rangeContains(candidate.baseRange, position));
		return stage?.image === undefined ? undefined : { ref: stage.image, range: stage.baseRange };
	}
	const model = composeModel ?? parseCompose(text);
	for (const service of model.services) {
		const image = serviceImage(model, service);
		if (image !== undefined && rangeContains(image.view.range, position)) {
			return { ref: image.ref, range: image.view.range };
		}
	}
	return undefined;
}

function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}
