// One place that turns whatever dockerode, node's http and the socket throw into an EngineError whose message
// says what happened, where, and (for HTTP) what the engine said.
import { EngineError } from './types';

/** Socket-level codes that mean "nobody answered at that address". */
const UNREACHABLE_CODES = new Set([
	'ECONNREFUSED',
	'ENOENT',
	'EACCES',
	'EPERM',
	'ECONNRESET',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTSOCK',
	'ETIMEDOUT',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EADDRNOTAVAIL',
]);

export function notReachable(host: string, reason: string): EngineError {
	return new EngineError(`Docker engine not reachable at ${host} (${reason})`, 'unreachable');
}

export function timedOut(host: string, timeoutMs: number, what: string): EngineError {
	return new EngineError(`Docker engine at ${host} timed out after ${formatSeconds(timeoutMs)} (${what})`, 'timeout');
}

export function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** Translates any failure of a call described by `what` (e.g. `GET /containers/json`) against `host`. */
export function toEngineError(error: unknown, host: string, what: string): EngineError {
	if (error instanceof EngineError) return error;
	const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
	const statusCode = typeof record.statusCode === 'number' ? record.statusCode : undefined;
	if (statusCode !== undefined) {
		const said = engineMessage(record);
		if (statusCode === 404) {
			return new EngineError(said === '' ? `Not found (${what})` : capitalize(said), 'notFound', 404);
		}
		return new EngineError(
			`Docker engine at ${host} answered ${statusCode}${said === '' ? '' : `: ${said}`} (${what})`,
			'http',
			statusCode,
		);
	}
	const code = typeof record.code === 'string' ? record.code : undefined;
	if (code !== undefined && UNREACHABLE_CODES.has(code)) return notReachable(host, code);
	if (record.name === 'AbortError' || code === 'ABORT_ERR') return new EngineError(`Cancelled (${what})`, 'aborted');
	const message = error instanceof Error ? error.message : String(error);
	if (/socket hang up|aborted|premature close/i.test(message)) return notReachable(host, message);
	return new EngineError(`Docker engine at ${host}: ${message} (${what})`, 'http');
}

/** The engine's `{ "message": "…" }` body, or the cause text docker-modem folded into its message. */
function engineMessage(record: Record<string, unknown>): string {
	const json = record.json;
	if (typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string') {
		return (json as { message: string }).message.trim();
	}
	if (typeof json === 'string' && json.trim() !== '') return json.trim();
	if (Buffer.isBuffer(json) && json.length > 0) return json.toString('utf8').trim().slice(0, 300);
	const message = typeof record.message === 'string' ? record.message : '';
	// docker-modem: "(HTTP code 500) server error - <cause> "
	const cause = /^\(HTTP code \d+\) [^-]*- (.*)$/s.exec(message.trim());
	return (cause?.[1] ?? '').trim();
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
