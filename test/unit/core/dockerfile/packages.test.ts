import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile, type Instruction } from '../../../../server/src/core/dockerfile/model';
import {
	afterAction,
	cacheMounted,
	dependencyInstalls,
	hasOption,
	instructionGroups,
	mounts,
	packageCommands,
} from '../../../../server/src/core/dockerfile/packages';

/** The RUN on the file's second line (`FROM` first). */
function run(line: string): Instruction {
	return parseDockerfile(`FROM debian:12\n${line}\n`).instructions[1];
}

function only(line: string) {
	const commands = packageCommands(run(line));
	assert.equal(commands.length, 1, `one package command in: ${line}`);
	return commands[0];
}

describe('packageCommands', () => {
	it('reads apt-get with global options, action, option values and packages', () => {
		const text = 'RUN apt-get -o APT::Install-Recommends=false -y install -t bookworm-backports curl git=1:2.39*';
		const apt = only(text);
		assert.equal(apt.manager, 'apt-get');
		assert.equal(apt.action, 'install');
		assert.deepEqual(
			apt.options.map((option) => [option.name, option.value]),
			[
				['-o', 'APT::Install-Recommends=false'],
				['-y', undefined],
				['-t', 'bookworm-backports'],
			],
		);
		assert.deepEqual(
			apt.packages.map((word) => word.value),
			['curl', 'git=1:2.39*'],
		);
		const offset = 'FROM debian:12\n'.length;
		assert.equal(afterAction(apt) - offset, text.indexOf('install') + 'install'.length);
	});
	it('finds every manager in a chain, with its index among the commands', () => {
		const commands = packageCommands(
			run('RUN set -eux; apt-get update && apk add --no-cache tini && pip3 install -r req.txt'),
		);
		assert.deepEqual(
			commands.map((command) => [command.manager, command.action, command.index]),
			[
				['apt-get', 'update', 1],
				['apk', 'add', 2],
				['pip', 'install', 3],
			],
		);
	});
	it('sees through assignments, paths and sudo', () => {
		const apt = only('RUN DEBIAN_FRONTEND=noninteractive sudo -E /usr/bin/apt-get install -y curl');
		assert.equal(apt.manager, 'apt-get');
		assert.equal(apt.assignments.get('DEBIAN_FRONTEND'), 'noninteractive');
		assert.deepEqual(
			apt.packages.map((word) => word.value),
			['curl'],
		);
	});
	it('reads python -m pip and pip3.12 as pip, but not pipx or pipenv', () => {
		assert.equal(only('RUN python3 -m pip install flask').manager, 'pip');
		assert.equal(only('RUN pip3.12 install flask').manager, 'pip');
		assert.deepEqual(packageCommands(run('RUN pipx install black && pipenv install && python3 -m venv /v')), []);
	});
	it('takes the next word as the value of options that need one', () => {
		const pip = only('RUN pip install -r requirements.txt --index-url https://example.org/simple flask');
		assert.equal(pip.options.find((option) => option.name === '-r')?.value, 'requirements.txt');
		assert.deepEqual(
			pip.packages.map((word) => word.value),
			['flask'],
		);
	});
	it('normalises npm aliases and a bare yarn', () => {
		assert.equal(only('RUN npm i').action, 'install');
		assert.equal(only('RUN npm clean-install').action, 'ci');
		assert.equal(only('RUN yarn --frozen-lockfile').action, 'install');
		assert.equal(only('RUN yarn --version').action, '');
	});
	it('matches short option bundles', () => {
		const apt = only('RUN apt-get install -qy curl');
		assert.equal(hasOption(apt, ['--yes'], 'y'), true);
		assert.equal(hasOption(apt, ['--no-install-recommends']), false);
	});
	it('ignores JSON-form RUN and other instructions', () => {
		assert.deepEqual(packageCommands(run('RUN ["apt-get", "install", "curl"]')), []);
		assert.deepEqual(packageCommands(run('CMD apt-get install curl')), []);
	});
});

describe('mounts', () => {
	it('reads type and target, default bind, trailing slashes dropped', () => {
		const instruction = run('RUN --mount=type=cache,target=/root/.cache/pip/ --mount=source=x,dst=/src pip install .');
		assert.deepEqual(mounts(instruction), [
			{ type: 'cache', target: '/root/.cache/pip' },
			{ type: 'bind', target: '/src' },
		]);
		assert.equal(cacheMounted(instruction, '/root/.cache/pip'), true);
		assert.equal(cacheMounted(instruction, '/root/.cache/pip/http'), true);
		assert.equal(cacheMounted(instruction, '/root/.cache'), false);
		assert.equal(cacheMounted(instruction, '/src'), false);
	});
});

describe('dependencyInstalls', () => {
	it('recognises project installs and skips named packages', () => {
		const labels = (line: string) => dependencyInstalls(run(line)).map((install) => install.label);
		assert.deepEqual(labels('RUN npm ci && npm install -g pm2 && yarn && pnpm i'), ['npm ci', 'yarn', 'pnpm i']);
		assert.deepEqual(labels('RUN pip install -r requirements/prod.txt && pip install gunicorn'), ['pip install -r']);
		assert.deepEqual(
			labels('RUN go mod download && bundle install && composer install && ./mvnw dependency:go-offline'),
			['go mod download', 'bundle install', 'composer install', 'mvn dependency:go-offline'],
		);
		assert.equal(dependencyInstalls(run('RUN pip install -r requirements/prod.txt'))[0].manifest, 'prod.txt');
	});
});

describe('instructionGroups', () => {
	it('marks the final stage and its ancestry as shipped', () => {
		const model = parseDockerfile('FROM node:22 AS deps\nRUN a\nFROM node:22 AS build\nRUN b\nFROM deps\nRUN c\n');
		assert.deepEqual(
			instructionGroups(model).map((group) => group.shipped),
			[true, false, true],
		);
	});
	it('treats a file without FROM as one shipped group', () => {
		const model = parseDockerfile('RUN a\nRUN b\n');
		assert.deepEqual(
			instructionGroups(model).map((group) => [group.instructions.length, group.shipped]),
			[[2, true]],
		);
	});
});
