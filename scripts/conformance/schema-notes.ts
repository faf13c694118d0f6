/**
 * Why a compose file of category `real` keeps a `compose/schema` finding: each is a file that
 * `docker compose config` rejects too. Keyed by corpus file (realworld/<owner>+<repo>/<path>).
 * Since the switch to compose-go's schema (SCHEMA_SWITCH_REVIEW) the only ones left are env files the corpus
 * does not store (the loader checks' missing-env-file refusal).
 */
/**
 * The env files a compose file names with `env_file:` (required by default): docker compose refuses to start the
 * service without them ("env file … not found", compose-go loader/validate and types/envfile). The corpus stores
 * each compose file alone, so every such file is refused as stored; in its repository it loads once the file exists.
 */
function envFileMissing(what: string): string {
	return `refused as stored: the corpus keeps this compose file without ${what}, and docker compose stops at a missing required env file (checked 2026-12-06, each finding an \`env_file\` entry)`;
}

export const SCHEMA_NOTES: Readonly<Record<string, string>> = {
	'realworld/Haxxnet+Compose-Examples/examples/authentik/docker-compose.yml': envFileMissing(
		'`.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/bitwarden/docker-compose.yml': envFileMissing(
		'`settings.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/firefly/docker-compose.yml': envFileMissing(
		'`.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/firezone/docker-compose.yml': envFileMissing(
		'`./.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/immich/docker-compose.yml': envFileMissing(
		'`.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/leantime/docker-compose.yml': envFileMissing(
		'`./.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/linkwarden/docker-compose.yml': envFileMissing(
		'`.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/matomo/docker-compose.yml': envFileMissing(
		'`./db.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/opengist/docker-compose.yml': envFileMissing(
		'`.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/plausible/docker-compose.yml': envFileMissing(
		'`.env`, which the example asks the reader to create',
	),
	'realworld/Haxxnet+Compose-Examples/examples/tandoor/docker-compose.yml': envFileMissing(
		'`./.env`, which the example asks the reader to create',
	),
	'realworld/netbox-community+netbox-docker/docker-compose.test.yml': envFileMissing(
		'the `env/*.env` files its repository keeps beside it',
	),
	'realworld/netbox-community+netbox-docker/docker-compose.yml': envFileMissing(
		'the `env/*.env` files its repository keeps beside it',
	),
	'realworld/nextcloud+docker/.examples/docker-compose/insecure/mariadb/apache/compose.yaml': envFileMissing(
		'the `db.env` its repository keeps beside it',
	),
	'realworld/nextcloud+docker/.examples/docker-compose/insecure/mariadb/fpm/compose.yaml': envFileMissing(
		'the `db.env` its repository keeps beside it',
	),
	'realworld/nextcloud+docker/.examples/docker-compose/insecure/postgres/apache/compose.yaml': envFileMissing(
		'the `db.env` its repository keeps beside it',
	),
	'realworld/nextcloud+docker/.examples/docker-compose/insecure/postgres/fpm/compose.yaml': envFileMissing(
		'the `db.env` its repository keeps beside it',
	),
	'realworld/nextcloud+docker/.examples/docker-compose/with-nginx-proxy/mariadb/apache/compose.yaml': envFileMissing(
		'the `db.env` its repository keeps beside it',
	),
	'realworld/nextcloud+docker/.examples/docker-compose/with-nginx-proxy/mariadb/fpm/compose.yaml': envFileMissing(
		'the `db.env` its repository keeps beside it',
	),
	'realworld/nextcloud+docker/.examples/docker-compose/with-nginx-proxy/postgres/apache/compose.yaml': envFileMissing(
		'the `db.env` its repository keeps beside it',
	),
	'realworld/nextcloud+docker/.examples/docker-compose/with-nginx-proxy/postgres/fpm/compose.yaml': envFileMissing(
		'the `db.env` its repository keeps beside it',
	),
};

/**
 * The review of every `compose/schema` finding the corpus had before the switch to the schema docker
 * compose validates with (compose-go e70e961), one by one, with Docker's verdict. Written by hand from
 * a lint of each file with the engine before and after; a section of docs/corpus-report.md.
 */
export const SCHEMA_SWITCH_REVIEW = [
	"## compose/schema after the switch to compose-go's schema",
	'Before the switch (bundled compose-spec draft-07 schema, duplicates judged by the schema alone): 14 findings in 14 files (real 2, fixture 12). ' +
		"After (compose-go e70e961's 2020-12 schema, the lists compose-go makes unique before it validates left to it, `---` documents and YAML-level refusals as compose-go reads them): " +
		'1 finding in 1 file (fixture 1); `compose/syntax`: 0 before, 0 after. Each former finding, and whether Docker refuses the file:',
	[
		[
			'Haxxnet+Compose-Examples/examples/kutt/docker-compose.yml:59',
			'real',
			'`environment` lists the same item twice (items 5 and 25)',
			'accepted: `TZ=Europe/Berlin` twice; compose-go makes `environment` unique by name before validating (override/uncity.go EnforceUnicity, loader.go loadYamlFile), the later item winning. Gone.',
		],
		[
			'Haxxnet+Compose-Examples/examples/upsnap/docker-compose.yml:15',
			'real',
			'`environment` lists the same item twice (items 1 and 5)',
			'accepted, as kutt: the same item twice, kept once. Gone.',
		],
		[
			'docker+compose/pkg/e2e/fixtures/wrong-composefile/compose.yaml:4',
			'fixture',
			'`wrongField` is not a valid service key',
			'refused: docker compose\'s own e2e test (pkg/e2e/metrics_test.go) expects exit code 15 and "services.simple Additional property wrongField is not allowed". Kept.',
		],
		[
			'docker+compose/pkg/e2e/testdata/TestLocalComposeConfigNoConsistency/compose.yaml:8',
			'fixture',
			'`models.llm` must be a mapping, not empty',
			'accepted: the schema allows a null `models` entry (oneOf object, null). Gone.',
		],
		...[
			'TestPreStartHookBuildInheritance:8',
			'TestPreStartHookForceRecreate:7',
			'TestPreStartHookIdempotentReUp:7',
			'TestPreStartHookInError:5',
			'TestPreStartHookMidSequenceFailure:7',
			'TestPreStartHookNotReRunOnScaleUp:7',
			'TestPreStartHookReRunOnSpecChange:7',
			'TestPreStartHookRunsOnceForScaledService:9',
			'TestPreStartHookSequentialOrder:7',
			'TestPreStartHookSuccess:7',
		].map((test) => {
			const [name, line] = test.split(':');
			return [
				`docker+compose/pkg/e2e/testdata/${name}/compose.yaml:${line}`,
				'fixture',
				'`pre_start` is not a valid service key',
				'accepted: `pre_start` hooks are in the schema (`$defs/pre_start_hook`). Gone.',
			];
		}),
	]
		.map(([file, category, message, verdict]) => `- realworld/${file} (${category}): ${message} — ${verdict}`)
		.join('\n'),
].join('\n\n');
