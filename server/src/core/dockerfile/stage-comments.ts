import { DockerfileParser, type Comment as AstComment } from 'dockerfile-ast';
import type { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import { Util } from 'dockerfile-ast/lib/util';
import type { Range } from 'vscode-languageserver-types';

/**
 * dockerfile-ast's parser ends by handing each comment to the stage it sits in (Dockerfile's
 * organizeComments), and it rebuilt every stage's range for every comment: comments × stages ranges,
 * a tenth of the parse of a 59-stage, 84-comment file. A stage's range comes from its instructions
 * only, and handing out comments does not change them, so here each range is built once per parse;
 * the comments go to the same stages in the same order. `libraryOrganizeComments` still runs the
 * library's own method: the unit tests compare the two.
 */

/** The parts of dockerfile-ast's Dockerfile the method reads (not in its public types). */
interface DockerfileInternals {
	initialInstructions: ImageTemplate;
	buildStages: ImageTemplate[];
	getComments(): AstComment[];
}

type OrganizeComments = (this: DockerfileInternals) => void;
type PatchedOrganizeComments = OrganizeComments & { library?: OrganizeComments };

function dockerfilePrototype(): { organizeComments: PatchedOrganizeComments } {
	return Object.getPrototypeOf(DockerfileParser.parse('')) as { organizeComments: PatchedOrganizeComments };
}

/** Installs the one-range-per-stage version on dockerfile-ast's Dockerfile (once). */
export function installStageComments(): void {
	const prototype = dockerfilePrototype();
	if (prototype.organizeComments.library !== undefined) return;
	const patched: PatchedOrganizeComments = function (this: DockerfileInternals) {
		// Never null for these templates (an empty one has the range 0:0-0:0).
		const initialRange = this.initialInstructions.getRange() as Range;
		let stageRanges: Range[] | undefined;
		for (const comment of this.getComments()) {
			if (Util.isInsideRange(comment.getRange().end, initialRange)) {
				this.initialInstructions.addComment(comment);
				continue;
			}
			stageRanges ??= this.buildStages.map((stage) => stage.getRange() as Range);
			for (let index = 0; index < this.buildStages.length; index++) {
				if (Util.isInsideRange(comment.getRange().start, stageRanges[index])) this.buildStages[index].addComment(comment);
			}
		}
	};
	patched.library = prototype.organizeComments;
	prototype.organizeComments = patched;
}

/** The library's own organizeComments on a parsed Dockerfile (for the comparison tests). */
export function libraryOrganizeComments(dockerfile: unknown): void {
	const method = dockerfilePrototype().organizeComments;
	(method.library ?? method).call(dockerfile as DockerfileInternals);
}
