import type { Range } from 'vscode-languageserver-types';
import { buildSpec } from '../compose/build';
import type { ComposeModel, Service } from '../compose/model';
import { interpolated, serviceImage } from '../compose/service';
import { finalStage, rootImage, type DockerfileModel } from '../dockerfile/model';
import type { DocumentKind } from '../types';
import { parseDocument, type ParsedDocument } from './parsed';

/**
 * What the client's code lenses sit on: every compose service, and the FROM of a Dockerfile's
 * final stage (what the image ships). The client decides what to show; the server only locates.
 */
export type LensTarget = ServiceLensTarget | FinalFromLensTarget;

export interface ServiceLensTarget {
	kind: 'service';
	name: string;
	/** The service's key. */
	range: Range;
	/** `image:` after interpolation, when written. */
	image?: string;
	build?: { context: string; dockerfile?: string; target?: string };
	/** `deploy.resources.limits`, or the legacy `cpus` / `mem_limit` keys; absent values are left out. */
	limits: { cpus?: string; memory?: string };
}

export interface FinalFromLensTarget {
	kind: 'finalFrom';
	/** The FROM instruction's range. */
	range: Range;
	/** The base as written, build arguments substituted (`node:22-alpine`, or a stage name). */
	image: string;
	/** The image at the root of the stage chain, when the final stage builds on another stage. */
	rootImage?: string;
}

export function lensTargets(kind: DocumentKind, text: string): LensTarget[] {
	return lensTargetsOf(parseDocument(kind, text));
}

/** The same for a document already parsed (the language server's analysis of the version). */
export function lensTargetsOf(document: ParsedDocument): LensTarget[] {
	return document.kind === 'dockerfile' ? dockerfileTargets(document.model) : composeTargets(document.model);
}

function dockerfileTargets(model: DockerfileModel): LensTarget[] {
	const final = finalStage(model);
	if (final === undefined) return [];
	const target: FinalFromLensTarget = { kind: 'finalFrom', range: final.from.range, image: final.baseText };
	const root = rootImage(final);
	if (final.baseStage !== undefined && root !== undefined) target.rootImage = root.raw;
	return [target];
}

function composeTargets(model: ComposeModel): LensTarget[] {
	return model.services.map((service) => {
		const target: ServiceLensTarget = {
			kind: 'service',
			name: service.name,
			range: service.keyRange,
			limits: limitsOf(model, service),
		};
		const image = serviceImage(model, service);
		if (image !== undefined) target.image = image.ref.raw;
		const build = buildSpec(model, service);
		if (build !== undefined) {
			target.build = { context: build.context };
			if (build.dockerfile !== undefined) target.build.dockerfile = build.dockerfile;
			if (build.target !== undefined) target.build.target = build.target;
		}
		return target;
	});
}

function limitsOf(model: ComposeModel, service: Service): ServiceLensTarget['limits'] {
	const limits = service.view.at('deploy', 'resources', 'limits')?.asMap();
	const cpus = interpolated(model, limits?.get('cpus') ?? service.view.get('cpus'));
	const memory = interpolated(model, limits?.get('memory') ?? service.view.get('mem_limit'));
	return { ...(cpus === undefined ? {} : { cpus }), ...(memory === undefined ? {} : { memory }) };
}
