import { interpolateOnce } from '../interpolation';
import type { ComposeModel, View } from '../model';

/**
 * Values as compose-go judges them: after interpolation with the file's variables. A value built
 * from a variable with no value here (it comes from the shell at run time) is not judged.
 */

/** A scalar's text after interpolation; undefined when absent, null, a collection, or using an unset variable. */
export function settled(model: ComposeModel, view: View | undefined): string | undefined {
	const raw = view?.string;
	if (raw === undefined) return undefined;
	if (!raw.includes('$')) return raw;
	const evaluation = interpolateOnce(raw, model.env);
	return evaluation.missing.length > 0 || evaluation.failures.length > 0 ? undefined : evaluation.value;
}

/** Whether a scalar uses a variable with no value here: then nothing can be said about it. */
export function unsettled(model: ComposeModel, view: View | undefined): boolean {
	return view?.string !== undefined && settled(model, view) === undefined;
}

/** compose-go's boolean reading of a value (YAML booleans, or an interpolated `true`/`yes`/`on`…); undefined when unknown. */
export function booleanOf(model: ComposeModel, view: View | undefined): boolean | undefined {
	if (view === undefined) return undefined;
	if (typeof view.scalar === 'boolean') return view.scalar;
	const text = settled(model, view)?.toLowerCase();
	if (text === 'true' || text === 'yes' || text === 'y' || text === 'on') return true;
	if (text === 'false' || text === 'no' || text === 'n' || text === 'off') return false;
	return undefined;
}

/** An integer as Go's strconv reads it (`-1`, `+3`, `12`); undefined otherwise. */
export function integerOf(text: string | undefined): number | undefined {
	if (text === undefined || !/^[-+]?\d{1,15}$/.test(text)) return undefined;
	return Number(text);
}

/** Whether a view holds at least one entry: a non-empty mapping or list. */
export function hasEntries(view: View | undefined): boolean {
	if (view === undefined) return false;
	const map = view.asMap();
	return map !== undefined ? map.keys().length > 0 : view.items().length > 0;
}
