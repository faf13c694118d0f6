/**
 * A cache kept on the object it describes, under a private symbol: `memo.get(node)`, `memo.set(node, value)`.
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

export function objectMemo<K extends object, V>(description: string): ObjectMemo<K, V> {
	const slot = Symbol(description);
	type Holder = K & { [slot]?: V };
	return {
		get: (key) => (key as Holder)[slot],
		set: (key, value) => {
			// Non-enumerable: the library objects it is put on are never seen to change (JSON, spreads, keys).
			Object.defineProperty(key, slot, { value, writable: true, configurable: true, enumerable: false });
			return value;
		},
	};
}
