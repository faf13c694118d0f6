import { join } from 'node:path';
import { runWithCodeCache, userCacheFolder } from './code-cache';

/**
 * dist/cli.js, the `shipshape` command: a small loader that runs the CLI bundle (dist/cli-bundle.js,
 * built from cli.ts) through a V8 code cache. The bundle gets this file's name as `__filename`, so
 * its lint workers start here too and share the cache.
 */
runWithCodeCache(join(__dirname, 'cli-bundle.js'), userCacheFolder(), { exports: module.exports, require, module, filename: __filename, dirname: __dirname });
