import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { requireThroughCodeCache, runWithCodeCache, userCacheFolder } from './code-cache';

/**
 * V8 starts optimising a function once it has run this much bytecode since its last tier-up check. A CLI run is
 * short: at four times V8's default (67,584) it compiles less code that the run would not use long enough to pay back
 * (figures: docs/benchmarks.md, "Figures behind the code"). Set before the bundle is compiled; V8's flags are the
 * process's, so the lint workers have it too.
 */
export const CLI_INTERRUPT_BUDGET = 4 * 67_584;
setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);

/**
 * dist/cli.js, the `shipshape` command: a small loader that runs the CLI bundle (dist/cli-bundle.js,
 * built from cli.ts) through a V8 code cache. The bundle gets this file's name as `__filename`, so
 * its lint workers start here too and share the cache. yaml and the compose schema validator, which
 * the bundle loads at the first compose file, go through the cache as well.
 */
const cacheFolder = userCacheFolder();
const bundleRequire = requireThroughCodeCache(require, __dirname, cacheFolder, ['./yaml.js', './compose-schema.js']);
runWithCodeCache(join(__dirname, 'cli-bundle.js'), cacheFolder, {
	exports: module.exports,
	require: bundleRequire,
	module,
	filename: __filename,
	dirname: __dirname,
});
