/** Credentials written into URLs, shared by the Dockerfile and Compose secret rules. */

export interface UrlCredentials {
	user: string;
	password: string;
	/** Offsets of the user and of the password in the text. */
	userAt: number;
	passwordAt: number;
}

/**
 * `scheme://user:password@` in `text`, left to right: a scheme (a letter at a word boundary, then
 * letters, digits, `+ . -`), a user without `/ : @ $`, quotes or spaces, a password without `/ @`,
 * quotes or spaces. A scan from each `://` (a regular expression here was quadratic in a long run
 * of scheme characters).
 */
export function urlCredentials(text: string): UrlCredentials[] {
	const found: UrlCredentials[] = [];
	if (!text.includes('@')) return found;
	let from = 0;
	for (
		let separator = text.indexOf('://');
		separator !== -1;
		separator = text.indexOf('://', Math.max(separator + 1, from))
	) {
		if (!hasScheme(text, from, separator)) continue;
		const userStart = separator + 3;
		const userEnd = runEnd(text, userStart, URL_USER_STOP);
		if (userEnd === userStart || text[userEnd] !== ':') continue;
		const passwordEnd = runEnd(text, userEnd + 1, URL_PASSWORD_STOP);
		if (passwordEnd === userEnd + 1 || text[passwordEnd] !== '@') continue;
		found.push({
			user: text.slice(userStart, userEnd),
			password: text.slice(userEnd + 1, passwordEnd),
			userAt: userStart,
			passwordAt: userEnd + 1,
		});
		from = passwordEnd + 1;
	}
	return found;
}

const URL_USER_STOP = new Set(['/', ':', '@', "'", '"', '$']);
const URL_PASSWORD_STOP = new Set(['/', '@', "'", '"']);

/** Whether a scheme ends at `end` and starts at or after `from`. */
function hasScheme(text: string, from: number, end: number): boolean {
	let start = end;
	while (start > from && /[a-z0-9+.-]/i.test(text[start - 1])) start--;
	for (let i = start; i < end; i++) {
		if (/[a-z]/i.test(text[i]) && (i === 0 || !/\w/.test(text[i - 1]))) return true;
	}
	return false;
}

/** The end of the run from `from` of characters that are neither whitespace nor in `stop`. */
function runEnd(text: string, from: number, stop: ReadonlySet<string>): number {
	let i = from;
	while (i < text.length && !stop.has(text[i]) && !/\s/.test(text[i])) i++;
	return i;
}
