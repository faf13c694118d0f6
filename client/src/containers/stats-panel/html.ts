// The stats panel's page. Strict CSP: nothing loads from anywhere, the one script and the one style sheet run by
// nonce, and the page never talks to Docker: the extension posts chart data (presentation/chart.ts) to it and
// the script copies strings into text nodes and SVG attributes only.
import type { ChartModel } from '../presentation/chart';

/** What the extension posts; `ready` goes the other way when the page (re)loads. */
export interface StatsUpdateMessage {
	type: 'update';
	/** `CPU 3.1% · MEM 120 MiB / 512 MiB (23%)`, or a reason when there is no sample. */
	summary: string;
	/** Where the memory limit comes from, and the CPU limit. */
	detail: string;
	chart: ChartModel;
}

function contentSecurityPolicy(nonce: string): string {
	return `default-src 'none'; img-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

export function statsPanelHtml(title: string, nonce: string, width = 600, height = 120): string {
	const safeTitle = escapeHtml(title);
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${safeTitle}</title>
<style nonce="${nonce}">
	body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
	h1 { font-size: 1.2em; font-weight: 600; }
	h2 { font-size: 1em; font-weight: 600; margin: 16px 0 4px; }
	svg { width: 100%; max-width: ${width}px; height: auto; border: 1px solid var(--vscode-panel-border); }
	polyline { fill: none; stroke-width: 2; vector-effect: non-scaling-stroke; }
	#cpu-line { stroke: var(--vscode-charts-blue); }
	#memory-line { stroke: var(--vscode-charts-purple); }
	.muted { color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<h1>${safeTitle}</h1>
<p id="summary">Waiting for the first sample…</p>
<p id="detail" class="muted"></p>
<h2>CPU <span id="cpu-latest" class="muted"></span></h2>
<svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="CPU over time"><polyline id="cpu-line" points=""></polyline></svg>
<div class="muted">top: <span id="cpu-top"></span> · <span class="span"></span></div>
<h2>Memory <span id="memory-latest" class="muted"></span></h2>
<svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="Memory over time"><polyline id="memory-line" points=""></polyline></svg>
<div class="muted">top: <span id="memory-top"></span> · <span class="span"></span></div>
<script nonce="${nonce}">
(() => {
	const vscode = acquireVsCodeApi();
	const POINTS = /^[0-9., -]*$/;
	const text = (id, value) => { document.getElementById(id).textContent = String(value); };
	const line = (id, points) => { if (POINTS.test(points)) document.getElementById(id).setAttribute('points', points); };
	window.addEventListener('message', (event) => {
		const message = event.data;
		if (!message || message.type !== 'update') return;
		text('summary', message.summary);
		text('detail', message.detail);
		for (const series of ['cpu', 'memory']) {
			const data = message.chart[series];
			line(series + '-line', data.points);
			text(series + '-latest', data.latest);
			text(series + '-top', data.top);
		}
		for (const element of document.querySelectorAll('.span')) element.textContent = message.chart.span;
	});
	vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
