import type { DocumentLink } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../../dockerfile/model';
import { registryPage } from '../registry-page';

/** A link on each FROM image to its registry page (not on stages, `scratch`, or images behind an unset variable). */
export function imageLinks(model: DockerfileModel): DocumentLink[] {
	const links: DocumentLink[] = [];
	for (const stage of model.stages) {
		if (stage.image === undefined) continue;
		const page = registryPage(stage.image);
		if (page !== undefined) {
			links.push({
				range: stage.baseRange,
				target: page.url,
				tooltip: `${stage.image.repository} on ${page.registry}`,
			});
		}
	}
	return links;
}
