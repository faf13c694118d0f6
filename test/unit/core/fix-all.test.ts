import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDockerfile } from '../../../server/src/core/dockerfile/lint';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/model';
import { fixAll, overlayHost, type FixAllLint } from '../../../server/src/core/fix-all';
import { insertLinesAtEnd, replace } from '../../../server/src/core/fixes';
import type { FileHost, Rule, RuleMeta } from '../../../server/src/core/types';
import { dockerfileRules } from '../../../server/src/core/rules';
import { dockerfile, NOW } from '../helpers';

const meta: RuleMeta = {
	id: 'dockerfile/test-upper',
	scope: 'dockerfile',
	severity: 'info',
	description: 'test',
	aliases: [],
	fixable: true,
	docs: { rationale: 'test', example: 'from a', useInstead: 'FROM a' },
};

/** Upper-cases keywords (edits the keyword only). */
const upper: Rule<DockerfileModel> = {
	meta,
	check({ model, report }) {
		for (const instruction of model.instructions) {
			if (instruction.keywordText === instruction.keyword) continue;
			report({
				range: instruction.keywordRange,
				message: 'upper-case it',
				fix: { title: 'Upper-case', edits: [replace(instruction.keywordRange, instruction.keyword)] },
			});
		}
	},
};

/** Rewrites a whole untagged FROM line with `:1`, overlapping upper's edit on the same line. */
const pin: Rule<DockerfileModel> = {
	meta: { ...meta, id: 'dockerfile/test-pin' },
	check({ model, report }) {
		for (const stage of model.stages) {
			if (stage.image === undefined || stage.image.tag !== undefined) continue;
			const from = stage.from;
			report({
				range: from.range,
				message: 'pin it',
				fix: { title: 'Pin', edits: [replace(from.range, `${from.keywordText} ${stage.baseText}:1`)] },
			});
		}
	},
};

/** Appends `user app` (in lower case, so that upper has work on the next pass) when no USER is set. */
const addUser: Rule<DockerfileModel> = {
	meta: { ...meta, id: 'dockerfile/test-add-user' },
	check({ model, report }) {
		if (model.instructions.some((instruction) => instruction.keyword === 'USER')) return;
		report({
			range: model.instructions[0].range,
			message: 'add a user',
			fix: { title: 'Add USER', edits: [insertLinesAtEnd(model.index, ['user app'])] },
		});
	},
};

/** Records each RUN's program in notes.txt, reading the current notes through the host. */
const notes: Rule<DockerfileModel> = {
	meta: { ...meta, id: 'dockerfile/test-notes' },
	check({ model, host, report }) {
		const existing = host?.readFile('notes.txt');
		for (const instruction of model.instructions) {
			if (instruction.keyword !== 'RUN') continue;
			const line = instruction.args[0].value;
			if (existing?.split('\n').includes(line)) continue;
			const content = `${existing ?? ''}${line}\n`;
			report({
				range: instruction.range,
				message: 'note it',
				fix: { title: 'Note', edits: [], files: [{ path: 'notes.txt', content, existed: existing !== undefined }] },
			});
		}
	},
};

function linter(rules: Rule<DockerfileModel>[], host?: FileHost): FixAllLint {
	return (text, files) => lintDockerfile(text, { now: NOW, rules, host: overlayHost(host, files) }).findings;
}

describe('fixAll', () => {
	it('skips an overlapping fix, then applies it recomputed on the next pass', () => {
		const result = fixAll('from node\nrun true\n', linter([upper, pin]));
		assert.equal(result.text, 'FROM node:1\nRUN true\n');
		assert.deepEqual(
			result.applied.map((fix) => `${fix.line} ${fix.ruleId}`),
			['1 dockerfile/test-pin', '2 dockerfile/test-upper', '1 dockerfile/test-upper'],
		);
	});
	it('keeps fixing what earlier fixes produced (multi-pass)', () => {
		const result = fixAll('FROM node:1\r\nRUN true\r\n', linter([upper, addUser]));
		assert.equal(result.text, 'FROM node:1\r\nRUN true\r\nUSER app\r\n');
		assert.deepEqual(
			result.applied.map((fix) => fix.ruleId),
			['dockerfile/test-add-user', 'dockerfile/test-upper'],
		);
	});
	it('is idempotent', () => {
		const lint = linter([upper, pin, addUser]);
		const once = fixAll('from node\nrun true\n', lint);
		const twice = fixAll(once.text, lint);
		assert.equal(twice.text, once.text);
		assert.deepEqual(twice.applied, []);
	});
	it('leaves a text with nothing to fix alone', () => {
		const text = dockerfile('FROM node:1', 'USER app');
		assert.deepEqual(fixAll(text, linter([upper, pin, addUser])), { text, applied: [], files: [] });
	});
	it('merges several fixes to one other file across passes', () => {
		const disk: FileHost = {
			readFile: (path) => (path === 'notes.txt' ? 'seen\n' : undefined),
			exists: (path) => path === 'notes.txt',
		};
		const result = fixAll(dockerfile('FROM a:1', 'RUN apk add x', 'RUN make'), linter([notes], disk));
		assert.deepEqual(result.files, [{ path: 'notes.txt', content: 'seen\napk\nmake\n', existed: true }]);
		assert.equal(result.applied.length, 2);
	});
	it('stops when a linter that cannot see pending files offers the same file change again', () => {
		const blind: FixAllLint = (text) => lintDockerfile(text, { now: NOW, rules: [notes] }).findings;
		const result = fixAll(dockerfile('FROM a:1', 'RUN make'), blind);
		assert.deepEqual(result.files, [{ path: 'notes.txt', content: 'make\n', existed: false }]);
		assert.equal(result.applied.length, 1);
	});
	it('gives up after the pass limit on a fix that never settles', () => {
		const restless: Rule<DockerfileModel> = {
			meta: { ...meta, id: 'dockerfile/test-restless' },
			check({ model, report }) {
				report({
					range: model.instructions[0].range,
					message: 'again',
					fix: { title: 'Again', edits: [insertLinesAtEnd(model.index, ['# more'])] },
				});
			},
		};
		const result = fixAll('FROM a:1\n', linter([restless]), 3);
		assert.equal(result.text, 'FROM a:1\n# more\n# more\n# more\n');
	});
	it('recomputes the other fixes after a base image change (apk on the new Alpine base, not apt-get)', () => {
		const lint: FixAllLint = (text) => lintDockerfile(text, { now: NOW, rules: dockerfileRules }).findings;
		const result = fixAll(
			dockerfile('FROM node:18', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "index.js"]'),
			lint,
		);
		assert.match(result.text, /^FROM node:22-alpine\n/);
		assert.match(result.text, /apk add --no-cache dumb-init/);
		assert.doesNotMatch(result.text, /apt-get/);
	});
});
