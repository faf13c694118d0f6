import { splitTag, withTag, type ImageRef } from '../dockerfile/image-ref';

/**
 * End-of-life dates of the release lines behind Docker Hub's official images, and the lookup
 * that matches an image tag to its line. `eol` is the first day without upstream fixes (a date
 * given only as a month is written as that month's last day, so we never warn early).
 */

/** When the table was last checked against its sources. */
export const EOL_TABLE_COMPILED = '2026-11-26';

export interface ReleaseLine {
	/** Version prefix as tags write it: `18`, `3.12`, `9.6`, `22.04`. */
	line: string;
	/** First day without support, `YYYY-MM-DD`. */
	eol: string;
	/** Tag words naming this line (`bookworm`, `jammy`, `hydrogen`). */
	codenames?: readonly string[];
	/** A short-lived release (odd Node.js lines, Ubuntu interim releases, non-LTS Java): never suggested as the bump target. */
	shortTerm?: boolean;
	/** How sure the date is, when it is not a published fact. */
	note?: string;
}

export interface EolProduct {
	/** Name shown to users. */
	product: string;
	/** Official image names that ship this product's lines in their tag. */
	images: readonly string[];
	/** Where the dates come from. */
	source: string;
	/** Oldest first. */
	lines: readonly ReleaseLine[];
	/** The whole image is abandoned upstream: every tag is past its end of life since this date. */
	deprecated?: { since: string; useInstead: string; keepTagsMatching?: RegExp };
}

const OWN_KNOWLEDGE = "dates cross-checked from the compiler's own knowledge of that page";

export const EOL_PRODUCTS: readonly EolProduct[] = [
	{
		product: 'Node.js',
		images: ['node'],
		source: `https://github.com/nodejs/Release/blob/main/schedule.json (checked 2026-11-26), https://endoflife.date/nodejs`,
		lines: [
			{ line: '4', eol: '2018-04-30', codenames: ['argon'] },
			{ line: '5', eol: '2016-06-30', shortTerm: true },
			{ line: '6', eol: '2019-04-30', codenames: ['boron'] },
			{ line: '7', eol: '2017-06-30', shortTerm: true },
			{ line: '8', eol: '2019-12-31', codenames: ['carbon'] },
			{ line: '9', eol: '2018-06-30', shortTerm: true },
			{ line: '10', eol: '2021-04-30', codenames: ['dubnium'] },
			{ line: '11', eol: '2019-06-01', shortTerm: true },
			{ line: '12', eol: '2022-04-30', codenames: ['erbium'] },
			{ line: '13', eol: '2020-06-01', shortTerm: true },
			{ line: '14', eol: '2023-04-30', codenames: ['fermium'] },
			{ line: '15', eol: '2021-06-01', shortTerm: true },
			{ line: '16', eol: '2023-09-11', codenames: ['gallium'] },
			{ line: '17', eol: '2022-06-01', shortTerm: true },
			{ line: '18', eol: '2025-04-30', codenames: ['hydrogen'] },
			{ line: '19', eol: '2023-06-01', shortTerm: true },
			{ line: '20', eol: '2026-04-30', codenames: ['iron'] },
			{ line: '21', eol: '2024-06-01', shortTerm: true },
			{ line: '22', eol: '2027-04-30', codenames: ['jod'] },
			{ line: '23', eol: '2025-06-01', shortTerm: true },
			{ line: '24', eol: '2028-04-30', codenames: ['krypton'] },
			{ line: '25', eol: '2026-06-01', shortTerm: true },
			{ line: '26', eol: '2029-04-30', note: 'planned date from the release schedule' },
		],
	},
	{
		product: 'Python',
		images: ['python'],
		source: `https://devguide.python.org/versions/ (PEP 602: five years per line), https://endoflife.date/python; ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '2.7', eol: '2020-01-01' },
			{ line: '3.4', eol: '2019-03-18' },
			{ line: '3.5', eol: '2020-09-30' },
			{ line: '3.6', eol: '2021-12-23' },
			{ line: '3.7', eol: '2023-06-27' },
			{ line: '3.8', eol: '2024-10-07' },
			{ line: '3.9', eol: '2025-10-31' },
			{ line: '3.10', eol: '2026-10-31', note: 'scheduled as "2026-10"' },
			{ line: '3.11', eol: '2027-10-31', note: 'scheduled as "2027-10"' },
			{ line: '3.12', eol: '2028-10-31', note: 'scheduled as "2028-10"' },
			{ line: '3.13', eol: '2029-10-31', note: 'scheduled as "2029-10"' },
			{ line: '3.14', eol: '2030-10-31', note: 'scheduled as "2030-10"' },
		],
	},
	{
		product: 'Alpine Linux',
		images: ['alpine'],
		source: `https://alpinelinux.org/releases/ (main repository support, about two years per branch), https://endoflife.date/alpine-linux; ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '3.5', eol: '2018-11-01' },
			{ line: '3.6', eol: '2019-05-01' },
			{ line: '3.7', eol: '2019-11-01' },
			{ line: '3.8', eol: '2020-05-01' },
			{ line: '3.9', eol: '2021-01-01' },
			{ line: '3.10', eol: '2021-05-01' },
			{ line: '3.11', eol: '2021-11-01' },
			{ line: '3.12', eol: '2022-05-01' },
			{ line: '3.13', eol: '2022-11-01' },
			{ line: '3.14', eol: '2023-05-01' },
			{ line: '3.15', eol: '2023-11-01' },
			{ line: '3.16', eol: '2024-05-23' },
			{ line: '3.17', eol: '2024-11-22' },
			{ line: '3.18', eol: '2025-05-09' },
			{ line: '3.19', eol: '2025-11-01' },
			{ line: '3.20', eol: '2026-04-01' },
			{ line: '3.21', eol: '2026-11-01' },
			{ line: '3.22', eol: '2027-05-01' },
			{ line: '3.23', eol: '2027-11-01' },
		],
	},
	{
		product: 'Debian',
		images: ['debian'],
		source: `https://wiki.debian.org/LTS (end of Debian LTS, the last security support the project gives), https://endoflife.date/debian; ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '7', eol: '2018-05-31', codenames: ['wheezy'] },
			{ line: '8', eol: '2020-06-30', codenames: ['jessie'] },
			{ line: '9', eol: '2022-06-30', codenames: ['stretch'] },
			{ line: '10', eol: '2024-06-30', codenames: ['buster'] },
			{ line: '11', eol: '2026-08-31', codenames: ['bullseye'] },
			{ line: '12', eol: '2028-06-30', codenames: ['bookworm'] },
			{ line: '13', eol: '2030-06-30', codenames: ['trixie'], note: 'planned LTS end' },
		],
	},
	{
		product: 'Ubuntu',
		images: ['ubuntu'],
		source: `https://ubuntu.com/about/release-cycle (end of standard support; ESM needs Ubuntu Pro, which images do not have), https://endoflife.date/ubuntu; ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '14.04', eol: '2019-04-30', codenames: ['trusty'] },
			{ line: '16.04', eol: '2021-04-30', codenames: ['xenial'] },
			{ line: '18.04', eol: '2023-05-31', codenames: ['bionic'] },
			{ line: '20.04', eol: '2025-05-31', codenames: ['focal'] },
			{ line: '22.04', eol: '2027-06-30', codenames: ['jammy'], note: 'published as "June 2027"' },
			{ line: '22.10', eol: '2023-07-20', codenames: ['kinetic'], shortTerm: true },
			{ line: '23.04', eol: '2024-01-25', codenames: ['lunar'], shortTerm: true },
			{ line: '23.10', eol: '2024-07-11', codenames: ['mantic'], shortTerm: true },
			{ line: '24.04', eol: '2029-06-30', codenames: ['noble'], note: 'published as "June 2029"' },
			{ line: '24.10', eol: '2025-07-10', codenames: ['oracular'], shortTerm: true },
			{ line: '25.04', eol: '2026-01-31', codenames: ['plucky'], shortTerm: true, note: 'published as "January 2026"' },
			{ line: '25.10', eol: '2026-07-31', codenames: ['questing'], shortTerm: true, note: 'published as "July 2026"' },
			{ line: '26.04', eol: '2031-06-30', codenames: ['resolute'], note: 'published as "June 2031"' },
		],
	},
	{
		product: 'Go',
		images: ['golang'],
		source: `https://go.dev/doc/devel/release (each major release is supported until two newer ones exist), https://endoflife.date/go; ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '1.10', eol: '2019-02-25' },
			{ line: '1.11', eol: '2019-09-03' },
			{ line: '1.12', eol: '2020-02-25' },
			{ line: '1.13', eol: '2020-08-11' },
			{ line: '1.14', eol: '2021-02-16' },
			{ line: '1.15', eol: '2021-08-11' },
			{ line: '1.16', eol: '2022-03-15' },
			{ line: '1.17', eol: '2022-08-02' },
			{ line: '1.18', eol: '2023-02-01' },
			{ line: '1.19', eol: '2023-08-08' },
			{ line: '1.20', eol: '2024-02-06' },
			{ line: '1.21', eol: '2024-08-13' },
			{ line: '1.22', eol: '2025-02-11' },
			{ line: '1.23', eol: '2025-08-12' },
			{
				line: '1.24',
				eol: '2026-02-10',
				note: 'go1.26.0 released 2026-02-10 (go.dev/doc/devel/release; endoflife-date/endoflife.date#10523)',
			},
			{
				line: '1.25',
				eol: '2026-08-19',
				note: 'go1.27.0 released in August 2026 (endoflife-date/endoflife.date#10776, 2026-08-20); the 19th is the latest day reports allow',
			},
			{ line: '1.26', eol: '2027-02-28', note: 'predicted: ends with Go 1.28 (February 2027)' },
			{ line: '1.27', eol: '2027-08-31', note: 'predicted: ends with Go 1.29 (August 2027)' },
		],
	},
	{
		product: 'PostgreSQL',
		images: ['postgres'],
		source: `https://www.postgresql.org/support/versioning/ (five years per major version); ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '9.4', eol: '2020-02-13' },
			{ line: '9.5', eol: '2021-02-11' },
			{ line: '9.6', eol: '2021-11-11' },
			{ line: '10', eol: '2022-11-10' },
			{ line: '11', eol: '2023-11-09' },
			{ line: '12', eol: '2024-11-21' },
			{ line: '13', eol: '2025-11-13' },
			{ line: '14', eol: '2026-11-12' },
			{ line: '15', eol: '2027-11-11' },
			{ line: '16', eol: '2028-11-09' },
			{ line: '17', eol: '2029-11-08' },
			{ line: '18', eol: '2030-11-14' },
		],
	},
	{
		product: 'Redis',
		images: ['redis'],
		source:
			'https://redis.io/docs/latest/operate/oss_and_stack/install/version-mgmt/ (Redis Open Source EOL table, as quoted in endoflife-date/endoflife.date#10595, 2026-07-28); 5.0, 6.0 and 7.0 end when a later release replaced them under the earlier policy (redis/redis#10712, endoflife-date#3450)',
		lines: [
			{ line: '5.0', eol: '2022-04-27' },
			{ line: '6.0', eol: '2023-08-15' },
			{ line: '6.2', eol: '2027-04-01' },
			{ line: '7.0', eol: '2024-07-29', note: 'derived: ended when 7.4 was released' },
			{ line: '7.2', eol: '2029-12-01' },
			{ line: '7.4', eol: '2029-12-01' },
			{ line: '8.0', eol: '2026-12-01' },
			{ line: '8.2', eol: '2030-09-01' },
		],
	},
	{
		product: 'MySQL',
		images: ['mysql'],
		source: `https://www.mysql.com/support/eol-notice.html and Oracle Lifetime Support Policy, https://endoflife.date/mysql; ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '5.5', eol: '2018-12-31' },
			{ line: '5.6', eol: '2021-02-28' },
			{ line: '5.7', eol: '2023-10-31' },
			{ line: '8.0', eol: '2026-04-30' },
			{ line: '8.4', eol: '2032-04-30' },
		],
	},
	{
		product: 'MariaDB',
		images: ['mariadb'],
		source: `https://mariadb.org/about/#maintenance-policy, https://endoflife.date/mariadb; ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '10.2', eol: '2022-05-23' },
			{ line: '10.3', eol: '2023-05-25' },
			{ line: '10.4', eol: '2024-06-18' },
			{ line: '10.5', eol: '2025-06-24' },
			{ line: '10.6', eol: '2026-07-06' },
			{ line: '10.7', eol: '2023-02-09', shortTerm: true },
			{ line: '10.8', eol: '2023-05-20', shortTerm: true },
			{ line: '10.9', eol: '2023-08-22', shortTerm: true },
			{ line: '10.10', eol: '2023-11-17', shortTerm: true },
			{ line: '10.11', eol: '2028-02-16' },
			{ line: '11.0', eol: '2024-06-06', shortTerm: true },
			{ line: '11.1', eol: '2024-08-21', shortTerm: true },
			{ line: '11.2', eol: '2024-11-21', shortTerm: true },
			{ line: '11.3', eol: '2024-05-29', shortTerm: true },
			{ line: '11.4', eol: '2029-05-29' },
		],
	},
	{
		product: 'MongoDB',
		images: ['mongo'],
		source: `https://www.mongodb.com/legal/support-policy/lifecycles, https://endoflife.date/mongodb; ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '3.6', eol: '2021-04-30' },
			{ line: '4.0', eol: '2022-04-30' },
			{ line: '4.2', eol: '2023-04-30' },
			{ line: '4.4', eol: '2024-02-29' },
			{ line: '5.0', eol: '2024-10-31' },
			{ line: '6.0', eol: '2025-07-31' },
			{ line: '7.0', eol: '2027-08-31' },
			{ line: '8.0', eol: '2029-10-31' },
		],
	},
	{
		product: 'nginx',
		images: ['nginx'],
		source: `https://nginx.org/en/download.html (only the current mainline and stable branches get fixes; a branch ends when the next stable one is released), release dates from https://nginx.org/en/CHANGES; ${OWN_KNOWLEDGE}. 1.28 and later are left out until their end is published`,
		lines: [
			{ line: '1.18', eol: '2021-04-20' },
			{ line: '1.19', eol: '2021-04-20', shortTerm: true },
			{ line: '1.20', eol: '2022-05-24' },
			{ line: '1.21', eol: '2022-05-24', shortTerm: true },
			{ line: '1.22', eol: '2023-04-11' },
			{ line: '1.23', eol: '2023-04-11', shortTerm: true },
			{ line: '1.24', eol: '2024-04-23' },
			{ line: '1.25', eol: '2024-04-23', shortTerm: true },
			{ line: '1.26', eol: '2025-04-23' },
			{ line: '1.27', eol: '2025-04-23', shortTerm: true },
		],
	},
	{
		product: 'PHP',
		images: ['php'],
		source: `https://www.php.net/supported-versions.php and https://www.php.net/eol.php (from 8.1 on, support ends on 31 December); ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '5.6', eol: '2018-12-31' },
			{ line: '7.0', eol: '2019-01-10' },
			{ line: '7.1', eol: '2019-12-01' },
			{ line: '7.2', eol: '2020-11-30' },
			{ line: '7.3', eol: '2021-12-06' },
			{ line: '7.4', eol: '2022-11-28' },
			{ line: '8.0', eol: '2023-11-26' },
			{ line: '8.1', eol: '2025-12-31' },
			{ line: '8.2', eol: '2026-12-31' },
			{ line: '8.3', eol: '2027-12-31' },
			{ line: '8.4', eol: '2028-12-31' },
			{ line: '8.5', eol: '2029-12-31' },
		],
	},
	{
		product: 'Ruby',
		images: ['ruby'],
		source: `https://www.ruby-lang.org/en/downloads/branches/, https://endoflife.date/ruby; ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '2.4', eol: '2020-03-31' },
			{ line: '2.5', eol: '2021-04-05' },
			{ line: '2.6', eol: '2022-04-12' },
			{ line: '2.7', eol: '2023-03-31' },
			{ line: '3.0', eol: '2024-04-23' },
			{ line: '3.1', eol: '2025-03-26' },
			{
				line: '3.2',
				eol: '2026-04-01',
				note: 'reported as 2026-03-31 or 2026-04-01 (docker-library/ruby#526 dropped it); the later day is kept',
			},
			{ line: '3.3', eol: '2027-03-31', note: 'planned as "2027-03"' },
			{ line: '3.4', eol: '2028-03-31', note: 'planned as "2028-03"' },
			{ line: '4.0', eol: '2029-03-31', note: 'released 2025-12-25; planned as "2029-03"' },
		],
	},
	{
		product: 'Eclipse Temurin',
		images: ['eclipse-temurin'],
		source: `https://adoptium.net/support/ (LTS lines: "at least" dates; a non-LTS line ends when the next feature release ships); ${OWN_KNOWLEDGE}`,
		lines: [
			{ line: '8', eol: '2030-12-31', note: 'at least (adoptium/adoptium-support#1366)' },
			{ line: '11', eol: '2027-10-31', note: 'at least (adoptium.net#2451)' },
			{ line: '16', eol: '2021-09-30', shortTerm: true },
			{ line: '17', eol: '2027-10-31', note: 'at least' },
			{ line: '18', eol: '2022-09-30', shortTerm: true },
			{ line: '19', eol: '2023-03-31', shortTerm: true },
			{ line: '20', eol: '2023-09-30', shortTerm: true },
			{ line: '21', eol: '2029-12-31', note: 'at least (adoptium.net#2445)' },
			{ line: '22', eol: '2024-09-30', shortTerm: true },
			{ line: '23', eol: '2025-03-31', shortTerm: true },
			{ line: '24', eol: '2025-09-30', shortTerm: true },
			{ line: '25', eol: '2031-09-30', note: 'at least: six years like earlier LTS lines (adoptium.net#3394)' },
			{ line: '26', eol: '2026-09-30', shortTerm: true, note: 'ends with the JDK 27 release (September 2026)' },
		],
	},
	{
		product: 'OpenJDK (Docker official image)',
		images: ['openjdk'],
		source:
			'https://hub.docker.com/_/openjdk (deprecation notice: only early-access builds get updates after July 2022); own knowledge of that notice',
		lines: [],
		deprecated: { since: '2022-07-31', useInstead: 'eclipse-temurin', keepTagsMatching: /(^|-)ea(-|$)/ },
	},
];

export type EolState = 'eol' | 'supported' | 'unknown';

export interface EolStatus {
	/** Product name for messages; absent when the image is not in the table. */
	product?: string;
	/** The release line the tag selects (`18`, `3.8`, `buster`→`10`). */
	line?: string;
	eol?: Date;
	status: EolState;
	/** The tag bumped to the oldest supported long-term line, variant kept; absent when there is no safe one. */
	replacementTag?: string;
	/** The distribution named in the variant (`-bullseye`, `-alpine3.17`) when it is past its end of life. */
	baseDistro?: { product: string; line: string; eol: Date; word: string };
	/** For deprecated images, the image to move to. */
	useInstead?: string;
}

/** Products that are distributions themselves: their tags are not checked for a second distribution. */
const DISTROS = ['Debian', 'Ubuntu', 'Alpine Linux'];

/**
 * Statuses by image name, tag and time asked, the most recent MAX_CACHED_STATUSES: every service of a compose
 * file asks for its image's (and several rules ask again), and most files use a few images many times.
 */
const statusByImage = new Map<string, EolStatus>();
const MAX_CACHED_STATUSES = 256;

/**
 * Whether an image's release line (or the distribution in its tag) is past its end of life on `now`. The
 * answer may be shared with other callers: read it, do not change it.
 */
export function eolStatus(image: ImageRef, now: Date): EolStatus {
	if (!image.official || image.hasVariables || image.tag === undefined) return { status: 'unknown' };
	// The name's length first keeps the key unambiguous whatever the name and tag contain.
	const key = `${now.getTime()} ${image.name.length} ${image.name}:${image.tag}`;
	let status = statusByImage.get(key);
	if (status === undefined) {
		status = officialImageStatus(image.name, image.tag, now);
		if (statusByImage.size >= MAX_CACHED_STATUSES) statusByImage.delete(statusByImage.keys().next().value!);
		statusByImage.set(key, status);
	}
	return status;
}

function officialImageStatus(name: string, tag: string, now: Date): EolStatus {
	const product = EOL_PRODUCTS.find((candidate) => candidate.images.includes(name));
	if (product === undefined) return { status: 'unknown' };
	if (product.deprecated !== undefined) return deprecatedStatus(product, tag, now);
	const match = matchLine(product, tag);
	const words = match?.variantWords ?? splitTag(tag).variant?.split('-') ?? [];
	const baseDistro = DISTROS.includes(product.product) ? undefined : distroPastEol(words, now);
	const result: EolStatus = { status: 'unknown' };
	if (match !== undefined) {
		result.product = product.product;
		result.line = match.line.line;
		result.eol = parseDay(match.line.eol);
		result.status = isPast(result.eol, now) ? 'eol' : 'supported';
	}
	if (baseDistro !== undefined) result.baseDistro = baseDistro;
	const replacement = replacementFor(product, match, baseDistro, result.status, tag, now);
	if (replacement !== undefined) result.replacementTag = replacement;
	return result;
}

/** A tag that fixes everything found, or nothing: a half-fixed tag would still be past its end of life. */
function replacementFor(
	product: EolProduct,
	match: LineMatch | undefined,
	baseDistro: EolStatus['baseDistro'],
	status: EolState,
	tag: string,
	now: Date,
): string | undefined {
	// A version missing from the table may itself be long dead: do not suggest a tag that keeps it.
	// Floating tags (`lts-buster`) follow a supported line, so dropping the distribution is enough.
	if (match === undefined && splitTag(tag).version !== undefined) return undefined;
	let bump: { from: string; to: string } | undefined;
	if (status === 'eol' && match !== undefined) {
		const target = oldestSupported(product, match.line, now);
		if (target === undefined) return undefined;
		const codename = match.usesCodename ? target.codenames?.[0] : undefined;
		if (match.usesCodename && codename === undefined) return undefined;
		bump = { from: match.written, to: codename ?? target.line };
	}
	if (bump === undefined && baseDistro === undefined) return undefined;
	const replacement = replaceTag(tag, bump, baseDistro?.word);
	return replacement === tag ? undefined : replacement;
}

function isPast(eol: Date, now: Date): boolean {
	return now.getTime() >= eol.getTime();
}

/** `YYYY-MM-DD` as midnight UTC. */
export function parseDay(day: string): Date {
	return new Date(`${day}T00:00:00Z`);
}

interface LineMatch {
	line: ReleaseLine;
	/** The tag text that names the line (`18.17.1`, `buster`). */
	written: string;
	usesCodename: boolean;
	/** Remaining dash-separated words of the tag. */
	variantWords: string[];
}

function matchLine(product: EolProduct, tag: string): LineMatch | undefined {
	const { version, variant } = splitTag(tag);
	const words = variant === undefined ? [] : variant.split('-');
	if (version !== undefined) {
		const parts = version.split('.');
		const line = product.lines.find((candidate) => {
			const lineParts = candidate.line.split('.');
			return lineParts.length <= parts.length && lineParts.every((part, i) => Number(part) === Number(parts[i]));
		});
		const written = tag.startsWith('v') ? tag.slice(1, version.length + 1) : version;
		return line === undefined ? undefined : { line, written, usesCodename: false, variantWords: words };
	}
	// Codename tags: `buster-slim`, `jammy-20240101`, `hydrogen-alpine`.
	const first = words[0];
	const line = product.lines.find((candidate) => candidate.codenames?.includes(first) === true);
	return line === undefined ? undefined : { line, written: first, usesCodename: true, variantWords: words.slice(1) };
}

/** The oldest long-term line newer than `current` that is still supported on `now`. */
function oldestSupported(product: EolProduct, current: ReleaseLine, now: Date): ReleaseLine | undefined {
	const newer = product.lines.filter(
		(line) => compareLines(line.line, current.line) > 0 && line.shortTerm !== true && !isPast(parseDay(line.eol), now),
	);
	return newer.sort((a, b) => compareLines(a.line, b.line))[0];
}

function compareLines(a: string, b: string): number {
	const left = a.split('.').map(Number);
	const right = b.split('.').map(Number);
	for (let i = 0; i < Math.max(left.length, right.length); i++) {
		const difference = (left[i] ?? 0) - (right[i] ?? 0);
		if (difference !== 0) return difference;
	}
	return 0;
}

/** A Debian/Ubuntu codename or `alpineX.Y` word in a language image's tag, when that release is past its end of life. */
function distroPastEol(words: readonly string[], now: Date): EolStatus['baseDistro'] {
	for (const word of words) {
		for (const product of EOL_PRODUCTS.filter((candidate) => DISTROS.includes(candidate.product))) {
			const alpine = /^alpine(\d+\.\d+)$/.exec(word);
			const line =
				alpine !== null
					? product.product === 'Alpine Linux'
						? product.lines.find((candidate) => candidate.line === alpine[1])
						: undefined
					: product.lines.find((candidate) => candidate.codenames?.includes(word) === true);
			if (line === undefined) continue;
			const eol = parseDay(line.eol);
			if (isPast(eol, now)) return { product: product.product, line: line.line, eol, word };
		}
	}
	return undefined;
}

/**
 * Rewrites a tag: the version (or codename) bumped, and a pinned end-of-life distribution
 * dropped so the tag follows the image's current default (`-alpine3.17` → `-alpine`,
 * `-slim-bullseye` → `-slim`).
 */
function replaceTag(
	tag: string,
	bump: { from: string; to: string } | undefined,
	distroWord: string | undefined,
): string {
	let result = tag;
	if (bump !== undefined) {
		const at = result.indexOf(bump.from);
		// A date-stamped build (`jammy-20240101`) or a pinned Alpine release of the old line may not exist for the new one.
		result = (result.slice(0, at) + bump.to + result.slice(at + bump.from.length))
			.split('-')
			.filter((word) => !/^\d{8}$/.test(word))
			.map((word) => (/^alpine\d/.test(word) ? 'alpine' : word))
			.join('-');
	}
	if (distroWord !== undefined) {
		const words = result.split('-');
		const index = words.indexOf(distroWord);
		if (index > 0) {
			if (distroWord.startsWith('alpine')) words[index] = 'alpine';
			else words.splice(index, 1);
		}
		result = words.join('-');
	}
	return result;
}

function deprecatedStatus(product: EolProduct, tag: string, now: Date): EolStatus {
	const deprecated = product.deprecated!;
	const { version, variant } = splitTag(tag);
	if (version === undefined || (variant !== undefined && deprecated.keepTagsMatching?.test(variant) === true)) {
		return { status: 'unknown' };
	}
	const eol = parseDay(deprecated.since);
	return {
		product: product.product,
		line: version.split('.')[0],
		eol,
		status: isPast(eol, now) ? 'eol' : 'supported',
		useInstead: deprecated.useInstead,
	};
}

/** The finding's message for an image past its end of life (Dockerfile FROM and compose `image:` alike). */
/** The message of the EOL rules, in their `meta.messages` (filled by `eolMessageData`). */
export const EOL_MESSAGE = '`{{image}}` gets no more security fixes: {{reasons}}{{advice}}';

export function eolMessageData(image: ImageRef, status: EolStatus): { image: string; reasons: string; advice: string } {
	const reasons: string[] = [];
	if (status.status === 'eol') {
		reasons.push(`${status.product} ${status.line} reached its end of life on ${isoDay(status.eol!)}`);
	}
	if (status.baseDistro !== undefined) {
		const distro = status.baseDistro;
		reasons.push(
			`its ${distro.product} ${distro.line} (${distro.word}) base reached its end of life on ${isoDay(distro.eol)}`,
		);
	}
	let advice = '';
	if (status.replacementTag !== undefined) advice = `: use \`${withTag(image, status.replacementTag)}\``;
	else if (status.useInstead !== undefined) advice = `: the image is deprecated, use \`${status.useInstead}\``;
	return { image: image.raw, reasons: reasons.join(', and '), advice };
}

/**
 * Days as written, by time, the most recent MAX_CACHED_DAYS: every end-of-life finding of a file writes the same
 * few dates, and toISOString was the costliest step of a finding.
 */
const dayByTime = new Map<number, string>();
const MAX_CACHED_DAYS = 256;

function isoDay(date: Date): string {
	const time = date.getTime();
	let day = dayByTime.get(time);
	if (day === undefined) {
		day = date.toISOString().slice(0, 10);
		if (dayByTime.size >= MAX_CACHED_DAYS) dayByTime.delete(dayByTime.keys().next().value!);
		dayByTime.set(time, day);
	}
	return day;
}
