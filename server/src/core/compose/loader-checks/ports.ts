import type { ComposeModel, Service } from '../model';
import type { Problem } from './types';
import { settled } from './values';

/** A long-syntax port's `host_ip` must be an IP address (validation/validation.go checkIPAddress, Go's net.ParseIP). */
export function portProblems(model: ComposeModel, service: Service): Problem[] {
	const problems: Problem[] = [];
	for (const port of service.view.get('ports')?.items() ?? []) {
		const hostIp = port.asMap()?.get('host_ip');
		const text = settled(model, hostIp);
		if (text !== undefined && !isIpAddress(text)) {
			problems.push({
				range: hostIp!.range,
				message: `\`host_ip: ${text}\` is not an IP address: docker compose refuses it`,
			});
		}
	}
	return problems;
}

/** IPv4 in dotted decimal or IPv6 (possibly ending in IPv4), as Go's net.ParseIP reads them: no brackets, zones or leading zeros. */
export function isIpAddress(text: string): boolean {
	return text.includes(':') ? isIpv6(text) : isIpv4(text);
}

function isIpv4(text: string): boolean {
	const parts = text.split('.');
	return parts.length === 4 && parts.every((part) => /^(?:0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

function isIpv6(text: string): boolean {
	const halves = text.split('::');
	if (halves.length > 2) return false;
	const groups = (half: string): string[] => (half === '' ? [] : half.split(':'));
	const head = groups(halves[0]);
	const tail = halves.length === 2 ? groups(halves[1]) : [];
	const all = [...head, ...tail];
	let width = 0;
	for (let index = 0; index < all.length; index++) {
		const group = all[index];
		if (index === all.length - 1 && group.includes('.')) {
			if (!isIpv4(group)) return false;
			width += 2;
		} else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) width += 1;
		else return false;
	}
	return halves.length === 2 ? width < 8 : width === 8;
}
