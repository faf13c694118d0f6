/**
 * The page of the Compose reference (https://docs.docker.com/reference/compose-file/) that documents the
 * key at `path`, with the heading of the key it belongs to: `services.web.healthcheck.interval` →
 * services/#healthcheck; build, deploy and develop keys have pages of their own.
 */
export function referenceUrl(path: readonly string[]): string {
	const base = 'https://docs.docker.com/reference/compose-file';
	const [section, , field, sub] = path;
	if (section === undefined) return `${base}/`;
	if (section.startsWith('x-')) return `${base}/extension/`;
	if (section === 'version' || section === 'name') return `${base}/version-and-name/`;
	if (section === 'services') {
		if (field === undefined) return `${base}/services/`;
		if (SUBPAGES.has(field)) {
			return sub === undefined || sub === '-' ? `${base}/${field}/` : `${base}/${field}/#${anchor(sub)}`;
		}
		return `${base}/services/#${anchor(field)}`;
	}
	if (PAGES.has(section)) {
		const key = path[2];
		return key === undefined || key === '-' ? `${base}/${section}/` : `${base}/${section}/#${anchor(key)}`;
	}
	return `${base}/`;
}

/** Service keys with a page of their own. */
const SUBPAGES = new Set(['build', 'deploy', 'develop']);
/** Top-level sections with a page of their own. */
const PAGES = new Set(['networks', 'volumes', 'secrets', 'configs', 'models', 'include']);

/** Headings become ids as written, lower case (`depends_on`, `cap_add`). */
function anchor(key: string): string {
	return encodeURIComponent(key.toLowerCase());
}
