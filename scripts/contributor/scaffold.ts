/**
 * What `npm run new-rule` writes: the rule file, its spec, and the catalogue entry. Pure: the script reads
 * and writes the files.
 */

export type RuleKind = 'dockerfile' | 'compose';

export interface NewRule {
	/** `dockerfile/no-add-remote` */
	id: string;
	kind: RuleKind;
	/** `no-add-remote` */
	name: string;
	/** `noAddRemote` */
	identifier: string;
}

const ID = /^(dockerfile|compose)\/[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The parts of a new rule's id, or why the id cannot be one. `taken`: identifiers the catalogue imports already. */
export function parseRuleId(id: string, known: ReadonlySet<string>, taken: ReadonlySet<string>): NewRule | string {
	if (!ID.test(id)) return `"${id}" is not a rule id: write dockerfile/<kebab-name> or compose/<kebab-name>`;
	if (known.has(id)) return `${id} exists already`;
	const [kind, name] = id.split('/') as [RuleKind, string];
	const camel = name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
	// A name both kinds have gets its kind as a prefix, as composeRequireHealthcheck has.
	const identifier = taken.has(camel) ? `${kind}${camel[0].toUpperCase()}${camel.slice(1)}` : camel;
	return { id, kind, name, identifier };
}

/** The identifiers rules/index.ts imports. */
export function importedIdentifiers(index: string): Set<string> {
	const identifiers = new Set<string>();
	for (const line of index.split('\n')) {
		const identifier = /^import \{ (\w+) \} from '\.\//.exec(line)?.[1];
		if (identifier !== undefined) identifiers.add(identifier);
	}
	return identifiers;
}

const MODEL = {
	dockerfile: { type: 'DockerfileModel', module: '../../dockerfile/model' },
	compose: { type: 'ComposeModel', module: '../../compose/model' },
} as const;

/** The rule file: meta to fill in, and a check that reports nothing until it is written. */
export function ruleSource(rule: NewRule): string {
	const model = MODEL[rule.kind];
	const example = rule.kind === 'dockerfile' ? 'FROM alpine:3.20\\n' : 'services:\\n  web:\\n    image: nginx:1.27\\n';
	return `import type { ${model.type} } from '${model.module}';
import type { Rule } from '../../types';

export const ${rule.identifier}: Rule<${model.type}> = {
	meta: {
		id: '${rule.id}',
		scope: '${rule.kind}',
		// error: Docker refuses the file or the service can never work; warning: worth fixing before it ships; info: the guide recommends it.
		severity: 'warning',
		// One line, imperative: what to do.
		description: '',
		// Peer ids that mean the same check (hadolint DLxxxx, BuildKit check names, Trivy DSxxx), so their pragmas silence it.
		aliases: [],
		fixable: false,
		// What the findings say, by id; \`{{name}}\` is filled from the report's \`data\`. Every message is reported somewhere.
		messages: {
			found: '',
		},
		docs: {
			rationale: '',
			// A file on which the rule fires, and the same file written as it should be.
			example: '${example}',
			useInstead: '${example}',
		},
	},
	check({ model, report }) {
		// Read \`model\`; call \`report({ range, messageId: 'found', data })\` for each finding (see rules/README.md).
		void model;
		void report;
	},
};
`;
}

/** The spec: one case that must fire and one that must not, to be written first. */
export function specSource(rule: NewRule): string {
	const helpers =
		rule.kind === 'dockerfile'
			? "import { ruleCatches, ruleCatchesNot } from '../../../helpers';"
			: "import { ruleCatches, ruleCatchesNot } from '../../compose/helpers';";
	const lines =
		rule.kind === 'dockerfile'
			? ['FROM alpine:3.20', '^^^^']
			: ['services:', '  web:', '    image: nginx:1.27', '    ^^^^^'];
	const silent =
		rule.kind === 'dockerfile' ? "'FROM alpine:3.20\\n'" : "'services:\\n  web:\\n    image: nginx:1.27\\n'";
	const example = lines.map((line) => `\t\t\t${line}\n`).join('');
	return `import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ${rule.identifier} as rule } from '../../../../../server/src/core/rules/${rule.id}';
${helpers}
import { assertMarked, marked } from '../../../spans';

describe('${rule.id}', () => {
	it('fires on …', () => {
		// Write the file the rule is for, carets under the span it reports (test/unit/spans.ts), and its message.
		const example = marked\`
${example}\t\t\`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(finding.message, '');
	});
	it('stays silent on …', () => {
		ruleCatchesNot(rule, ${silent});
	});
});
`;
}

/**
 * The catalogue (rules/index.ts) with the new rule imported and listed in its kind's list, both in id order
 * (imports by path, the list by the id each entry was imported from).
 */
export function registerRule(index: string, rule: NewRule): string {
	const lines = index.split('\n');
	const importLine = `import { ${rule.identifier} } from './${rule.id}';`;
	const pathOf = (line: string): string | undefined =>
		/from '\.\/((?:dockerfile|compose|workspace|shipshape)\/[a-z0-9-]+)';$/.exec(line)?.[1];
	const identifierPaths = new Map<string, string>();
	let lastImport = -1;
	let insertImportAt = -1;
	for (let index = 0; index < lines.length; index++) {
		const path = pathOf(lines[index]);
		if (path === undefined) continue;
		const identifier = /^import \{ (\w+) \}/.exec(lines[index])?.[1];
		if (identifier !== undefined) identifierPaths.set(identifier, path);
		lastImport = index;
		if (insertImportAt === -1 && path.startsWith(`${rule.kind}/`) && path > rule.id) insertImportAt = index;
	}
	if (lastImport === -1) throw new Error('rules/index.ts: no rule imports found');
	if (insertImportAt === -1) {
		// After the last import of the same kind, else after the last import.
		insertImportAt = lastImport + 1;
		for (let index = lines.length - 1; index >= 0; index--) {
			if (pathOf(lines[index])?.startsWith(`${rule.kind}/`)) {
				insertImportAt = index + 1;
				break;
			}
		}
	}
	lines.splice(insertImportAt, 0, importLine);
	identifierPaths.set(rule.identifier, rule.id);
	const listName = rule.kind === 'dockerfile' ? 'dockerfileRules' : 'composeRules';
	const start = lines.findIndex((line) => line.startsWith(`export const ${listName}`));
	if (start === -1) throw new Error(`rules/index.ts: no ${listName} list found`);
	const end = lines.findIndex((line, index) => index > start && line === '];');
	let at = end;
	for (let index = start + 1; index < end; index++) {
		const entry = /^\t(\w+),$/.exec(lines[index])?.[1];
		const path = entry === undefined ? undefined : identifierPaths.get(entry);
		// Entries of other scopes (workspace rules) stay at the end of the list.
		if (path !== undefined && (path > rule.id || !path.startsWith(`${rule.kind}/`))) {
			at = index;
			break;
		}
	}
	lines.splice(at, 0, `\t${rule.identifier},`);
	return lines.join('\n');
}
