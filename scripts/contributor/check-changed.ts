import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

/**
 * The typecheck and eslint of check:rule, over the files a contributor touched: one TypeScript program rooted at
 * them (what they import comes along), its errors in those files, and eslint's typed rules run on that same
 * program. `tsc -b` over the three projects took 14 s warm and 52 s cold on a 2-core machine, and eslint's
 * project service built its own programs again (15 s); `npx tsc -p tsconfig.all.json` and CI still check it all.
 */

/** A program over `files` (absolute) with the options of tsconfig.all.json, and the errors reported in them. */
export function typecheckFiles(
	root: string,
	files: readonly string[],
	host?: ts.CompilerHost,
): { program: ts.Program; errors: string[] } {
	const config = ts.getParsedCommandLineOfConfigFile(
		resolve(root, 'tsconfig.all.json'),
		{},
		{
			...ts.sys,
			onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
				throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
			},
		},
	);
	if (config === undefined) throw new Error('tsconfig.all.json could not be read');
	const program = ts.createProgram({ rootNames: files, options: config.options, ...(host ? { host } : {}) });
	const diagnostics: ts.Diagnostic[] = [];
	for (const file of files) {
		const source = program.getSourceFile(file);
		if (source === undefined) continue;
		diagnostics.push(...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source));
	}
	const format: ts.FormatDiagnosticsHost = {
		getCanonicalFileName: (name) => name,
		getCurrentDirectory: () => root,
		getNewLine: () => '\n',
	};
	return { program, errors: diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, format).trimEnd()) };
}

/** eslint's problems in `files` (absolute), TypeScript ones typed through `program`, which must hold them. */
export async function lintFiles(root: string, files: readonly string[], program: ts.Program): Promise<string[]> {
	const eslint = new ESLint({
		cwd: root,
		overrideConfig: [
			{ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, programs: [program] } } },
		],
	});
	const problems: string[] = [];
	for (const file of files) {
		const text = program.getSourceFile(file)?.text ?? ts.sys.readFile(file);
		if (text === undefined) continue;
		for (const result of await eslint.lintText(text, { filePath: file, warnIgnored: false })) {
			for (const message of result.messages) {
				const where = `${result.filePath.slice(root.length + 1)}:${message.line}:${message.column}`;
				problems.push(`${where} ${message.message}${message.ruleId ? ` (${message.ruleId})` : ''}`);
			}
		}
	}
	return problems;
}
