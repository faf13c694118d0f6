import { describe, it } from 'node:test';
import { pinBaseImage as rule } from '../../../../server/src/core/rules/dockerfile/pin-base-image';
import { crlf, dockerfile, ruleCatches, ruleCatchesNot } from '../../helpers';
import assert from 'node:assert/strict';

describe('dockerfile/pin-base-image', () => {
	it('fires on an untagged base', () => {
		const [finding] = ruleCatches(rule, 'FROM node\n', 1);
		assert.deepEqual(finding.aliases, ['DL3006', 'DS001']);
		assert.deepEqual(finding.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
	});
	it('fires on :latest, with a registry too', () => {
		const [finding] = ruleCatches(rule, 'FROM ghcr.io/acme/app:latest\n', 1);
		assert.deepEqual(finding.aliases, ['DL3007', 'DS001']);
	});
	it('fires once per unpinned stage', () => {
		ruleCatches(rule, dockerfile('FROM golang AS build', 'FROM alpine:latest'), 2);
	});
	it('stays silent on tags, digests, scratch and stage names', () => {
		ruleCatchesNot(rule, dockerfile('FROM golang:1.23 AS build', 'FROM build', 'FROM scratch', 'FROM alpine@sha256:abcd'));
	});
	it('resolves global ARG defaults before judging', () => {
		ruleCatches(rule, dockerfile('ARG BASE=node', 'FROM ${BASE}'), 1);
		ruleCatchesNot(rule, dockerfile('ARG VERSION=22', 'FROM node:${VERSION}'));
		ruleCatchesNot(rule, dockerfile('ARG BASE', 'FROM ${BASE}'));
	});
	it('works with CRLF', () => {
		ruleCatches(rule, crlf(dockerfile('FROM node', 'RUN true')), 1);
	});
	it('is silenced by hadolint pragmas through its aliases', () => {
		ruleCatchesNot(rule, dockerfile('# hadolint ignore=DL3007', 'FROM node:latest'));
		ruleCatches(rule, dockerfile('# hadolint ignore=DL3006', 'FROM node:latest'), 1);
	});
});
