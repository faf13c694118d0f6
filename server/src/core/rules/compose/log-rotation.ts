import type { ComposeModel, MapView, Service } from '../../compose/model';
import { interpolated } from '../../compose/service';
import { insertMapEntry } from '../../compose/yaml-edits';
import type { Fix, Rule, TextEdit } from '../../types';

const OPTIONS = ['max-size: "10m"', 'max-file: "3"'];

export const logRotation: Rule<ComposeModel> = {
	meta: {
		id: 'compose/log-rotation',
		scope: 'compose',
		severity: 'warning',
		description: 'Rotate the logs of services that use the json-file driver',
		guide: 'Log Rotation and Cleanup',
		aliases: [],
		fixable: true,
		messages: {
			logsJsonFile: '`{{service}}` logs to json-file without `max-size`: its log grows until the disk is full',
		},
		docs: {
			rationale:
				"Docker's default `json-file` log driver keeps everything a container prints in one file that never shrinks: a chatty service fills the host's disk, and then every container on it fails. Setting `max-size` (with `max-file`) makes Docker rotate the file. Other drivers (`local`, which rotates by default, `journald`, `syslog`, `fluentd`…) are left alone. A daemon-wide `log-opts` in `/etc/docker/daemon.json` also rotates logs, but it is invisible to the file and to anyone running it elsewhere.",
			example: 'services:\n  api:\n    image: acme/api:1.4.2\n',
			useInstead:
				'services:\n  api:\n    image: acme/api:1.4.2\n    logging:\n      driver: json-file\n      options:\n        max-size: "10m"\n        max-file: "3"\n',
			fix: 'Adds a `logging:` block with the json-file driver, `max-size: "10m"` and `max-file: "3"`, or adds the missing options to an existing block-style `logging:`. Not offered for flow-style maps or a `logging:` shared through an anchor (edit the anchor itself).',
		},
	},
	perService: true,
	check({ model, report }) {
		for (const service of model.services) {
			const logging = service.view.get('logging');
			const map = logging?.asMap();
			// A scalar other than an empty `logging:` is compose/schema's business.
			if (logging !== undefined && map === undefined && logging.scalar !== null) continue;
			const driver = map === undefined ? 'json-file' : driverOf(model, map);
			if (driver !== 'json-file') continue;
			const options = map?.get('options')?.asMap();
			if (options?.has('max-size') === true) continue;
			const fix = fixFor(model, service, map, options);
			report({
				range: logging?.keyRange ?? service.keyRange,
				messageId: 'logsJsonFile',
				data: { service: service.name },
				...(fix ? { fix } : {}),
			});
		}
	},
};

/** The driver's name; json-file when unset; undefined when it depends on a variable with no value. */
function driverOf(model: ComposeModel, logging: MapView): string | undefined {
	const view = logging.get('driver');
	if (view === undefined || view.scalar === null) return 'json-file';
	const value = interpolated(model, view)?.trim();
	return value === '' ? undefined : value;
}

function fixFor(
	model: ComposeModel,
	service: Service,
	logging: MapView | undefined,
	options: MapView | undefined,
): Fix | undefined {
	let edit: TextEdit | undefined;
	if (logging === undefined) {
		edit = service.view.has('logging')
			? undefined
			: insertMapEntry(model, service.view, [
					'logging:',
					'  driver: json-file',
					'  options:',
					...OPTIONS.map((line) => `    ${line}`),
				]);
	} else if (options === undefined) {
		edit = logging.has('options')
			? undefined
			: insertMapEntry(model, logging, ['options:', ...OPTIONS.map((line) => `  ${line}`)]);
	} else {
		const missing = OPTIONS.filter((line) => !options.has(line.slice(0, line.indexOf(':'))));
		edit = insertMapEntry(model, options, missing);
	}
	return edit === undefined ? undefined : { title: 'Rotate logs (10m × 3)', edits: [edit] };
}
