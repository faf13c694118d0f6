// What the Images, Volumes and Networks views say: groups, rows (label, description, icon, context value, tooltip)
// and the prune preview ("3 dangling images, about 120 MB"). Plain data: view/ turns it into TreeItems.
import type { ImageInfo, NetworkInfo, PruneOptions, ResourceKind, VolumeInfo } from '../engine/types';
import { formatBytes, formatDuration, formatMegabytes } from './format';
import type { IconSpec, ItemText } from './items';
import { imageRepository } from './matching';

const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

export interface ResourceRow {
	kind: ResourceKind;
	/** What the engine calls it: an image id or `repo:tag`, a volume name, a network id. */
	id: string;
	text: ItemText;
	tooltip: string;
	/** The image's tags (for "used by"), empty for volumes and networks. */
	references: string[];
}

export interface ResourceGroup {
	/** Stable across refreshes: the tree keeps a group's expansion by it. */
	key: string;
	label: string;
	description: string;
	icon: IconSpec;
	rows: ResourceRow[];
}

// ---- images ---------------------------------------------------------------------------------

export function isDangling(image: ImageInfo): boolean {
	return image.repoTags.length === 0;
}

/** No container, running or stopped, was created from it. Undefined counts are not called unused. */
export function isUnusedImage(image: ImageInfo): boolean {
	return image.containers === 0;
}

/**
 * Images by repository (`nginx`, `registry:5000/team/web`), one row per tag; dangling images last in their own
 * group. Each row states its size against the target and whether it is dangling or unused.
 */
export function imageGroups(images: readonly ImageInfo[], targetMb: number, now: Date): ResourceGroup[] {
	const byRepository = new Map<string, ResourceRow[]>();
	const dangling: ResourceRow[] = [];
	for (const image of images) {
		if (isDangling(image)) {
			dangling.push(imageRow(image, shortId(image.id), image.id, targetMb, now));
			continue;
		}
		for (const tag of image.repoTags) {
			const repository = imageRepository(tag);
			const rows = byRepository.get(repository) ?? [];
			rows.push(imageRow(image, tag.slice(repository.length + 1) || tag, tag, targetMb, now));
			byRepository.set(repository, rows);
		}
	}
	const groups = [...byRepository]
		.sort(([a], [b]) => byName(a, b))
		.map(([repository, rows]): ResourceGroup => {
			rows.sort((a, b) => byName(a.text.label, b.text.label));
			const over = rows.some((row) => row.text.contextValue.includes('.over'));
			return {
				key: `repo:${repository}`,
				label: repository,
				description: count(rows.length, 'tag'),
				icon: over ? { id: 'warning', color: 'charts.yellow' } : { id: 'package' },
				rows,
			};
		});
	if (dangling.length > 0) {
		const bytes = dangling.reduce((sum, row) => sum + (images.find((image) => image.id === row.id)?.size ?? 0), 0);
		groups.push({
			key: 'dangling',
			label: 'Dangling (untagged)',
			description: `${count(dangling.length, 'image')} · ${formatMegabytes(bytes)}`,
			icon: { id: 'debug-disconnect' },
			rows: dangling,
		});
	}
	return groups;
}

function imageRow(image: ImageInfo, label: string, id: string, targetMb: number, now: Date): ResourceRow {
	const over = image.size > targetMb * 1e6;
	const marks = [isDangling(image) ? 'dangling' : undefined, isUnusedImage(image) ? 'unused' : undefined].filter(
		(mark) => mark !== undefined,
	);
	const size = over ? `${formatMegabytes(image.size)} · over ${targetMb} MB` : formatMegabytes(image.size);
	const description = [size, ...marks, `${formatDuration(now.getTime() - image.createdAt.getTime())} ago`].join(' · ');
	const icon: IconSpec = over
		? { id: 'warning', color: 'charts.yellow' }
		: isDangling(image) || isUnusedImage(image)
			? { id: 'circle-outline' }
			: { id: 'file-binary' };
	const contextValue = [
		'image',
		isDangling(image) ? 'dangling' : 'tagged',
		...(isUnusedImage(image) ? ['unused'] : []),
		...(over ? ['over'] : []),
	].join('.');
	const tooltip = [
		isDangling(image) ? 'Dangling image (no tag)' : image.repoTags.join(', '),
		`Id: ${image.id}`,
		`Size: ${formatMegabytes(image.size)} (target ${targetMb} MB${over ? ', over it' : ''})`,
		...(image.sharedSize !== undefined && image.sharedSize > 0
			? [`Shared with other images: ${formatMegabytes(image.sharedSize)}`]
			: []),
		image.containers === undefined ? 'Containers: not counted by the engine' : `Containers: ${image.containers}`,
	].join('\n');
	return {
		kind: 'image',
		id,
		text: { label, description, icon, contextValue },
		tooltip,
		references: [...image.repoTags],
	};
}

// ---- volumes --------------------------------------------------------------------------------

export function isUnusedVolume(volume: VolumeInfo): boolean {
	return volume.refCount === 0;
}

/** Volumes by compose project, then the other named ones, then the anonymous ones. */
export function volumeGroups(volumes: readonly VolumeInfo[]): ResourceGroup[] {
	return grouped(
		volumes,
		(volume) =>
			volume.labels[COMPOSE_PROJECT_LABEL] !== undefined
				? `project:${volume.labels[COMPOSE_PROJECT_LABEL]}`
				: volume.anonymous
					? 'anonymous'
					: 'named',
		volumeRow,
		(key, rows) => {
			const bytes = rows.reduce((sum, row) => sum + (volumes.find((volume) => volume.name === row.id)?.size ?? 0), 0);
			const description = `${count(rows.length, 'volume')} · ${formatBytes(bytes)}`;
			if (key === 'anonymous') return { label: 'Anonymous', description, icon: { id: 'database' } };
			if (key === 'named') return { label: 'Other volumes', description, icon: { id: 'database' } };
			return { label: key.slice('project:'.length), description, icon: { id: 'layers' } };
		},
	);
}

function volumeRow(volume: VolumeInfo): ResourceRow {
	const unused = isUnusedVolume(volume);
	const label = volume.anonymous ? shortId(volume.name) : volume.name;
	const usage =
		volume.refCount === undefined ? undefined : unused ? 'unused' : `used by ${count(volume.refCount, 'container')}`;
	const description = [
		volume.size === undefined ? undefined : formatBytes(volume.size),
		usage,
		volume.driver === 'local' ? undefined : volume.driver,
	]
		.filter((part) => part !== undefined)
		.join(' · ');
	const tooltip = [
		volume.name,
		`Driver: ${volume.driver}`,
		...(volume.mountpoint ? [`Mountpoint: ${volume.mountpoint}`] : []),
		...(volume.anonymous ? ['Anonymous: removed by a plain prune'] : ['Named: removed only by "prune all"']),
	].join('\n');
	const contextValue = ['volume', volume.anonymous ? 'anonymous' : 'named', ...(unused ? ['unused'] : [])].join('.');
	return {
		kind: 'volume',
		id: volume.name,
		text: { label, description, icon: unused ? { id: 'circle-outline' } : { id: 'database' }, contextValue },
		tooltip,
		references: [],
	};
}

// ---- networks -------------------------------------------------------------------------------

/** Networks by compose project, then the others, then the built-in ones. */
export function networkGroups(networks: readonly NetworkInfo[]): ResourceGroup[] {
	return grouped(
		networks,
		(network) =>
			network.builtin
				? 'builtin'
				: network.labels[COMPOSE_PROJECT_LABEL] !== undefined
					? `project:${network.labels[COMPOSE_PROJECT_LABEL]}`
					: 'other',
		networkRow,
		(key, rows) => {
			const description = count(rows.length, 'network');
			if (key === 'builtin') return { label: 'Built-in', description, icon: { id: 'lock' } };
			if (key === 'other') return { label: 'Other networks', description, icon: { id: 'type-hierarchy' } };
			return { label: key.slice('project:'.length), description, icon: { id: 'layers' } };
		},
	);
}

function networkRow(network: NetworkInfo): ResourceRow {
	const description = [
		network.driver,
		network.scope === 'local' ? undefined : network.scope,
		network.internal ? 'internal' : undefined,
		network.unused ? 'unused' : undefined,
	]
		.filter((part) => part !== undefined && part !== '')
		.join(' · ');
	const contextValue = ['network', network.builtin ? 'builtin' : 'custom', ...(network.unused ? ['unused'] : [])].join(
		'.',
	);
	const tooltip = [
		network.name,
		`Id: ${network.id}`,
		`Driver: ${network.driver}`,
		network.builtin
			? 'Built in: cannot be removed'
			: network.unused
				? 'No container attached: removed by prune'
				: 'In use by a container',
	].join('\n');
	return {
		kind: 'network',
		id: network.id,
		text: {
			label: network.name,
			description,
			icon: network.unused ? { id: 'circle-outline' } : { id: 'type-hierarchy' },
			contextValue,
		},
		tooltip,
		references: [],
	};
}

// ---- prune ----------------------------------------------------------------------------------

export interface PrunePreview {
	/** What would go, by name (a tag or short id, volume names, network names). */
	names: string[];
	/** The same, as the engine reports them deleted (image ids, volume names, network ids). */
	ids: string[];
	/** Bytes the engine should free (images: their own layers, shared ones excepted). */
	bytes: number;
	/** `2 dangling images, about 120 MB` */
	summary: string;
}

/**
 * What `prune` will remove, as the engine decides it: images without a container (dangling only unless `all`),
 * unused volumes (anonymous only unless `all`), unused non-built-in networks.
 */
export function prunePreview(
	kind: ResourceKind,
	resources: { images?: readonly ImageInfo[]; volumes?: readonly VolumeInfo[]; networks?: readonly NetworkInfo[] },
	options: PruneOptions = {},
): PrunePreview {
	const all = options.all === true;
	if (kind === 'image') {
		const going = (resources.images ?? []).filter((image) => isUnusedImage(image) && (all || isDangling(image)));
		const bytes = going.reduce((sum, image) => sum + Math.max(0, image.size - (image.sharedSize ?? 0)), 0);
		const what = count(going.length, all ? 'unused image' : 'dangling image');
		return {
			names: going.map((image) => image.repoTags[0] ?? shortId(image.id)),
			ids: going.map((image) => image.id),
			bytes,
			summary: `${what}, about ${formatMegabytes(bytes)}`,
		};
	}
	if (kind === 'volume') {
		const going = (resources.volumes ?? []).filter((volume) => isUnusedVolume(volume) && (all || volume.anonymous));
		const bytes = going.reduce((sum, volume) => sum + (volume.size ?? 0), 0);
		const what = count(going.length, all ? 'unused volume' : 'unused anonymous volume');
		return {
			names: going.map((volume) => volume.name),
			ids: going.map((volume) => volume.name),
			bytes,
			summary: `${what}, about ${formatBytes(bytes)}`,
		};
	}
	const going = (resources.networks ?? []).filter((network) => network.unused);
	return {
		names: going.map((network) => network.name),
		ids: going.map((network) => network.id),
		bytes: 0,
		summary: count(going.length, 'unused network'),
	};
}

// ---- shared ---------------------------------------------------------------------------------

function grouped<T>(
	items: readonly T[],
	keyOf: (item: T) => string,
	rowOf: (item: T) => ResourceRow,
	header: (key: string, rows: ResourceRow[]) => Omit<ResourceGroup, 'key' | 'rows'>,
): ResourceGroup[] {
	const groups = new Map<string, ResourceRow[]>();
	for (const item of items) {
		const key = keyOf(item);
		const rows = groups.get(key) ?? [];
		rows.push(rowOf(item));
		groups.set(key, rows);
	}
	// Compose projects first, by name; then the fixed groups in this order.
	const order = (key: string): number =>
		key.startsWith('project:') ? 0 : ['named', 'other', 'anonymous', 'builtin'].indexOf(key) + 1;
	return [...groups]
		.sort(([a], [b]) => order(a) - order(b) || byName(a, b))
		.map(([key, rows]) => {
			rows.sort((a, b) => byName(a.text.label, b.text.label));
			return { key, ...header(key, rows), rows };
		});
}

/** `sha256:0123456789ab…` → `0123456789ab`; a 64-hex volume name → its first 12. */
export function shortId(id: string): string {
	const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
	return /^[0-9a-f]{64}$/.test(hex) ? hex.slice(0, 12) : id;
}

function count(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function byName(a: string, b: string): number {
	return a.localeCompare(b, 'en', { numeric: true });
}
