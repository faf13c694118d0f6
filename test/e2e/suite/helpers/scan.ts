import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extensionRoot } from './extension';

/** The shared corpus of real scanner reports: env SHIPSHAPE_CORPUS, else ../shared/corpus beside the repository. */
export function corpusDir(): string {
	return process.env.SHIPSHAPE_CORPUS || resolve(extensionRoot(), '..', 'shared', 'corpus');
}

export function corpusReport(relativePath: string): string | undefined {
	const file = join(corpusDir(), 'scanners', relativePath);
	return existsSync(file) ? file : undefined;
}

/** A vulnerable package of a Trivy JSON report, read here without the extension's parser. */
export interface TrivyPackage {
	name: string;
	installed: string;
	ids: string[];
	severities: string[];
}

export function trivyPackages(file: string): TrivyPackage[] {
	const report = JSON.parse(readFileSync(file, 'utf8')) as {
		Results?: {
			Vulnerabilities?: { PkgName: string; InstalledVersion: string; VulnerabilityID: string; Severity: string }[];
		}[];
	};
	const packages = new Map<string, TrivyPackage>();
	for (const result of report.Results ?? []) {
		for (const vulnerability of result.Vulnerabilities ?? []) {
			const key = `${vulnerability.PkgName}@${vulnerability.InstalledVersion}`;
			const entry = packages.get(key) ?? {
				name: vulnerability.PkgName,
				installed: vulnerability.InstalledVersion,
				ids: [],
				severities: [],
			};
			entry.ids.push(vulnerability.VulnerabilityID);
			entry.severities.push(vulnerability.Severity);
			packages.set(key, entry);
		}
	}
	return [...packages.values()];
}

/** What `shipshape.scanImage` resolves to (client/src/scan/command.ts ScanOutcome). */
export type ScanOutcome =
	| {
			status: 'scanned';
			image: string;
			scanner: string;
			counts: Record<string, number>;
			packages: number;
			locations: { uri: string; line: number }[];
	  }
	| { status: 'refused'; reason: string }
	| { status: 'failed'; message: string }
	| { status: 'cancelled' };
