// Every command id the client registers, as package.json's `contributes.commands` lists them. Pure. These are
// client-only: the server neither sends nor runs them (the one id both sides use, `OPEN_RULE_DOC`, a command the
// server runs, is in server/src/protocol.ts). test/unit/client/commands.test.ts checks this list against package.json.

import type { Command } from './command';

export const COMMAND_IDS = [
	'shipshape.lintWorkspace',
	'shipshape.fixAllInFile',
	'shipshape.restartServer',
	'shipshape.showOutput',
	'shipshape.createDockerignore',
	'shipshape.addDockerFiles',
	'shipshape.scanImage',
	'shipshape.scan.clear',
	'shipshape.scan.openLink',
	'shipshape.containers.refresh',
	'shipshape.containers.retry',
	'shipshape.containers.switchEngine',
	'shipshape.containers.logs',
	'shipshape.containers.stats',
	'shipshape.containers.start',
	'shipshape.containers.stop',
	'shipshape.containers.restart',
	'shipshape.containers.remove',
	'shipshape.containers.shell',
	'shipshape.containers.inspect',
	'shipshape.containers.goToService',
	'shipshape.compose.up',
	'shipshape.compose.upServices',
	'shipshape.compose.down',
	'shipshape.compose.restart',
	'shipshape.compose.pull',
	'shipshape.compose.build',
	'shipshape.compose.logs',
	'shipshape.resources.refresh',
	'shipshape.resources.inspect',
	'shipshape.resources.remove',
	'shipshape.images.prune',
	'shipshape.volumes.prune',
	'shipshape.networks.prune',
	'shipshape.images.openUse',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** Commands from a table of handlers by id (the container views keep theirs so). */
export function commandsOf(handlers: Partial<Record<CommandId, (...args: never[]) => unknown>>): Command[] {
	return Object.entries(handlers).map(([id, run]) => ({
		id: id as CommandId,
		run: run as (...args: unknown[]) => unknown,
	}));
}
