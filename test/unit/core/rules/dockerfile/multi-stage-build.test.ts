import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { multiStageBuild as rule } from '../../../../../server/src/core/rules/dockerfile/multi-stage-build';
import { crlf, dockerfile, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/multi-stage-build', () => {
	it('fires once on the first build step of a single-stage file', () => {
		const example = marked`
			FROM node:22-alpine
			COPY package*.json ./
			RUN npm ci
			    ^^^^^^
			COPY . .
			RUN npm run build
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.match(finding.message, /`npm ci`/);
	});
	it('recognises compiles and compiler installs', () => {
		for (const run of [
			'go build -o /app ./cmd/app',
			'cargo build --release',
			'make -j4',
			'./gradlew build',
			'mvn -B package',
			'pip install -e .',
			'pip install -r requirements.txt',
			'apt-get install -y --no-install-recommends build-essential',
			'apk add --no-cache gcc musl-dev',
		]) {
			ruleCatches(rule, dockerfile('FROM debian:12', `RUN ${run}`), 1);
		}
	});
	it('points at the compiler package of an install', () => {
		const example = marked`
			FROM debian:12
			RUN apt-get install -y curl gcc
			                            ^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
	});
	it('stays silent on runtime packages and tools', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM debian:12',
				'RUN apt-get install -y --no-install-recommends curl ca-certificates',
				'RUN pip install --no-cache-dir awscli',
				'RUN npm install -g pm2',
			),
		);
	});
	it('stays silent on multi-stage files', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM golang:1.23 AS build',
				'RUN go build -o /app .',
				'FROM gcr.io/distroless/static',
				'COPY --from=build /app /app',
			),
		);
	});
	it('stays silent when the RUN purges its build dependencies, as official images do', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM alpine:3.20',
				'RUN apk add --no-cache --virtual .build-deps gcc make && make && apk del .build-deps',
			),
		);
		ruleCatchesNot(rule, dockerfile('FROM debian:12', 'RUN apt-get install -y gcc && make && apt-get purge -y gcc'));
	});
	it('stays silent on buildpack-deps, a toolchain image by design', () => {
		ruleCatchesNot(rule, dockerfile('FROM buildpack-deps:bookworm', 'RUN ./configure && make && make install'));
	});
	it('works with CRLF', () => {
		ruleCatches(rule, crlf(dockerfile('FROM golang:1.23', 'RUN go build ./...')), 1);
	});
});
