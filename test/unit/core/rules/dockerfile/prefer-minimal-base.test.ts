import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preferMinimalBase as rule } from '../../../../../server/src/core/rules/dockerfile/prefer-minimal-base';
import { crlf, dockerfile, fixOnce, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/prefer-minimal-base', () => {
	it('fires on a full final base, at the image', () => {
		const example = marked`
			FROM node:22
			     ^^^^^^^
			CMD ["node", "server.js"]
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(finding.severity, 'info');
	});
	it('follows FROM <stage> to the root image of the final stage', () => {
		const [finding] = ruleCatches(
			rule,
			dockerfile('FROM python:3.12 AS base', 'FROM base', 'CMD ["python", "app.py"]'),
			1,
		);
		assert.equal(finding.range.start.line, 0);
	});
	it('fires without a fix on full distributions', () => {
		const [finding] = ruleCatches(rule, 'FROM ubuntu:24.04\n', 1);
		assert.equal(finding.fix, undefined);
	});
	it('ignores build stages: only the final one ships', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM golang:1.23 AS build',
				'RUN go build -o /app .',
				'FROM gcr.io/distroless/static-debian12',
				'COPY --from=build /app /app',
			),
		);
	});
	it('stays silent on minimal, unpinned, digest, variable and unknown bases', () => {
		for (const base of [
			'node:22-alpine',
			'node:22-bookworm-slim',
			'python:3.12-slim',
			'alpine:3.22',
			'scratch',
			'node',
			'node:latest',
			'node:22@sha256:abcd',
			'node:${V}',
			'acme/node:22',
			'eclipse-temurin:21-jre',
			'php:8.3-apache',
			'python:3.12-windowsservercore',
			'busybox:1.37',
		]) {
			ruleCatchesNot(rule, `FROM ${base}\n`);
		}
	});
	it('rewrites to -alpine, keeping version and flavour', () => {
		assert.equal(
			fixOnce(rule, dockerfile('FROM node:22', 'CMD ["node", "server.js"]')),
			dockerfile('FROM node:22-alpine', 'CMD ["node", "server.js"]'),
		);
		assert.equal(fixOnce(rule, 'FROM node:24-bookworm\n'), 'FROM node:24-alpine\n');
		assert.equal(fixOnce(rule, 'FROM php:8.3-fpm\n'), 'FROM php:8.3-fpm-alpine\n');
		assert.equal(fixOnce(rule, 'FROM nginx:stable\n'), 'FROM nginx:stable-alpine\n');
		// A named tag with a Debian release: the Alpine variant has no release.
		assert.equal(fixOnce(rule, 'FROM node:lts-bookworm\n'), 'FROM node:lts-alpine\n');
	});
	it('rewrites glibc-bound stacks to -slim', () => {
		assert.equal(fixOnce(rule, 'FROM python:3.12-bookworm\n'), 'FROM python:3.12-slim-bookworm\n');
		assert.equal(fixOnce(rule, 'FROM ruby:3.3\n'), 'FROM ruby:3.3-slim\n');
		assert.equal(fixOnce(rule, 'FROM debian:bookworm\n'), 'FROM debian:bookworm-slim\n');
	});
	it('rewrites Temurin JDKs to the JRE', () => {
		assert.equal(fixOnce(rule, 'FROM eclipse-temurin:21-jdk-noble\n'), 'FROM eclipse-temurin:21-jre-noble\n');
		assert.equal(fixOnce(rule, 'FROM eclipse-temurin:17\n'), 'FROM eclipse-temurin:17-jre\n');
	});
	it('offers no fix when a HEALTHCHECK probes with a tool the minimal image lacks (found by the fuzzer)', () => {
		assert.equal(
			ruleCatches(rule, dockerfile('FROM postgres:17', 'HEALTHCHECK CMD curl -f http://localhost:8080/'), 1)[0].fix,
			undefined,
		);
		// BusyBox wget is there on Alpine.
		assert.equal(
			fixOnce(rule, dockerfile('FROM node:22', 'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1')),
			dockerfile('FROM node:22-alpine', 'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1'),
		);
	});
	it('offers no fix to a minimal variant past its end of life (found by the fuzzer)', () => {
		// Node.js 7 ended in 2017: `node:7-alpine` would be as unsupported, and eol-base-image's fix is the one to take.
		assert.equal(ruleCatches(rule, dockerfile('FROM node:7-bullseye'), 1)[0].fix, undefined);
		// Node.js 22 is supported: only the Debian 11 base has ended, and Alpine leaves it behind.
		assert.equal(fixOnce(rule, dockerfile('FROM node:22-bullseye')), dockerfile('FROM node:22-alpine'));
	});
	it('keeps CRLF line endings', () => {
		assert.equal(
			fixOnce(rule, crlf(dockerfile('FROM python:3.12 AS app', 'CMD ["python", "app.py"]'))),
			crlf(dockerfile('FROM python:3.12-slim AS app', 'CMD ["python", "app.py"]')),
		);
	});
	it('offers no fix for a base written through an ARG', () => {
		const [finding] = ruleCatches(rule, dockerfile('ARG PY=3.12', 'FROM python:${PY}'), 1);
		assert.equal(finding.fix, undefined);
	});
});
