// The shared harness of the Docker-verdict suites in this folder: each case is a file that BuildKit or compose-go
// accepts or refuses, with the upstream behaviour it mirrors. A refusal must be an `error` under the rule that
// owns it; an acceptance must have no `error` at all (warnings about practice are not verdicts).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { FileHost } from '../../../server/src/core/types';
import { lintFile } from '../../../server/src/core/lint-file';
import { NOW } from '../helpers';

export interface VerdictCase {
	/** What the case is, in a few words. */
	name: string;
	text: string;
	/** Where the upstream verdict comes from: the file and function (or test) in BuildKit or compose-go. */
	upstream: string;
	/** Refused by Docker: the rule whose `error` says so, and optionally a fragment its message contains. */
	refusedBy?: string;
	message?: string | RegExp;
	/** Other files the lint may read (absolute paths), e.g. `.env` or an `env_file`. */
	files?: Record<string, string>;
}

const DIRECTORY = '/conformance';

function hostOf(files: Record<string, string> = {}): FileHost {
	return {
		readFile: (path) => files[path],
		exists: (path) =>
			path in files || Object.keys(files).some((file) => file.startsWith(path.endsWith('/') ? path : `${path}/`)),
	};
}

/** One `it` per case: refusals are an error of their rule, acceptances have no error. */
export function verdicts(kind: 'dockerfile' | 'compose', cases: readonly VerdictCase[]): void {
	const fileName = kind === 'dockerfile' ? 'Dockerfile' : 'compose.yaml';
	for (const verdict of cases) {
		it(`${verdict.refusedBy === undefined ? 'accepts' : 'refuses'}: ${verdict.name} (${verdict.upstream})`, () => {
			const { findings } = lintFile(kind, verdict.text, {
				now: NOW,
				path: `${DIRECTORY}/${fileName}`,
				host: hostOf(verdict.files),
			});
			const errors = findings.filter((finding) => finding.severity === 'error');
			const shown = errors.map((finding) => `${finding.ruleId} ${finding.range.start.line + 1}: ${finding.message}`);
			if (verdict.refusedBy === undefined) {
				assert.deepEqual(shown, [], `Docker accepts this file; no error expected:\n${verdict.text}`);
				return;
			}
			const owned = errors.filter((finding) => finding.ruleId === verdict.refusedBy);
			assert.ok(
				owned.length > 0,
				`Docker refuses this file: expected an error of ${verdict.refusedBy}, got ${JSON.stringify(shown)}:\n${verdict.text}`,
			);
			if (verdict.message !== undefined) {
				const expected = verdict.message;
				assert.ok(
					owned.some((finding) =>
						typeof expected === 'string' ? finding.message.includes(expected) : expected.test(finding.message),
					),
					`expected a message matching ${String(expected)}, got ${JSON.stringify(owned.map((finding) => finding.message))}`,
				);
			}
		});
	}
}
