import { join } from 'node:path';
import { requireThroughCodeCache, runWithCodeCache, userCacheFolder } from './code-cache';

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
