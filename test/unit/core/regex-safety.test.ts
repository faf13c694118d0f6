import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

/**
 * Every regular expression written in server/src/core runs over file content sooner or later: none
 * may backtrack super-linearly. Each literal `/…/` and each `new RegExp('…')` with literal
 * arguments goes through redos-detector (a devDependency). Expressions built at run time (globs)
 * cannot be seen here: their builders have tests of their own.
 */

/** The part of redos-detector's API this test uses. */
interface Detector {
	isSafe(regex: RegExp, options?: { maxSteps?: number; timeout?: number }): { safe: boolean; error?: string | null };
}

const CORE = join(__dirname, '../../../server/src/core');

interface Written {
	where: string;
	pattern: string;
	flags: string;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) sourceFiles(path, out);
		else if (entry.name.endsWith('.ts')) out.push(path);
	}
	return out;
}

function writtenExpressions(): Written[] {
	const found: Written[] = [];
	for (const file of sourceFiles(CORE)) {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		const where = (node: ts.Node): string => `${relative(CORE, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
		// An explicit stack: the walk itself must not depend on nesting either.
		const pending: ts.Node[] = [source];
		for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
			if (ts.isRegularExpressionLiteral(node)) {
				const text = node.getText(source);
				const slash = text.lastIndexOf('/');
				found.push({ where: where(node), pattern: text.slice(1, slash), flags: text.slice(slash + 1) });
			} else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
				const [pattern, flags] = node.arguments ?? [];
				if (pattern !== undefined && ts.isStringLiteralLike(pattern) && (flags === undefined || ts.isStringLiteralLike(flags))) {
					found.push({ where: where(node), pattern: pattern.text, flags: flags?.text ?? '' });
				}
			}
			node.forEachChild((child) => {
				pending.push(child);
			});
		}
	}
	return found;
}

async function loadDetector(): Promise<Detector | undefined> {
	// Named through a variable: the typecheck does not require the package before it is installed.
	const name = 'redos-detector';
	try {
		return (await import(name)) as Detector;
	} catch {
		return undefined;
	}
}

describe('regular expressions in the core', async () => {
	const detector = await loadDetector();
	const expressions = writtenExpressions();

	it('are found by the walk', () => {
		assert.ok(expressions.length > 200, `only ${expressions.length} found`);
		assert.ok(expressions.some((written) => written.where.startsWith('features/yaml-path.ts')));
	});

	it('all backtrack at most linearly', { skip: detector === undefined ? 'redos-detector is not installed' : false }, () => {
		const unsafe: string[] = [];
		for (const { where, pattern, flags } of expressions) {
			// g and y change where a match starts, not how it backtracks.
			const result = detector!.isSafe(new RegExp(pattern, flags.replace(/[gy]/g, '')), { maxSteps: 100_000, timeout: 5_000 });
			if (!result.safe) unsafe.push(`${where}  /${pattern}/${flags}${result.error ? ` (${result.error})` : ''}`);
		}
		assert.deepEqual(unsafe, []);
	});

	it('the detector catches the shapes this project fixed', { skip: detector === undefined ? 'redos-detector is not installed' : false }, () => {
		for (const known of [/^["']*(.*?)["';]*$/, /\b[a-z][a-z0-9+.-]*:\/\/([^\s/:@'"$]+):([^\s/@'"]+)@/i, /^((?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?))\s*:(?:\s+|$)(.*)$/, /\s+#.*$/]) {
			assert.equal(detector!.isSafe(known, { maxSteps: 100_000, timeout: 5_000 }).safe, false, String(known));
		}
	});
});
