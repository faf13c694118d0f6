import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logRotation as rule } from '../../../../../server/src/core/rules/compose/log-rotation';
import { compose, fixOnce, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { crlf } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('compose/log-rotation', () => {
	it('fires on a service with no logging section, at its name', () => {
		const example = marked`
			services:
			  api:
			  ^^^
			    image: acme/api:1.4
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(finding.message, '`api` logs to json-file without `max-size`: its log grows until the disk is full');
	});
	it('fires at `logging:` when json-file (explicit or default) has no max-size', () => {
		const findings = ruleCatches(
			rule,
			compose(
				'services:',
				'  a:',
				'    logging:',
				'      driver: json-file',
				'  b:',
				'    logging:',
				'      options:',
				'        max-file: "5"',
				'  c:',
				'    logging:',
				'      driver: "${LOG_DRIVER:-json-file}"',
			),
			3,
		);
		assert.deepEqual(
			findings.map((finding) => finding.range.start.line),
			[2, 5, 9],
		);
	});
	it('stays silent with max-size, or with another driver', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    logging:',
				'      driver: json-file',
				'      options:',
				'        max-size: "10m"',
				'        max-file: "3"',
				'  b:',
				'    logging:',
				'      options: {max-size: 50m}',
				'  c:',
				'    logging:',
				'      driver: local',
				'  d:',
				'    logging:',
				'      driver: journald',
				'  e:',
				'    logging:',
				'      driver: ${LOG_DRIVER}',
			),
		);
	});
	it('counts a logging block shared through an x- anchor', () => {
		const text = compose(
			'x-logging: &logging',
			'  driver: json-file',
			'  options:',
			'    max-size: "10m"',
			'    max-file: "3"',
			'services:',
			'  api:',
			'    logging: *logging',
			'  worker:',
			'    <<: {logging: *logging}',
		);
		ruleCatchesNot(rule, text);
	});
	it('points at the alias use of an incomplete shared block and does not edit it', () => {
		const example = marked`
			x-logging: &logging
			  driver: json-file
			services:
			  api:
			    logging: *logging
			             ^^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(finding.fix, undefined);
	});
	it('adds a rotated json-file logging block', () => {
		assert.equal(
			fixOnce(
				rule,
				compose(
					'services:',
					'  api:',
					'    image: acme/api:1.4',
					'  # workers',
					'  worker:',
					'    image: acme/worker:2.0',
					'    logging:',
					'      driver: syslog',
				),
			),
			compose(
				'services:',
				'  api:',
				'    image: acme/api:1.4',
				'    logging:',
				'      driver: json-file',
				'      options:',
				'        max-size: "10m"',
				'        max-file: "3"',
				'  # workers',
				'  worker:',
				'    image: acme/worker:2.0',
				'    logging:',
				'      driver: syslog',
			),
		);
	});
	it('completes an existing logging block with what it misses', () => {
		assert.equal(
			fixOnce(rule, compose('services:', '  api:', '    logging:', '      driver: "json-file"')),
			compose(
				'services:',
				'  api:',
				'    logging:',
				'      driver: "json-file"',
				'      options:',
				'        max-size: "10m"',
				'        max-file: "3"',
			),
		);
		assert.equal(
			fixOnce(
				rule,
				compose(
					'services:',
					'  api:',
					'    logging:',
					'      options:',
					'        max-file: "5"',
					'    image: acme/api:1.4',
				),
			),
			compose(
				'services:',
				'  api:',
				'    logging:',
				'      options:',
				'        max-file: "5"',
				'        max-size: "10m"',
				'    image: acme/api:1.4',
			),
		);
	});
	it('offers no fix for flow-style options', () => {
		const [finding] = ruleCatches(
			rule,
			compose('services:', '  api:', '    logging:', '      options: {max-file: "5"}'),
			1,
		);
		assert.equal(finding.fix, undefined);
	});
	it('keeps CRLF line endings and a 4-space indentation', () => {
		assert.equal(
			fixOnce(rule, crlf(compose('services:', '    api:', '        image: acme/api:1.4'))),
			crlf(
				compose(
					'services:',
					'    api:',
					'        image: acme/api:1.4',
					'        logging:',
					'            driver: json-file',
					'            options:',
					'                max-size: "10m"',
					'                max-file: "3"',
				),
			),
		);
	});
});
