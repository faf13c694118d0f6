import {
	createdUsers,
	dropsPrivileges,
	lineAboveComments,
	stageBaseFacts,
	startupLine,
	type BaseFacts,
} from '../../dockerfile/image-tools';
import {
	finalStage,
	inheritedInstructions,
	type DockerfileModel,
	type Instruction,
	type Stage,
} from '../../dockerfile/model';
import { endsOpen } from '../../dockerfile/open-end';
import { insertLinesAtEnd, insertLinesBefore, replace } from '../../fixes';
import type { Fix, Rule, TextEdit } from '../../types';

const APP_USER = 'app';

export const nonRootUser: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/non-root-user',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Run the final image as a non-root user',
		guide: 'Non-root user; Security hardening',
		aliases: ['DL3002', 'DS002', 'CKV_DOCKER_3', 'CKV_DOCKER_8'],
		fixable: true,
		messages: {
			finalStageRuns: 'The final stage runs as root: switch to a non-root `USER` before the container starts',
			lastUserFinal:
				'The last `USER` of the final stage is root: switch to a non-root user before the container starts',
		},
		docs: {
			rationale:
				'A container runs as root unless the image says otherwise, and root in the container is root on the kernel it shares with the host: one exploit in the app becomes a much larger one. Create an unprivileged user and switch to it with `USER` in the stage that ships; build stages may stay root.',
			example: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
			useInstead: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]',
			fix: 'Switches to a user that exists in the image: `node` on the official node images, `nonroot` on distroless, a user the file already creates, else it creates `app` (`addgroup`/`adduser` on Alpine, `groupadd`/`useradd` elsewhere). The `USER` line goes before the final `CMD`/`ENTRYPOINT`, after the last `RUN`; a last `USER root` is replaced when nothing runs after it. No fix on other bases (a server image such as nginx breaks when run as a fresh user; it needs its own unprivileged variant).',
		},
	},
	check({ model, report }) {
		const stage = finalStage(model);
		if (stage === undefined) return;
		const users = inheritedInstructions(stage).filter((instruction) => instruction.keyword === 'USER');
		const last = users[users.length - 1];
		const facts = stageBaseFacts(stage);
		if (last === undefined) {
			// `scratch` has no user database to switch to (hadolint agrees); gosu/su-exec images step down at start.
			if (facts.family === 'scratch' || facts.nonRootByDefault || dropsPrivileges(stage)) return;
			const fix = addUserFix(model, stage, facts, users);
			report({
				range: stage.from.range,
				messageId: 'finalStageRuns',
				aliases: ['DS002', 'CKV_DOCKER_3'],
				...(fix ? { fix } : {}),
			});
			return;
		}
		if (!isRootUser(userOf(last))) return;
		const fix = addUserFix(model, stage, facts, users);
		report({
			range: last.range,
			messageId: 'lastUserFinal',
			aliases: ['DL3002', 'DS002', 'CKV_DOCKER_8'],
			...(fix ? { fix } : {}),
		});
	},
};

/** The user part of `USER name[:group]`. */
function userOf(instruction: Instruction): string {
	const value = instruction.args[0]?.value ?? '';
	const colon = value.indexOf(':');
	return colon === -1 ? value : value.slice(0, colon);
}

function isRootUser(user: string): boolean {
	return user === 'root' || /^0+$/.test(user);
}

/** A non-root user the image is known to have, and the RUN that creates one when none is. */
interface UserPlan {
	name: string;
	create?: string;
}

function planUser(stage: Stage, facts: BaseFacts, users: Instruction[]): UserPlan | undefined {
	const earlier = users.map(userOf).filter((user) => user !== '' && !isRootUser(user) && !user.includes('$'));
	if (earlier.length > 0) return { name: earlier[earlier.length - 1] };
	// `useradd root` fails, root being there already: no user to switch to (found by the fuzzer: "Run as `root`").
	const created = createdUsers(stage).filter((user) => !isRootUser(user));
	if (created.length > 0) return { name: created[created.length - 1] };
	if (facts.family === 'distroless') return { name: 'nonroot' };
	if (facts.official && facts.runtime === 'node') return { name: 'node' };
	// Only where the stage runs a program of its own: a server image (nginx, httpd…) run as a fresh user breaks.
	if (!facts.interactive) return undefined;
	if (facts.family === 'alpine' || facts.family === 'busybox') {
		return { name: APP_USER, create: `addgroup -S ${APP_USER} && adduser -S -G ${APP_USER} ${APP_USER}` };
	}
	if (facts.family === 'debian' || facts.family === 'ubuntu' || facts.family === 'rhel') {
		return {
			name: APP_USER,
			create: `groupadd --system ${APP_USER} && useradd --system --gid ${APP_USER} --no-create-home ${APP_USER}`,
		};
	}
	return undefined;
}

function addUserFix(model: DockerfileModel, stage: Stage, facts: BaseFacts, users: Instruction[]): Fix | undefined {
	const plan = planUser(stage, facts, users);
	if (plan === undefined) return undefined;
	const title =
		plan.create === undefined ? `Run as \`${plan.name}\`` : `Create the user \`${plan.name}\` and run as it`;
	const last = users[users.length - 1];
	const edits =
		last !== undefined && canReplace(stage, last, plan, users)
			? replaceRootUser(model, last, plan)
			: insertUser(model, stage, plan, last);
	return edits === undefined ? undefined : { title, edits };
}

/**
 * A last `USER root` can become the new user when nothing after it needs root, and the user
 * creation inserted before it would itself run as root.
 */
function canReplace(stage: Stage, last: Instruction, plan: UserPlan, users: Instruction[]): boolean {
	if (last.stage !== stage || runsAfter(stage, last)) return false;
	const before = users[users.length - 2];
	return plan.create === undefined || before === undefined || isRootUser(userOf(before));
}

/** Whether a RUN follows the instruction in its stage (it may need root: then the USER cannot move). */
function runsAfter(stage: Stage, instruction: Instruction): boolean {
	return stage.instructions.slice(stage.instructions.indexOf(instruction) + 1).some((next) => next.keyword === 'RUN');
}

function replaceRootUser(model: DockerfileModel, user: Instruction, plan: UserPlan): TextEdit[] {
	const value = user.args[0];
	const edits = [replace(value.range, plan.name)];
	if (plan.create !== undefined) {
		const line = user.range.start.line;
		edits.push(
			insertLinesBefore(model.index, lineAboveComments(user, model.index), [
				`${model.index.indentation(line)}RUN ${plan.create}`,
			]),
		);
	}
	return edits;
}

function insertUser(
	model: DockerfileModel,
	stage: Stage,
	plan: UserPlan,
	last: Instruction | undefined,
): TextEdit[] | undefined {
	let line = startupLine(stage, model.index);
	// The new USER must come after the stage's last one to take effect.
	if (line !== undefined && last !== undefined && last.stage === stage && line <= last.range.start.line) {
		line = undefined;
	}
	// Appended after an unclosed heredoc or a trailing continuation, it would become part of that instruction.
	if (line === undefined && endsOpen(model)) return undefined;
	const indent = line === undefined ? '' : model.index.indentation(line);
	const lines = [...(plan.create === undefined ? [] : [`${indent}RUN ${plan.create}`]), `${indent}USER ${plan.name}`];
	return [line === undefined ? insertLinesAtEnd(model.index, lines) : insertLinesBefore(model.index, line, lines)];
}
