import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import { applyAction, quickFixesAt } from '../helpers/actions';
import { cliFindings, cliFix } from '../helpers/cli';
import { ruleId, waitForDiagnostics } from '../helpers/diagnostics';
import { activateShipshape, extensionRoot } from '../helpers/extension';
import { closeAllEditors, copyFixture, openInEditor, readWorkspaceFile } from '../helpers/workspace';

const RULE = 'dockerfile/npm-ci';

suite('quick fix', () => {
	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
	});

	test(`the ${RULE} quick fix edits the text exactly as \`shipshape lint --fix\` does with only that rule on`, async () => {
		const original = readWorkspaceFile('guide-app/Dockerfile');
		const uri = copyFixture('guide-app/Dockerfile', 'work/quick-fix/Dockerfile');
		const editor = await openInEditor(uri);
		const diagnostics = await waitForDiagnostics(uri, (all) => all.some((diagnostic) => ruleId(diagnostic) === RULE));
		const target = diagnostics.find((diagnostic) => ruleId(diagnostic) === RULE)!;
		const others = new Set(
			cliFindings(extensionRoot(), uri.fsPath)
				.map((finding) => finding.rule)
				.filter((rule) => rule !== RULE),
		);

		const fixes = (await quickFixesAt(uri, target)).filter((action) => action.isPreferred);
		assert.equal(
			fixes.length,
			1,
			`one preferred quick fix for ${RULE}, got: ${fixes.map((action) => action.title).join(' | ')}`,
		);
		await applyAction(fixes[0]);

		// The CLI with every other rule of the file switched off applies this one fix and nothing else.
		const expected = cliFix(
			extensionRoot(),
			'Dockerfile',
			original,
			Object.fromEntries([...others].map((rule) => [rule, 'off'])),
		);
		assert.notEqual(expected.text, original, 'the CLI changed the file');
		assert.equal(editor.document.getText(), expected.text);
		// The guide's deprecated flag is gone, in the words of npm's own replacement.
		assert.ok(!editor.document.getText().includes('--only=production'));
		assert.ok(editor.document.getText().includes('--omit=dev'));

		await waitForDiagnostics(uri, (all) => !all.some((diagnostic) => ruleId(diagnostic) === RULE) && all.length > 0);
	});
});
