import type { ComposeModel } from '../../compose/model';
import { formatRange, onAllInterfaces, servicePorts, type PortMapping } from '../../compose/ports';
import { fitsScalar, scalarSource } from '../../compose/scalar-source';
import { serviceImage } from '../../compose/service';
import { insertMapEntry, replaceScalar } from '../../compose/yaml-edits';
import { datastoreOf, type Datastore } from '../../data/datastores';
import type { Fix, Rule, TextEdit } from '../../types';

const LOOPBACK = '127.0.0.1';

export const datastorePortExposed: Rule<ComposeModel> = {
	meta: {
		id: 'compose/datastore-port-exposed',
		scope: 'compose',
		severity: 'warning',
		description: 'Publish datastore ports on 127.0.0.1 only',
		guide: 'Security Hardening: Network isolation',
		aliases: [],
		fixable: true,
		messages: {
			publishesEveryHost:
				'`{{service}}` publishes {{kind}} ({{port}}) on {{where}} of every host interface: bind it to {{LOOPBACK}}, or drop it and connect over the Compose network',
		},
		docs: {
			rationale:
				'`"5432:5432"` publishes the database on every interface of the host, and Docker\'s own iptables rules bypass a host firewall such as ufw: anyone who can reach the machine can try passwords against it. The other services reach it over the Compose network without any published port; a developer\'s client needs only the loopback address.',
			example: 'services:\n  db:\n    image: postgres:16-alpine\n    ports:\n      - "5432:5432"\n',
			useInstead: 'services:\n  db:\n    image: postgres:16-alpine\n    ports:\n      - "127.0.0.1:5432:5432"\n',
			fix: 'Binds the mapping to `127.0.0.1:` (the short syntax keeps its quotes; `0.0.0.0` is replaced; the long syntax gets `host_ip: 127.0.0.1`). Not offered when the port comes through an alias or a variable holds the address.',
		},
	},
	perService: true,
	check({ model, report }) {
		for (const service of model.services) {
			const image = serviceImage(model, service);
			const store = image === undefined ? undefined : datastoreOf(image.ref);
			if (store === undefined || service.view.get('network_mode')?.string === 'host') continue;
			const mappings = servicePorts(model, service);
			// Compose refuses a `ports` list with the same item twice: a fix that would write one is not offered.
			const shortItems = mappings.flatMap((mapping) =>
				mapping.long || mapping.view.string === undefined ? [] : [mapping.view.string],
			);
			const written = new Set<string>();
			// An item written twice is published once (port-conflict skips the copy); binding one copy to 127.0.0.1
			// would make the two clash (found by the fuzzer): no fix for either.
			const repeated = new Set<string>();
			for (const item of shortItems) (written.has(item) ? repeated : written).add(item);
			for (const mapping of mappings) {
				const port = servedPort(mapping, store);
				if (port === undefined || !onAllInterfaces(mapping)) continue;
				const where = mapping.published === undefined ? 'a random port' : `port ${formatRange(mapping.published)}`;
				report({
					range: mapping.view.range,
					messageId: 'publishesEveryHost',
					data: { service: service.name, kind: store.kind, port, where, LOOPBACK },
					fix: repeated.has(mapping.view.string ?? '') ? undefined : loopbackFix(model, mapping, written),
				});
			}
		}
	},
};

/** The datastore port a mapping forwards to, if any. */
function servedPort(mapping: PortMapping, store: Datastore): number | undefined {
	return store.ports.find((port) => port >= mapping.target.start && port <= mapping.target.end);
}

function loopbackFix(model: ComposeModel, mapping: PortMapping, written: ReadonlySet<string>): Fix | undefined {
	const edit = mapping.long ? longSyntaxEdit(model, mapping) : shortSyntaxEdit(model, mapping, written);
	return edit === undefined ? undefined : { title: `Publish on ${LOOPBACK} only`, edits: [edit] };
}

function longSyntaxEdit(model: ComposeModel, mapping: PortMapping): TextEdit | undefined {
	const map = mapping.view.asMap()!;
	const hostIp = map.get('host_ip');
	if (hostIp === undefined) return insertMapEntry(model, map, [`host_ip: ${LOOPBACK}`]);
	return hostIp.string?.includes('$') ? undefined : replaceScalar(model, hostIp, LOOPBACK);
}

/** `5432:5432` → `127.0.0.1:5432:5432`, `5432` → `127.0.0.1::5432`, `0.0.0.0:…` → `127.0.0.1:…`. */
function shortSyntaxEdit(
	model: ComposeModel,
	mapping: PortMapping,
	written: ReadonlySet<string>,
): TextEdit | undefined {
	const source = scalarSource(model, mapping.view);
	if (source === undefined) return undefined;
	let replaceEnd = source.start;
	let prefix = mapping.published === undefined ? `${LOOPBACK}::` : `${LOOPBACK}:`;
	if (mapping.hostIp !== undefined) {
		const written = /^(0\.0\.0\.0|\[[0:]+\]|[0:]+(?=:\d+:))/.exec(source.content)?.[1];
		if (written === undefined) return undefined;
		replaceEnd = source.start + written.length;
		prefix = written.includes(':') ? '[::1]' : LOOPBACK;
	}
	if (!fitsScalar(model, source, prefix)) return undefined;
	if (written.has(prefix + source.content.slice(replaceEnd - source.start))) return undefined;
	return { range: model.index.rangeOf(source.start, replaceEnd), newText: prefix };
}
