import { parseImageRef, type ImageRef } from '../dockerfile/image-ref';
import { interpolateOnce } from './interpolation';
import type { ExtendsChain, ExtendsLink, LinkFacts } from './health';
import { acrossServices } from './across-services';
import type { ComposeModel, Service, View } from './model';
import type { VolumeMount } from './volumes';
import { objectMemo } from '../object-memo';

/** Readers of a service's common fields, with Compose's interpolation applied. */

/** A scalar's value after interpolation with the file's `.env` (`$$` → `$`). */
export function interpolated(model: ComposeModel, view: View | undefined): string | undefined {
	const raw = view?.string;
	if (raw === undefined) return undefined;
	return raw.includes('$') ? interpolateOnce(raw, model.env).value : raw;
}

export interface ServiceImage {
	ref: ImageRef;
	/** The `image:` value node (where image findings point). */
	view: View;
	/** The text as written, before interpolation. */
	written: string;
}

type Variables = ReadonlyMap<string, string>;

/**
 * What several rules read of every service, worked out once per service view: linking the project gives a service
 * a new view, so a stale answer is never found. The answers that interpolate keep the variables they were read
 * with. One record on the view holds them all: each property put on a view (one per fact before) was among the
 * costliest steps of a lint of many small services.
 */
export interface ServiceMemo {
	image: { env: Variables; image: ServiceImage | undefined } | undefined;
	environment: { env: Variables; entries: readonly EnvironmentEntry[] } | undefined;
	/** Kept by volumes.ts. */
	mounts: { env: Variables; mounts: readonly VolumeMount[] } | undefined;
	/** Kept by health.ts. */
	extendsChain: ExtendsChain | undefined;
	extendsLink: ExtendsLink | undefined;
	linkFacts: LinkFacts | undefined;
}

const memoByView = objectMemo<View, ServiceMemo>('serviceMemo');

/** The memo of a service's view, made empty on first use. */
export function serviceMemo(view: View): ServiceMemo {
	return (
		memoByView.get(view) ??
		memoByView.set(view, {
			image: undefined,
			environment: undefined,
			mounts: undefined,
			extendsChain: undefined,
			extendsLink: undefined,
			linkFacts: undefined,
		})
	);
}

/** The service's `image:`, interpolated and parsed; undefined when absent or empty. */
export function serviceImage(model: ComposeModel, service: Service): ServiceImage | undefined {
	const memo = serviceMemo(service.view);
	if (memo.image !== undefined && memo.image.env === model.env) return memo.image.image;
	const image = readImage(model, service);
	memo.image = { env: model.env, image };
	return image;
}

function readImage(model: ComposeModel, service: Service): ServiceImage | undefined {
	const view = service.view.get('image');
	const value = interpolated(model, view);
	if (view === undefined || value === undefined || value.trim() === '') return undefined;
	const ref = parseImageRef(value.trim());
	// An unresolved variable leaves text that is not the real image: say so through hasVariables.
	if (view.string !== value && /\$\{?[A-Za-z_]/.test(view.string ?? '')) {
		ref.hasVariables = ref.hasVariables || missingVariables(model, view.string!);
	}
	return { ref, view, written: view.string! };
}

function missingVariables(model: ComposeModel, text: string): boolean {
	return interpolateOnce(text, model.env).missing.length > 0;
}

export interface EnvironmentEntry {
	name: string;
	/** Undefined for `- NAME` / `NAME:` (the value comes from the shell at run time). */
	value: string | undefined;
	/** The value as written, before interpolation. */
	written: string | undefined;
	/** The list item or the map value. */
	view: View;
}

/** `environment:` in map or list form. */
export function environment(model: ComposeModel, service: Service): readonly EnvironmentEntry[] {
	const memo = serviceMemo(service.view);
	if (memo.environment !== undefined && memo.environment.env === model.env) return memo.environment.entries;
	const entries = readEnvironment(model, service);
	memo.environment = { env: model.env, entries };
	return entries;
}

function readEnvironment(model: ComposeModel, service: Service): EnvironmentEntry[] {
	const section = service.view.get('environment');
	if (section === undefined) return [];
	const map = section.asMap();
	if (map) {
		return map.entries().map(([name, view]) => {
			const written = view.string;
			return { name, value: written === undefined ? undefined : interpolated(model, view), written, view };
		});
	}
	return section.items().flatMap((item): EnvironmentEntry[] => {
		const text = item.string;
		if (text === undefined) return [];
		const eq = text.indexOf('=');
		if (eq === -1) return [{ name: text, value: undefined, written: undefined, view: item }];
		const written = text.slice(eq + 1);
		return [
			{
				name: text.slice(0, eq),
				value: written.includes('$') ? interpolateOnce(written, model.env).value : written,
				written,
				view: item,
			},
		];
	});
}

/** A string or list field (`command`, `entrypoint`, `healthcheck.test`) as words, and whether it was a list. */
export function words(model: ComposeModel, view: View | undefined): { words: string[]; list: boolean } | undefined {
	if (view === undefined) return undefined;
	if (view.isSeq()) return { words: view.items().map((item) => interpolated(model, item) ?? ''), list: true };
	const text = interpolated(model, view);
	return text === undefined ? undefined : { words: text.split(/\s+/).filter((word) => word !== ''), list: false };
}

/**
 * One-shot jobs: services another service of the file waits for with `condition: service_completed_successfully`.
 * Read across the whole file (`model.whole` when a rule runs on one service: relint.ts), once per file model.
 */
export const ONE_SHOT_JOBS = acrossServices<ReadonlySet<string>>(
	'oneShotJobs',
	(_whole, service) => JSON.stringify(jobsAwaitedBy(service)),
	(whole) => new Set(whole.services.flatMap(jobsAwaitedBy)),
);

export function oneShotJobs(model: ComposeModel): ReadonlySet<string> {
	return ONE_SHOT_JOBS.of(model);
}

/** The services this one waits for to complete successfully. */
function jobsAwaitedBy(service: Service): string[] {
	const jobs: string[] = [];
	for (const [name, entry] of service.view.get('depends_on')?.asMap()?.entries() ?? []) {
		if (entry.asMap()?.get('condition')?.string === 'service_completed_successfully') jobs.push(name);
	}
	return jobs;
}
