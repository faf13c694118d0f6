import { isCollection } from 'yaml';
import type { ComposeModel, Service, View } from '../../compose/model';
import { interpolated, serviceImage } from '../../compose/service';
import { isDockerSocket, serviceMounts } from '../../compose/volumes';
import { appendSequenceItem, insertMapEntry } from '../../compose/yaml-edits';
import type { Fix, Report, Rule, TextEdit } from '../../types';

const NO_NEW_PRIVILEGES = 'no-new-privileges:true';

export const containerHardening: Rule<ComposeModel> = {
	meta: {
		id: 'compose/container-hardening',
		scope: 'compose',
		severity: 'info',
		description:
			'Run containers unprivileged, without the Docker socket, with capabilities dropped and a read-only root',
		guide: 'Security Hardening: Container Security Checklist; Runtime Security',
		aliases: [],
		fixable: true,
		messages: {
			runsPrivilegedHas:
				'`{{service}}` runs privileged: it has every capability and device of the host, which makes it root on the host. Grant the specific `cap_add`/`devices` it needs instead',
			mountsDockerSocket:
				'`{{service}}` mounts the Docker socket: whoever controls the container controls the host (`:ro` does not limit the API). Use a socket proxy that allows only the calls it needs',
			canGainPrivileges:
				'`{{service}}` can gain privileges through setuid binaries: add `security_opt: [{{NO_NEW_PRIVILEGES}}]`',
			consider: '`{{service}}` {{problems}}: consider {{advice}}',
		},
		docs: {
			rationale:
				"`privileged: true` gives the container every device and capability of the host, and the Docker socket lets it start a privileged container at will: both are root on the host (error and warning). Short of that, `no-new-privileges` stops setuid binaries from raising privileges, `cap_drop: [ALL]` removes the kernel capabilities a service does not need, and `read_only: true` keeps an intruder from changing the container's files (info).",
			example:
				'services:\n  web:\n    image: nginx:1.27-alpine\n    privileged: true\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
			useInstead:
				'services:\n  web:\n    image: nginx:1.27-alpine\n    read_only: true\n    tmpfs:\n      - /var/cache/nginx\n      - /var/run\n    cap_drop: [ALL]\n    cap_add: [CHOWN, SETUID, SETGID, NET_BIND_SERVICE]\n    security_opt:\n      - no-new-privileges:true\n',
			fix: "Adds `no-new-privileges:true` to `security_opt` (creating it when absent): it is safe for images that drop privileges with gosu or su-exec. `cap_drop: [ALL]` and `read_only: true` are not added automatically: most images (postgres, nginx, redis…) need some capabilities back (`CHOWN`, `SETUID`, `SETGID`, `NET_BIND_SERVICE`) or writable `tmpfs` paths, which only the service's owner can list.",
		},
	},
	perService: true,
	check({ model, report }) {
		for (const service of model.services) {
			const privileged = service.view.get('privileged');
			if (isTrue(model, privileged)) {
				report({
					range: privileged!.range,
					severity: 'error',
					messageId: 'runsPrivilegedHas',
					data: { service: service.name },
				});
			}
			dockerSocketMounts(model, service).forEach(report);
			// A privileged container ignores capabilities and seccomp: the error above says everything.
			if (isTrue(model, privileged)) continue;
			for (const finding of [missingNoNewPrivileges(model, service), missingLockdown(model, service)]) {
				if (finding !== undefined) report(finding);
			}
		}
	},
};

function dockerSocketMounts(model: ComposeModel, service: Service): Report[] {
	if (isSocketProxy(model, service)) return [];
	return serviceMounts(model, service)
		.filter(isDockerSocket)
		.map((mount) => ({
			range: mount.view.range,
			severity: 'warning',
			messageId: 'mountsDockerSocket',
			data: { service: service.name },
		}));
}

/** A socket proxy (tecnativa/docker-socket-proxy, linuxserver/socket-proxy) is the remedy: it holds the socket by design. */
function isSocketProxy(model: ComposeModel, service: Service): boolean {
	return /socket-proxy/i.test(serviceImage(model, service)?.ref.name ?? '');
}

function isTrue(model: ComposeModel, view: View | undefined): boolean {
	return view?.scalar === true || interpolated(model, view) === 'true';
}

/** Scalar items of a list field, interpolated. */
function listValues(model: ComposeModel, view: View | undefined): string[] {
	return view?.items().map((item) => interpolated(model, item) ?? '') ?? [];
}

function missingNoNewPrivileges(model: ComposeModel, service: Service): Report | undefined {
	const options = service.view.get('security_opt');
	if (listValues(model, options).some((option) => /^no-new-privileges(?:[:=]true)?$/i.test(option.trim()))) {
		return undefined;
	}
	return {
		range: service.keyRange,
		messageId: 'canGainPrivileges',
		data: { service: service.name, NO_NEW_PRIVILEGES },
		fix: noNewPrivilegesFix(model, service, options),
	};
}

function noNewPrivilegesFix(model: ComposeModel, service: Service, options: View | undefined): Fix | undefined {
	let edit: TextEdit | undefined;
	if (options === undefined) edit = insertMapEntry(model, service.view, ['security_opt:', `  - ${NO_NEW_PRIVILEGES}`]);
	else if (options.isSeq()) {
		edit = appendSequenceItem(
			model,
			options,
			isCollection(options.node) && options.node.flow ? `"${NO_NEW_PRIVILEGES}"` : NO_NEW_PRIVILEGES,
		);
	}
	return edit === undefined ? undefined : { title: 'Add security_opt no-new-privileges:true', edits: [edit] };
}

/** `cap_drop: [ALL]` and `read_only: true`, in one finding: both need the owner's judgement. */
function missingLockdown(model: ComposeModel, service: Service): Report | undefined {
	const problems: string[] = [];
	const advice: string[] = [];
	if (!listValues(model, service.view.get('cap_drop')).some((cap) => /^(?:CAP_)?ALL$/i.test(cap.trim()))) {
		problems.push("keeps Docker's default capabilities");
		advice.push('`cap_drop: [ALL]` (with `cap_add` for what it needs)');
	}
	if (!isTrue(model, service.view.get('read_only'))) {
		problems.push('has a writable root filesystem');
		advice.push('`read_only: true` (with `tmpfs` for the paths it writes)');
	}
	if (problems.length === 0) return undefined;
	return {
		range: service.keyRange,
		messageId: 'consider',
		data: { service: service.name, problems: problems.join(' and '), advice: advice.join(' and ') },
	};
}
