import type { ComposeModel, Service, View } from '../model';
import type { Problem } from './types';
import { integerOf, settled } from './values';

/**
 * Device requests (`deploy.resources.reservations.devices`, `gpus`): compose-go refuses `count` with
 * `device_ids` (validation/validation.go checkDeviceRequest), and a `count` that is neither a whole
 * number nor `all` (types' DeviceCount decoding).
 */
export function deviceProblems(model: ComposeModel, service: Service): Problem[] {
	const gpus = service.view.get('gpus');
	const requests = [
		...(service.view.at('deploy', 'resources', 'reservations', 'devices')?.items() ?? []),
		...(gpus?.isSeq() ? gpus.items() : []),
	];
	return requests.flatMap((request) => requestProblems(model, request));
}

function requestProblems(model: ComposeModel, request: View): Problem[] {
	const map = request.asMap();
	if (map === undefined) return [];
	const problems: Problem[] = [];
	const count = map.get('count');
	if (count !== undefined && map.has('device_ids')) {
		problems.push({
			range: count.keyRange ?? count.range,
			message: 'A device request sets `count` or `device_ids`, not both: docker compose refuses the pair',
		});
	}
	const text = typeof count?.scalar === 'number' ? undefined : settled(model, count);
	if (text !== undefined && text.toLowerCase() !== 'all' && integerOf(text) === undefined) {
		problems.push({
			range: count!.range,
			message: `A device \`count\` is a whole number or \`all\`, not \`${text}\`: docker compose refuses it`,
		});
	}
	return problems;
}
