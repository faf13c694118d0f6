import type { CrossServices } from '../types';
import type { ComposeModel, Service } from './model';
import { objectMemo } from '../object-memo';

/** A reading across a file's services (`Rule.crossServices`) that rules ask for with `of(model)`. */
export interface AcrossServices<T> extends CrossServices<ComposeModel> {
	/** The reading of the whole file (`model.whole` when the model is one service's: relint.ts), once per file model. */
	of(model: ComposeModel): T;
}

/**
 * A reading made of what each service adds (`shareOf`, as a string: the same share, the same string), read from the
 * whole file by `read` once per file model. A re-lint that finds the edited service's share unchanged hands the earlier
 * model's reading to the new one (`carry`) instead of walking every service again: the other services are as they were
 * (relint.ts declines edits that reach them through an anchor or `extends`).
 */
export function acrossServices<T>(
	description: string,
	shareOf: (whole: ComposeModel, service: Service) => string,
	read: (whole: ComposeModel) => T,
): AcrossServices<T> {
	const readings = objectMemo<ComposeModel, { value: T }>(description);
	const of = (model: ComposeModel): T => {
		const whole = model.whole ?? model;
		return (readings.get(whole) ?? readings.set(whole, { value: read(whole) })).value;
	};
	return {
		of,
		share: (model) => {
			const whole = model.whole ?? model;
			return JSON.stringify(model.services.map((service) => shareOf(whole, service)));
		},
		carry: (from, to) => {
			readings.set(to, { value: of(from) });
		},
	};
}
