/**
 * What the image a stage builds has: its base family, whether `curl`/`wget` exist (base facts plus
 * installs in the RUNs it inherits), which ports it EXPOSEs, what its HEALTHCHECK probes, and a
 * probe command that would work in it. Pure functions over the model, shared by the Dockerfile
 * rules and the compose rules that look at a service's built image.
 */
import { baseName } from '../paths';
import {
	DEBIAN_CODENAMES,
	NON_HTTP_PORTS,
	OFFICIAL_IMAGES,
	UBUNTU_CODENAMES,
	type BaseFamily,
	type OfficialImage,
	type Runtime,
	type ToolFacts,
} from '../data/base-images';
import type { TextIndex } from '../text';
import { isAlpine, isDistroless, variantHas, type ImageRef } from './image-ref';
import { inheritedInstructions, rootImage, type Instruction, type Stage } from './model';
import { commandName, commandWords, parseShell, type SimpleCommand, type Word } from './shell';
import { substituteVariables } from './substitute';
import { unquote } from './sources';

export type { BaseFamily, Runtime, ToolFacts };

export type HttpTool = 'curl' | 'wget';
export type Presence = 'present' | 'absent' | 'unknown';

export interface BaseFacts {
	family: BaseFamily;
	/** A `-slim` variant. */
	slim: boolean;
	/** What the base ships, before any RUN of ours. */
	tools: ToolFacts;
	runtime?: Runtime;
	/** Official Docker Hub image (`node`, `library/python`). */
	official: boolean;
	/** The image already runs as a non-root user (distroless `:nonroot`, Chainguard). */
	nonRootByDefault: boolean;
	/** Its default command is a shell or a REPL (`alpine`, `debian`, `node`, `python`…), not a service. */
	interactive: boolean;
}

const UNKNOWN: BaseFacts = {
	family: 'unknown',
	slim: false,
	tools: {},
	official: false,
	nonRootByDefault: false,
	interactive: false,
};

/** Facts about a base image reference; `unknown` when it is not one we know (or has variables). */
export function baseFacts(ref: ImageRef | undefined): BaseFacts {
	if (ref === undefined || ref.hasVariables) return UNKNOWN;
	if (ref.name === 'scratch' && ref.official) {
		return { ...UNKNOWN, family: 'scratch', tools: { curl: false, wget: false } };
	}
	const nonRootTag = ref.tag !== undefined && ref.tag.includes('nonroot');
	if (isDistroless(ref)) {
		// `:debug` tags add a BusyBox (wget, no curl) under /busybox, but still no /bin/sh.
		const debug = ref.tag !== undefined && ref.tag.includes('debug');
		return { ...UNKNOWN, family: 'distroless', tools: { curl: false, wget: debug }, nonRootByDefault: nonRootTag };
	}
	const chainguard = ref.registry === 'cgr.dev';
	const known = ref.official ? OFFICIAL_IMAGES[ref.name] : undefined;
	const facts = (family: BaseFamily, slim: boolean, tools: ToolFacts): BaseFacts =>
		knownFacts(known, family, slim, tools, ref.official, chainguard || nonRootTag || known?.nonRoot === true);
	if (isAlpine(ref) || known?.family === 'alpine') {
		const tools = known?.alpine ?? (known?.family === 'alpine' ? known.full : { wget: true });
		return facts('alpine', false, tools);
	}
	if (variantHas(ref, 'slim')) {
		const tools = known?.slim ?? (ref.official ? { curl: false, wget: false } : {});
		return facts(codenameFamily(ref) ?? known?.family ?? 'debian', true, tools);
	}
	if (known !== undefined) return facts(codenameFamily(ref) ?? known.family, false, known.full);
	return facts(codenameFamily(ref) ?? 'unknown', false, {});
}

/**
 * The facts of a known or unknown image, built field by field: object spreads here made baseFacts, asked for
 * every compose service's image by several rules, the costliest step of a lint of many small services.
 */
function knownFacts(
	known: OfficialImage | undefined,
	family: BaseFamily,
	slim: boolean,
	tools: ToolFacts,
	official: boolean,
	nonRootByDefault: boolean,
): BaseFacts {
	const facts: BaseFacts = {
		official,
		nonRootByDefault,
		interactive: known?.interactive === true,
		family,
		slim,
		tools,
	};
	if (known?.runtime) facts.runtime = known.runtime;
	return facts;
}

function codenameFamily(ref: ImageRef): BaseFamily | undefined {
	if (DEBIAN_CODENAMES.some((name) => variantHas(ref, name))) return 'debian';
	if (UBUNTU_CODENAMES.some((name) => variantHas(ref, name))) return 'ubuntu';
	return undefined;
}

/** Facts about the image a stage starts from, following `FROM stage` links. */
export function stageBaseFacts(stage: Stage): BaseFacts {
	return baseFacts(rootImage(stage));
}

// ---------------------------------------------------------------------------------------------
// Packages installed by RUN

const INSTALLERS: Readonly<Record<string, { install: readonly string[]; remove: readonly string[] }>> = {
	apk: { install: ['add'], remove: ['del'] },
	'apt-get': { install: ['install'], remove: ['remove', 'purge'] },
	apt: { install: ['install'], remove: ['remove', 'purge'] },
	yum: { install: ['install'], remove: ['remove', 'erase'] },
	dnf: { install: ['install'], remove: ['remove', 'erase'] },
	microdnf: { install: ['install'], remove: ['remove'] },
	zypper: { install: ['install', 'in'], remove: ['remove', 'rm'] },
};

/** Options of those package managers that take a separate value word. */
const OPTIONS_WITH_VALUE = new Set([
	'-o',
	'--option',
	'-t',
	'--virtual',
	'-X',
	'--repository',
	'--arch',
	'--root',
	'-p',
	'--cache-dir',
	'--keys-dir',
	'--setopt',
	'--enablerepo',
	'--disablerepo',
	'-c',
	'--config',
	'--installroot',
	'--releasever',
]);

interface PackageCommand {
	action: 'install' | 'remove';
	packages: string[];
	/** apk `--virtual NAME`: a name for the group, removable as a whole. */
	group?: string;
}

/** Reads `apk add …`, `apt-get install …`, `dnf remove …` (after `sudo`); undefined for anything else. */
export function packageCommand(command: SimpleCommand): PackageCommand | undefined {
	let words = commandWords(command).map((word) => word.value);
	if (words[0] === 'sudo') words = words.slice(1).filter((word, i) => i > 0 || !word.startsWith('-'));
	const name = words[0] === undefined ? undefined : baseName(words[0]);
	const installer = name === undefined ? undefined : INSTALLERS[name];
	if (installer === undefined) return undefined;
	let action: PackageCommand['action'] | undefined;
	let group: string | undefined;
	const packages: string[] = [];
	for (let i = 1; i < words.length; i++) {
		const word = words[i];
		if (word.startsWith('-')) {
			if (OPTIONS_WITH_VALUE.has(word)) {
				if (word === '-t' || word === '--virtual') group = words[i + 1];
				i++;
			} else if (word.startsWith('--virtual=')) group = word.slice('--virtual='.length);
			continue;
		}
		if (action === undefined) {
			if (installer.install.includes(word)) action = 'install';
			else if (installer.remove.includes(word)) action = 'remove';
			else return undefined;
			continue;
		}
		packages.push(word);
	}
	if (action === undefined) return undefined;
	return group === undefined ? { action, packages } : { action, packages, group };
}

function packageProvides(pkg: string, tool: string): boolean {
	// `curl`, `curl=8.5.0-r0`, `curl-minimal` (Fedora/RHEL).
	const match = /^([A-Za-z0-9._+-]+?)(?:[=<>~@].*)?$/.exec(pkg);
	return match !== null && (match[1] === tool || match[1] === `${tool}-minimal`);
}

/**
 * What the stage's own RUNs (and those it inherits) do with `tool`: install it, remove it, install
 * packages named by variables (`unclear`), or never mention it (undefined).
 */
export function toolInstallState(stage: Stage, tool: string): 'installed' | 'removed' | 'unclear' | undefined {
	let state: 'installed' | 'removed' | 'unclear' | undefined;
	const groups = new Map<string, boolean>();
	for (const instruction of inheritedInstructions(stage)) {
		if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && copiesTool(instruction, tool)) {
			state = 'installed';
		}
		if (instruction.keyword !== 'RUN') continue;
		for (const command of instruction.commands) {
			const pkg = packageCommand(command);
			if (pkg === undefined) continue;
			const named = pkg.packages.some((name) => packageProvides(name, tool));
			if (pkg.action === 'install') {
				if (pkg.group !== undefined) groups.set(pkg.group, named);
				if (named) state = 'installed';
				else if (state !== 'installed' && pkg.packages.some((name) => name.includes('$'))) state = 'unclear';
			} else if (named || pkg.packages.some((name) => groups.get(name) === true)) {
				state = 'removed';
			}
		}
	}
	return state;
}

function copiesTool(instruction: Instruction, tool: string): boolean {
	const sources = instruction.json
		? instruction.json.slice(0, -1)
		: instruction.args.slice(0, -1).map((arg) => arg.value);
	return sources.some((source) => source === tool || source.endsWith(`/${tool}`));
}

/** Whether the image a stage builds has `tool`: installed or removed by our RUNs, else what the base ships. */
export function toolPresence(stage: Stage, tool: HttpTool): Presence {
	return toolPresenceOn(stage, tool, stageBaseFacts(stage));
}

/** toolPresence with the stage built on another base (a fix that changes the base asks what would be there). */
export function toolPresenceOn(stage: Stage, tool: HttpTool, base: BaseFacts): Presence {
	const state = toolInstallState(stage, tool);
	if (state === 'installed') return 'present';
	if (state === 'removed') return 'absent';
	const known = base.tools[tool];
	if (known === undefined || (state === 'unclear' && !known)) return 'unknown';
	return known ? 'present' : 'absent';
}

// ---------------------------------------------------------------------------------------------
// What runs

/** Whether the stage or a stage it is built FROM sets CMD or ENTRYPOINT. */
export function setsCommand(stage: Stage): boolean {
	return inheritedInstructions(stage).some(
		(instruction) => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT',
	);
}

/**
 * Whether the image runs no service: it sets no command and its base's default is a shell or a
 * REPL (a tool, CI or dev-container image), so a health probe has nothing to ask.
 */
export function runsNoService(stage: Stage): boolean {
	return !setsCommand(stage) && stageBaseFacts(stage).interactive;
}

const DROPPER_NAMES = ['gosu', 'su-exec'];
const PRIVILEGE_DROPPERS: ReadonlySet<string> = new Set(DROPPER_NAMES);

// Every word of every RUN is asked: the suffix test spares most of them the basename copy.
function isDropper(value: string): boolean {
	for (const name of DROPPER_NAMES) if (value.endsWith(name)) return PRIVILEGE_DROPPERS.has(baseName(value));
	return false;
}

/**
 * Whether the image carries `gosu`/`su-exec`: its entrypoint starts as root to fix up volumes,
 * then steps down to an unprivileged user (the official database images do this).
 */
export function dropsPrivileges(stage: Stage): boolean {
	for (const instruction of inheritedInstructions(stage)) {
		if (
			instruction.keyword === 'RUN' &&
			instruction.commands.some((command) => command.words.some((word) => isDropper(word.value)))
		) {
			return true;
		}
		if (
			(instruction.keyword === 'COPY' || instruction.keyword === 'ADD') &&
			instruction.args.some((arg) => isDropper(arg.value))
		) {
			return true;
		}
	}
	return false;
}

// ---------------------------------------------------------------------------------------------
// Users

const USERADD_VALUE_OPTIONS = new Set([
	'-u',
	'--uid',
	'-g',
	'--gid',
	'-G',
	'--groups',
	'-d',
	'--home-dir',
	'--home',
	'-s',
	'--shell',
	'-c',
	'--comment',
	'--gecos',
	'-k',
	'--skel',
	'-K',
	'--key',
	'-e',
	'--expiredate',
	'-f',
	'--inactive',
	'-p',
	'--password',
	'-R',
	'--root',
	'-b',
	'--base-dir',
	'-h',
	'--ingroup',
	'--firstuid',
	'--lastuid',
	'-Z',
	'--selinux-user',
]);

/** Names of users that the stage's RUNs create (`useradd`, `adduser`), in build order. */
export function createdUsers(stage: Stage): string[] {
	const users: string[] = [];
	for (const instruction of inheritedInstructions(stage)) {
		if (instruction.keyword !== 'RUN') continue;
		for (const command of instruction.commands) {
			const name = commandName(command);
			if (name !== 'useradd' && name !== 'adduser') continue;
			const positional = positionalWords(
				commandWords(command)
					.slice(1)
					.map((word) => word.value),
			);
			// useradd takes the login last; adduser (BusyBox and Debian) takes it first.
			const user = name === 'useradd' ? positional[positional.length - 1] : positional[0];
			if (user !== undefined && /^[a-z_][a-z0-9_.-]*\$?$/i.test(user)) users.push(user);
		}
	}
	return users;
}

function positionalWords(words: string[]): string[] {
	const positional: string[] = [];
	for (let i = 0; i < words.length; i++) {
		if (words[i].startsWith('-')) {
			if (USERADD_VALUE_OPTIONS.has(words[i])) i++;
			continue;
		}
		positional.push(words[i]);
	}
	return positional;
}

// ---------------------------------------------------------------------------------------------
// Variables and ports

/** ENV and ARG defaults set along the stage's ancestry, in build order (later ones win). */
export function stageVariables(stage: Stage, until?: Instruction): Map<string, string> {
	const variables = new Map<string, string>();
	for (const instruction of inheritedInstructions(stage)) {
		if (instruction === until) break;
		if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
		const args = instruction.args.map((arg) => arg.value);
		if (instruction.keyword === 'ENV' && args.length >= 2 && !args[0].includes('=')) {
			variables.set(args[0], args.slice(1).join(' '));
			continue;
		}
		for (const arg of args) {
			const eq = arg.indexOf('=');
			if (eq > 0) variables.set(arg.slice(0, eq), substituteVariables(unquote(arg.slice(eq + 1)), variables));
		}
	}
	return variables;
}

/** Replaces `$X`, `${X}`, `${X:-default}` with known values; unknown ones stay as written. */
export { substituteVariables };

export interface ExposedPort {
	/** First and last port (the same for a single port). */
	from: number;
	to: number;
	protocol: 'tcp' | 'udp' | 'sctp';
	instruction: Instruction;
}

export interface ExposedPorts {
	ports: ExposedPort[];
	/** Some EXPOSE argument could not be read (an unknown variable): the list may be incomplete. */
	unresolved: boolean;
}

/** Ports EXPOSEd by the stage and the stages it is built FROM, in build order. */
export function exposedPorts(stage: Stage): ExposedPorts {
	const result: ExposedPorts = { ports: [], unresolved: false };
	for (const instruction of inheritedInstructions(stage)) {
		if (instruction.keyword !== 'EXPOSE') continue;
		const variables = stageVariables(stage, instruction);
		for (const arg of instruction.args) {
			const text = substituteVariables(arg.value, variables);
			const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(text);
			if (match === null) {
				result.unresolved = true;
				continue;
			}
			const from = Number(match[1]);
			const to = match[2] === undefined ? from : Number(match[2]);
			const protocol = (match[3]?.toLowerCase() ?? 'tcp') as ExposedPort['protocol'];
			result.ports.push({ from, to, protocol, instruction });
		}
	}
	return result;
}

/** TCP ports a health probe could reach, each listed once, in order. */
export function tcpPorts(exposed: ExposedPorts): number[] {
	const ports: number[] = [];
	for (const port of exposed.ports) {
		if (port.protocol === 'tcp' && port.from === port.to && !ports.includes(port.from)) ports.push(port.from);
	}
	return ports;
}

/** The first exposed TCP port that plausibly serves HTTP (not a database, queue, FastCGI or TLS port). */
export function httpPort(exposed: ExposedPorts): number | undefined {
	return tcpPorts(exposed).find((port) => !NON_HTTP_PORTS.has(port));
}

export function exposes(exposed: ExposedPorts, port: number): boolean {
	return exposed.ports.some((entry) => entry.protocol === 'tcp' && entry.from <= port && port <= entry.to);
}

// ---------------------------------------------------------------------------------------------
// HEALTHCHECK

export interface HttpProbe {
	tool: HttpTool;
	/** The command's words, the tool first, with document offsets. */
	words: Word[];
	url: Word;
	host: string;
	/** The port probed, written or implied by the scheme; undefined when written as a variable. */
	port?: number;
	/** Document offsets of the written port digits, or (start = end) of where a port would go after the host. */
	portStart?: number;
	portEnd?: number;
	explicitPort: boolean;
}

export interface HealthcheckProbe {
	instruction: Instruction;
	/** `HEALTHCHECK NONE`. */
	none: boolean;
	form: 'shell' | 'exec';
	/** The simple commands the check runs, words with document offsets. */
	commands: Word[][];
	/** The first curl or wget call, when there is one. */
	http?: HttpProbe;
}

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash']);

/** Reads a HEALTHCHECK instruction: its form, its commands, and the HTTP probe it makes. */
export function healthcheckProbe(instruction: Instruction): HealthcheckProbe {
	const text = instruction.argsText;
	if (/^\s*NONE\b/i.test(text)) return { instruction, none: true, form: 'shell', commands: [] };
	const cmd = /^\s*CMD\s*/i.exec(text);
	const bodyStart = instruction.argsTextStart + (cmd ? cmd[0].length : 0);
	const body = text.slice(cmd ? cmd[0].length : 0);
	let form: HealthcheckProbe['form'] = 'shell';
	let commands: Word[][];
	if (body.startsWith('[')) {
		form = 'exec';
		commands = execCommands(body, bodyStart);
	} else {
		commands = instruction.commands.map(commandWords).filter((words) => words.length > 0);
	}
	const probe: HealthcheckProbe = { instruction, none: false, form, commands };
	const http = firstHttpProbe(commands, instruction);
	if (http !== undefined) probe.http = http;
	return probe;
}

/** The words of a JSON-array command, offsets on the quotes; `sh -c "…"` is read as the script it runs. */
function execCommands(body: string, bodyStart: number): Word[][] {
	const words: Word[] = [];
	const closes = closingQuotes(body);
	for (let at = 0; at < body.length && body[at] !== ']'; at++) {
		if (body[at] !== '"' || closes[at + 1] === -1) continue;
		const end = closes[at + 1] + 1;
		let value: string;
		try {
			value = JSON.parse(body.slice(at, end)) as string;
		} catch {
			return [];
		}
		words.push({ value, start: bodyStart + at, end: bodyStart + end });
		at = end - 1;
	}
	if (words.length >= 3 && SHELLS.has(words[0].value) && words[1].value === '-c') {
		const script = words[2];
		const raw = body.slice(script.start - bodyStart + 1, script.end - bodyStart - 1);
		// Only when the JSON string has no escapes, so offsets in the script are offsets in the file.
		if (raw === script.value) {
			return parseShell(body, script.start - bodyStart + 1, script.end - bodyStart - 1).map((command) =>
				commandWords(command).map((word) => ({ ...word, start: word.start + bodyStart, end: word.end + bodyStart })),
			);
		}
	}
	return words.length > 0 ? [words] : [];
}

/**
 * For each offset, where a JSON string body read from there ends: the offset of its closing quote
 * (a backslash escapes the next character, a line break excepted), or -1 when the text ends first.
 * Filled from the end in one pass: a regex read each unclosed quote again, quadratic on `"\` × n.
 */
function closingQuotes(body: string): Int32Array {
	const closes = new Int32Array(body.length + 2).fill(-1);
	for (let at = body.length - 1; at >= 0; at--) {
		const char = body[at];
		if (char === '"') closes[at] = at;
		else if (char !== '\\') closes[at] = closes[at + 1];
		else if (at + 1 < body.length && !LINE_BREAKS.includes(body[at + 1])) closes[at] = closes[at + 2];
	}
	return closes;
}

const LINE_BREAKS = '\n\r\u2028\u2029';

const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)$/i;

function firstHttpProbe(commands: Word[][], instruction: Instruction): HttpProbe | undefined {
	for (const words of commands) {
		const name = words[0] === undefined ? undefined : baseName(words[0].value);
		if (name !== 'curl' && name !== 'wget') continue;
		const url = words
			.slice(1)
			.find(
				(word) =>
					!word.value.startsWith('-') &&
					/^(?:https?:\/\/|(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)(?:[:/]|$))/i.test(word.value),
			);
		if (url === undefined) return undefined;
		// Every word lies in the instruction's arguments, so its raw text is a slice of them.
		const raw = instruction.argsText.slice(url.start - instruction.argsTextStart, url.end - instruction.argsTextStart);
		return readUrl(name, words, url, raw);
	}
	return undefined;
}

function readUrl(tool: HttpTool, words: Word[], url: Word, raw: string): HttpProbe {
	const match = /^(?:(https?):\/\/)?(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]+)(?::([^/?#]*))?/i.exec(url.value)!;
	const [, scheme, host, portText] = match;
	const probe: HttpProbe = { tool, words, url, host, explicitPort: portText !== undefined };
	if (portText !== undefined) {
		if (/^\d+$/.test(portText)) probe.port = Number(portText);
	} else {
		probe.port = scheme?.toLowerCase() === 'https' ? 443 : 80;
	}
	const inRaw = raw.indexOf(url.value);
	if (inRaw !== -1) {
		const afterHost = url.start + inRaw + match[0].length - (portText === undefined ? 0 : portText.length + 1);
		probe.portStart = portText === undefined ? afterHost : afterHost + 1;
		probe.portEnd = portText === undefined ? afterHost : afterHost + 1 + portText.length;
	}
	return probe;
}

/**
 * The HTTP client a command runs, for commands that are not HEALTHCHECK instructions (a compose
 * `healthcheck.test`): a shell string, or exec words (`sh -c "…"` is read as its script).
 */
export function commandHttpTool(command: string | readonly string[]): HttpTool | undefined {
	if (typeof command !== 'string') {
		if (command.length >= 3 && SHELLS.has(command[0]) && command[1] === '-c') return commandHttpTool(command[2]);
		const name = command[0] === undefined ? undefined : baseName(command[0]);
		return name === 'curl' || name === 'wget' ? name : undefined;
	}
	for (const parsed of parseShell(command, 0, command.length)) {
		const name = commandName(parsed);
		if (name === 'curl' || name === 'wget') return name;
	}
	return undefined;
}

/** Whether an HTTP probe targets the container itself. */
export function probesLocalhost(probe: HttpProbe): boolean {
	return LOCAL_HOST.test(probe.host);
}

/** The HEALTHCHECK that applies to the stage's image: its last one, inherited through `FROM stage`. */
export function effectiveHealthcheck(stage: Stage): Instruction | undefined {
	const checks = inheritedInstructions(stage).filter((instruction) => instruction.keyword === 'HEALTHCHECK');
	return checks[checks.length - 1];
}

// ---------------------------------------------------------------------------------------------
// Building a probe

export interface Probe {
	tool: HttpTool | Runtime;
	/** For `HEALTHCHECK CMD …` (shell form) and compose `CMD-SHELL`. */
	shell: string;
	/** Exec form words (without compose's leading `CMD`). */
	exec: string[];
	/** Whether the shell form needs a shell (`|| exit 1`); if not, a HEALTHCHECK is written in the JSON form. */
	needsShell: boolean;
}

/**
 * A probe of `http://localhost:PORT/health` that works in the stage's image: BusyBox wget on
 * Alpine, curl where it is known to exist, else wget, else the image's own node or python.
 * Undefined when nothing in the image can make the request, or it has no shell (distroless, scratch).
 */
export function probeFor(stage: Stage, port: number, path = '/health'): Probe | undefined {
	const facts = stageBaseFacts(stage);
	if (facts.family === 'distroless' || facts.family === 'scratch') return undefined;
	const url = `http://localhost:${port}${path}`;
	const curl = toolPresence(stage, 'curl') === 'present';
	const wget = toolPresence(stage, 'wget') === 'present';
	const busybox = facts.family === 'alpine' || facts.family === 'busybox';
	if (wget && (busybox || !curl)) return wgetProbe(url);
	if (curl) return { tool: 'curl', shell: `curl -fsS ${url} || exit 1`, exec: ['curl', '-fsS', url], needsShell: true };
	if (facts.runtime === 'node') {
		const script = `require('http').get('${url}',r=>process.exit(r.statusCode<400?0:1)).on('error',()=>process.exit(1))`;
		return { tool: 'node', shell: `node -e "${script}"`, exec: ['node', '-e', script], needsShell: false };
	}
	if (facts.runtime === 'python') {
		const script = `import urllib.request; urllib.request.urlopen('${url}', timeout=5)`;
		return { tool: 'python', shell: `python3 -c "${script}"`, exec: ['python3', '-c', script], needsShell: false };
	}
	return undefined;
}

export function wgetProbe(url: string): Probe {
	return {
		tool: 'wget',
		shell: `wget -q --spider ${url} || exit 1`,
		exec: ['wget', '-q', '--spider', url],
		needsShell: true,
	};
}

// ---------------------------------------------------------------------------------------------
// Where runtime settings go

/**
 * The line before which runtime settings (USER, HEALTHCHECK) belong in a stage: above the first
 * CMD/ENTRYPOINT that follows the stage's last RUN (and above the comments right over it), or
 * undefined for "at the end of the stage".
 */
export function startupLine(stage: Stage, index: TextIndex): number | undefined {
	const instructions = stage.instructions;
	let lastRun = 0;
	instructions.forEach((instruction, i) => {
		if (instruction.keyword === 'RUN' || instruction.keyword === 'COPY' || instruction.keyword === 'ADD') lastRun = i;
	});
	const startup = instructions
		.slice(lastRun + 1)
		.find((instruction) => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT');
	if (startup === undefined) return undefined;
	return lineAboveComments(startup, index);
}

/**
 * The line where text inserted "before" an instruction goes: above the comment lines right over
 * it, so that a pragma there keeps applying to the instruction it was written for.
 */
export function lineAboveComments(instruction: Instruction, index: TextIndex): number {
	const siblings = instruction.stage.instructions;
	const previous = siblings[siblings.indexOf(instruction) - 1];
	let line = instruction.range.start.line;
	// A FROM keeps its line: above it may be the previous stage's comments or parser directives.
	if (previous === undefined) return line;
	while (
		line - 1 > previous.range.end.line &&
		index
			.lineText(line - 1)
			.trimStart()
			.startsWith('#')
	) {
		line--;
	}
	return line;
}
