import type { ComposeModel, Service } from '../../compose/model';
import {
	bindings,
	formatRange,
	hostPortsOverlap,
	picksFromRange,
	publishesPorts,
	servicePorts,
	type PortMapping,
	type PortRange,
} from '../../compose/ports';
import type { MessageData, Rule } from '../../types';

interface Published {
	service: Service;
	mapping: PortMapping;
	profiles: ReadonlySet<string>;
}

export const portConflict: Rule<ComposeModel> = {
	meta: {
		id: 'compose/port-conflict',
		scope: 'compose',
		severity: 'error',
		description: 'Do not publish the same host port from two services',
		guide: 'Docker Compose for Development',
		aliases: ['no-duplicate-exported-ports'],
		fixable: false,
		messages: {
			taken:
				'Host port {{port}} is already published by {{owner}} (line {{line}}): the second binding fails with "port is already allocated"',
		},
		docs: {
			rationale:
				'A host address, port and protocol can be bound once: the second service that publishes it fails to start with "port is already allocated". Ranges count port by port, and a port published on every interface (no address, or `0.0.0.0`) clashes with the same port on a specific address. Services in profiles that are never enabled together, ranges Docker picks a free port from (`8000-8010:80`), and services whose `ports` Docker ignores (`network_mode: host` or another container\'s network) do not clash.',
			example:
				'services:\n  web:\n    image: nginx:1.27-alpine\n    ports:\n      - "8080:80"\n  admin:\n    image: acme/admin:2.1\n    ports:\n      - "127.0.0.1:8080:3000"\n',
			useInstead:
				'services:\n  web:\n    image: nginx:1.27-alpine\n    ports:\n      - "8080:80"\n  admin:\n    image: acme/admin:2.1\n    ports:\n      - "127.0.0.1:8081:3000"\n',
		},
	},
	check({ model, report }) {
		// In file order, each port checked as it is read: the rule reports as it goes, so it can stop at the finding limit.
		const clashes = new ClashFinder();
		for (const service of model.services) {
			if (!publishesPorts(model, service)) continue;
			const profiles = profilesOf(service);
			for (const mapping of servicePorts(model, service)) {
				if (mapping.published === undefined || picksFromRange(mapping)) continue;
				const entry = { service, mapping, profiles };
				const found = clashes.add(entry);
				if (found !== undefined) {
					report({
						range: mapping.view.range,
						messageId: 'taken',
						data: takenData(found.earlier, entry, found.shared),
					});
				}
			}
		}
	},
};

/**
 * For each published port, in file order, the first one before it that it clashes with, and the ports they share.
 * Ports go into interval indexes, one per protocol, address and profile bucket, so that each port asks only the
 * buckets it could clash with, in O(log 65536): comparing overlapping ranges pair by pair was quadratic in identical
 * ports (figures: docs/reliability.md, "Hostile shapes behind the code").
 */
class ClashFinder {
	private readonly published: Published[] = [];
	private readonly indexes = new Map<string, FirstTwoByRange>();
	private readonly serviceIds = new Map<Service, number>();
	// An entry repeated in one service is published once: only its first copy goes into the indexes,
	// and a later copy skips it (it clashes with exactly what its first copy clashes with).
	private readonly firstCopy = new Map<string, number>();

	add(entry: Published): { earlier: Published; shared: PortRange } | undefined {
		const index = this.published.length;
		this.published.push(entry);
		const range = entry.mapping.published!;
		if (!this.serviceIds.has(entry.service)) this.serviceIds.set(entry.service, this.serviceIds.size);
		const copyKey = JSON.stringify([
			this.serviceIds.get(entry.service),
			entry.mapping.hostIp ?? null,
			entry.mapping.protocol,
			range.start,
			range.end,
			entry.mapping.target.start,
			entry.mapping.target.end,
		]);
		const copyOf = this.firstCopy.get(copyKey);
		let earlier: number | undefined;
		for (const bucket of bucketsToAsk(entry)) {
			const candidate = this.indexes.get(bucket)?.firstOverlapping(range, copyOf);
			if (candidate !== undefined && (earlier === undefined || candidate < earlier)) earlier = candidate;
		}
		if (copyOf === undefined) {
			this.firstCopy.set(copyKey, index);
			for (const bucket of bucketsToJoin(entry)) {
				let byRange = this.indexes.get(bucket);
				if (byRange === undefined) this.indexes.set(bucket, (byRange = new FirstTwoByRange()));
				byRange.insert(range, index);
			}
		}
		if (earlier === undefined) return undefined;
		return {
			earlier: this.published[earlier],
			shared: hostPortsOverlap(this.published[earlier].mapping, entry.mapping)!,
		};
	}
}

/*
 * Buckets: a port clashes with another of the same protocol and address family when either binds
 * every address of the family or both bind the same one, and when their services can run together
 * (either has no profile, or they share one). A port joins the buckets that describe it; it asks the
 * buckets of everything it could clash with.
 */
function bucketsToJoin({ mapping, profiles }: Published): string[] {
	const keys: string[] = [];
	const found = bindings(mapping);
	for (const profile of profiles.size === 0 ? ['none', 'all'] : ['all', ...profileTags(profiles)]) {
		for (const { family, address } of found) {
			keys.push(bucketKey(mapping.protocol, profile, `${family} every`));
			keys.push(bucketKey(mapping.protocol, profile, address === 'any' ? `${family} any` : `${family} at:${address}`));
		}
	}
	return keys;
}

function bucketsToAsk({ mapping, profiles }: Published): string[] {
	const keys: string[] = [];
	const found = bindings(mapping);
	for (const profile of profiles.size === 0 ? ['all'] : ['none', ...profileTags(profiles)]) {
		for (const { family, address } of found) {
			if (address === 'any') keys.push(bucketKey(mapping.protocol, profile, `${family} every`));
			else {
				keys.push(bucketKey(mapping.protocol, profile, `${family} any`));
				keys.push(bucketKey(mapping.protocol, profile, `${family} at:${address}`));
			}
		}
	}
	return keys;
}

function profileTags(profiles: ReadonlySet<string>): string[] {
	return [...profiles].map((profile) => `in:${profile}`);
}

/**
 * A bucket's name: the lengths in front keep it unambiguous whatever a profile or address holds, without the
 * escaping pass of JSON.stringify (each published port names up to a dozen buckets).
 */
function bucketKey(protocol: string, profile: string, address: string): string {
	return `${protocol.length}:${protocol}${profile.length}:${profile}${address}`;
}

interface RangeNode {
	/** The first two indexes whose ranges cover this node's ports entirely. */
	cover: number[];
	/** The first two indexes whose ranges touch any port of this node. */
	touched: number[];
	low?: RangeNode;
	high?: RangeNode;
}

const LAST_PORT = 65535;

/**
 * Port ranges inserted with increasing indexes, asked for the smallest index whose range overlaps a
 * range, leaving out at most one index: a segment tree over the port numbers that keeps the first two
 * indexes per node (the first one may be the one left out). Depth 16, nodes made as ranges arrive.
 */
class FirstTwoByRange {
	private readonly root: RangeNode = { cover: [], touched: [] };

	insert(range: PortRange, index: number): void {
		const pending: Array<[RangeNode, number, number]> = [[this.root, 0, LAST_PORT]];
		for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
			const [node, low, high] = next;
			keepFirstTwo(node.touched, index);
			if (range.start <= low && high <= range.end) {
				keepFirstTwo(node.cover, index);
				continue;
			}
			const middle = (low + high) >> 1;
			if (range.start <= middle) pending.push([(node.low ??= { cover: [], touched: [] }), low, middle]);
			if (range.end > middle) pending.push([(node.high ??= { cover: [], touched: [] }), middle + 1, high]);
		}
	}

	firstOverlapping(range: PortRange, leaveOut: number | undefined): number | undefined {
		let first: number | undefined;
		const consider = (indexes: readonly number[]): void => {
			for (const index of indexes) if (index !== leaveOut && (first === undefined || index < first)) first = index;
		};
		const pending: Array<[RangeNode | undefined, number, number]> = [[this.root, 0, LAST_PORT]];
		for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
			const [node, low, high] = next;
			if (node === undefined) continue;
			if (range.start <= low && high <= range.end) {
				consider(node.touched);
				continue;
			}
			consider(node.cover);
			const middle = (low + high) >> 1;
			if (range.start <= middle) pending.push([node.low, low, middle]);
			if (range.end > middle) pending.push([node.high, middle + 1, high]);
		}
		return first;
	}
}

/** Indexes arrive in increasing order, so the first two seen are the two smallest. */
function keepFirstTwo(indexes: number[], index: number): void {
	if (indexes.length < 2) indexes.push(index);
}

function profilesOf(service: Service): ReadonlySet<string> {
	return new Set(
		service.view
			.get('profiles')
			?.items()
			.map((item) => item.string ?? '') ?? [],
	);
}

/**
 * The message names the shared ports and the earlier binding's line, not an address: binding one side to
 * 127.0.0.1 (compose/datastore-port-exposed's fix) would otherwise rename a clash it leaves in place (found by the
 * fuzzer). The line shows which addresses meet.
 */
function takenData(earlier: Published, later: Published, shared: PortRange): MessageData {
	const port = `${formatRange(shared)}/${later.mapping.protocol}`;
	const line = earlier.mapping.view.range.start.line + 1;
	const owner = earlier.service === later.service ? 'this service' : `\`${earlier.service.name}\``;
	return { port, owner, line };
}
