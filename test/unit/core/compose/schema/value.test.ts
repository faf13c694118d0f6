import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCompose } from '../../../../../server/src/core/compose/model';
import { composeValue } from '../../../../../server/src/core/compose/schema/value';

describe('composeValue', () => {
	it('builds plain objects, as unique-items and ajv expect of data', () => {
		const value = composeValue(parseCompose('services:\n  web:\n    image: nginx\n    ports: [{target: 80}]\n')) as {
			services: { web: { ports: object[] } };
		};
		for (const object of [value, value.services, value.services.web, value.services.web.ports[0]]) {
			assert.equal(Object.getPrototypeOf(object), Object.prototype);
			assert.equal(Object.hasOwn(object, 'constructor'), false);
		}
		assert.deepEqual(value, { services: { web: { image: 'nginx', ports: [{ target: 80 }] } } });
	});

	it('keeps `__proto__` as a key, not a prototype', () => {
		const value = composeValue(parseCompose('services:\n  __proto__:\n    image: nginx\n')) as {
			services: Record<string, unknown>;
		};
		assert.equal(Object.getPrototypeOf(value.services), Object.prototype);
		assert.deepEqual(Object.keys(value.services), ['__proto__']);
		assert.deepEqual(Object.getOwnPropertyDescriptor(value.services, '__proto__')?.value, { image: 'nginx' });
	});

	it('applies merges after the keys written, keeping the first of each name', () => {
		const value = composeValue(
			parseCompose(
				'x-a: &a {image: a, user: root}\nx-b: &b {user: nobody, init: true}\nservices:\n  web:\n    <<: [*a, *b]\n    image: b\n',
			),
		) as { services: { web: Record<string, unknown> } };
		assert.deepEqual(Object.entries(value.services.web), [
			['image', 'b'],
			['user', 'root'],
			['init', true],
		]);
	});

	it('leaves out a `!reset` key, and what a merge would bring for it', () => {
		const value = composeValue(
			parseCompose('x-a: &a {image: a, user: root}\nservices:\n  web:\n    <<: *a\n    user: !reset null\n'),
		) as { services: { web: Record<string, unknown> } };
		assert.deepEqual(value.services.web, { image: 'a' });
	});

	it('gives each use of an alias its value, merged or not', () => {
		const value = composeValue(
			parseCompose(
				'x-a: &a {image: a, environment: {A: "1"}}\nservices:\n  one:\n    <<: *a\n    user: root\n  two: *a\n  three:\n    <<: *a\n',
			),
		) as { services: Record<string, unknown> };
		assert.deepEqual(value.services, {
			one: { user: 'root', image: 'a', environment: { A: '1' } },
			two: { image: 'a', environment: { A: '1' } },
			three: { image: 'a', environment: { A: '1' } },
		});
	});

	it('has no value when an alias takes the nesting past its limit, also where the same alias was within it before', () => {
		const deep = `${'['.repeat(150)}1${']'.repeat(150)}`;
		assert.notEqual(composeValue(parseCompose(`x-a: &a ${deep}\nx-b: *a\n`)), undefined);
		const nested = `${'['.repeat(100)}*a${']'.repeat(100)}`;
		assert.equal(composeValue(parseCompose(`x-a: &a ${deep}\nx-b: *a\nx-c: ${nested}\n`)), undefined);
	});
});
