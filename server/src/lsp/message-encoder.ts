/**
 * A JSON-RPC message as the UTF-8 bytes of `JSON.stringify(message)`, built from pieces instead of one string of the
 * whole message.
 *
 * Why: a string of over 128 KB does not fit V8's young generation, so `JSON.stringify` returns a large text as a rope,
 * and `Buffer.from` must first copy the rope into one flat string in the large-object space. For sentry's 342
 * diagnostics (140 KB) that copy took longer than the stringify itself: 1.3–1.9 ms for the bytes against 0.6–1.1 ms
 * from pieces (docs/benchmarks.md). Every publish of a large file paid it, at every keystroke.
 *
 * How: arrays are written item by item and the message and its params or result member by member; a deeper object is
 * written by `JSON.stringify` whole when its text is at most PIECE_CHARS, else member by member too. Anything that is
 * not a plain object or array, and anything SPLIT_DEPTH levels down, is written whole. The depth is a constant: nothing
 * here recurses per level of what a document nests. The pieces are gathered into strings of about CHUNK_CHARS, each
 * encoded on its own, all of them small enough to stay out of the large-object space.
 */

/** Pieces are encoded once they add up to this many characters. */
const CHUNK_CHARS = 16 * 1024;

/** An object whose text is longer than this is written member by member (the text is dropped: a piece at most). */
const PIECE_CHARS = 24 * 1024;

/** Levels below the message that may be split; anything deeper is written whole. */
const SPLIT_DEPTH = 8;

/** The bytes of `JSON.stringify(message)` in UTF-8; throws what `JSON.stringify` would (a cycle, a BigInt). */
export function encodeMessage(message: unknown): Buffer {
	const chunks: Buffer[] = [];
	let pending = '';
	let total = 0;
	const flush = (): void => {
		const bytes = Buffer.from(pending, 'utf8');
		chunks.push(bytes);
		total += bytes.length;
		pending = '';
	};
	const emit = (text: string): void => {
		pending += text;
		if (pending.length >= CHUNK_CHARS) flush();
	};
	if (!writeValue(message, 0, emit)) throw new TypeError('a JSON-RPC message must be a JSON value');
	flush();
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/**
 * Emits the JSON text of `value` as `JSON.stringify` writes it, `level` levels below the message; or emits nothing and
 * returns false for what `JSON.stringify` leaves out (undefined, a function, a symbol).
 */
function writeValue(value: unknown, level: number, emit: (text: string) => void): boolean {
	if (level === SPLIT_DEPTH || !splittable(value)) {
		const text = JSON.stringify(value);
		if (text === undefined) return false;
		emit(text);
		return true;
	}
	if (Array.isArray(value)) {
		emit('[');
		for (let index = 0; index < value.length; index++) {
			if (index > 0) emit(',');
			// An array keeps the place of what an object would leave out: `null`, as JSON.stringify writes it.
			if (!writeValue(value[index], level + 1, emit)) emit('null');
		}
		emit(']');
		return true;
	}
	// The message and its params or result are always large when anything is: split them without trying them whole.
	if (level >= 2) {
		const text = JSON.stringify(value);
		if (text.length <= PIECE_CHARS) {
			emit(text);
			return true;
		}
	}
	emit('{');
	let first = true;
	const object = value as Record<string, unknown>;
	for (const key of Object.keys(object)) {
		const member = object[key];
		if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
		emit(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
		first = false;
		writeValue(member, level + 1, emit);
	}
	emit('}');
	return true;
}

/**
 * A plain array, or an object made by a literal or with no prototype, with no `toJSON`: what JSON.stringify writes
 * member by member. Anything else (a Date, a boxed primitive, a class with `toJSON`) is left to JSON.stringify whole;
 * a `toJSON` so reached is called with an empty key, not its property's name.
 */
function splittable(value: unknown): value is object {
	if (typeof value !== 'object' || value === null) return false;
	if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
	if (Array.isArray(value)) return true;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}
