import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batches, lintProgressMessage, lintSummaryMessage } from '../../../client/src/commands/lint-progress';

describe('lint workspace progress', () => {
	it('splits files into ordered batches, the last one shorter', () => {
		assert.deepEqual(batches([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
		assert.deepEqual(batches([1, 2], 2), [[1, 2]]);
		assert.deepEqual(batches([], 25), []);
	});

	it('refuses a batch size that would never advance', () => {
		assert.throws(() => batches([1], 0), RangeError);
		assert.throws(() => batches([1], 1.5), RangeError);
	});

	it('reports files done of files found', () => {
		assert.equal(lintProgressMessage(120, 358), 'Linting 120/358 files');
		assert.equal(lintProgressMessage(0, 1), 'Linting 0/1 file');
	});

	it('summarises a finished run, a cancelled one and an empty workspace', () => {
		assert.equal(
			lintSummaryMessage({ files: 358, linted: 358, findings: 42, filesWithFindings: 12, cancelled: false }),
			'Shipshape linted 358 files: 42 findings in 12 files.',
		);
		assert.equal(
			lintSummaryMessage({ files: 1, linted: 1, findings: 1, filesWithFindings: 1, cancelled: false }),
			'Shipshape linted 1 file: 1 finding in 1 file.',
		);
		assert.equal(
			lintSummaryMessage({ files: 3, linted: 3, findings: 0, filesWithFindings: 0, cancelled: false }),
			'Shipshape linted 3 files: no findings.',
		);
		assert.equal(
			lintSummaryMessage({ files: 100, linted: 50, findings: 7, filesWithFindings: 3, cancelled: true }),
			'Shipshape linting cancelled after 50 of 100 files: 7 findings in 3 files so far.',
		);
		assert.equal(
			lintSummaryMessage({ files: 0, linted: 0, findings: 0, filesWithFindings: 0, cancelled: false }),
			'Shipshape found no Dockerfiles or compose files in this workspace.',
		);
	});
});
