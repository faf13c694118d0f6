// Where the Compose action lenses go and what they do: "Run all" above the top-level `services:` key, and "Run",
// "Restart", "Logs" above each service. Pure: the document's text and the server's service targets in, lens specs out.

export interface ServiceAt {
	name: string;
	/** The service key's line. */
	line: number;
}

/** What a lens passes to its command: the compose file and the services (none: the whole project). */
export interface ComposeLensArgs {
	file: string;
	services: string[];
}

export type LensVerb = 'up' | 'restart' | 'logs';

export interface ActionLens {
	line: number;
	title: string;
	verb: LensVerb;
	args: ComposeLensArgs;
}

/** The line of the top-level `services:` key (block style, as compose files are written), or undefined. */
function servicesKeyLine(text: string): number | undefined {
	let line = 0;
	let start = 0;
	while (start <= text.length) {
		const end = text.indexOf('\n', start);
		const raw = text.slice(start, end === -1 ? text.length : end);
		const content = line === 0 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
		if (isServicesKey(content)) return line;
		if (end === -1) return undefined;
		start = end + 1;
		line++;
	}
	return undefined;
}

function isServicesKey(content: string): boolean {
	for (const quote of ['', '"', "'"]) {
		const key = `${quote}services${quote}`;
		if (!content.startsWith(key)) continue;
		const rest = content.slice(key.length).trimStart();
		if (!rest.startsWith(':')) continue;
		const value = rest.slice(1).trim();
		// `services:` opens a block; `services: {}` or `services: !reset` do not hold services to run.
		if (value === '' || value.startsWith('#')) return true;
	}
	return false;
}

export function composeActionLenses(file: string, text: string, services: readonly ServiceAt[]): ActionLens[] {
	if (services.length === 0) return [];
	const lenses: ActionLens[] = [];
	const keyLine = servicesKeyLine(text);
	if (keyLine !== undefined) {
		lenses.push({ line: keyLine, title: '$(run-all) Run all', verb: 'up', args: { file, services: [] } });
	}
	for (const service of services) {
		const args = { file, services: [service.name] };
		lenses.push(
			{ line: service.line, title: '$(play) Run', verb: 'up', args },
			{ line: service.line, title: '$(debug-restart) Restart', verb: 'restart', args },
			{ line: service.line, title: '$(output) Logs', verb: 'logs', args },
		);
	}
	return lenses;
}
