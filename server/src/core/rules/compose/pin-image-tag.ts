import type { ComposeModel } from '../../compose/model';
import { serviceImage } from '../../compose/service';
import type { Rule } from '../../types';

/** Channel tags that follow new releases (dclint's default list), alone or with a variant (`stable-alpine`). */
const MOVING_TAGS = new Set(['stable', 'edge', 'nightly', 'canary', 'lts', 'beta', 'dev', 'test']);

function isMovingTag(tag: string): boolean {
	// A number anywhere (`lts-18`, `dev-1.2`) pins something: give it the benefit of the doubt.
	return !/\d/.test(tag) && MOVING_TAGS.has(tag.split('-')[0].toLowerCase());
}

export const pinImageTag: Rule<ComposeModel> = {
	meta: {
		id: 'compose/pin-image-tag',
		scope: 'compose',
		severity: 'warning',
		description: 'Pin service images to a version or digest, never `latest` or another moving tag',
		guide: 'Image Optimization Rules: Base Images; Security',
		aliases: ['service-image-require-explicit-tag'],
		fixable: false,
		messages: {
			pinVersionUntagged: 'Pin a version of `{{ref}}`{{fromDefault}}: an untagged image means `latest`',
			pinVersionInstead: 'Pin a version of `{{repository}}` instead of `latest`{{fromDefault}}',
			pinVersionMoving:
				'Pin a version of `{{repository}}`: `{{tag}}` is a moving tag that follows new releases{{fromDefault}}',
		},
		docs: {
			rationale:
				'An untagged or `:latest` image is whatever the registry serves on the day of the pull: two hosts running the same file can run different versions, and a restart after a pull upgrades without anyone deciding to. Channel tags such as `stable`, `edge`, `lts` or `nightly` move the same way. Pin a version (or a digest) so deployments are repeatable and upgrades are deliberate. Images that the file builds itself (`build:` next to `image:`) only name the build result and are not checked.',
			example:
				'services:\n  cache:\n    image: redis\n  proxy:\n    image: nginx:latest\n  app:\n    image: node:lts-alpine\n',
			useInstead:
				'services:\n  cache:\n    image: redis:7.4-alpine\n  proxy:\n    image: nginx:1.27-alpine\n  app:\n    image: node:22-alpine\n',
		},
	},
	perService: true,
	check({ model, report }) {
		for (const service of model.services) {
			// With `build:`, `image:` names what the build produces: there is nothing to pin.
			if (service.view.has('build')) continue;
			const image = serviceImage(model, service);
			if (image === undefined || image.ref.hasVariables || image.ref.digest !== undefined) continue;
			const { ref, written } = image;
			const fromDefault =
				written !== ref.raw && written.includes('$') ? ` (\`${written}\` resolves to \`${ref.raw}\`)` : '';
			if (ref.tag === undefined) {
				report({
					range: image.view.range,
					messageId: 'pinVersionUntagged',
					data: { ref: ref.raw, fromDefault },
				});
			} else if (ref.tag === 'latest') {
				report({
					range: image.view.range,
					messageId: 'pinVersionInstead',
					data: { repository: ref.repository, fromDefault },
				});
			} else if (isMovingTag(ref.tag)) {
				report({
					range: image.view.range,
					messageId: 'pinVersionMoving',
					data: { repository: ref.repository, tag: ref.tag, fromDefault },
				});
			}
		}
	},
};
