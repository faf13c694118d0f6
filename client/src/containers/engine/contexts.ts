// The engines one can switch to, read the way the docker CLI reads them: the contexts under
// $DOCKER_CONFIG/contexts/meta/<sha256 of the name>/meta.json (plus `default`), DOCKER_HOST when set, and Podman's
// Docker-compatible socket when present. Pure: the file system comes in through ResolveInput (and listDir).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
	contextMetaPath,
	parseHost,
	podmanSockets,
	resolveEndpoint,
	systemInput,
	DEFAULT_SOCKET,
	type ResolveInput,
} from './endpoint';
import { EngineError } from './types';

export interface EngineChoice {
	/** `Automatic`, `default`, a context's name, `DOCKER_HOST`, `Podman`. */
	label: string;
	/** The address to put in `shipshape.docker.host`; undefined for Automatic (the setting cleared). */
	host: string | undefined;
	/** The address, or the context's description and address. */
	description: string;
	/** Why it cannot be used here (ssh://, TLS, no endpoint), when it cannot. */
	unsupported?: string;
	/** Automatic: no setting is set. Others: the setting names this host. */
	selected: boolean;
}

export interface ContextInput extends ResolveInput {
	/** Entry names of a directory; empty when it cannot be read. */
	listDir(path: string): string[];
}

interface ContextMeta {
	Name?: unknown;
	Metadata?: { Description?: unknown } | null;
	Endpoints?: { docker?: { Host?: unknown } | null } | null;
}

/**
 * Automatic (no setting: DOCKER_HOST › current context › default socket › Podman, as the views resolve it), the
 * `default` context (the default socket), DOCKER_HOST when set, each context of the docker CLI by name, and
 * Podman's socket when it exists. `selected` marks what the setting says now.
 */
export function engineChoices(input: ContextInput): EngineChoice[] {
	const configDir = input.env.DOCKER_CONFIG?.trim() || join(input.homeDir, '.docker');
	const setting = input.setting?.trim() ?? '';
	const automatic = describeAutomatic(input);
	const choices: EngineChoice[] = [
		{ label: 'Automatic', host: undefined, description: automatic, selected: setting === '' },
		{
			label: 'default',
			host: DEFAULT_SOCKET_HOST,
			description: `${DEFAULT_SOCKET_HOST} · the docker CLI's default context`,
			selected: false,
		},
	];
	const dockerHost = input.env.DOCKER_HOST?.trim();
	if (dockerHost) {
		choices.push({
			label: 'DOCKER_HOST',
			host: dockerHost,
			description: `${dockerHost} · from the environment`,
			...unsupportedOf(dockerHost),
			selected: false,
		});
	}
	const metaDir = join(configDir, 'contexts', 'meta');
	const contexts: EngineChoice[] = [];
	for (const entry of input.listDir(metaDir)) {
		const meta = parseMeta(input.readText(join(metaDir, entry, 'meta.json')));
		if (meta === undefined || typeof meta.Name !== 'string' || meta.Name === '' || meta.Name === 'default') continue;
		// The directory is named by the name's hash: anything else is not a context the CLI would read.
		if (contextMetaPath(configDir, meta.Name) !== join(metaDir, entry, 'meta.json')) continue;
		const host = typeof meta.Endpoints?.docker?.Host === 'string' ? meta.Endpoints.docker.Host : '';
		const description =
			typeof meta.Metadata?.Description === 'string' && meta.Metadata.Description !== ''
				? `${host} · ${meta.Metadata.Description}`
				: host;
		const tls = input.listDir(join(configDir, 'contexts', 'tls', entry, 'docker')).length > 0;
		const unsupported =
			host === ''
				? { unsupported: 'no Docker endpoint' }
				: tls
					? { unsupported: 'TLS contexts are not supported' }
					: unsupportedOf(host);
		contexts.push({
			label: meta.Name,
			host: host === '' ? undefined : host,
			description,
			...unsupported,
			selected: false,
		});
	}
	choices.push(...contexts.sort((a, b) => a.label.localeCompare(b.label, 'en')));
	for (const socket of podmanSockets(input.env)) {
		if (input.exists(socket)) {
			choices.push({
				label: 'Podman',
				host: `unix://${socket}`,
				description: `unix://${socket} · Podman's Docker-compatible socket`,
				selected: false,
			});
		}
	}
	if (setting !== '') {
		const selected = choices.find((choice) => choice.host !== undefined && sameHost(choice.host, setting));
		if (selected !== undefined) selected.selected = true;
	}
	return choices;
}

function describeAutomatic(input: ResolveInput): string {
	try {
		const endpoint = resolveEndpoint({ ...input, setting: undefined });
		return `${endpoint.host} · as the docker CLI resolves it (DOCKER_HOST, current context, default socket)`;
	} catch (error) {
		return (error as Error).message;
	}
}

const DEFAULT_SOCKET_HOST = `unix://${DEFAULT_SOCKET}`;

function sameHost(host: string, other: string): boolean {
	try {
		return parseHost(host, 'setting').host === parseHost(other, 'setting').host;
	} catch {
		return false;
	}
}

/** An address the engine layer cannot use (ssh://, npipe://), with the reason. */
function unsupportedOf(host: string): { unsupported?: string } {
	try {
		parseHost(host, 'context');
		return {};
	} catch (error) {
		const scheme = /^([a-z]+):\/\//i.exec(host.trim())?.[1];
		return {
			unsupported:
				scheme !== undefined && error instanceof EngineError
					? `${scheme}:// is not supported`
					: 'not a unix:// or tcp:// address',
		};
	}
}

function parseMeta(text: string | undefined): ContextMeta | undefined {
	if (text === undefined) return undefined;
	try {
		const value = JSON.parse(text) as unknown;
		return typeof value === 'object' && value !== null ? (value as ContextMeta) : undefined;
	} catch {
		return undefined;
	}
}

/** engineChoices on the real environment and file system. */
export function engineChoicesFromSystem(setting?: string): EngineChoice[] {
	return engineChoices({
		...systemInput(setting),
		listDir: (path) => {
			try {
				return readdirSync(path);
			} catch {
				return [];
			}
		},
	});
}
