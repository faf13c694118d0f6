import { DockerfileParser, type Comment as AstComment } from 'dockerfile-ast';
import type { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import { Util } from 'dockerfile-ast/lib/util';
import { comparePositions } from '../text';
import type { Position, Range } from 'vscode-languageserver-types';

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
		let stagesOf: ((position: Position) => number[]) | undefined;
		for (const comment of this.getComments()) {
			if (Util.isInsideRange(comment.getRange().end, initialRange)) {
				this.initialInstructions.addComment(comment);
				continue;
			}
			stagesOf ??= stageFinder(this.buildStages.map((stage) => stage.getRange() as Range));
			for (const index of stagesOf(comment.getRange().start)) this.buildStages[index].addComment(comment);
		}
	};
	patched.library = prototype.organizeComments;
	prototype.organizeComments = patched;
}

const NO_STAGES: number[] = [];

/**
 * The indexes of the ranges holding a position, in order, as the library's loop over every stage
 * finds them. Stage ranges follow each other without overlapping, so a binary search finds the
 * one candidate: comments × stages checks made a 1,770-stage file spend most of its parse here.
 * Ranges that overlap or go backwards (never seen) are searched one by one, as the library does.
 */
export function stageFinder(ranges: readonly Range[]): (position: Position) => number[] {
	const ordered = ranges.every(
		(range, index) => index === 0 || comparePositions(ranges[index - 1].end, range.start) < 0,
	);
	if (!ordered) {
		return (position) => ranges.flatMap((range, index) => (Util.isInsideRange(position, range) ? [index] : []));
	}
	return (position) => {
		// The last range starting at or before the position.
		let low = 0;
		let high = ranges.length - 1;
		let candidate = -1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			if (comparePositions(ranges[middle].start, position) <= 0) {
				candidate = middle;
				low = middle + 1;
			} else {
				high = middle - 1;
			}
		}
		return candidate >= 0 && Util.isInsideRange(position, ranges[candidate]) ? [candidate] : NO_STAGES;
	};
}

/** The library's own organizeComments on a parsed Dockerfile (for the comparison tests). */
export function libraryOrganizeComments(dockerfile: unknown): void {
	const method = dockerfilePrototype().organizeComments;
	(method.library ?? method).call(dockerfile as DockerfileInternals);
}
