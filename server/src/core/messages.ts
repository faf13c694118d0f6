import type { MessageData, Report, RuleMeta } from './types';

/**
 * The text of a report: its rule's message `messageId` with each `{{name}}` replaced by `data[name]` as `${}`
 * would write it, nothing escaped; or the report's own `message` for a rule without `meta.messages`. Throws
 * on an unknown id, a placeholder without data, or a written message from a rule that declares messages: the
 * engine turns that into the rule's internal-error finding, so a spec sees it.
 */
export function messageOf(meta: RuleMeta, report: Report): string {
	if (report.messageId === undefined) {
		if (meta.messages !== undefined) throw new Error(`${meta.id} declares meta.messages: report a messageId`);
		return report.message;
	}
	const template = meta.messages?.[report.messageId];
	if (template === undefined) throw new Error(`${meta.id} has no message "${report.messageId}" in meta.messages`);
	return render(template, report.data ?? {}, () => `${meta.id} message "${report.messageId}"`);
}

/** The template with its placeholders filled; `what()` names it in the error when one has no value. */
export function render(template: string, data: MessageData, what: () => string): string {
	const { texts, names } = compiled(template);
	let text = texts[0];
	for (let index = 0; index < names.length; index++) {
		const name = names[index];
		if (!Object.hasOwn(data, name)) throw new Error(`${what()} needs {{${name}}}, which its data does not give`);
		text += String(data[name]) + texts[index + 1];
	}
	return text;
}

/** A template cut at its placeholders: `texts[i]` comes before `names[i]`, and the last text after the last name. */
interface CompiledTemplate {
	texts: string[];
	names: string[];
}

/**
 * Templates cut once: every finding renders one, and a file can make thousands. Keyed by the template text (rules'
 * constant messages), at most MAX_COMPILED_TEMPLATES of them.
 */
const compiledTemplates = new Map<string, CompiledTemplate>();
const MAX_COMPILED_TEMPLATES = 1024;

function compiled(template: string): CompiledTemplate {
	let known = compiledTemplates.get(template);
	if (known === undefined) {
		known = { texts: [], names: [] };
		let from = 0;
		for (const { name, start, end } of scan(template)) {
			known.texts.push(template.slice(from, start));
			known.names.push(name);
			from = end;
		}
		known.texts.push(template.slice(from));
		if (compiledTemplates.size >= MAX_COMPILED_TEMPLATES) {
			compiledTemplates.delete(compiledTemplates.keys().next().value!);
		}
		compiledTemplates.set(template, known);
	}
	return known;
}

/** The placeholder names of a template, each once, in order. */
export function placeholders(template: string): string[] {
	return [...new Set(scan(template).map((placeholder) => placeholder.name))];
}

/** `{{name}}` (a name of word characters) in a template, by a linear scan. */
function scan(template: string): { name: string; start: number; end: number }[] {
	const found: { name: string; start: number; end: number }[] = [];
	let at = template.indexOf('{{');
	while (at !== -1) {
		let end = at + 2;
		while (end < template.length && isWordChar(template.charCodeAt(end))) end++;
		if (end > at + 2 && template.startsWith('}}', end)) {
			found.push({ name: template.slice(at + 2, end), start: at, end: end + 2 });
			at = template.indexOf('{{', end + 2);
		} else at = template.indexOf('{{', at + 1);
	}
	return found;
}

function isWordChar(code: number): boolean {
	return (
		(code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 // 0-9 A-Z a-z _
	);
}

/**
 * A whole number with its digits grouped by three, as `toLocaleString('en-US')` writes it (`10,000`), which is not
 * used: its first call loads ICU's number formatting, 10-17 ms of every CLI run when a rule's docs called it as the
 * catalogue loaded. Other numbers are written as `String` writes them.
 */
export function groupedDigits(value: number): string {
	if (!Number.isSafeInteger(value)) return String(value);
	const digits = String(Math.abs(value));
	let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
	for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
	return value < 0 ? `-${grouped}` : grouped;
}
