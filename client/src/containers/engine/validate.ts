// Container ids and names are checked before they reach a command line or a URL path: a name read from anywhere
// else (a file, a label) must never turn into an option of `docker` or into another API path.
import { validateImageReference } from '../../scan/image-reference';
import { EngineError } from './types';

/** Full or short hex id, as the engine prints it. */
const CONTAINER_ID = /^[0-9a-f]{12,64}$/;
/** The engine's own grammar for container names: [a-zA-Z0-9][a-zA-Z0-9_.-]+ (a leading slash is the API's). */
const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{12,64}$/;

export function isContainerIdOrName(value: string): boolean {
	return CONTAINER_ID.test(value) || CONTAINER_NAME.test(value);
}

/** Returns the id without a leading slash, or throws EngineError('invalid'). */
export function checkedContainerId(value: string): string {
	if (typeof value !== 'string' || !isContainerIdOrName(value)) {
		throw new EngineError(`Not a container id or name: ${JSON.stringify(String(value)).slice(0, 80)}`, 'invalid');
	}
	return value.startsWith('/') ? value.slice(1) : value;
}

/** An image id (sha256:…/hex) or a reference that matches the distribution grammar; throws EngineError('invalid'). */
export function checkedImageRef(value: string): string {
	if (typeof value === 'string' && IMAGE_ID.test(value)) return value;
	const result = validateImageReference(value);
	if (!result.ok) throw new EngineError(`Not an image reference: ${result.reason}`, 'invalid');
	return result.reference.raw;
}
