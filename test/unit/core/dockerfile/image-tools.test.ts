import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageRef } from '../../../../server/src/core/dockerfile/image-ref';
import {
	baseFacts,
	commandHttpTool,
	createdUsers,
	dropsPrivileges,
	effectiveHealthcheck,
	exposedPorts,
	healthcheckProbe,
	httpPort,
	packageCommand,
	probeFor,
	runsNoService,
	startupLine,
	tcpPorts,
	toolPresence,
} from '../../../../server/src/core/dockerfile/image-tools';
import { finalStage, parseDockerfile, type Stage } from '../../../../server/src/core/dockerfile/model';
import { dockerfile } from '../../helpers';

function lastStage(...lines: string[]): Stage {
	return finalStage(parseDockerfile(dockerfile(...lines)))!;
}

function healthcheckOf(text: string) {
	const stage = finalStage(parseDockerfile(text))!;
	return healthcheckProbe(stage.instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK')!);
}

describe('image-tools', () => {
	describe('baseFacts', () => {
		it('knows the family and tools of common bases', () => {
			const facts = (raw: string) => baseFacts(parseImageRef(raw));
			assert.deepEqual(
				[facts('node:22-alpine').family, facts('node:22-alpine').tools],
				['alpine', { curl: false, wget: true }],
			);
			assert.deepEqual(
				[facts('node:22').family, facts('node:22').tools, facts('node:22').runtime],
				['debian', { curl: true, wget: true }, 'node'],
			);
			assert.deepEqual(
				[facts('python:3.12-slim').slim, facts('python:3.12-slim').tools],
				[true, { curl: false, wget: false }],
			);
			assert.equal(facts('debian:bookworm').tools.curl, false);
			assert.equal(facts('ubuntu:24.04').family, 'ubuntu');
			assert.equal(facts('scratch').family, 'scratch');
			assert.equal(facts('gcr.io/distroless/static-debian12:nonroot').nonRootByDefault, true);
			assert.deepEqual(facts('gcr.io/distroless/base-debian12:debug').tools, { curl: false, wget: true });
		});
		it('says unknown rather than guess', () => {
			assert.deepEqual(baseFacts(parseImageRef('ghcr.io/acme/app:1.0')).tools, {});
			assert.equal(baseFacts(parseImageRef('nginx:1.27-alpine')).tools.curl, undefined);
			assert.equal(baseFacts(parseImageRef('${BASE}')).family, 'unknown');
			assert.equal(baseFacts(parseImageRef('eclipse-temurin:21-jre-jammy')).family, 'ubuntu');
		});
	});

	describe('packages and tools', () => {
		it('reads package manager commands', () => {
			const commands = parseDockerfile(
				'FROM alpine\nRUN apk add --no-cache --virtual .deps curl=8.5.0-r0 && sudo apt-get -o Debug::x=1 -y install wget && dnf remove -y curl\n',
			).stages[0].instructions[1].commands;
			assert.deepEqual(commands.map(packageCommand), [
				{ action: 'install', packages: ['curl=8.5.0-r0'], group: '.deps' },
				{ action: 'install', packages: ['wget'] },
				{ action: 'remove', packages: ['curl'] },
			]);
		});
		it('follows installs and removals through the stage ancestry', () => {
			assert.equal(
				toolPresence(lastStage('FROM alpine:3.20 AS base', 'RUN apk add curl', 'FROM base'), 'curl'),
				'present',
			);
			assert.equal(toolPresence(lastStage('FROM node:22', 'RUN apt-get purge -y curl'), 'curl'), 'absent');
			assert.equal(
				toolPresence(lastStage('FROM alpine:3.20 AS build', 'RUN apk add curl', 'FROM alpine:3.20'), 'curl'),
				'absent',
			);
			assert.equal(toolPresence(lastStage('FROM ghcr.io/acme/app:1'), 'curl'), 'unknown');
			assert.equal(
				toolPresence(
					lastStage('FROM alpine:3.20', 'ARG PACKAGES="curl jq"', 'RUN apk add --no-cache $PACKAGES'),
					'curl',
				),
				'unknown',
			);
		});
	});

	describe('what runs', () => {
		it('tells tool images from services', () => {
			assert.equal(runsNoService(lastStage('FROM alpine:3.20', 'RUN apk add git')), true);
			assert.equal(runsNoService(lastStage('FROM alpine:3.20', 'CMD ["app"]')), false);
			assert.equal(runsNoService(lastStage('FROM nginx:1.27')), false);
		});
		it('sees gosu and su-exec step-downs, and users the file creates', () => {
			assert.equal(dropsPrivileges(lastStage('FROM alpine:3.20', 'RUN apk add --no-cache su-exec')), true);
			assert.equal(dropsPrivileges(lastStage('FROM debian:12', 'COPY --from=tianon/gosu /gosu /usr/local/bin/')), true);
			assert.equal(dropsPrivileges(lastStage('FROM debian:12', 'RUN apt-get install -y curl')), false);
			assert.deepEqual(
				createdUsers(
					lastStage(
						'FROM debian:12',
						'RUN useradd -r -u 1001 -g app --shell /bin/false api && adduser --system --ingroup app worker',
					),
				),
				['api', 'worker'],
			);
		});
	});

	describe('ports', () => {
		it('reads EXPOSE with protocols, ranges and variables from ENV/ARG', () => {
			const exposed = exposedPorts(
				lastStage(
					'FROM alpine:3.20 AS base',
					'ARG PORT=3000',
					'EXPOSE ${PORT} 53/udp',
					'FROM base',
					'EXPOSE 8000-8010/tcp 5432',
				),
			);
			assert.deepEqual(
				exposed.ports.map(({ from, to, protocol }) => [from, to, protocol]),
				[
					[3000, 3000, 'tcp'],
					[53, 53, 'udp'],
					[8000, 8010, 'tcp'],
					[5432, 5432, 'tcp'],
				],
			);
			assert.equal(exposed.unresolved, false);
			assert.deepEqual(tcpPorts(exposed), [3000, 5432]);
			assert.equal(exposedPorts(lastStage('FROM alpine:3.20', 'EXPOSE $PORT')).unresolved, true);
		});
		it('picks the first port that serves HTTP', () => {
			assert.equal(httpPort(exposedPorts(lastStage('FROM alpine:3.20', 'EXPOSE 5432 9229 8080'))), 8080);
			assert.equal(httpPort(exposedPorts(lastStage('FROM alpine:3.20', 'EXPOSE 6379'))), undefined);
		});
	});

	describe('healthcheckProbe', () => {
		it('reads the shell form, with offsets of the port', () => {
			const text = dockerfile(
				'FROM alpine:3.20',
				'HEALTHCHECK --interval=5s \\',
				'  CMD curl -fsS http://localhost:3000/health || exit 1',
			);
			const probe = healthcheckOf(text);
			assert.equal(probe.form, 'shell');
			assert.deepEqual(
				probe.commands.map((words) => words.map((word) => word.value)),
				[
					['curl', '-fsS', 'http://localhost:3000/health'],
					['exit', '1'],
				],
			);
			assert.equal(probe.http?.tool, 'curl');
			assert.equal(probe.http?.port, 3000);
			assert.equal(text.slice(probe.http!.portStart, probe.http!.portEnd), '3000');
		});
		it('reads the exec form and sh -c inside it', () => {
			const exec = healthcheckOf(
				dockerfile('FROM alpine:3.20', 'HEALTHCHECK CMD ["wget", "-q", "--spider", "https://127.0.0.1/ready"]'),
			);
			assert.deepEqual(
				[exec.form, exec.http?.tool, exec.http?.host, exec.http?.port, exec.http?.explicitPort],
				['exec', 'wget', '127.0.0.1', 443, false],
			);
			const shell = healthcheckOf(
				dockerfile('FROM alpine:3.20', 'HEALTHCHECK CMD ["sh", "-c", "curl -f localhost:8080 || exit 1"]'),
			);
			assert.deepEqual([shell.http?.tool, shell.http?.port], ['curl', 8080]);
		});
		it('reads NONE, probes without HTTP, and variable ports', () => {
			assert.equal(healthcheckOf(dockerfile('FROM alpine:3.20', 'HEALTHCHECK NONE')).none, true);
			assert.equal(healthcheckOf(dockerfile('FROM alpine:3.20', 'HEALTHCHECK CMD pg_isready -U app')).http, undefined);
			assert.equal(
				healthcheckOf(dockerfile('FROM alpine:3.20', 'HEALTHCHECK CMD curl -f http://localhost:${PORT}/')).http?.port,
				undefined,
			);
		});
		it('reads the client of a bare command (compose healthcheck tests)', () => {
			assert.equal(commandHttpTool('curl -f http://localhost:3000/health || exit 1'), 'curl');
			assert.equal(commandHttpTool('test -f /ready && /usr/bin/wget -q --spider http://localhost/'), 'wget');
			assert.equal(commandHttpTool(['curl', '-f', 'http://localhost/']), 'curl');
			assert.equal(commandHttpTool(['/bin/sh', '-c', 'wget -qO- localhost:80']), 'wget');
			assert.equal(commandHttpTool(['pg_isready', '-U', 'app']), undefined);
		});
		it('finds the HEALTHCHECK a stage inherits', () => {
			const stage = lastStage('FROM alpine:3.20 AS base', 'HEALTHCHECK NONE', 'FROM base', 'RUN true');
			assert.equal(effectiveHealthcheck(stage)?.range.start.line, 1);
		});
	});

	describe('probeFor', () => {
		it('chooses a tool the image has', () => {
			assert.equal(
				probeFor(lastStage('FROM node:22-alpine'), 3000)?.shell,
				'wget -q --spider http://localhost:3000/health || exit 1',
			);
			assert.deepEqual(probeFor(lastStage('FROM node:22'), 3000)?.exec, [
				'curl',
				'-fsS',
				'http://localhost:3000/health',
			]);
			assert.equal(probeFor(lastStage('FROM python:3.12-slim'), 8000)?.tool, 'python');
			assert.equal(
				probeFor(lastStage('FROM debian:12-slim', 'RUN apt-get install -y wget'), 80, '/ping')?.shell,
				'wget -q --spider http://localhost:80/ping || exit 1',
			);
		});
		it('gives up on distroless, scratch and images without any client', () => {
			assert.equal(probeFor(lastStage('FROM gcr.io/distroless/nodejs22-debian12'), 3000), undefined);
			assert.equal(probeFor(lastStage('FROM scratch'), 3000), undefined);
			assert.equal(probeFor(lastStage('FROM debian:12-slim'), 3000), undefined);
		});
	});

	it('startupLine finds the first CMD/ENTRYPOINT after the last RUN, above its comments', () => {
		const model = parseDockerfile(
			dockerfile(
				'FROM alpine:3.20',
				'CMD ["early"]',
				'RUN true',
				'# start',
				'ENTRYPOINT ["tini", "--"]',
				'CMD ["app"]',
			),
		);
		assert.equal(startupLine(model.stages[0], model.index), 3);
		const none = parseDockerfile(dockerfile('FROM alpine:3.20', 'RUN true'));
		assert.equal(startupLine(none.stages[0], none.index), undefined);
	});
});
