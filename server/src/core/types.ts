import type { Range, TextEdit } from 'vscode-languageserver-types';

export type { Range, TextEdit };

/**
 * error: the build or the container breaks, or a secret leaks; warning: worth fixing before it ships (for a few rules
 * the guide makes it mandatory: `RuleMeta.guideMandate`); info: the guide recommends it.
 */
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
/** `shipshape` is for what the engine itself reports (unknown rule ids, a rule that failed). */
export type Scope = 'dockerfile' | 'compose' | 'workspace' | 'shipshape';
export type DocumentKind = 'dockerfile' | 'compose';

/** A change to a file other than the linted one (e.g. creating `.dockerignore`). */
export interface FileChange {
	/** Absolute path, or relative to the linted file's directory. */
	path: string;
	/** The whole new content of that file. */
	content: string;
	/** Whether the file exists now (the fix extends it) or is created. */
	existed: boolean;
}

export interface Fix {
	/** Shown as the quick-fix title, e.g. "Add a non-root user". */
	title: string;
	/** Edits to the linted document, non-overlapping. */
	edits: TextEdit[];
	/** Edits to other files. */
	files?: FileChange[];
	/**
	 * The fix changes what other fixes are computed from (a base image decides the package manager, the
	 * health probe, the user commands). fixAll applies such fixes in a pass of their own and recomputes
	 * the rest on the result.
	 */
	changesBase?: boolean;
}

export interface FindingTag {
	deprecated?: boolean;
	unnecessary?: boolean;
}

/** The values of a message's `{{placeholders}}`, written into it as `${}` would (`undefined` included). */
export type MessageData = Readonly<Record<string, string | number | null | undefined>>;

/** What a finding says, by the id of one of its rule's `meta.messages` (the way of the catalogue's rules). */
export interface MessageById {
	messageId: string;
	data?: MessageData;
	message?: never;
}

/**
 * What a finding says, written out: for rules without `meta.messages` (the small rules engine specs define
 * inline, a caller's own rules). A rule that declares messages cannot use it (the engine refuses it).
 */
export interface MessageWritten {
	message: string;
	messageId?: never;
	data?: never;
}

/** What a rule reports. */
export type Report = ReportBase & (MessageById | MessageWritten);

export interface ReportBase {
	range: Range;
	/** Peer ids this particular finding corresponds to; defaults to the rule's aliases. */
	aliases?: readonly string[];
	/** Overrides the rule's default severity for this finding (before the user's setting). */
	severity?: Severity;
	fix?: Fix;
	tags?: FindingTag;
}

export interface Finding extends ReportBase {
	message: string;
	ruleId: string;
	severity: Severity;
	aliases: readonly string[];
}

export interface RuleDocs {
	/** Why it matters, in a sentence or three. */
	rationale: string;
	/** A file that makes the rule fire. */
	example: string;
	/** The same file written the way the guide asks. */
	useInstead: string;
	/** What the fix does and when it is offered; absent when there is no fix. */
	fix?: string;
}

export interface RuleMeta {
	id: string;
	scope: Scope;
	severity: Severity;
	/** One line, imperative. */
	description: string;
	/** Section(s) of the guide the rule comes from. */
	guide?: string;
	/**
	 * The guide's own words where it makes this mandatory ("Multi-Stage Builds (Required)"); absent when the guide
	 * recommends it or does not speak of it. The rule's docs say "mandatory" only with it.
	 */
	guideMandate?: string;
	/** Peer ids: hadolint DLxxxx, BuildKit check names, Trivy DSxxx, Checkov CKV_DOCKER_n, … */
	aliases: readonly string[];
	fixable: boolean;
	docs: RuleDocs;
	/**
	 * What the rule's findings say, by id: `report({ messageId, data })` names one and fills its `{{name}}`
	 * placeholders from `data` (rendered by the engine, nothing escaped). Every catalogue rule declares them
	 * (test/unit/core/messages.test.ts); the engine rules of `shipshape/` build their findings themselves.
	 */
	messages?: Readonly<Record<string, string>>;
}

/** Reads files beside the linted one; the core never touches the disk itself. */
export interface FileHost {
	/** The file's text; undefined when it does not exist or the host refused to read it. */
	readFile(path: string): string | undefined;
	exists(path: string): boolean;
	/**
	 * Why the host refused to read this file (a special file, a link out of the project, over the size
	 * cap), once `readFile` returned undefined for it; undefined when it was read or is simply missing.
	 */
	refusal?(path: string): string | undefined;
}

export interface RuleContext<M> {
	readonly model: M;
	/** Today, injectable so that date-bound rules are testable. */
	readonly now: Date;
	/** Path of the linted file, when it has one. */
	readonly path?: string;
	readonly host?: FileHost;
	report(report: Report): void;
}

export interface Rule<M> {
	meta: RuleMeta;
	check(context: RuleContext<M>): void;
	/**
	 * Compose rules only: the rule judges each service by itself. A finding in a service's lines (its fix may edit
	 * elsewhere) comes from nothing but that service and what lies outside every service (anchors, top-level
	 * declarations, `.env`, other files); a finding outside every service, from what lies outside alone. An edit inside
	 * one service then re-runs the rule on a model whose `services` hold that service alone (`servicesOnly`), takes its
	 * findings on that service and keeps the others (compose/relint.ts). A rule that compares services, or words a
	 * finding from another one, must not say so; test/unit/core/compose/relint.test.ts and the fuzzer check the claim.
	 */
	perService?: true;
	/**
	 * With `perService`, for a rule that also reads across services (the one-shot jobs other services wait for, the
	 * secret names of every service's environment): that reading. The run on the edited service alone reads it from the
	 * whole file (`model.whole`); the findings on other services are kept only while the edited service adds the same
	 * share to it in both texts (then the earlier text's reading is carried over); otherwise the rule runs on the whole
	 * file. compose/across-services.ts makes one.
	 */
	crossServices?: CrossServices<M>;
}

/** What a re-lint needs of a reading across services (`Rule.crossServices`). */
export interface CrossServices<M> {
	/**
	 * What the model's services (on a re-lint: the edited one alone, `servicesOnly`) add to the reading, as a string;
	 * `host` reads what the lint reads beside the file (a built Dockerfile's HEALTHCHECK).
	 */
	share(model: M, host?: FileHost): string;
	/** Hands `from`'s reading to `to`: two whole files whose services all add the same shares. */
	carry(from: M, to: M): void;
}

/** A finding the engine reports itself rather than a rule over a model; listed in the catalogue for docs and settings. */
export interface EngineRule {
	meta: RuleMeta;
}
