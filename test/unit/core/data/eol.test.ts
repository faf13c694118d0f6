import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EOL_PRODUCTS, EOL_TABLE_COMPILED, eolStatus, parseDay } from '../../../../server/src/core/data/eol';
import { parseImageRef } from '../../../../server/src/core/dockerfile/image-ref';

const NOW = new Date('2026-11-26T00:00:00Z');

function status(image: string, now = NOW) {
	return eolStatus(parseImageRef(image), now);
}

function versionKey(line: string): number[] {
	return line.split('.').map(Number);
}

describe('end-of-life table', () => {
	it('has a compile date and parsable days everywhere', () => {
		assert.match(EOL_TABLE_COMPILED, /^\d{4}-\d{2}-\d{2}$/);
		for (const product of EOL_PRODUCTS) {
			for (const line of product.lines) {
				assert.match(line.eol, /^\d{4}-\d{2}-\d{2}$/, `${product.product} ${line.line}`);
				assert.ok(!Number.isNaN(parseDay(line.eol).getTime()), `${product.product} ${line.line}: ${line.eol}`);
				assert.equal(
					parseDay(line.eol).toISOString().slice(0, 10),
					line.eol,
					`${product.product} ${line.line}: not a calendar day`,
				);
			}
		}
	});
	it('lists release lines oldest first, without duplicates', () => {
		for (const product of EOL_PRODUCTS) {
			const keys = product.lines.map((line) => versionKey(line.line));
			for (let i = 1; i < keys.length; i++) {
				const [a, b] = [keys[i - 1], keys[i]];
				const order = a[0] - b[0] || (a[1] ?? 0) - (b[1] ?? 0);
				assert.ok(order < 0, `${product.product}: ${product.lines[i - 1].line} before ${product.lines[i].line}`);
			}
		}
	});
	it('gives every product a source and at least one image', () => {
		for (const product of EOL_PRODUCTS) {
			assert.ok(product.source.length > 10, product.product);
			assert.ok(product.images.length > 0, product.product);
			assert.ok(product.lines.length > 0 || product.deprecated !== undefined, product.product);
		}
	});
	it('covers the products the brief names', () => {
		const images = EOL_PRODUCTS.flatMap((product) => product.images);
		for (const name of [
			'node',
			'python',
			'alpine',
			'debian',
			'ubuntu',
			'golang',
			'postgres',
			'redis',
			'mysql',
			'mariadb',
			'mongo',
			'nginx',
			'php',
			'ruby',
			'eclipse-temurin',
			'openjdk',
		]) {
			assert.ok(images.includes(name), name);
		}
	});
	it('never repeats a codename', () => {
		const codenames = EOL_PRODUCTS.flatMap((product) => product.lines.flatMap((line) => line.codenames ?? []));
		assert.equal(new Set(codenames).size, codenames.length);
	});
});

describe('eolStatus', () => {
	it('matches tags to release lines', () => {
		assert.equal(status('node:18-alpine').line, '18');
		assert.equal(status('node:18.20.4-bookworm-slim').line, '18');
		assert.equal(status('python:3.8-slim').line, '3.8');
		assert.equal(status('golang:1.20').line, '1.20');
		assert.equal(status('debian:buster-slim').line, '10');
		assert.equal(status('ubuntu:18.04').line, '18.04');
		assert.equal(status('ubuntu:jammy-20240101').line, '22.04');
		assert.equal(status('postgres:11').line, '11');
		assert.equal(status('postgres:9.6.24-alpine').line, '9.6');
		assert.equal(status('redis:6.0').line, '6.0');
		assert.equal(status('node:hydrogen-alpine').line, '18');
	});
	it('does not confuse 3.1 with 3.10', () => {
		assert.equal(status('python:3.10').line, '3.10');
		assert.equal(status('ruby:3.1').line, '3.1');
	});
	it('switches at the end-of-life day', () => {
		assert.equal(status('node:20', new Date('2026-04-29T23:59:59Z')).status, 'supported');
		assert.equal(status('node:20', new Date('2026-04-30T00:00:00Z')).status, 'eol');
		assert.equal(status('postgres:14', new Date('2026-11-11T12:00:00Z')).status, 'supported');
		assert.equal(status('postgres:14', NOW).status, 'eol');
	});
	it('answers for the time asked, however often an image was asked before', () => {
		const before = new Date('2026-04-29T23:59:59Z');
		const after = new Date('2026-04-30T00:00:00Z');
		for (let round = 0; round < 3; round++) {
			assert.equal(status('node:20', after).status, 'eol');
			assert.equal(status('node:20', before).status, 'supported');
			assert.equal(status('node:20-bookworm', after).status, 'eol');
		}
	});
	it('is unknown for vague, floating, unofficial and unlisted tags', () => {
		for (const image of [
			'python:3',
			'node:lts',
			'mysql:8',
			'node',
			'node:latest',
			'ghcr.io/acme/node:16',
			'acme/node:16',
			'node:${V}',
			'alpine:edge',
			'openjdk:26-ea-jdk',
		]) {
			assert.equal(status(image).status, 'unknown', image);
		}
	});
	it('bumps to the oldest supported long-term line, keeping the variant', () => {
		assert.equal(status('node:16-alpine').replacementTag, '22-alpine');
		assert.equal(status('node:18.17.1-bookworm-slim').replacementTag, '22-bookworm-slim');
		assert.equal(status('python:3.8-slim').replacementTag, '3.11-slim');
		assert.equal(status('debian:buster-slim').replacementTag, 'bookworm-slim');
		assert.equal(status('ubuntu:18.04').replacementTag, '22.04');
		assert.equal(status('ubuntu:focal-20240101').replacementTag, 'jammy');
		assert.equal(status('postgres:11-alpine').replacementTag, '15-alpine');
		assert.equal(status('php:7.4-fpm').replacementTag, '8.2-fpm');
		assert.equal(status('golang:1.20-alpine3.18').replacementTag, '1.26-alpine');
	});
	it('skips short-term lines as targets', () => {
		// Node 21 and 23 are odd lines; at this date 22 is the oldest LTS.
		assert.equal(status('node:19', new Date('2024-01-01T00:00:00Z')).replacementTag, '20');
		assert.equal(status('mariadb:10.5', NOW).replacementTag, '10.11');
	});
	it('checks the distribution pinned in a language image tag', () => {
		const result = status('python:3.12-slim-bullseye');
		assert.equal(result.status, 'supported');
		assert.equal(result.baseDistro?.line, '11');
		assert.equal(result.replacementTag, '3.12-slim');
		assert.equal(status('node:22-alpine3.18').replacementTag, '22-alpine');
		assert.equal(status('python:3.12-slim-bookworm').baseDistro, undefined);
	});
	it('offers no bump when no newer line is known to be supported', () => {
		const result = status('nginx:1.24-alpine');
		assert.equal(result.status, 'eol');
		assert.equal(result.replacementTag, undefined);
	});
	it('treats the deprecated openjdk image as past its end of life', () => {
		const result = status('openjdk:17-jdk-slim');
		assert.equal(result.status, 'eol');
		assert.equal(result.useInstead, 'eclipse-temurin');
		assert.equal(status('openjdk:17', new Date('2022-01-01T00:00:00Z')).status, 'supported');
	});
});

describe('eolStatus on floating and unlisted tags', () => {
	it('drops an end-of-life distribution from a floating tag', () => {
		const result = status('node:lts-buster-slim');
		assert.equal(result.status, 'unknown');
		assert.equal(result.baseDistro?.word, 'buster');
		assert.equal(result.replacementTag, 'lts-slim');
	});
	it('suggests nothing for a version older than the table', () => {
		const result = status('golang:1.9-alpine3.7');
		assert.equal(result.baseDistro?.line, '3.7');
		assert.equal(result.replacementTag, undefined);
	});
});
