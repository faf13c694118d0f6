import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { SCHEMA_PATH, VALIDATOR_PATH, validatorSource } from '../../../scripts/compose-schema/generate';
import { formatChanges, refreshSchema, schemaChanges } from '../../../scripts/compose-schema/refresh';

const PROJECT = resolve(import.meta.dirname, '../../..');
const shipped = readFileSync(resolve(PROJECT, SCHEMA_PATH), 'utf8');

describe('schema:refresh', () => {
	const scratch = mkdtempSync(join(tmpdir(), 'schema-refresh-'));
	after(() => rmSync(scratch, { recursive: true, force: true }));

	/** A project folder holding the shipped schema and a validator that is not current. */
	function project(name: string): string {
		const root = join(scratch, name);
		mkdirSync(dirname(join(root, SCHEMA_PATH)), { recursive: true });
		mkdirSync(dirname(join(root, VALIDATOR_PATH)), { recursive: true });
		writeFileSync(join(root, SCHEMA_PATH), shipped);
		writeFileSync(join(root, VALIDATOR_PATH), 'old\n');
		return root;
	}

	it('copies the newer schema in, regenerates the validator and lists what changed', () => {
		const root = project('newer');
		const newer = JSON.parse(shipped) as { $defs: { service: { properties: Record<string, unknown> } } };
		newer.$defs.service.properties.pre_stop_timeout = { type: 'string', description: 'How long pre_stop may run.' };
		newer.$defs.service.properties.hostname = { type: ['string', 'null'], description: 'The container host name.' };
		delete newer.$defs.service.properties.links;
		const source = join(scratch, 'newer.json');
		writeFileSync(source, JSON.stringify(newer, null, 2));
		const result = refreshSchema(root, source);
		assert.equal(readFileSync(join(root, SCHEMA_PATH), 'utf8'), JSON.stringify(newer, null, 2));
		assert.equal(readFileSync(join(root, VALIDATOR_PATH), 'utf8'), validatorSource(root));
		assert.match(readFileSync(join(root, VALIDATOR_PATH), 'utf8'), /pre_stop_timeout/);
		assert.deepEqual(formatChanges(result.changes), [
			'+ /$defs/service/properties/pre_stop_timeout',
			'- /$defs/service/properties/links',
			'~ /$defs/service/properties/hostname/type: "string" → ["string","null"]',
			'1 description added, removed or reworded',
		]);
		assert.match(result.sha256, /^[0-9a-f]{64}$/);
	});

	it('writes nothing when the file is not a valid 2020-12 schema', () => {
		const root = project('invalid');
		const invalid = JSON.parse(shipped) as { properties: Record<string, unknown> };
		invalid.properties.name = { type: 'text' };
		const source = join(scratch, 'invalid.json');
		writeFileSync(source, JSON.stringify(invalid));
		assert.throws(() => refreshSchema(root, source), /schema is invalid/);
		assert.equal(readFileSync(join(root, SCHEMA_PATH), 'utf8'), shipped);
		assert.equal(readFileSync(join(root, VALIDATOR_PATH), 'utf8'), 'old\n');
		writeFileSync(source, '{"type": ');
		assert.throws(() => refreshSchema(root, source), SyntaxError);
		assert.equal(readFileSync(join(root, SCHEMA_PATH), 'utf8'), shipped);
	});

	it('says so when nothing changed, and counts reworded descriptions apart', () => {
		assert.deepEqual(formatChanges(schemaChanges(JSON.parse(shipped), JSON.parse(shipped))), ['no change']);
		const changes = schemaChanges(
			{ properties: { a: { description: 'x', type: 'string' } } },
			{ properties: { a: { description: 'y', type: 'string' }, b: { description: 'z' } } },
		);
		assert.deepEqual(changes, {
			added: ['/properties/b'],
			removed: [],
			changed: [],
			descriptions: ['/properties/a/description'],
		});
	});
});
