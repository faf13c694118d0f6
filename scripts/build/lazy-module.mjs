/**
 * The source of a stand-in ES module for a CommonJS module loaded at its first use (esbuild.mjs: `yaml` in
 * dist/yaml.js). It exports one `let` per name, each first a Proxy that loads the module when it is called,
 * constructed or read (a static such as `Scalar.BLOCK_LITERAL`, `instanceof`); loading points every binding at the
 * module's own export. esbuild joins ES modules into one scope, where an importer's name is the binding itself, so
 * after the load an importer calls the module's function directly: no getter on each use.
 *
 * @param {readonly string[]} names the module's exports
 * @param {string} path what `require` loads
 * @returns {string}
 */
export function lazyStandInSource(names, path) {
	for (const name of names) {
		if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
	}
	return [
		'let loaded;',
		'function load() {',
		'  if (loaded !== undefined) return loaded;',
		`  loaded = require(${JSON.stringify(path)});`,
		...names.map((name) => `  ${name} = loaded.${name};`),
		'  return loaded;',
		'}',
		'const standIn = (name) => new Proxy(function () {}, {',
		'  get: (_target, key) => load()[name][key],',
		'  apply: (_target, self, args) => Reflect.apply(load()[name], self, args),',
		'  construct: (_target, args) => Reflect.construct(load()[name], args),',
		'});',
		...names.map((name) => `export let ${name} = standIn(${JSON.stringify(name)});`),
	].join('\n');
}
