// Picks the parser for the configured scanner.

import type { ScanReport, ScannerKind } from '../model';
import { parseGrype } from './grype';
import { parseSarif } from './sarif';
import { parseTrivy } from './trivy';

export function parseReport(scanner: ScannerKind, output: string, image: string): ScanReport {
	switch (scanner) {
		case 'trivy':
			return parseTrivy(output, image);
		case 'grype':
			return parseGrype(output, image);
		case 'sarif':
			return parseSarif(output, image);
	}
}
