import { isCollection, type Node } from 'yaml';
import type { ComposeModel, Service } from '../../compose/model';
import { environment, serviceImage, words } from '../../compose/service';
import { mountCovers, serviceMounts } from '../../compose/volumes';
import { appendSequenceItem, declareTopLevel, insertMapEntry } from '../../compose/yaml-edits';
import { datastoreOf, type Datastore } from '../../data/datastores';
import type { Fix, Rule, TextEdit } from '../../types';

export const datastoreVolume: Rule<ComposeModel> = {
	meta: {
		id: 'compose/datastore-volume',
		scope: 'compose',
		severity: 'warning',
		description: 'Keep datastore data on a named volume',
		guide: 'Storage Strategy: Persistent Data; Backup Strategy',
		aliases: [],
		fixable: true,
		messages: {
			mountsWhereVersion:
				'`{{service}}` mounts {{formerDataDir}}, where this {{kind}} version no longer keeps its data: the database is written outside that volume and lost on `docker compose down`. Mount the volume on {{dataDir}} instead',
			runsWithoutVolume:
				'`{{service}}` runs {{kind}} without a volume on {{dataDir}}: its data is lost on `docker compose down`. Mount a named volume there',
		},
		docs: {
			rationale:
				"A database writes into its container's data directory. Without a volume mounted there, the data lives in the container (or an anonymous volume nobody finds again): `docker compose down` and the next `up` start from an empty database, and there is nothing named to back up.",
			example:
				'services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?}\n',
			useInstead:
				'services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?}\n    volumes:\n      - db_data:/var/lib/postgresql/data\n\nvolumes:\n  db_data:\n',
			fix: 'Mounts a named volume `<service>_data` on the data directory (adding `volumes:` to the service when it has none) and declares it under the top-level `volumes:`. Redis counts as a datastore only when the command turns persistence on (`--appendonly yes` or `--save …`).',
		},
	},
	perService: true,
	check({ model, report }) {
		for (const service of model.services) {
			const image = serviceImage(model, service);
			const store = image === undefined ? undefined : datastoreOf(image.ref);
			if (store === undefined || service.view.has('volumes_from')) continue;
			const dataDir = dataDirectory(model, service, store);
			if (dataDir === undefined) continue;
			if (store.persistenceOptIn && !persistenceEnabled(model, service)) continue;
			const mounts = serviceMounts(model, service);
			if (mounts.some((mount) => mountCovers(mount.target, dataDir))) continue;
			const former = mounts.find((mount) => store.formerDataDir !== undefined && mount.target === store.formerDataDir);
			if (former !== undefined) {
				// Moving the mount is the fix; a second volume next to the old one would hide the data in it.
				report({
					range: former.view.range,
					messageId: 'mountsWhereVersion',
					data: { service: service.name, formerDataDir: store.formerDataDir, kind: store.kind, dataDir },
				});
				continue;
			}
			report({
				range: service.keyRange,
				messageId: 'runsWithoutVolume',
				data: { service: service.name, kind: store.kind, dataDir },
				fix: volumeFix(model, service, dataDir),
			});
		}
	},
};

/** The data directory, moved by `PGDATA`-style variables when the service sets one. */
function dataDirectory(model: ComposeModel, service: Service, store: Datastore): string | undefined {
	if (store.dataDirVariable !== undefined) {
		const moved = environment(model, service).find((entry) => entry.name === store.dataDirVariable);
		if (moved?.value !== undefined && moved.value.startsWith('/')) return moved.value;
	}
	return store.dataDir;
}

/** Redis keeps nothing unless asked to: `--appendonly yes`, or `--save` with a schedule. */
function persistenceEnabled(model: ComposeModel, service: Service): boolean {
	const command = words(model, service.view.get('command'))?.words.join(' ') ?? '';
	const args = environment(model, service).find((entry) => entry.name === 'REDIS_ARGS')?.value ?? '';
	const text = `${command} ${args}`;
	return /--appendonly\s+["']?yes/i.test(text) || /--save\s+["']?\d/.test(text);
}

function volumeFix(model: ComposeModel, service: Service, dataDir: string): Fix | undefined {
	const name = freeVolumeName(model, service.name);
	const item = `${name}:${dataDir}`;
	const volumes = service.view.get('volumes');
	let mount: TextEdit | undefined;
	if (volumes === undefined) mount = insertMapEntry(model, service.view, ['volumes:', `  - ${item}`]);
	else if (volumes.isSeq()) mount = appendSequenceItem(model, volumes, isFlow(volumes.node) ? `"${item}"` : item);
	const declare = declareTopLevel(model, 'volumes', name);
	if (mount === undefined || declare === undefined) return undefined;
	// Both may insert at the end of the file: the mount goes first.
	return { title: `Mount the named volume \`${name}\` on ${dataDir}`, edits: [mount, declare] };
}

/** `<service>_data`, or with a number when that name is taken at the top level. */
function freeVolumeName(model: ComposeModel, serviceName: string): string {
	const base = `${serviceName.replace(/[^A-Za-z0-9_.-]/g, '_')}_data`;
	let name = base;
	for (let n = 2; model.declared.volumes.has(name); n++) name = `${base}_${n}`;
	return name;
}

function isFlow(node: Node): boolean {
	return isCollection(node) && node.flow === true;
}
