// The "Scan results" view: image → severity → package → vulnerability, the last opening its page.

import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';
import type { Severity, VulnerablePackage, Vulnerability } from './model';
import { bySeverity, countsText, summaryMessage } from './present';
import type { ScanStore, StoredScan } from './store';

export const OPEN_LINK_COMMAND: CommandId = 'shipshape.scan.openLink';

type Node =
	| { kind: 'image'; scan: StoredScan }
	| { kind: 'severity'; scan: StoredScan; severity: Severity; packages: VulnerablePackage[] }
	| { kind: 'package'; pkg: VulnerablePackage }
	| { kind: 'vulnerability'; vulnerability: Vulnerability };

const SEVERITY_ICONS: Record<Severity, [string, string]> = {
	CRITICAL: ['error', 'errorForeground'],
	HIGH: ['error', 'list.errorForeground'],
	MEDIUM: ['warning', 'list.warningForeground'],
	LOW: ['info', 'editorInfo.foreground'],
	UNKNOWN: ['question', 'descriptionForeground'],
};

export class ScanResultsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<Node | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	private readonly subscription: { dispose(): void };

	constructor(private readonly store: ScanStore) {
		this.subscription = store.onDidChange(() => this.changed.fire(undefined));
	}

	getChildren(node?: Node): Node[] {
		if (node === undefined) return this.store.all().map((scan) => ({ kind: 'image', scan }));
		switch (node.kind) {
			case 'image':
				return bySeverity(node.scan.report).map((group) => ({ kind: 'severity', scan: node.scan, ...group }));
			case 'severity':
				return node.packages.map((pkg) => ({ kind: 'package', pkg }));
			case 'package':
				return node.pkg.vulnerabilities.map((vulnerability) => ({ kind: 'vulnerability', vulnerability }));
			case 'vulnerability':
				return [];
		}
	}

	getTreeItem(node: Node): vscode.TreeItem {
		switch (node.kind) {
			case 'image':
				return imageItem(node.scan);
			case 'severity':
				return severityItem(node.severity, node.packages.length);
			case 'package':
				return packageItem(node.pkg);
			case 'vulnerability':
				return vulnerabilityItem(node.vulnerability);
		}
	}

	dispose(): void {
		this.subscription.dispose();
		this.changed.dispose();
	}
}

function imageItem(scan: StoredScan): vscode.TreeItem {
	const item = new vscode.TreeItem(scan.report.image, vscode.TreeItemCollapsibleState.Expanded);
	item.description = countsText(scan.report);
	item.tooltip = `${summaryMessage(scan.report)}\nScanned ${scan.scannedAt.toLocaleString()}`;
	item.iconPath = new vscode.ThemeIcon('shield');
	item.contextValue = 'scanImage';
	return item;
}

function severityItem(severity: Severity, packages: number): vscode.TreeItem {
	const open = severity === 'CRITICAL' || severity === 'HIGH';
	const item = new vscode.TreeItem(
		severity,
		open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
	);
	item.description = `${packages} package${packages === 1 ? '' : 's'}`;
	const [icon, color] = SEVERITY_ICONS[severity];
	item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
	item.contextValue = 'scanSeverity';
	return item;
}

function packageItem(pkg: VulnerablePackage): vscode.TreeItem {
	const item = new vscode.TreeItem(`${pkg.name} ${pkg.installed}`.trim(), vscode.TreeItemCollapsibleState.Collapsed);
	item.description = pkg.fixed === undefined ? 'no fix yet' : `→ ${pkg.fixed}${pkg.allFixed ? '' : ' (not all fixed)'}`;
	item.tooltip = [
		`${pkg.name} ${pkg.installed}`,
		pkg.location,
		`${pkg.vulnerabilities.length} vulnerabilit${pkg.vulnerabilities.length === 1 ? 'y' : 'ies'}, gravest ${pkg.severity}`,
	]
		.filter((line) => line !== undefined)
		.join('\n');
	item.iconPath = new vscode.ThemeIcon('package');
	item.contextValue = 'scanPackage';
	return item;
}

function vulnerabilityItem(vulnerability: Vulnerability): vscode.TreeItem {
	const item = new vscode.TreeItem(vulnerability.id, vscode.TreeItemCollapsibleState.None);
	item.description = [vulnerability.severity, vulnerability.title].filter((part) => part !== undefined).join(' · ');
	const tooltip = new vscode.MarkdownString();
	tooltip.appendText(`${vulnerability.id} (${vulnerability.severity})`);
	if (vulnerability.title !== undefined) tooltip.appendText(`\n\n${vulnerability.title}`);
	if (vulnerability.fixed !== undefined) tooltip.appendText(`\n\nFixed in ${vulnerability.fixed}`);
	if (vulnerability.url !== undefined) tooltip.appendText(`\n\n${vulnerability.url}`);
	item.tooltip = tooltip;
	item.iconPath = new vscode.ThemeIcon(vulnerability.url === undefined ? 'bug' : 'link-external');
	item.contextValue = 'scanVulnerability';
	if (vulnerability.url !== undefined) {
		item.command = { title: 'Open', command: OPEN_LINK_COMMAND, arguments: [vulnerability.url] };
	}
	return item;
}

/** Opens a vulnerability page in the browser; only http(s) addresses, as they come from a report. */
export async function openLink(url: unknown): Promise<boolean> {
	if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return false;
	return vscode.env.openExternal(vscode.Uri.parse(url));
}
