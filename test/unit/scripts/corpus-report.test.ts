import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
	currentReportInputs,
	recordedFingerprint,
	reportInputsFingerprint,
	reportInputsLine,
} from '../../../scripts/conformance/report-inputs';

describe('docs/corpus-report.md', () => {
	it('was written with the current rules, data tables and notes (else: npm run conformance -- <corpus> --write)', () => {
		const report = readFileSync('docs/corpus-report.md', 'utf8');
		assert.equal(
			recordedFingerprint(report),
			reportInputsFingerprint(currentReportInputs()),
			'docs/corpus-report.md is stale: regenerate it with npm run conformance -- <corpus> --write',
		);
	});

	it('the fingerprint moves with a rule added, a data table edited or a note changed', () => {
		const inputs = currentReportInputs();
		const base = reportInputsFingerprint(inputs);
		assert.ok(inputs.ruleIds.length > 40 && inputs.data.length >= 4, 'reads the catalogue and server/src/core/data');
		assert.notEqual(reportInputsFingerprint({ ...inputs, ruleIds: [...inputs.ruleIds, 'dockerfile/new-rule'] }), base);
		const [[path, text] = ['', ''], ...rest] = inputs.data;
		assert.notEqual(reportInputsFingerprint({ ...inputs, data: [[path, `${text} `], ...rest] }), base);
		assert.notEqual(reportInputsFingerprint({ ...inputs, notes: [...inputs.notes, 'x'] }), base);
		assert.equal(reportInputsFingerprint(currentReportInputs()), base, 'and only with them');
	});

	it('is read back from the line the report records', () => {
		assert.equal(recordedFingerprint(`# r\n\n${reportInputsLine('0123456789abcdef')}\n`), '0123456789abcdef');
		assert.equal(recordedFingerprint('# r\n'), undefined);
	});
});
