import { describe, it } from 'node:test';
import { pinBaseImage as rule } from '../../../../../server/src/core/rules/dockerfile/pin-base-image';
import { crlf, dockerfile, ruleCatches, ruleCatchesNot } from '../../../helpers';
import assert from 'node:assert/strict';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/pin-base-image', () => {
	it('fires on an untagged base', () => {
		const example = marked`
			FROM node
			     ^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assert.deepEqual(finding.aliases, ['DL3006', 'DS001']);
		assertMarked(finding, example);
	});
	it('fires on :latest, with a registry too', () => {
		const [finding] = ruleCatches(rule, 'FROM ghcr.io/acme/app:latest\n', 1);
		assert.deepEqual(finding.aliases, ['DL3007', 'DS001']);
	});
	it('fires once per unpinned stage', () => {
		ruleCatches(rule, dockerfile('FROM golang AS build', 'FROM alpine:latest'), 2);
	});
	it('stays silent on tags, digests, scratch and stage names', () => {
		ruleCatchesNot(
			rule,
			dockerfile('FROM golang:1.23 AS build', 'FROM build', 'FROM scratch', 'FROM alpine@sha256:abcd'),
		);
	});
	it('resolves global ARG defaults before judging', () => {
		ruleCatches(rule, dockerfile('ARG BASE=node', 'FROM ${BASE}'), 1);
		ruleCatchesNot(rule, dockerfile('ARG VERSION=22', 'FROM node:${VERSION}'));
		ruleCatchesNot(rule, dockerfile('ARG BASE', 'FROM ${BASE}'));
	});
	it('agrees with hadolint on stage aliases and digests', () => {
		ruleCatches(rule, 'FROM debian AS builder\n', 1);
		ruleCatches(rule, 'FROM debian:latest AS builder\n', 1);
		ruleCatchesNot(
			rule,
			'FROM hub.docker.io/debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n',
		);
		ruleCatchesNot(
			rule,
			dockerfile('FROM golang:1.9.3-alpine3.7 AS build', 'FROM build as unit-test', 'FROM alpine:3.7'),
		);
	});
	it('works with CRLF', () => {
		ruleCatches(rule, crlf(dockerfile('FROM node', 'RUN true')), 1);
	});
	it('is silenced by hadolint pragmas through its aliases', () => {
		ruleCatchesNot(rule, dockerfile('# hadolint ignore=DL3007', 'FROM node:latest'));
		ruleCatches(rule, dockerfile('# hadolint ignore=DL3006', 'FROM node:latest'), 1);
	});
});
