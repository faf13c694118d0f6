import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	isAlpine,
	isDistroless,
	parseImageRef,
	splitTag,
	variantHas,
	withTag,
} from '../../../../server/src/core/dockerfile/image-ref';

describe('parseImageRef', () => {
	it('reads an official image with a tag', () => {
		assert.deepEqual(parseImageRef('node:22-alpine'), {
			raw: 'node:22-alpine',
			repository: 'node',
			name: 'node',
			official: true,
			hasVariables: false,
			tag: '22-alpine',
			version: '22',
			variant: 'alpine',
		});
	});
	it('shortens library/ and docker.io/library/', () => {
		for (const raw of ['library/node', 'docker.io/library/node', 'index.docker.io/library/node']) {
			const ref = parseImageRef(raw);
			assert.equal(ref.repository, 'node', raw);
			assert.equal(ref.official, true, raw);
		}
		assert.equal(parseImageRef('docker.io/library/node').registry, 'docker.io');
	});
	it('keeps a user repository on Docker Hub unofficial', () => {
		const ref = parseImageRef('bitnami/redis:7.2');
		assert.equal(ref.registry, undefined);
		assert.equal(ref.repository, 'bitnami/redis');
		assert.equal(ref.name, 'redis');
		assert.equal(ref.official, false);
	});
	it('reads a registry with a port and a tag', () => {
		const ref = parseImageRef('registry.example.com:5000/team/app:1.4.2');
		assert.equal(ref.registry, 'registry.example.com:5000');
		assert.equal(ref.repository, 'team/app');
		assert.equal(ref.tag, '1.4.2');
		assert.equal(ref.version, '1.4.2');
		assert.equal(ref.official, false);
	});
	it('reads localhost with and without a port, and no tag after a port', () => {
		assert.equal(parseImageRef('localhost/app').registry, 'localhost');
		const ref = parseImageRef('localhost:5000/app');
		assert.equal(ref.registry, 'localhost:5000');
		assert.equal(ref.repository, 'app');
		assert.equal(ref.tag, undefined);
		assert.equal(ref.official, false);
	});
	it('reads digests, with and without a tag', () => {
		const digest = 'sha256:' + 'a'.repeat(64);
		const bare = parseImageRef(`alpine@${digest}`);
		assert.equal(bare.digest, digest);
		assert.equal(bare.tag, undefined);
		assert.equal(bare.repository, 'alpine');
		const tagged = parseImageRef(`ghcr.io/acme/app:2.0@${digest}`);
		assert.equal(tagged.tag, '2.0');
		assert.equal(tagged.digest, digest);
		assert.equal(tagged.registry, 'ghcr.io');
	});
	it('splits versions and variants', () => {
		assert.deepEqual(splitTag('3.12-slim-bookworm'), { version: '3.12', variant: 'slim-bookworm' });
		assert.deepEqual(splitTag('lts-alpine'), { variant: 'lts-alpine' });
		assert.deepEqual(splitTag('bookworm-slim'), { variant: 'bookworm-slim' });
		assert.deepEqual(splitTag('v1.2.3'), { version: '1.2.3' });
		assert.deepEqual(splitTag('18-alpine3.19'), { version: '18', variant: 'alpine3.19' });
		assert.deepEqual(splitTag('latest'), { variant: 'latest' });
	});
	it('marks unresolved variables', () => {
		const ref = parseImageRef('${REGISTRY}/app:${TAG}');
		assert.equal(ref.hasVariables, true);
		assert.equal(parseImageRef('node:$VERSION').hasVariables, true);
		assert.equal(parseImageRef('node:22').hasVariables, false);
	});
	it('leaves scratch as a plain name', () => {
		const ref = parseImageRef('scratch');
		assert.equal(ref.name, 'scratch');
		assert.equal(ref.tag, undefined);
	});
});

describe('image-ref helpers', () => {
	it('variantHas matches dash-separated parts and prefixes', () => {
		assert.equal(variantHas(parseImageRef('python:3.12-slim-bookworm'), 'slim'), true);
		assert.equal(variantHas(parseImageRef('node:18-alpine3.19'), 'alpine'), true);
		assert.equal(variantHas(parseImageRef('node:22'), 'alpine'), false);
		assert.equal(variantHas(parseImageRef('debian:bookworm-slim'), 'slim'), true);
	});
	it('isAlpine and isDistroless', () => {
		assert.equal(isAlpine(parseImageRef('alpine:3.20')), true);
		assert.equal(isAlpine(parseImageRef('node:lts-alpine')), true);
		assert.equal(isAlpine(parseImageRef('node:22-bookworm')), false);
		assert.equal(isDistroless(parseImageRef('gcr.io/distroless/static-debian12:nonroot')), true);
		assert.equal(isDistroless(parseImageRef('node:22')), false);
	});
	it('withTag replaces or adds the tag and drops the digest', () => {
		assert.equal(withTag(parseImageRef('node'), '22-alpine'), 'node:22-alpine');
		assert.equal(withTag(parseImageRef('node:latest'), '22'), 'node:22');
		assert.equal(withTag(parseImageRef('localhost:5000/app'), '1.0'), 'localhost:5000/app:1.0');
		assert.equal(withTag(parseImageRef('localhost:5000/app:0.9@sha256:abc'), '1.0'), 'localhost:5000/app:1.0');
	});
});
