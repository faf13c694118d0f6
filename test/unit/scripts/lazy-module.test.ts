import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transformSync } from 'esbuild';
// @ts-expect-error: a build script in plain JavaScript, without declarations.
import { lazyStandInSource } from '../../../scripts/build/lazy-module.mjs';

class Scalar {
	static BLOCK_LITERAL = 'BLOCK_LITERAL';
	constructor(readonly value: unknown) {}
}
const isScalar = (node: unknown): boolean => node instanceof Scalar;
const visit = Object.assign((node: unknown) => String(node), { SKIP: Symbol('skip') });

interface Exports {
	Scalar: typeof Scalar;
	isScalar: typeof isScalar;
	visit: typeof visit;
}

/** Runs the stand-in as the bundle would (CommonJS), with a `require` that counts its loads of the real module. */
function standIn(): { exports: Exports; loads: () => number } {
	let loads = 0;
	const source: string = lazyStandInSource(['Scalar', 'isScalar', 'visit'], './real.js');
	const { code } = transformSync(source, { format: 'cjs', loader: 'js' });
	const module = { exports: {} as Exports };
	const require = (path: string): unknown => {
		assert.equal(path, './real.js');
		loads++;
		return { Scalar, isScalar, visit };
	};
	new Function('module', 'exports', 'require', code)(module, module.exports, require);
	return { exports: module.exports, loads: () => loads };
}

describe('build: the stand-in of a module loaded at first use', () => {
	it('loads nothing until a name is used', () => {
		const { exports, loads } = standIn();
		assert.deepEqual(Object.keys(exports).sort(), ['Scalar', 'isScalar', 'visit']);
		assert.equal(loads(), 0);
	});

	it('loads at the first call, then every name is the real export', () => {
		const { exports, loads } = standIn();
		assert.equal(exports.isScalar(new Scalar(1)), true);
		assert.equal(loads(), 1);
		assert.equal(exports.isScalar, isScalar);
		assert.equal(exports.Scalar, Scalar);
		assert.equal(exports.visit, visit);
		exports.isScalar(1);
		assert.equal(loads(), 1);
	});

	it('loads at a construction, a static read or an instanceof, and answers as the real one', () => {
		const constructed = standIn();
		const made = new constructed.exports.Scalar(7);
		assert.ok(made instanceof Scalar);
		assert.equal(made.value, 7);
		assert.equal(constructed.loads(), 1);

		const read = standIn();
		const standInScalar = read.exports.Scalar;
		assert.equal(standInScalar.BLOCK_LITERAL, 'BLOCK_LITERAL');
		assert.equal(read.exports.Scalar, Scalar);
		// A reference taken before the load (a module-level alias) still answers as the real one.
		assert.equal(new Scalar(1) instanceof standInScalar, true);
		assert.equal({} instanceof standInScalar, false);

		const statics = standIn();
		assert.equal(typeof statics.exports.visit.SKIP, 'symbol');
		assert.equal(statics.exports.visit('x'), 'x');
	});

	it('refuses a name that is not an identifier', () => {
		assert.throws(() => lazyStandInSource(['ok', 'not-ok'], './real.js'), /not an identifier: not-ok/);
	});
});
