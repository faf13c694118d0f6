import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eolBaseImage as rule } from '../../../../../server/src/core/rules/dockerfile/eol-base-image';
import { crlf, dockerfile, fixOnce, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/eol-base-image', () => {
	it('fires on a release line past its end of life, at the image', () => {
		const example = marked`
			FROM node:16-alpine
			     ^^^^^^^^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.match(finding.message, /Node\.js 16 reached its end of life on 2023-09-11/);
	});
	it('fires once per stage, build stages included', () => {
		ruleCatches(
			rule,
			dockerfile(
				'FROM golang:1.20 AS build',
				'RUN go build -o /app .',
				'FROM debian:buster-slim',
				'COPY --from=build /app /app',
			),
			2,
		);
	});
	it('fires on an end-of-life distribution pinned in the tag', () => {
		const [finding] = ruleCatches(rule, 'FROM python:3.12-slim-bullseye\n', 1);
		assert.match(finding.message, /Debian 11 \(bullseye\)/);
	});
	it('stays silent on supported, vague, unofficial, digest and stage bases', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM node:22-alpine AS deps',
				'FROM python:3.12-slim',
				'FROM deps',
				'FROM python:3',
				'FROM acme/node:16',
				'FROM node:16@sha256:abcd',
				'FROM scratch',
				'FROM alpine:3.22',
			),
		);
	});
	it('reads the injected clock', () => {
		ruleCatchesNot(rule, 'FROM node:20\n', { now: new Date('2026-01-01T00:00:00Z') });
		ruleCatches(rule, 'FROM node:20\n', 1, { now: new Date('2026-05-01T00:00:00Z') });
	});
	it('bumps the version and keeps the variant', () => {
		assert.equal(
			fixOnce(rule, dockerfile('FROM node:16-alpine AS build', 'RUN npm ci')),
			dockerfile('FROM node:22-alpine AS build', 'RUN npm ci'),
		);
		assert.equal(
			fixOnce(rule, 'FROM docker.io/library/postgres:11-alpine\n'),
			'FROM docker.io/library/postgres:15-alpine\n',
		);
		assert.equal(fixOnce(rule, 'FROM debian:buster-slim\n'), 'FROM debian:bookworm-slim\n');
	});
	it('drops a pinned end-of-life distribution', () => {
		assert.equal(fixOnce(rule, 'FROM python:3.12-slim-bullseye\n'), 'FROM python:3.12-slim\n');
		assert.equal(fixOnce(rule, 'FROM node:14.17.3-alpine3.14\n'), 'FROM node:22-alpine\n');
	});
	it('keeps CRLF line endings', () => {
		assert.equal(
			fixOnce(rule, crlf(dockerfile('FROM ruby:2.7-slim', 'CMD ["ruby", "app.rb"]'))),
			crlf(dockerfile('FROM ruby:3.3-slim', 'CMD ["ruby", "app.rb"]')),
		);
	});
	it('offers no fix when the tag comes from an ARG or no newer line is known', () => {
		const [fromArg] = ruleCatches(rule, dockerfile('ARG NODE=16', 'FROM node:${NODE}-alpine'), 1);
		assert.equal(fromArg.fix, undefined);
		const [nginx] = ruleCatches(rule, 'FROM nginx:1.24-alpine\n', 1);
		assert.equal(nginx.fix, undefined);
	});
	it('points deprecated images at their successor', () => {
		const [finding] = ruleCatches(rule, 'FROM openjdk:17-jdk-slim\n', 1);
		assert.match(finding.message, /eclipse-temurin/);
		assert.equal(finding.fix, undefined);
	});
});
