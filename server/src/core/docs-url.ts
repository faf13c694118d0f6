/** Where a rule's documentation lives: docs/rules/<scope>/<name>.md in the repository. */
export const DOCS_BASE = 'https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
	return `${DOCS_BASE}${ruleId}.md`;
}
