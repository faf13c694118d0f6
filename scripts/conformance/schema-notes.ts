/**
 * Why a compose file of category `real` keeps a `compose/schema` finding: each is a file that
 * `docker compose config` rejects too. Keyed by corpus file (realworld/<owner>+<repo>/<path>).
 */
export const SCHEMA_NOTES: Readonly<Record<string, string>> = {
	'realworld/Haxxnet+Compose-Examples/examples/kutt/docker-compose.yml':
		'correct: the same `environment` item is written twice, and the Compose schema requires unique items (`docker compose config` fails with "must be unique"; dclint refuses the file for the same reason)',
	'realworld/Haxxnet+Compose-Examples/examples/upsnap/docker-compose.yml':
		'correct: `TZ=Europe/Berlin` is listed twice under `environment`, which the Compose schema forbids (unique items); `docker compose config` and dclint reject the file too',
};
