import { describe } from 'node:test';
import { verdicts } from './verdicts';

// docker compose's verdicts on the schema it validates with, on `---` documents and on what its YAML loader
// refuses before the schema sees the file (compose-go e70e961, ../shared/reference/compose-go-e70e961).
const SCHEMA = 'compose-go schema/compose-spec.json (e70e961)';
const LOAD_YAML_FILE = 'compose-go loader/loader.go loadYamlFile';
const STRING_KEYS = 'compose-go loader/loader.go convertToStringKeysRecursive, formatInvalidKeyError';
const MERGE = 'go.yaml.in/yaml/v4 decoder.merge failWantMap, reached from compose-go loader/reset.go resolveContainer';

describe('Docker verdicts: the Compose schema, documents and YAML keys', () => {
	verdicts('compose', [
		// The schema docker compose validates with (the bundled one before it refused these).
		{
			name: 'a pre_start hook',
			text: 'services:\n  web:\n    image: nginx:1.27\n    pre_start:\n      - image: busybox:1.37\n        command: ["true"]\n        per_replica: true\n',
			upstream: `${SCHEMA} $defs/service/properties/pre_start, $defs/pre_start_hook`,
		},
		{
			name: 'build.no_cache_filter',
			text: 'services:\n  web:\n    image: app:1\n    build:\n      context: .\n      no_cache_filter: [deps]\n',
			upstream: `${SCHEMA} $defs/service/properties/build no_cache_filter`,
			files: { '/conformance/Dockerfile': 'FROM busybox:1.37 AS deps\nFROM busybox:1.37\nCMD ["true"]\n' },
		},
		{
			name: 'a service `models` entry with a null value',
			text: 'services:\n  web:\n    image: nginx:1.27\n    models:\n      llm:\nmodels:\n  llm:\n    model: ai/smollm2\n',
			upstream: `${SCHEMA} $defs/service/properties/models oneOf [object, null]`,
		},
		{
			name: 'an unknown key in a pre_start hook',
			text: 'services:\n  web:\n    image: nginx:1.27\n    pre_start:\n      - commnd: ["true"]\n',
			upstream: `${SCHEMA} $defs/pre_start_hook additionalProperties: false`,
			refusedBy: 'compose/schema',
			message: '`commnd` is not a valid key in `pre_start[0]`',
		},
		// Duplicates: compose-go makes some lists unique before the schema sees them.
		{
			name: 'an `environment` item written twice, the later value winning',
			text: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      - TZ=UTC\n      - DEBUG=1\n      - TZ=Europe/Berlin\n',
			upstream: `${LOAD_YAML_FILE}: override.EnforceUnicity before schema.Validate (override/uncity.go, services.*.environment by key)`,
		},
		{
			name: 'a `group_add` item written twice',
			text: 'services:\n  web:\n    image: nginx:1.27\n    group_add: [audio, audio]\n',
			upstream: `${SCHEMA} $defs/service/properties/group_add uniqueItems (not in override/uncity.go's list)`,
			refusedBy: 'compose/schema',
			message: '`group_add` lists the same item twice',
		},
		// Several `---` documents: each is decoded and merged over the ones before.
		{
			name: 'two documents, the second adding a service and overriding an image',
			text: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    image: nginx:1.28\n  db:\n    image: postgres:16\n',
			upstream: `${LOAD_YAML_FILE}: yaml.NewDecoder loop, override.Merge(dict, cfg)`,
		},
		{
			name: 'a document that leaves out a required key an earlier document gives',
			text: 'services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db: {condition: service_started}\n  db:\n    image: postgres:16\n---\nservices:\n  web:\n    depends_on:\n      db: {required: false}\n',
			upstream: `${LOAD_YAML_FILE}: schema.Validate(dict) on the merge`,
		},
		{
			name: 'a wrong value in a first document that a later document replaces',
			text: 'services:\n  web:\n    image: nginx:1.27\n    restart: 5\n---\nservices:\n  web:\n    restart: always\n',
			upstream: `${LOAD_YAML_FILE}: schema.Validate(dict) after each document`,
			refusedBy: 'compose/schema',
			message: '`restart` must be a string',
		},
		{
			name: 'an empty document after `---`',
			text: 'services:\n  web:\n    image: nginx:1.27\n---\n',
			upstream: `${LOAD_YAML_FILE} processRawYaml: "top-level object must be a mapping"`,
			refusedBy: 'compose/syntax',
			message: 'This YAML document is empty',
		},
		{
			name: 'a document that is a list',
			text: 'services:\n  web:\n    image: nginx:1.27\n---\n- db\n',
			upstream: `${LOAD_YAML_FILE} processRawYaml: "top-level object must be a mapping"`,
			refusedBy: 'compose/syntax',
			message: 'must be a mapping',
		},
		{
			name: 'an alias to an anchor of an earlier document',
			text: 'x-web: &web {image: nginx:1.27}\n---\nservices:\n  web: *web\n',
			upstream: 'go.yaml.in/yaml/v4 parser: "unknown anchor referenced" (anchors are per document)',
			refusedBy: 'compose/syntax',
			message: 'anchors do not reach past `---`',
		},
		// An empty file.
		{
			name: 'an empty file',
			text: '',
			upstream: 'compose-go loader/loader.go load: "empty compose file"',
			refusedBy: 'compose/syntax',
			message: '"empty compose file"',
		},
		{
			name: 'a file of blank lines',
			text: '\n  \n\n',
			upstream: 'compose-go loader/loader.go load: "empty compose file"',
			refusedBy: 'compose/syntax',
			message: '"empty compose file"',
		},
		{
			name: 'a file of `version:` alone',
			text: 'version: "3.8"\n',
			upstream:
				'compose-go loader/loader.go loadYamlFile deletes `version` after schema.Validate; load: "empty compose file"',
			refusedBy: 'compose/syntax',
			message: 'only the obsolete `version`',
		},
		{
			name: 'a file of comments only',
			text: '# services to come\n',
			upstream: 'compose-go loader/loader.go load: "empty compose file" (no document decoded)',
			refusedBy: 'compose/syntax',
			message: 'only comments',
		},
		// Keys that are not strings.
		{
			name: '`123:` as a service name',
			text: 'services:\n  123:\n    image: nginx:1.27\n',
			upstream: `${STRING_KEYS}: "non-string key in services: 123"`,
			refusedBy: 'compose/syntax',
			message: '`123` in `services` (a service name) reads as a number',
		},
		{
			name: '`1:` in `environment`',
			text: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      1: one\n',
			upstream: `${STRING_KEYS}: "non-string key in services.web.environment: 1"`,
			refusedBy: 'compose/syntax',
			message: 'quote it (`"1":`)',
		},
		{
			name: '`true:` in an extension',
			text: 'x-flags:\n  true: on\nservices:\n  web:\n    image: nginx:1.27\n',
			upstream: `${STRING_KEYS}: the whole document is converted, extensions included`,
			refusedBy: 'compose/syntax',
			message: 'reads as the boolean true',
		},
		{
			name: 'quoted numbers and words as keys',
			text: 'services:\n  "123":\n    image: nginx:1.27\n    environment:\n      "1": one\n      yes: two\n',
			upstream: `${STRING_KEYS}: string keys pass`,
		},
		// `<<` merge keys.
		{
			name: '`<<` merging a scalar through an alias',
			text: 'x-port: &port 8080\nservices:\n  web:\n    <<: *port\n    image: nginx:1.27\n',
			upstream: `${MERGE}: "map merge requires map or sequence of maps as the value"`,
			refusedBy: 'compose/syntax',
			message: '`<<` merges mappings, not the number 8080',
		},
		{
			name: '`<<` merging a plain string',
			text: 'services:\n  web:\n    <<: defaults\n    image: nginx:1.27\n',
			upstream: `${MERGE}: "map merge requires map or sequence of maps as the value"`,
			refusedBy: 'compose/syntax',
			message: 'not the string `defaults`',
		},
		{
			name: '`<<` merging an alias to a list of mappings',
			text: 'x-a: &a {restart: always}\nx-b: &b {init: true}\nx-both: &both [*a, *b]\nservices:\n  web:\n    <<: *both\n    image: nginx:1.27\n',
			upstream:
				'compose-go loader/reset.go resolveContainer: the alias under `<<` is replaced by its target so a sequence of maps merges',
		},
	]);
});
