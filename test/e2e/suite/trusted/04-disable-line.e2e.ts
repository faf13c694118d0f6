import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import { applyAction, quickFixesAt } from '../helpers/actions';
import { ruleId, waitForDiagnostics } from '../helpers/diagnostics';
import { activateShipshape } from '../helpers/extension';
import { closeAllEditors, copyFixture, openInEditor } from '../helpers/workspace';

const RULE = 'dockerfile/eol-base-image';

suite('disable for this line', () => {
	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
	});

	test('"Disable … for this line" inserts the suppression comment above the line and that finding disappears', async () => {
		const uri = copyFixture('guide-app/Dockerfile', 'work/disable-line/Dockerfile');
		const editor = await openInEditor(uri);
		const before = await waitForDiagnostics(
			uri,
			(all) => all.filter((diagnostic) => ruleId(diagnostic) === RULE).length === 3,
		);
		// The first of the three `FROM node:18-alpine` lines.
		const target = before
			.filter((diagnostic) => ruleId(diagnostic) === RULE)
			.sort((a, b) => a.range.start.line - b.range.start.line)[0];
		const fromLine = editor.document.lineAt(target.range.start.line).text;

		const disable = (await quickFixesAt(uri, target)).find(
			(action) => action.title === `Disable ${RULE} for this line`,
		);
		assert.ok(disable, 'the action is offered');
		await applyAction(disable);

		const comment = editor.document.lineAt(target.range.start.line).text;
		assert.equal(comment.trim(), `# shipshape-ignore ${RULE}`);
		assert.equal(editor.document.lineAt(target.range.start.line + 1).text, fromLine);

		const after = await waitForDiagnostics(
			uri,
			(all) => all.filter((diagnostic) => ruleId(diagnostic) === RULE).length === 2,
		);
		const suppressedLine = target.range.start.line + 1;
		assert.ok(
			!after.some((diagnostic) => ruleId(diagnostic) === RULE && diagnostic.range.start.line === suppressedLine),
			'no finding on the suppressed line',
		);
		// The other findings stay, one line further down.
		assert.equal(after.length, before.length - 1);
	});
});
