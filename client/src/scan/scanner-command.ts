// The argument vector for one scan. Never a shell string: the executable gets the validated
// reference as one argv item of its own, after `--` where the scanner's parser honours it
// (Trivy and Grype parse flags with cobra/pflag, which stop at `--`). Pure module.

import { qualifiedReference, validateImageReference, type ImageReference } from './image-reference';
import type { ScannerKind } from './model';

export interface ScanSettings {
	scanner: ScannerKind;
	/** Executable path; empty means the tool's name, looked up on PATH. */
	path: string;
	/** Replaces the default arguments; `${image}` stands for the reference. */
	args: string[];
	timeoutSeconds: number;
}

export interface ScannerCommand {
	scanner: ScannerKind;
	executable: string;
	args: string[];
	/** Whether the executable came from `shipshape.scan.path` (for the "not found" message). */
	fromSetting: boolean;
	/** The argv item that carries the image, for the record. */
	imageArgument: string;
}

export type CommandResult = { ok: true; command: ScannerCommand } | { ok: false; reason: string };

export const IMAGE_PLACEHOLDER = '${image}';

/**
 * Grype reads `scheme:rest` as a source ("dir:/etc" scans a folder, "sbom:x" reads a file). A bare name
 * is sent fully qualified so it cannot start with a scheme; a registry host spelled like a scheme is refused.
 */
const GRYPE_SCHEMES = new Set([
	'docker',
	'podman',
	'containerd',
	'docker-archive',
	'oci-archive',
	'oci-dir',
	'singularity',
	'dir',
	'file',
	'sbom',
	'registry',
	'purl',
	'pkg',
]);

export function buildScannerCommand(settings: ScanSettings, image: string): CommandResult {
	const validation = validateImageReference(image);
	if (!validation.ok) {
		return { ok: false, reason: `"${printable(image)}" is not an image reference: ${validation.reason}` };
	}
	const reference = validation.reference;
	const executable = settings.path.trim();
	if (settings.scanner === 'sarif' && executable === '') {
		return {
			ok: false,
			reason:
				'the SARIF scanner needs a command: set shipshape.scan.path (and shipshape.scan.args, with ${image} for the reference)',
		};
	}
	const imageArgument = imageArgumentFor(settings.scanner, reference);
	if (!imageArgument.ok) return imageArgument;
	const args =
		settings.args.length > 0
			? substitute(settings.args, imageArgument.value)
			: defaultArgs(settings.scanner, imageArgument.value);
	return {
		ok: true,
		command: {
			scanner: settings.scanner,
			executable: executable === '' ? settings.scanner : executable,
			args,
			fromSetting: executable !== '',
			imageArgument: imageArgument.value,
		},
	};
}

function imageArgumentFor(
	scanner: ScannerKind,
	reference: ImageReference,
): { ok: true; value: string } | { ok: false; reason: string } {
	if (scanner !== 'grype') return { ok: true, value: reference.raw };
	const host = reference.domain?.replace(/:\d+$/, '').toLowerCase();
	if (host !== undefined && GRYPE_SCHEMES.has(host)) {
		return {
			ok: false,
			reason: `grype would read "${host}:" in "${reference.raw}" as a source scheme, not a registry; refusing to scan it with grype`,
		};
	}
	return { ok: true, value: qualifiedReference(reference) };
}

export function defaultArgs(scanner: ScannerKind, image: string): string[] {
	switch (scanner) {
		case 'trivy':
			return ['image', '--format', 'json', '--quiet', '--', image];
		case 'grype':
			return ['-o', 'json', '--', image];
		case 'sarif':
			return [image];
	}
}

/** Each `${image}` is replaced inside its own item, which stays one item; without one the image goes last. */
function substitute(args: string[], image: string): string[] {
	const mentions = args.some((arg) => arg.includes(IMAGE_PLACEHOLDER));
	const substituted = args.map((arg) => arg.split(IMAGE_PLACEHOLDER).join(image));
	return mentions ? substituted : [...substituted, image];
}

/** For messages: control characters shown escaped, long input cut. */
export function printable(text: string): string {
	const escaped = JSON.stringify(text).slice(1, -1);
	return escaped.length > 80 ? `${escaped.slice(0, 77)}…` : escaped;
}
