import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { isSafe } from 'redos-detector';
import ts from 'typescript';

/**
 * Every regular expression written in server/src/core runs over file content sooner or later: none
 * may backtrack super-linearly. Each literal `/…/` and each `new RegExp('…')` with literal
 * arguments goes through redos-detector (a devDependency). Expressions built at run time (globs)
 * cannot be seen here: their builders have tests of their own.
 *
 * The detector assumes an unanchored pattern is tried from every offset, so it flags any quantifier
 * followed by more pattern there, even after a literal that bounds the work to one pass per
 * occurrence. Those few are listed below, each with the reason it is linear.
 */

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
		const where = (node: ts.Node): string =>
			`${relative(CORE, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
		// An explicit stack: the walk itself must not depend on nesting either.
		const pending: ts.Node[] = [source];
		for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
			if (ts.isRegularExpressionLiteral(node)) {
				const text = node.getText(source);
				const slash = text.lastIndexOf('/');
				found.push({ where: where(node), pattern: text.slice(1, slash), flags: text.slice(slash + 1) });
			} else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
				const [pattern, flags] = node.arguments ?? [];
				if (
					pattern !== undefined &&
					ts.isStringLiteralLike(pattern) &&
					(flags === undefined || ts.isStringLiteralLike(flags))
				) {
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

// The step bound decides, not the clock: a timeout would make the verdict depend on the load.
const CHECK = { maxSteps: 100_000, timeout: 120_000 };

/** Flagged, yet linear; keyed by `/source/flags`. */
const LINEAR: ReadonlyMap<string, string> = new Map([
	[
		'/always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+/u',
		'generated from the Compose schema (pull_policy): after the literal `every_`, each iteration ends on a unit letter no digit matches, one pass',
	],
	[
		'/APT::Get::Assume-Yes\\s*"?(true|yes|1)"?/i',
		'literal prefix: the blanks after each `APT::` are read once, and occurrences cannot overlap them',
	],
	[
		'/APT::Install-Recommends\\s*"?(false|no|0)"?/i',
		'literal prefix: the blanks after each `APT::` are read once, and occurrences cannot overlap them',
	],
	[
		'/--appendonly\\s+["\']?yes/i',
		'literal prefix: the blanks after each `--appendonly` are read once, and occurrences cannot overlap them',
	],
	[
		'/--save\\s+["\']?\\d/',
		'literal prefix: the blanks after each `--save` are read once, and occurrences cannot overlap them',
	],
	[
		'/^(?:(https?):\\/\\/)?(?:[^@/]*@)?(\\[[^\\]]*\\]|[^:/?#]+)(?::([^/?#]*))?/i',
		'anchored, no end anchor: `[^@/]*@` stops at the first `@` or `/`, host and port are greedy with nothing after them; at most four passes',
	],
	[
		'/^(?:true|false|yes|no|on|off|none|null|\\d{1,5}|[/~.]\\/?.*|[a-z][a-z0-9+.-]*:\\/\\/[^@\\s]*)$/i',
		'anchored at both ends: each alternative is one pass and at most one walk back over the value',
	],
	[
		'/^(?:true|false|yes|no|on|off|none|null|nil|disabled?|enabled?|required|optional|\\d{1,5}|[/~.]\\/?.*|[a-z][a-z0-9+.-]*:\\/\\/[^@\\s]*|[^\\s/]*\\/\\S*\\.(?:pem|key|crt|json|txt|p12|pfx|jks))$/i',
		'anchored at both ends: each alternative is one pass and at most one walk back over the value',
	],
	[
		'/^(?:\\.env(?:\\.(?!example$|sample$|template$|dist$|defaults?$)[\\w.-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|.+\\.(?:pem|key|p12|pfx|jks|keystore)|\\.npmrc|\\.pypirc|\\.netrc|\\.git-credentials|credentials(?:\\.json)?|\\.htpasswd)$/i',
		'anchored at both ends, on a file name: each alternative is one pass and at most one walk back over it',
	],
]);

/**
 * The expression as the detector should see it: g changes where a match starts, not how it
 * backtracks; a sticky (y) expression is tried at one offset per call, as if anchored there.
 */
function checked(pattern: string, flags: string): RegExp {
	const sticky = flags.includes('y');
	return new RegExp(sticky ? `^(?:${pattern})` : pattern, flags.replace(/[gy]/g, ''));
}

describe('regular expressions in the core', () => {
	const expressions = writtenExpressions();
	const flagged = new Map<string, string[]>();
	for (const { where, pattern, flags } of expressions) {
		const result = isSafe(checked(pattern, flags), CHECK);
		if (result.safe) continue;
		const key = `/${pattern}/${flags}`;
		flagged.set(key, [...(flagged.get(key) ?? []), `${where} (${result.error})`]);
	}

	it('are found by the walk', () => {
		assert.ok(expressions.length > 200, `only ${expressions.length} found`);
		assert.ok(expressions.some((written) => written.where.startsWith('features/yaml-path.ts')));
	});

	it('all backtrack at most linearly, or are listed with the reason they do', () => {
		const unexplained = [...flagged]
			.filter(([key]) => !LINEAR.has(key))
			.map(([key, places]) => `${places.join(', ')}  ${key}`);
		assert.deepEqual(unexplained, []);
	});

	it('list only expressions that are still written and still flagged', () => {
		const stale = [...LINEAR.keys()].filter((key) => !flagged.has(key));
		assert.deepEqual(stale, []);
	});

	it('the detector catches the shapes this project fixed, and passes their replacements', () => {
		const unsafe = [
			/^["']*(.*?)["';]*$/,
			/\b[a-z][a-z0-9+.-]*:\/\/([^\s/:@'"$]+):([^\s/@'"]+)@/i,
			/^((?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?))\s*:(?:\s+|$)(.*)$/,
			/\s+#.*$/,
			/\/+$/,
			/[ \t]+$/,
			/at line \d+, column \d+.*$/,
			/"((?:[^"\\]|\\.)*)"|\]/,
			/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/,
			/^\s*FROM\s+(?:--\S+\s+)*[\w.-]*$/i,
		];
		for (const known of unsafe) assert.equal(isSafe(known, CHECK).safe, false, String(known));
		const safe = [
			checked('at line \\d+, column \\d+', 'y'),
			checked('[ \\t]*\\r?\\n', 'y'),
			/^[\w.-]*$/,
			/^(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+)$/,
		];
		for (const known of safe) assert.equal(isSafe(known, CHECK).safe, true, String(known));
	});
});
