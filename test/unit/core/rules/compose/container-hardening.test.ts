import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerHardening } from '../../../../../server/src/core/rules/compose/container-hardening';
import { compose, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertAllMarked, assertMarked, marked } from '../../../spans';

const hardened = ['    read_only: true', '    cap_drop: [ALL]', '    security_opt: ["no-new-privileges:true"]'];

describe('compose/container-hardening', () => {
	it('reports privileged as an error and the Docker socket as a warning', () => {
		const example = marked`
			services:
			  ci:
			    image: docker:27-dind
			    privileged: true
			                ^^^^
			  traefik:
			    image: traefik:v3.1
			    volumes:
			      - /var/run/docker.sock:/var/run/docker.sock:ro
			    read_only: true
			    cap_drop: [ALL]
			    security_opt: ["no-new-privileges:true"]
		`;
		const findings = ruleCatches(containerHardening, example.text, 2);
		assert.equal(findings[0].severity, 'error');
		assertMarked(findings[0], example);
		assert.match(findings[0].message, /`ci` runs privileged/);
		assert.equal(findings[1].severity, 'warning');
		assert.equal(findings[1].range.start.line, 7);
		assert.match(findings[1].message, /`traefik` mounts the Docker socket/);
	});
	it('lists what an ordinary service lacks, as info, in two findings', () => {
		const example = marked`
			services:
			  web:
			  ^^^
			  ^^^
			    image: nginx:1.27
		`;
		const findings = ruleCatches(containerHardening, example.text, 2);
		assert.ok(findings.every((finding) => finding.severity === 'info'));
		assertAllMarked(findings, example);
		assert.match(findings[0].message, /`web` can gain privileges through setuid binaries/);
		assert.match(findings[1].message, /keeps Docker's default capabilities and has a writable root filesystem/);
		const [onlyReadOnly] = ruleCatches(
			containerHardening,
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    cap_drop: [all]',
				'    security_opt: [no-new-privileges]',
			),
			1,
		);
		assert.match(onlyReadOnly.message, /`web` has a writable root filesystem: consider `read_only: true`/);
	});
	it('stays silent on a hardened service and on a socket proxy', () => {
		ruleCatchesNot(
			containerHardening,
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				...hardened,
				'  proxy:',
				'    image: tecnativa/docker-socket-proxy:0.2',
				'    volumes:',
				'      - /var/run/docker.sock:/var/run/docker.sock:ro',
				...hardened,
				'  off:',
				'    image: busybox:1.36',
				'    privileged: false',
				'    read_only: "true"',
				'    cap_drop:',
				'      - ALL',
				'    security_opt:',
				'      - no-new-privileges=true',
			),
		);
	});
	it('adds no-new-privileges: a new security_opt block, or an item in the existing list', () => {
		const text = compose('services:', '  web:', '    image: nginx:1.27', '    read_only: true', '    cap_drop: [ALL]');
		assert.equal(
			fixOnce(containerHardening, text),
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    read_only: true',
				'    cap_drop: [ALL]',
				'    security_opt:',
				'      - no-new-privileges:true',
			),
		);
		const existing = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    security_opt:',
			'      - label:disable',
			'    read_only: true',
			'    cap_drop: [ALL]',
		);
		assert.equal(
			fixOnce(containerHardening, existing),
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    security_opt:',
				'      - label:disable',
				'      - no-new-privileges:true',
				'    read_only: true',
				'    cap_drop: [ALL]',
			),
		);
		const flow = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    security_opt: [seccomp:unconfined]',
			'    read_only: true',
			'    cap_drop: [ALL]',
		);
		assert.equal(
			fixOnce(containerHardening, flow),
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    security_opt: [seccomp:unconfined, "no-new-privileges:true"]',
				'    read_only: true',
				'    cap_drop: [ALL]',
			),
		);
	});
	it('offers no fix for capabilities and the read-only root', () => {
		const findings = lint(
			containerHardening,
			compose('services:', '  web:', '    image: nginx:1.27', '    security_opt: [no-new-privileges:true]'),
		);
		assert.equal(findings.length, 1);
		assert.equal(findings[0].fix, undefined);
	});
	it('keeps CRLF and a 4-space indent', () => {
		const text =
			'services:\r\n    web:\r\n        image: nginx:1.27\r\n        read_only: true\r\n        cap_drop: [ALL]\r\n';
		assert.equal(
			fixOnce(containerHardening, text),
			'services:\r\n    web:\r\n        image: nginx:1.27\r\n        read_only: true\r\n        cap_drop: [ALL]\r\n        security_opt:\r\n            - no-new-privileges:true\r\n',
		);
	});
	it('counts settings merged from an anchor and reports what the anchor brings at its use', () => {
		const text = compose(
			'x-hardened: &hardened',
			'  read_only: true',
			'  cap_drop: [ALL]',
			'  security_opt: ["no-new-privileges:true"]',
			'x-risky: &risky',
			'  privileged: true',
			'services:',
			'  web:',
			'    <<: *hardened',
			'    image: nginx:1.27',
			'  agent:',
			'    <<: [*hardened, *risky]',
			'    image: example/agent:1',
		);
		const findings = lint(containerHardening, text);
		assert.equal(findings.length, 1);
		assert.equal(findings[0].severity, 'error');
		assert.equal(findings[0].range.start.line, 11);
	});
});
