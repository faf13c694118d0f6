// esbuild inlines package.json into dist/cli.js; tsx resolves it from the source tree. A JSON
// import would need resolveJsonModule and a file outside the server project's rootDir.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require('../../../package.json') as { version: string };

/** The version in package.json, printed by `--version` and written into SARIF logs. */
export const VERSION: string = packageJson.version;
