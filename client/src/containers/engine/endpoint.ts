// Which Docker Engine to talk to, in the order the docker CLI itself uses plus the editor setting on top:
// setting › DOCKER_HOST › current docker context › /var/run/docker.sock › Podman's Docker-compatible socket.
// resolveEndpoint is pure (all inputs passed in); resolveEndpointFromSystem feeds it the real environment.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EngineError, type EngineEndpoint } from './types';

export const DEFAULT_SOCKET = '/var/run/docker.sock';
const DEFAULT_TCP_PORT = 2375;

export interface ResolveInput {
	/** The `shipshape.docker.host` setting (machine-scoped). */
	setting?: string;
	env: Record<string, string | undefined>;
	homeDir: string;
	exists(path: string): boolean;
	/** File text, or undefined when it cannot be read. */
	readText(path: string): string | undefined;
}

/** Parses `unix:///path`, `tcp://host[:port]` or a bare absolute socket path. */
export function parseHost(value: string, source: EngineEndpoint['source']): EngineEndpoint {
	const text = value.trim();
	if (text.startsWith('/')) return unixEndpoint(text, source);
	const match = /^([a-z]+):\/\/(.*)$/i.exec(text);
	if (!match) {
		throw new EngineError(
			`Unsupported Docker host "${text}" (from ${describeSource(source)}): expected unix:///path or tcp://host:port`,
			'invalid',
		);
	}
	const scheme = (match[1] ?? '').toLowerCase();
	const rest = match[2] ?? '';
	if (scheme === 'unix') {
		if (!rest.startsWith('/')) {
			throw new EngineError(
				`Unsupported Docker host "${text}" (from ${describeSource(source)}): the socket path must be absolute`,
				'invalid',
			);
		}
		return unixEndpoint(rest, source);
	}
	if (scheme === 'tcp' || scheme === 'http') return tcpEndpoint(text, rest, source);
	throw new EngineError(
		`Unsupported Docker host "${text}" (from ${describeSource(source)}): ${scheme}:// is not supported; use unix:// or tcp://`,
		'invalid',
	);
}

function unixEndpoint(socketPath: string, source: EngineEndpoint['source']): EngineEndpoint {
	return { kind: 'unix', socketPath, host: `unix://${socketPath}`, source };
}

function tcpEndpoint(text: string, rest: string, source: EngineEndpoint['source']): EngineEndpoint {
	const authority = rest.replace(/\/+$/, '');
	const match = /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9.-]+)(?::(\d{1,5}))?$/.exec(authority);
	const port = match?.[2] === undefined ? DEFAULT_TCP_PORT : Number.parseInt(match[2], 10);
	if (!match || port < 1 || port > 65535) {
		throw new EngineError(
			`Unsupported Docker host "${text}" (from ${describeSource(source)}): expected tcp://host:port`,
			'invalid',
		);
	}
	const bracketed = match[1] ?? '';
	const hostname = bracketed.startsWith('[') ? bracketed.slice(1, -1) : bracketed;
	return { kind: 'tcp', hostname, port, host: `tcp://${bracketed}:${port}`, source };
}

function describeSource(source: EngineEndpoint['source']): string {
	switch (source) {
		case 'setting':
			return 'the shipshape.docker.host setting';
		case 'DOCKER_HOST':
			return 'DOCKER_HOST';
		case 'context':
			return 'the current docker context';
		default:
			return 'the default';
	}
}

/** The docker CLI keeps context metadata under contexts/meta/<sha256 of the name>/meta.json. */
export function contextMetaPath(configDir: string, name: string): string {
	return join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json');
}

function currentContextName(input: ResolveInput, configDir: string): string | undefined {
	const fromEnv = input.env.DOCKER_CONTEXT?.trim();
	if (fromEnv) return fromEnv;
	const text = input.readText(join(configDir, 'config.json'));
	if (text === undefined) return undefined;
	try {
		const config = JSON.parse(text) as { currentContext?: unknown };
		return typeof config.currentContext === 'string' && config.currentContext !== ''
			? config.currentContext
			: undefined;
	} catch {
		return undefined;
	}
}

function contextHost(input: ResolveInput): string | undefined {
	const configDir = input.env.DOCKER_CONFIG?.trim() || join(input.homeDir, '.docker');
	const name = currentContextName(input, configDir);
	if (!name || name === 'default') return undefined;
	const text = input.readText(contextMetaPath(configDir, name));
	if (text === undefined) return undefined;
	try {
		const meta = JSON.parse(text) as { Endpoints?: { docker?: { Host?: unknown } } };
		const host = meta.Endpoints?.docker?.Host;
		return typeof host === 'string' && host !== '' ? host : undefined;
	} catch {
		return undefined;
	}
}

export function podmanSockets(env: ResolveInput['env']): string[] {
	const sockets: string[] = [];
	if (env.XDG_RUNTIME_DIR) sockets.push(join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'));
	sockets.push('/run/podman/podman.sock');
	return sockets;
}

export function resolveEndpoint(input: ResolveInput): EngineEndpoint {
	const setting = input.setting?.trim();
	if (setting) return parseHost(setting, 'setting');
	const fromEnv = input.env.DOCKER_HOST?.trim();
	if (fromEnv) return parseHost(fromEnv, 'DOCKER_HOST');
	const fromContext = contextHost(input);
	if (fromContext) return parseHost(fromContext, 'context');
	if (input.exists(DEFAULT_SOCKET)) return unixEndpoint(DEFAULT_SOCKET, 'default');
	const podman = podmanSockets(input.env).find((socket) => input.exists(socket));
	if (podman) return unixEndpoint(podman, 'podman');
	// Nothing found: the default, so the "not reachable" message names the usual place.
	return unixEndpoint(DEFAULT_SOCKET, 'default');
}

export function resolveEndpointFromSystem(setting?: string): EngineEndpoint {
	return resolveEndpoint(systemInput(setting));
}

/** What resolving an engine reads, from this process's environment and file system. */
export function systemInput(setting?: string): ResolveInput {
	return {
		...(setting === undefined ? {} : { setting }),
		env: process.env,
		homeDir: homedir(),
		exists: existsSync,
		readText: (path) => {
			try {
				return readFileSync(path, 'utf8');
			} catch {
				return undefined;
			}
		},
	};
}
