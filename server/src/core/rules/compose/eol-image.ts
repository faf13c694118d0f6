import type { ComposeModel } from '../../compose/model';
import { serviceImage, type ServiceImage } from '../../compose/service';
import { replaceScalar } from '../../compose/yaml-edits';
import { EOL_MESSAGE, eolMessageData, eolStatus, EOL_TABLE_COMPILED, type EolStatus } from '../../data/eol';
import { withTag } from '../../dockerfile/image-ref';
import type { Fix, Rule } from '../../types';

export const eolImage: Rule<ComposeModel> = {
	meta: {
		id: 'compose/eol-image',
		scope: 'compose',
		severity: 'warning',
		description: 'Do not run an image whose release is past its end of life',
		guide: 'Security; Regular scanning',
		aliases: [],
		fixable: true,
		messages: {
			endOfLife: EOL_MESSAGE,
		},
		docs: {
			rationale: `Once a release line reaches its end of life, its maintainers stop fixing security holes: every new CVE stays open in the running container for good. Datastores are the usual case in Compose files (\`postgres:11\`, \`redis:5\`, \`mongo:4.4\`). The dates come from the same table as \`dockerfile/eol-base-image\` (compiled ${EOL_TABLE_COMPILED}); a distribution pinned in the tag (\`-bullseye\`, \`-alpine3.17\`) is checked as well.`,
			example: 'services:\n  db:\n    image: postgres:11-alpine\n',
			useInstead: 'services:\n  db:\n    image: postgres:15-alpine\n',
			fix: 'Bumps the tag to the oldest long-term release that is still supported, keeping the variant (`postgres:11-alpine` → `postgres:15-alpine`), and drops a pinned end-of-life distribution (`python:3.12-slim-bullseye` → `python:3.12-slim`). Offered only when `image:` is written literally (no `${VAR}`) in the service itself rather than through an alias. A major upgrade of a datastore may need a data migration: read its upgrade notes first.',
		},
	},
	perService: true,
	check({ model, now, report }) {
		for (const service of model.services) {
			const image = serviceImage(model, service);
			if (image === undefined || image.ref.digest !== undefined) continue;
			const status = eolStatus(image.ref, now);
			if (status.status !== 'eol' && status.baseDistro === undefined) continue;
			const fix = fixFor(model, image, status);
			report({
				range: image.view.range,
				messageId: 'endOfLife',
				data: eolMessageData(image.ref, status),
				...(fix ? { fix } : {}),
			});
		}
	},
};

function fixFor(model: ComposeModel, image: ServiceImage, status: EolStatus): Fix | undefined {
	// A tag built from variables would need the variable changed instead.
	if (status.replacementTag === undefined || image.written.includes('$') || image.written.trim() !== image.ref.raw) {
		return undefined;
	}
	const replacement = withTag(image.ref, status.replacementTag);
	const edit = replaceScalar(model, image.view, replacement);
	return edit === undefined ? undefined : { title: `Use \`${replacement}\``, edits: [edit], changesBase: true };
}
