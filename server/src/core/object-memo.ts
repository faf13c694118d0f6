/**
 * A cache kept on the object it describes: `memo.get(node)`, `memo.set(node, value)`.
 *
 * Why not a module-level WeakMap: V8's young-generation collector (the scavenger) treats the values of a
 * WeakMap that has itself been promoted as live. A cached value that points back into its key's graph (a
 * stage's instructions, a YAML node's views) then keeps the whole lint's model alive through every scavenge;
 * it is copied, promoted, and waits for a full collection. Measured on moby's Dockerfile, each lint's model
 * survived that way and each scavenge that copied it paused the language server (figures: docs/benchmarks.md,
 * "What changed for speed"). A property dies with its object.
 */
export interface ObjectMemo<K extends object, V> {
	get(key: K): V | undefined;
	set(key: K, value: V): V;
}

/**
 * Every memo's values for an object sit in one list under this symbol, as pairs of the memo's number and its value:
 * adding a property to an object is slow (and defining a hidden one slower still), so an object pays for it once,
 * however many memos keep something on it. Most objects hold one or two values: a short list to scan costs less
 * than a table. A class of ours whose objects are often memo keys declares the property (`[MEMOS]?: unknown[]`):
 * setting it is then an ordinary store.
 */
export const MEMOS = Symbol('memos');

/** An object that holds memos, or a class that declares the property for them. */
export interface MemoHolder {
	[MEMOS]?: unknown[];
}

let memoCount = 0;

/** The description names the memo where it is declared (for readers); values are told apart by its number. */
export function objectMemo<K extends object, V>(_description: string): ObjectMemo<K, V> {
	const memo = memoCount++;
	return {
		get: (key) => {
			const memos = (key as MemoHolder)[MEMOS];
			if (memos !== undefined) {
				for (let at = 0; at < memos.length; at += 2) if (memos[at] === memo) return memos[at + 1] as V;
			}
			return undefined;
		},
		set: (key, value) => {
			const holder = key as MemoHolder;
			const memos = holder[MEMOS];
			if (memos === undefined) {
				addMemos(holder, [memo, value]);
				return value;
			}
			for (let at = 0; at < memos.length; at += 2) {
				if (memos[at] === memo) {
					memos[at + 1] = value;
					return value;
				}
			}
			memos.push(memo, value);
			return value;
		},
	};
}

function addMemos(holder: MemoHolder, memos: unknown[]): void {
	if (Object.hasOwn(holder, MEMOS)) holder[MEMOS] = memos;
	// Non-enumerable: the library objects it is put on are never seen to change (JSON, spreads, keys).
	else Object.defineProperty(holder, MEMOS, { value: memos, writable: true, configurable: true, enumerable: false });
}
