// The scan results of this window: one report per image, and where each image is written (the lines
// that get its diagnostics). Pure; the diagnostics and the tree listen to it.

import { sameImage } from './image-reference';
import type { ScanReport } from './model';

export interface ImageLocation {
	uri: string;
	line: number;
	/** The written text of the line, first to last non-blank character. */
	startCharacter: number;
	endCharacter: number;
}

export interface StoredScan {
	report: ScanReport;
	locations: ImageLocation[];
	scannedAt: Date;
}

export class ScanStore {
	private readonly scans: StoredScan[] = [];
	private readonly listeners = new Set<() => void>();

	all(): readonly StoredScan[] {
		return this.scans;
	}

	get isEmpty(): boolean {
		return this.scans.length === 0;
	}

	/** Adds or replaces the scan of the report's image. */
	set(report: ScanReport, locations: ImageLocation[], scannedAt = new Date()): void {
		const index = this.scans.findIndex((scan) => sameImage(scan.report.image, report.image));
		const entry = { report, locations: dedupe(locations), scannedAt };
		if (index >= 0) this.scans[index] = entry;
		else this.scans.push(entry);
		this.changed();
	}

	/** Replaces the locations of one document after it changed: `linesOf(image)` says where it now stands. */
	relocate(uri: string, locate: (image: string) => ImageLocation[]): void {
		let changed = false;
		for (const scan of this.scans) {
			const kept = scan.locations.filter((location) => location.uri !== uri);
			const next = dedupe([...kept, ...locate(scan.report.image)]);
			if (JSON.stringify(next) !== JSON.stringify(scan.locations)) {
				scan.locations = next;
				changed = true;
			}
		}
		if (changed) this.changed();
	}

	clear(): void {
		if (this.scans.length === 0) return;
		this.scans.length = 0;
		this.changed();
	}

	onDidChange(listener: () => void): { dispose(): void } {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	private changed(): void {
		for (const listener of this.listeners) listener();
	}
}

function dedupe(locations: ImageLocation[]): ImageLocation[] {
	const seen = new Set<string>();
	return locations
		.filter((location) => {
			const key = `${location.uri}#${location.line}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
}
