import type { ComposeModel } from '../../compose/model';
import { removeMapEntry } from '../../compose/yaml-edits';
import type { Rule } from '../../types';

export const obsoleteVersion: Rule<ComposeModel> = {
	meta: {
		id: 'compose/obsolete-version',
		scope: 'compose',
		severity: 'info',
		description: 'Remove the obsolete top-level `version`',
		guide: 'Docker Compose',
		aliases: ['no-version-field'],
		fixable: true,
		messages: {
			versionObsoleteCompose:
				'`version` is obsolete: Compose ignores it and reads the file with the current specification',
		},
		docs: {
			rationale:
				'The Compose Specification ignores the top-level `version`: Docker Compose v2 reads every file with the latest schema whatever it says, and warns that the attribute is obsolete. Keeping it suggests a format (and limits) that no longer apply.',
			example: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27-alpine\n',
			useInstead: 'services:\n  web:\n    image: nginx:1.27-alpine\n',
			fix: 'Deletes the `version:` line.',
		},
	},
	check({ model, report }) {
		const root = model.root;
		const version = root?.get('version');
		if (root === undefined || version === undefined) return;
		const keyRange = version.keyRange ?? version.range;
		// A file of `version` alone would be left empty, which docker compose refuses too: no fix there (found by the fuzzer).
		const edit = root.keys().length > 1 ? removeMapEntry(model, root, 'version') : undefined;
		report({
			range: { start: keyRange.start, end: version.range.end },
			messageId: 'versionObsoleteCompose',
			tags: { unnecessary: true },
			...(edit ? { fix: { title: 'Remove `version`', edits: [edit] } } : {}),
		});
	},
};
