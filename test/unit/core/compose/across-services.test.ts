import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acrossServices } from '../../../../server/src/core/compose/across-services';
import { parseCompose, type ComposeModel } from '../../../../server/src/core/compose/model';

const TEXT = 'services:\n  web:\n    image: nginx\n    labels: [a, b]\n  db:\n    image: postgres\n    labels: [c]\n';

/** The labels of every service: a reading across services, counting how often the whole file is read. */
function labelsReading() {
	let reads = 0;
	const labels = acrossServices<string[]>(
		'test labels',
		(_whole, service) =>
			JSON.stringify(
				service.view
					.get('labels')
					?.items()
					.map((item) => item.string) ?? [],
			),
		(whole) => {
			reads++;
			return whole.services.flatMap(
				(service) =>
					service.view
						.get('labels')
						?.items()
						.map((item) => item.string!) ?? [],
			);
		},
	);
	return { labels, reads: () => reads };
}

/** The model of one service with the whole file behind it, as relint.ts gives `perService` rules. */
function alone(model: ComposeModel, name: string): ComposeModel {
	const service = model.services.find((each) => each.name === name)!;
	return { ...model, services: [service], servicesOnly: true, whole: model };
}

describe('compose: a reading across services (across-services.ts)', () => {
	it('reads the whole file once per file model, also when asked through one service', () => {
		const { labels, reads } = labelsReading();
		const model = parseCompose(TEXT);
		assert.deepEqual(labels.of(model), ['a', 'b', 'c']);
		assert.deepEqual(labels.of(alone(model, 'db')), ['a', 'b', 'c'], "the one service's model reads the file");
		assert.equal(reads(), 1);
		labels.of(parseCompose(TEXT));
		assert.equal(reads(), 2, 'another model of the same text is read again');
	});

	it("gives a service's share, the same string for the same share", () => {
		const { labels } = labelsReading();
		const model = parseCompose(TEXT);
		assert.equal(labels.share(alone(model, 'web')), '["[\\"a\\",\\"b\\"]"]');
		const edited = parseCompose(TEXT.replace('image: nginx', 'image: nginx:1.27'));
		assert.equal(labels.share(alone(edited, 'web')), labels.share(alone(model, 'web')));
		const relabelled = parseCompose(TEXT.replace('[a, b]', '[a, x]'));
		assert.notEqual(labels.share(alone(relabelled, 'web')), labels.share(alone(model, 'web')));
	});

	it("hands the earlier model's reading to the new one without reading it", () => {
		const { labels, reads } = labelsReading();
		const before = parseCompose(TEXT);
		const reading = labels.of(before);
		const after = parseCompose(TEXT.replace('image: nginx', 'image: nginx:1.27'));
		labels.carry(before, after);
		assert.equal(labels.of(after), reading);
		assert.equal(labels.of(alone(after, 'web')), reading);
		assert.equal(reads(), 1);
	});
});
