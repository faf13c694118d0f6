import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageRef } from '../../../../../server/src/core/dockerfile/image-ref';
import { parseDockerfile } from '../../../../../server/src/core/dockerfile/model';
import { imageLinks } from '../../../../../server/src/core/features/dockerfile/image-links';
import { registryPage } from '../../../../../server/src/core/features/registry-page';

const url = (raw: string) => registryPage(parseImageRef(raw))?.url;

describe('image links (Dockerfile)', () => {
	it('links each registry to its repository page, without tag or digest', () => {
		assert.equal(url('node:22-alpine'), 'https://hub.docker.com/_/node');
		assert.equal(url('docker.io/library/python:3.13'), 'https://hub.docker.com/_/python');
		assert.equal(url('bitnami/redis:7'), 'https://hub.docker.com/r/bitnami/redis');
		assert.equal(url('ghcr.io/astral-sh/uv:0.5'), 'https://ghcr.io/astral-sh/uv');
		assert.equal(
			url('quay.io/prometheus/node-exporter@sha256:abc'),
			'https://quay.io/repository/prometheus/node-exporter',
		);
		assert.equal(url('mcr.microsoft.com/dotnet/sdk:9.0'), 'https://mcr.microsoft.com/artifact/mar/dotnet/sdk');
		assert.equal(url('public.ecr.aws/lambda/python:3.12'), 'https://gallery.ecr.aws/lambda/python');
	});

	it('has no link for other registries, variables or scratch', () => {
		assert.equal(url('registry.example.com:5000/team/app:1'), undefined);
		assert.equal(url('node:${VERSION}'), undefined);
		assert.equal(url('scratch'), undefined);
	});

	it('puts one link on each FROM image, none on a stage', () => {
		const links = imageLinks(parseDockerfile('FROM golang:1.23 AS build\nFROM build\nFROM scratch\n'));
		assert.deepEqual(links, [
			{
				range: { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } },
				target: 'https://hub.docker.com/_/golang',
				tooltip: 'golang on Docker Hub',
			},
		]);
	});
});
