import type { DocumentOptions, ParseOptions, SchemaOptions, YAMLMap, YAMLSeq } from 'yaml';

/** What yaml's parse takes: how it reads the text, builds the document and resolves tags. */
export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** `!reset` and `!override` are Compose's own tags: accept them on any node, keep the value as written. */
const resetOverrideTags: NonNullable<SchemaOptions['customTags']> = ['!reset', '!override'].flatMap((tag) => [
	{ tag, collection: 'map' as const, resolve: (value: YAMLMap) => value, identify: (): boolean => false },
	{ tag, collection: 'seq' as const, resolve: (value: YAMLSeq) => value, identify: (): boolean => false },
	{ tag, resolve: (value: string) => value, identify: (): boolean => false },
]) as NonNullable<SchemaOptions['customTags']>;

/**
 * How the model reads a Compose file's YAML (`parseCompose`), and so how anything that stands in for that parse
 * (reparse.ts) must read it: `<<` merge keys, errors without the source quoted, yaml's lenient checks, Compose's tags.
 */
export const COMPOSE_YAML_OPTIONS: Readonly<YamlOptions> = Object.freeze({
	merge: true,
	prettyErrors: false,
	strict: false,
	customTags: resetOverrideTags,
});
