/**
 * Health facts about a compose service: the Dockerfile it is built from (read through the host),
 * whether it has a health check and where it comes from, what its `healthcheck.test` runs, which
 * container ports it serves, and a probe that works in its image (per datastore, else HTTP).
 */
import {
	baseFacts,
	commandHttpTool,
	effectiveHealthcheck,
	healthcheckProbe,
	probeFor,
	toolPresence,
	type BaseFacts,
	type HttpTool,
	type Presence,
} from '../dockerfile/image-tools';
import type { ImageRef } from '../dockerfile/image-ref';
import { rootImage, type Stage } from '../dockerfile/model';
import { NON_HTTP_PORTS } from '../data/base-images';
import type { FileHost } from '../types';
import { buildSpec, builtDockerfile, parsedDockerfile } from './build';
import { servicesNamed, type ComposeModel, type Service, type View } from './model';
import { interpolateOnce } from './interpolation';
import { environment, interpolated, serviceImage, serviceMemo } from './service';

// The built Dockerfile is read by build.ts (shared with compose/build-target).
export { buildSpec, builtDockerfile, type BuildSpec, type BuiltDockerfile } from './build';

// ---------------------------------------------------------------------------------------------
// Whether a service has a health check

/**
 * `compose`: a `healthcheck:` in the file; `dockerfile`: a HEALTHCHECK in its built Dockerfile;
 * `disabled`: `disable: true`, `test: ["NONE"]` or `HEALTHCHECK NONE`; `absent`: known to have none
 * (its Dockerfile has none, or an official image, which ship none); `unknown`: a pulled image that
 * may carry one, or a Dockerfile we cannot read.
 */
export type HealthState = 'compose' | 'dockerfile' | 'disabled' | 'absent' | 'unknown';

export function healthState(model: ComposeModel, service: Service, host: FileHost | undefined): HealthState {
	const chain = extendsChain(model, service);
	const { healthcheck, source } = chain;
	if (healthcheck !== undefined) return isDisabled(model, healthcheck) ? 'disabled' : 'compose';
	if (source === undefined) return 'unknown';
	if (buildSpec(model, source) !== undefined) {
		const stage = builtDockerfile(model, source, host)?.finalStage;
		if (stage === undefined) return 'unknown';
		const instruction = effectiveHealthcheck(stage);
		if (instruction === undefined) return 'absent';
		return healthcheckProbe(instruction).none ? 'disabled' : 'dockerfile';
	}
	const image = serviceImage(model, source);
	// Docker official images define no HEALTHCHECK; any other image may. A service extended from
	// another file may get a healthcheck there.
	return image !== undefined && image.ref.official && !image.ref.hasVariables && !chain.external ? 'absent' : 'unknown';
}

export interface ExtendsChain {
	readonly services: readonly Service[];
	readonly external: boolean;
	/** The nearest `healthcheck:` along the chain. */
	readonly healthcheck: View | undefined;
	/** What the container runs: a link that builds, anywhere in the chain (an `image:` then only tags it), else the nearest with an image. */
	readonly source: Service | undefined;
}

/** The service and the services it extends in this file, nearest first; `external` when the chain leaves the file. */
export function extendsChain(model: ComposeModel, service: Service): ExtendsChain {
	// Kept in the service's memo: several rules ask for every service's, and a chain is up to 16 links long.
	const memo = serviceMemo(service.view);
	memo.extendsChain ??= findExtendsChain(model, service);
	return memo.extendsChain;
}

function findExtendsChain(model: ComposeModel, service: Service): ExtendsChain {
	const services = [service];
	let external = false;
	for (let link = extendsLink(model, service); link.extends && services.length < 16; ) {
		const base = link.base;
		if (base === undefined || services.includes(base)) {
			external = base === undefined;
			break;
		}
		services.push(base);
		link = extendsLink(model, base);
	}
	let healthcheck: View | undefined;
	let built: Service | undefined;
	let imaged: Service | undefined;
	for (const link of services) {
		const facts = linkFacts(link);
		healthcheck ??= facts.healthcheck;
		if (facts.build) built ??= link;
		if (facts.image) imaged ??= link;
	}
	return { services, external, healthcheck, source: built ?? imaged };
}

/** What the health of every service whose chain goes through a link reads of it. */
export interface LinkFacts {
	readonly healthcheck: View | undefined;
	readonly build: boolean;
	readonly image: boolean;
}

/** Kept in the link's memo: a chain is up to 16 links, and every service along it reads the same ones. */
function linkFacts(link: Service): LinkFacts {
	const memo = serviceMemo(link.view);
	memo.linkFacts ??= {
		healthcheck: link.view.get('healthcheck'),
		build: link.view.has('build'),
		image: link.view.has('image'),
	};
	return memo.linkFacts;
}

/** Whether the service's health can be waited on. */
export function hasHealthcheck(state: HealthState): boolean {
	return state === 'compose' || state === 'dockerfile';
}

function isDisabled(model: ComposeModel, healthcheck: View): boolean {
	const map = healthcheck.asMap();
	if (map === undefined) return false;
	const disable = map.get('disable');
	if (disable?.scalar === true || interpolated(model, disable) === 'true') return true;
	const test = map.get('test');
	const first = test?.isSeq() ? interpolated(model, test.items()[0]) : undefined;
	return first === 'NONE';
}

/** Whether a service extends another, and which one of this file. */
export interface ExtendsLink {
	readonly extends: boolean;
	readonly base: Service | undefined;
}

/** Kept in the service's memo: every chain through the service asks. */
function extendsLink(model: ComposeModel, service: Service): ExtendsLink {
	const memo = serviceMemo(service.view);
	memo.extendsLink ??= service.view.has('extends') ? { extends: true, base: extendedService(model, service) } : NO_LINK;
	return memo.extendsLink;
}

const NO_LINK: ExtendsLink = { extends: false, base: undefined };

/** `extends: name` or `extends: {service: name}` within the same file. */
export function extendedService(model: ComposeModel, service: Service): Service | undefined {
	const view = service.view.get('extends');
	if (view === undefined) return undefined;
	const map = view.asMap();
	if (map?.has('file')) return undefined;
	const name = map ? interpolated(model, map.get('service')) : interpolated(model, view);
	return name === undefined ? undefined : servicesNamed(model, name).find((candidate) => candidate !== service);
}

// ---------------------------------------------------------------------------------------------
// The healthcheck test

export interface HealthTest {
	/** The `test:` node. */
	view: View;
	form: 'exec' | 'shell';
	/** Exec form: the words after `CMD`, interpolated. */
	words: string[];
	/** Exec form: the item nodes after `CMD`. */
	items: View[];
	/** Shell form (`CMD-SHELL`, a plain string) or `CMD sh -c`: the script node and its text as written. */
	script?: { view: View; written: string };
}

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash']);

/** Reads `healthcheck.test`: `["CMD", …]`, `["CMD-SHELL", "…"]` or a string; undefined when absent or disabled. */
export function healthTest(model: ComposeModel, service: Service): HealthTest | undefined {
	const healthcheck = service.view.get('healthcheck');
	const view = healthcheck?.asMap()?.get('test');
	if (healthcheck === undefined || view === undefined || isDisabled(model, healthcheck)) return undefined;
	if (!view.isSeq()) {
		const written = view.string;
		return written === undefined ? undefined : { view, form: 'shell', words: [], items: [], script: { view, written } };
	}
	const all = view.items();
	const kind = interpolated(model, all[0]);
	if (kind === 'CMD-SHELL' && all[1]?.string !== undefined) {
		return { view, form: 'shell', words: [], items: [], script: { view: all[1], written: all[1].string } };
	}
	if (kind !== 'CMD') return undefined;
	const items = all.slice(1);
	const words = items.map((item) => interpolated(model, item) ?? '');
	const test: HealthTest = { view, form: 'exec', words, items };
	if (words.length >= 3 && SHELLS.has(words[0]) && words[1] === '-c' && items[2].string !== undefined) {
		test.script = { view: items[2], written: items[2].string };
	}
	return test;
}

/** The HTTP client the test runs (curl or wget), if any. */
export function testHttpTool(model: ComposeModel, test: HealthTest): HttpTool | undefined {
	if (test.script !== undefined) return commandHttpTool(interpolated(model, test.script.view) ?? test.script.written);
	return commandHttpTool(test.words);
}

// ---------------------------------------------------------------------------------------------
// The image a service runs

export interface ServiceImageFacts {
	/** The stage of a workspace Dockerfile the service is built from. */
	stage?: Stage;
	/** The pulled image, when the service is not built. */
	ref?: ImageRef;
	facts: BaseFacts;
}

/** What the service's image is: the built stage when the Dockerfile can be read, else the pulled image; undefined when unknown. */
export function serviceImageFacts(
	model: ComposeModel,
	service: Service,
	host: FileHost | undefined,
): ServiceImageFacts | undefined {
	if (buildSpec(model, service) !== undefined) {
		const stage = builtDockerfile(model, service, host)?.finalStage;
		return stage === undefined ? undefined : { stage, facts: baseFacts(rootImage(stage)) };
	}
	const image = serviceImage(model, service);
	if (image === undefined || image.ref.hasVariables) return undefined;
	return { ref: image.ref, facts: baseFacts(image.ref) };
}

/** Whether the service's image has `tool`: from its built stage, or from what the pulled image is known to ship. */
export function imageToolPresence(image: ServiceImageFacts, tool: HttpTool): Presence {
	if (image.stage !== undefined) return toolPresence(image.stage, tool);
	const known = image.facts.tools[tool];
	return known === undefined ? 'unknown' : known ? 'present' : 'absent';
}

// ---------------------------------------------------------------------------------------------
// Ports

/** The container TCP ports the service serves: `ports` (short and long syntax) first, then `expose`. */
export function containerPorts(model: ComposeModel, service: Service): number[] {
	const ports: number[] = [];
	const add = (port: number | undefined): void => {
		if (port !== undefined && !ports.includes(port)) ports.push(port);
	};
	for (const item of service.view.get('ports')?.items() ?? []) {
		const map = item.asMap();
		if (map) {
			const protocol = interpolated(model, map.get('protocol')) ?? 'tcp';
			if (protocol === 'tcp') add(portNumber(interpolated(model, map.get('target'))));
		} else {
			add(shortPort(interpolated(model, item)));
		}
	}
	for (const item of service.view.get('expose')?.items() ?? []) add(shortPort(interpolated(model, item)));
	return ports;
}

/** `[ip:][host:]container[/protocol]` → the container port, when it is one TCP port. */
function shortPort(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const [address, protocol = 'tcp'] = text.trim().split('/');
	if (protocol.toLowerCase() !== 'tcp') return undefined;
	return portNumber(address.slice(address.lastIndexOf(':') + 1));
}

function portNumber(text: string | undefined): number | undefined {
	if (text === undefined || !/^\d{1,5}$/.test(text.trim())) return undefined;
	const port = Number(text);
	return port > 0 && port < 65536 ? port : undefined;
}

// ---------------------------------------------------------------------------------------------
// Building a probe

export type Datastore = 'postgres' | 'redis' | 'mysql' | 'mariadb' | 'mongo';

/** Images built on the official postgres image: same tools, same POSTGRES_* variables. */
const POSTGRES_DERIVED = new Set(['postgis/postgis', 'timescale/timescaledb', 'pgvector/pgvector']);

/** The datastore an image runs, for the official images (and images built on postgres') whose tools we know. */
export function datastoreOf(ref: ImageRef): Datastore | undefined {
	if (ref.hasVariables) return undefined;
	if (POSTGRES_DERIVED.has(ref.repository) && (ref.registry === undefined || ref.registry === 'docker.io')) {
		return 'postgres';
	}
	if (!ref.official) return undefined;
	return (['postgres', 'redis', 'mysql', 'mariadb', 'mongo'] as const).find((name) => ref.name === name);
}

/** Ports that conventionally serve HTTPS (Portainer, Kubernetes-style admin ports): a plain-HTTP probe would fail there. */
const TLS_PORTS: ReadonlySet<number> = new Set([4443, 6443, 9443]);

export interface HealthProbe {
	/** The `test:` value, written as a YAML flow sequence. */
	test: string;
	/** What it runs, for the fix title. */
	summary: string;
	datastore: boolean;
}

/**
 * A probe that works in the service's image: the datastore's own client for official database
 * images, else an HTTP request to the service's first HTTP port with a tool the image has.
 */
export function healthProbe(
	model: ComposeModel,
	service: Service,
	host: FileHost | undefined,
): HealthProbe | undefined {
	const built = buildSpec(model, service) !== undefined;
	const image = built ? undefined : serviceImage(model, service);
	let stage: Stage | undefined;
	if (built) stage = builtDockerfile(model, service, host)?.finalStage;
	else if (image !== undefined && !image.ref.hasVariables && !/\s/.test(image.ref.raw)) {
		stage = parsedDockerfile(`FROM ${image.ref.raw}\n`).stages[0];
	}
	// A datastore image, pulled or as the base of a workspace Dockerfile: its own client probes it.
	const ref = image?.ref ?? (stage === undefined ? undefined : rootImage(stage));
	const store = ref === undefined ? undefined : datastoreOf(ref);
	if (ref !== undefined && store !== undefined) return datastoreProbe(model, service, store, ref);
	const port = containerPorts(model, service).find(
		(candidate) => !NON_HTTP_PORTS.has(candidate) && !TLS_PORTS.has(candidate),
	);
	if (port === undefined || stage === undefined) return undefined;
	// A workspace app follows the guide's `/health` convention; a pulled image is only known to answer `/`.
	const probe = probeFor(stage, port, built ? '/health' : '/');
	if (probe === undefined) return undefined;
	return { test: flowList(['CMD', ...probe.exec]), summary: `${probe.tool} on port ${port}`, datastore: false };
}

function datastoreProbe(
	model: ComposeModel,
	service: Service,
	store: Datastore,
	ref: ImageRef,
): HealthProbe | undefined {
	const shell = (script: string, summary: string): HealthProbe => ({
		test: flowList(['CMD-SHELL', script]),
		summary,
		datastore: true,
	});
	const exec = (words: string[], summary: string): HealthProbe => ({
		test: flowList(['CMD', ...words]),
		summary,
		datastore: true,
	});
	switch (store) {
		case 'postgres': {
			const user = postgresValue(model, service, 'POSTGRES_USER') ?? 'postgres';
			const db = postgresValue(model, service, 'POSTGRES_DB') ?? user;
			return shell(`pg_isready -U ${user} -d ${db}`, 'pg_isready');
		}
		case 'redis': {
			const password = redisPassword(model, service);
			if (password === undefined) return exec(['redis-cli', 'ping'], 'redis-cli ping');
			return shell(`REDISCLI_AUTH=${password} redis-cli ping`, 'redis-cli ping with the password');
		}
		case 'mysql':
			return exec(['mysqladmin', 'ping', '-h', 'localhost'], 'mysqladmin ping');
		case 'mariadb':
			// MariaDB 11 dropped the mysql* client names; its images ship healthcheck.sh (10.x ones have mysqladmin).
			if (majorVersion(ref) !== undefined && majorVersion(ref)! < 11) {
				return exec(['mysqladmin', 'ping', '-h', 'localhost'], 'mysqladmin ping');
			}
			return exec(['healthcheck.sh', '--connect', '--innodb_initialized'], 'healthcheck.sh');
		case 'mongo': {
			// mongosh ships from mongo 5 on; older images have the legacy `mongo` shell.
			const client = majorVersion(ref) !== undefined && majorVersion(ref)! < 5 ? 'mongo' : 'mongosh';
			return exec([client, '--quiet', '--eval', "db.adminCommand('ping')"], `${client} ping`);
		}
	}
}

function majorVersion(ref: ImageRef): number | undefined {
	const match = /^(\d+)/.exec(ref.version ?? '');
	return match === null ? undefined : Number(match[1]);
}

const SHELL_SAFE = /^[A-Za-z0-9_.,:/@%+=-]+$/;

/**
 * How a probe names a POSTGRES_* setting: the literal when written plainly in `environment`, the
 * container's variable when it comes from interpolation or an env_file, undefined when unset.
 */
function postgresValue(model: ComposeModel, service: Service, name: string): string | undefined {
	const entry = environment(model, service).find((candidate) => candidate.name === name);
	if (entry !== undefined) {
		return entry.written !== undefined && !entry.written.includes('$') && SHELL_SAFE.test(entry.written)
			? entry.written
			: `$\${${name}}`;
	}
	return service.view.has('env_file') ? `$\${${name}}` : undefined;
}

export interface RequirePass {
	/** The word after `--requirepass` as written (before interpolation). */
	written: string;
	/** After interpolation. */
	value: string;
	/** The command runs through a shell (`sh -c "…"`), so `$$VAR` there is the container's variable. */
	shell: boolean;
}

/**
 * Words split on blanks outside `${…}`: compose interpolates a reference, its `:?message` included, into
 * one value before it splits the command (`--requirepass ${PASS:?PASS is required}` passes one word).
 */
function interpolationWords(text: string): string[] {
	const words: string[] = [];
	let word = '';
	let depth = 0;
	for (let at = 0; at < text.length; at++) {
		const c = text[at];
		if (c === '$' && text[at + 1] === '{') {
			depth++;
			word += '${';
			at++;
		} else if (c === '}' && depth > 0) {
			depth--;
			word += c;
		} else if (depth === 0 && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) {
			if (word !== '') words.push(word);
			word = '';
		} else word += c;
	}
	if (word !== '') words.push(word);
	return words;
}

/** `--requirepass <password>` (or `--requirepass=<password>`) in the service's command, string or list. */
export function requirePass(model: ComposeModel, service: Service): RequirePass | undefined {
	const command = service.view.get('command');
	if (command === undefined) return undefined;
	// Every word the loop below can take holds `--requirepass`: most commands, which do not, need no splitting.
	const items = command.isSeq() ? command.items() : [command];
	if (!items.some((item) => item.string?.includes('--requirepass') === true)) return undefined;
	const written = items.flatMap((item) => interpolationWords(item.string ?? ''));
	const words = written.map((word) => word.replace(/^["']|["']$/g, '')).filter((word) => word !== '');
	const shell = words.length > 1 && SHELLS.has(words[0]) && words[1] === '-c';
	for (let i = 0; i < words.length; i++) {
		const inline = /^--requirepass=(.+)$/.exec(words[i]);
		const word = inline ? inline[1] : words[i] === '--requirepass' ? words[i + 1] : undefined;
		if (word !== undefined) {
			return { written: word, value: word.includes('$') ? interpolateOnce(word, model.env).value : word, shell };
		}
	}
	return undefined;
}

/**
 * The password for `REDISCLI_AUTH=…`, from the same source as `--requirepass`: the container's own
 * variable when the service's environment holds it (`"$$REDIS_PASSWORD"`), the same compose
 * variable when the command interpolates one, else the literal (quoted for the shell when needed).
 */
export function redisPassword(model: ComposeModel, service: Service): string | undefined {
	const pass = requirePass(model, service);
	if (pass === undefined) return undefined;
	const variable = containerVariable(model, service, pass);
	if (variable !== undefined) return `"$$${variable}"`;
	// Under `sh -c`, `$${VAR:-x}` is the container shell's expansion: keep it expandable.
	if (pass.shell && pass.written.includes('$$')) return `"${pass.written}"`;
	// Otherwise the value is literal once compose has interpolated it (`${VAR}`, `$$` → `$`): single-quote it.
	return SHELL_SAFE.test(pass.written) ? pass.written : `'${pass.written.replace(/'/g, `'\\''`)}'`;
}

/** A variable of the container's environment holding the password, if the service defines one. */
function containerVariable(model: ComposeModel, service: Service, pass: RequirePass): string | undefined {
	const shellVar = /^\$\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(pass.written);
	if (shellVar && pass.shell) return shellVar[1];
	const entries = environment(model, service);
	const composeVar = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(pass.written)?.[1];
	const same = entries.find(
		(entry) =>
			entry.written !== undefined &&
			(entry.written === pass.written ||
				(entry.value !== undefined && entry.value !== '' && entry.value === pass.value)),
	);
	if (same !== undefined) return same.name;
	return composeVar !== undefined && entries.some((entry) => entry.name === composeVar && entry.written === undefined)
		? composeVar
		: undefined;
}

/** A YAML flow sequence of double-quoted strings (JSON escapes are YAML escapes). */
export function flowList(words: readonly string[]): string {
	return `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
}

/** The healthcheck block's lines for insertMapEntry, with the guide's timings. */
export function healthcheckLines(probe: HealthProbe): string[] {
	const timings = probe.datastore
		? ['interval: 10s', 'timeout: 5s', 'retries: 5', 'start_period: 30s']
		: ['interval: 30s', 'timeout: 10s', 'retries: 3', 'start_period: 30s'];
	return ['healthcheck:', `  test: ${probe.test}`, ...timings.map((line) => `  ${line}`)];
}
