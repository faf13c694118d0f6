import { describe } from 'node:test';
import { verdicts, type VerdictCase } from './verdicts';

// What compose-go's loader refuses beyond the JSON schema (../shared/reference/compose-go-e70e961), one refused
// and one accepted case per check. Refusals are `compose/schema` errors, references `compose/undefined-reference`.
const SCHEMA = 'compose/schema';
const REFERENCE = 'compose/undefined-reference';
const VALIDATE = 'compose-go loader/validate.go checkConsistency';
const VALIDATION = 'compose-go validation/validation.go';
/** A build context with its Dockerfile, for the accepted cases that build. */
const CONTEXT = { '/conformance/Dockerfile': 'FROM alpine:3.20\n' };

/** A file whose one service is `web` with the given lines under it (four spaces in), and more top-level text. */
function web(lines: readonly string[], more = ''): string {
	return `services:\n  web:\n${lines.map((line) => `    ${line}\n`).join('')}${more}`;
}

const cases: VerdictCase[] = [
	{ name: 'a service with neither image nor build', text: web(['ports: ["80:80"]']), upstream: `${VALIDATE}: neither an image nor a build context`, refusedBy: SCHEMA, message: 'neither `image` nor `build`' },
	{ name: 'a service with a provider and no image', text: web(['provider:', '  type: model', '  options:', '    model: ai/smollm2']), upstream: `${VALIDATE}: s.Provider counts as something to run` },
	{ name: 'dockerfile with dockerfile_inline', text: web(['build:', '  context: .', '  dockerfile: Dockerfile', '  dockerfile_inline: FROM alpine:3.20']), upstream: `${VALIDATE}: mutualy exclusive dockerfile and dockerfile_inline`, refusedBy: SCHEMA, message: '`dockerfile_inline`' },
	{ name: 'dockerfile_inline alone', files: CONTEXT, text: web(['build:', '  context: .', '  dockerfile_inline: FROM alpine:3.20']), upstream: `${VALIDATE}: dockerfile_inline without dockerfile` },
	{ name: 'a platform the build does not produce', text: web(['platform: linux/arm64', 'build:', '  context: .', '  dockerfile_inline: FROM alpine:3.20', '  platforms: [linux/amd64]']), upstream: `${VALIDATE}: service.build.platforms MUST include service.platform`, refusedBy: SCHEMA, message: 'build.platforms' },
	{ name: 'a platform among the build platforms', files: CONTEXT, text: web(['platform: linux/arm64', 'build:', '  context: .', '  dockerfile_inline: FROM alpine:3.20', '  platforms: [linux/amd64, linux/arm64]']), upstream: `${VALIDATE}: build.platforms includes platform` },
	{ name: 'network_mode with networks', text: web(['image: nginx:1.27', 'network_mode: host', 'networks: [front]'], 'networks:\n  front:\n'), upstream: `${VALIDATE}: mutually exclusive \`network_mode\` and \`networks\``, refusedBy: SCHEMA, message: '`network_mode` and `networks`' },
	{ name: 'network_mode alone', text: web(['image: nginx:1.27', 'network_mode: host']), upstream: `${VALIDATE}: network_mode without networks` },
	{ name: 'a healthcheck test list of an unknown form', text: web(['image: nginx:1.27', 'healthcheck:', '  test: ["curl", "-f", "http://localhost/"]']), upstream: `${VALIDATE}: healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"`, refusedBy: SCHEMA, message: 'CMD-SHELL' },
	{ name: 'a healthcheck test list starting with CMD, and a string test', text: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n  api:\n    image: nginx:1.27\n    healthcheck:\n      test: curl -f http://localhost/\n', upstream: `${VALIDATE}: HealthCheck.Test[0] (a string becomes CMD-SHELL)` },
	{ name: 'scale and deploy.replicas that disagree', text: web(['image: nginx:1.27', 'scale: 2', 'deploy:', '  replicas: 3']), upstream: `${VALIDATE}: can't set distinct values on 'scale' and 'deploy.replicas'`, refusedBy: SCHEMA, message: 'disagree' },
	{ name: 'scale and deploy.replicas that agree', text: web(['image: nginx:1.27', 'scale: 3', 'deploy:', '  replicas: 3']), upstream: `${VALIDATE}: equal scale and deploy.replicas` },
	{ name: 'a negative scale', text: web(['image: nginx:1.27', 'scale: -1']), upstream: `${VALIDATE}: scale must be greater than or equal to 0`, refusedBy: SCHEMA, message: 'negative' },
	{ name: 'a scale of zero', text: web(['image: nginx:1.27', 'scale: 0']), upstream: `${VALIDATE}: scale of 0` },
	{ name: 'cpus distinct from deploy.resources.limits.cpus', text: web(['image: nginx:1.27', 'cpus: 0.5', 'deploy:', '  resources:', '    limits:', '      cpus: "1.0"', '      memory: 512M']), upstream: `${VALIDATE}: can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus'`, refusedBy: SCHEMA, message: '`cpus: 0.5`' },
	{ name: 'cpus equal to deploy.resources.limits.cpus', text: web(['image: nginx:1.27', 'cpus: 0.5', 'deploy:', '  resources:', '    limits:', '      cpus: "0.50"', '      memory: 512M']), upstream: `${VALIDATE}: NanoCPUs.Value() == CPUS` },
	{ name: 'mem_limit beside limits that do not set memory', text: web(['image: nginx:1.27', 'mem_limit: 512m', 'deploy:', '  resources:', '    limits:', '      cpus: "1.0"']), upstream: `${VALIDATE}: can't set distinct values on 'mem_limit' and 'deploy.resources.limits.memory' (an unset twin is 0)`, refusedBy: SCHEMA, message: '`mem_limit: 512M`' },
	{ name: 'mem_limit equal to limits.memory, written another way', text: web(['image: nginx:1.27', 'mem_limit: 512m', 'deploy:', '  resources:', '    limits:', '      cpus: "1.0"', '      memory: 512M']), upstream: `${VALIDATE}: MemoryBytes == MemLimit` },
	{ name: 'mem_reservation distinct from reservations.memory', text: web(['image: nginx:1.27', 'mem_reservation: 64m', 'deploy:', '  resources:', '    reservations:', '      memory: 128M']), upstream: `${VALIDATE}: can't set distinct values on 'mem_reservation' and 'deploy.resources.reservations.memory'`, refusedBy: SCHEMA, message: 'mem_reservation' },
	{ name: 'mem_reservation without deploy', text: web(['image: nginx:1.27', 'mem_reservation: 64m']), upstream: `${VALIDATE}: no deploy, nothing to compare` },
	{ name: 'pids_limit distinct from limits.pids', text: web(['image: nginx:1.27', 'pids_limit: 100', 'deploy:', '  resources:', '    limits:', '      pids: 200']), upstream: `${VALIDATE}: can't set distinct values on 'pids_limit' and 'deploy.resources.limits.pids'`, refusedBy: SCHEMA, message: 'pids_limit' },
	{ name: 'pids_limit equal to limits.pids', text: web(['image: nginx:1.27', 'pids_limit: 100', 'deploy:', '  resources:', '    limits:', '      pids: 100']), upstream: `${VALIDATE}: Pids == PidsLimit` },
	{ name: 'container_name with several replicas', text: web(['image: nginx:1.27', 'container_name: web', 'deploy:', '  replicas: 2']), upstream: `${VALIDATE}: can't set container_name and deploy.replicas`, refusedBy: 'compose/scaling-conflict' },
	{ name: 'container_name with one replica', text: web(['image: nginx:1.27', 'container_name: web', 'deploy:', '  replicas: 1']), upstream: `${VALIDATE}: GetScale() == 1` },
	{ name: 'a develop.watch sync rule without a target', text: web(['build: .', 'develop:', '  watch:', '    - path: ./src', '      action: sync']), upstream: `${VALIDATE}: target is required for non-rebuild actions`, refusedBy: SCHEMA, message: 'needs a `target`' },
	{ name: 'a develop.watch rebuild rule without a target', files: CONTEXT, text: web(['build: .', 'develop:', '  watch:', '    - path: ./package.json', '      action: rebuild']), upstream: `${VALIDATE}: rebuild and restart need no target` },
	{ name: 'a blank develop.watch path', text: web(['build: .', 'develop:', '  watch:', '    - path: ""', '      action: rebuild']), upstream: `${VALIDATION} checkPath: value can't be blank`, refusedBy: SCHEMA, message: 'cannot be blank' },
	{ name: 'a tmpfs target mounted again by a volume', text: web(['image: nginx:1.27', 'tmpfs: /run', 'volumes:', '  - cache:/run'], 'volumes:\n  cache:\n'), upstream: `${VALIDATE}: target already mounted as services.web.tmpfs[0]`, refusedBy: SCHEMA, message: 'already mounted' },
	{ name: 'two volumes on one target (the last one is kept)', text: web(['image: nginx:1.27', 'volumes:', '  - ./a:/data', '  - ./b:/data']), upstream: 'compose-go override/uncity.go EnforceUnicity: volumes indexed by target' },
	{ name: 'a bind mount without a source', text: web(['image: nginx:1.27', 'volumes:', '  - type: bind', '    target: /data']), upstream: 'engine: invalid mount config for type "bind": field Source must not be empty', refusedBy: SCHEMA, message: 'needs a `source`' },
	{ name: 'a volume mount without a source (an anonymous volume)', text: web(['image: nginx:1.27', 'volumes:', '  - type: volume', '    target: /data']), upstream: `${VALIDATE}: volume.Source == "" is anonymous` },
	{ name: 'a secret with neither file nor environment', text: web(['image: nginx:1.27', 'secrets: [token]'], 'secrets:\n  token:\n    name: token\n'), upstream: `${VALIDATE}: secret must declare either \`file\` or \`environment\``, refusedBy: SCHEMA, message: 'needs a `file`' },
	{ name: 'a secret from the environment, and an external one', text: web(['image: nginx:1.27', 'secrets: [token, cert]'], 'secrets:\n  token:\n    environment: TOKEN\n  cert:\n    external: true\n'), upstream: `${VALIDATE}: secret.External or a source` },
	{ name: 'a config with file and content', text: web(['image: nginx:1.27', 'configs: [site]'], 'configs:\n  site:\n    file: ./site.conf\n    content: "x"\n'), upstream: `${VALIDATION} checkFileObject: file|environment|content attributes are mutually exclusive`, refusedBy: SCHEMA, message: 'one source' },
	{ name: 'a config with inline content', text: web(['image: nginx:1.27', 'configs: [site]'], 'configs:\n  site:\n    content: "x"\n'), upstream: `${VALIDATION} checkFileObject: one of file|environment|content` },
	{ name: 'an external volume with a driver', text: web(['image: nginx:1.27', 'volumes: [data:/data]'], 'volumes:\n  data:\n    external: true\n    driver: local\n'), upstream: 'compose-go validation/external.go checkExternal: conflicting parameters "external" and "driver"', refusedBy: SCHEMA, message: '`driver` cannot be set' },
	{ name: 'an external volume with a name and an extension', text: web(['image: nginx:1.27', 'volumes: [data:/data]'], 'volumes:\n  data:\n    external: true\n    name: shared-data\n    x-note: kept\n'), upstream: 'compose-go validation/external.go checkExternal: name, external and x-* allowed' },
	{ name: 'name with a different external.name', text: web(['image: nginx:1.27', 'networks: [front]'], 'networks:\n  front:\n    name: front-a\n    external:\n      name: front-b\n'), upstream: 'compose-go transform (transformMaybeExternal): name and external.name conflict; only use name', refusedBy: SCHEMA, message: '`external.name`' },
	{ name: 'name with the same external.name', text: web(['image: nginx:1.27', 'networks: [front]'], 'networks:\n  front:\n    name: front-a\n    external:\n      name: front-a\n'), upstream: 'compose-go transform (transformMaybeExternal): equal names' },
	{ name: 'a device count that is not a number', text: web(['image: nginx:1.27', 'deploy:', '  resources:', '    reservations:', '      devices:', '        - capabilities: [gpu]', '          count: two']), upstream: 'compose-go types DeviceCount decoding: the only value allowed is \'all\' or a number', refusedBy: SCHEMA, message: 'whole number or `all`' },
	{ name: 'a device count of all', text: web(['image: nginx:1.27', 'deploy:', '  resources:', '    reservations:', '      devices:', '        - capabilities: [gpu]', '          count: all']), upstream: 'compose-go types DeviceCount decoding: all' },
	{ name: 'a device count with device_ids', text: web(['image: nginx:1.27', 'deploy:', '  resources:', '    reservations:', '      devices:', '        - capabilities: [gpu]', '          count: 1', '          device_ids: ["0"]']), upstream: `${VALIDATION} checkDeviceRequest: "count" and "device_ids" attributes are exclusive`, refusedBy: SCHEMA, message: 'not both' },
	{ name: 'device_ids alone', text: web(['image: nginx:1.27', 'deploy:', '  resources:', '    reservations:', '      devices:', '        - capabilities: [gpu]', '          device_ids: ["0"]']), upstream: `${VALIDATION} checkDeviceRequest: device_ids alone` },
	{ name: 'a port host_ip that is not an address', text: web(['image: nginx:1.27', 'ports:', '  - target: 80', '    published: "8080"', '    host_ip: localhost']), upstream: `${VALIDATION} checkIPAddress: invalid ip address`, refusedBy: SCHEMA, message: 'not an IP address' },
	{ name: 'a port host_ip in IPv6', text: web(['image: nginx:1.27', 'ports:', '  - target: 80', '    published: "8080"', '    host_ip: "::1"']), upstream: `${VALIDATION} checkIPAddress: net.ParseIP` },
	{ name: 'an environment entry with spaces around =', text: web(['image: nginx:1.27', 'environment:', '  - DEBUG = true']), upstream: 'compose-go environment decoding: environment variable DEBUG  is declared with a trailing space', refusedBy: SCHEMA, message: 'ends with a space' },
	{ name: 'an environment entry whose value has spaces', text: web(['image: nginx:1.27', 'environment:', '  - GREETING=hello world']), upstream: 'compose-go environment decoding: spaces in the value' },
	{ name: 'a required env_file that does not exist', text: web(['image: nginx:1.27', 'env_file: app.env']), upstream: 'compose-go types WithServicesEnvironmentResolved: env file not found', refusedBy: SCHEMA, message: 'does not exist' },
	{ name: 'an optional env_file that does not exist, and one that does', text: web(['image: nginx:1.27', 'env_file:', '  - path: local.env', '    required: false', '  - app.env']), files: { '/conformance/app.env': 'A=1\n' }, upstream: 'compose-go types WithServicesEnvironmentResolved: required: false' },
	{ name: 'a file that includes itself', text: `include:\n  - compose.yaml\n${web(['image: nginx:1.27'])}`, upstream: 'compose-go loader/include.go ApplyInclude: include cycle detected', refusedBy: SCHEMA, message: 'includes itself' },
	{ name: 'two files that include each other', text: `include:\n  - other.yaml\n${web(['image: nginx:1.27'])}`, files: { '/conformance/other.yaml': 'include:\n  - compose.yaml\nservices:\n  db:\n    image: postgres:17\n' }, upstream: 'compose-go loader/include.go ApplyInclude: include cycle detected', refusedBy: SCHEMA, message: 'cycle' },
	{ name: 'an included file', text: `include:\n  - other.yaml\n${web(['image: nginx:1.27', 'depends_on: [db]'])}`, files: { '/conformance/other.yaml': 'services:\n  db:\n    image: postgres:17\n' }, upstream: 'compose-go loader/include.go ApplyInclude' },
	{ name: 'an included file that does not exist', text: `include:\n  - missing.yaml\n${web(['image: nginx:1.27'])}`, upstream: 'compose-go loader/loader.go loadYamlFile: os.ReadFile', refusedBy: SCHEMA, message: 'does not exist' },
	{ name: 'an undefined model', text: web(['image: nginx:1.27', 'models: [llm]']), upstream: `${VALIDATE}: refers to undefined model`, refusedBy: REFERENCE, message: 'model `llm`' },
	{ name: 'a declared model', text: web(['image: nginx:1.27', 'models: [llm]'], 'models:\n  llm:\n    model: ai/smollm2\n'), upstream: `${VALIDATE}: project.Models` },
	{ name: 'an additional context from an unknown service', text: web(['build:', '  context: .', '  dockerfile_inline: FROM base', '  additional_contexts:', '    base: service:bse']), upstream: `${VALIDATE}: declares unknown service as additional contexts`, refusedBy: REFERENCE, message: 'service `bse`' },
	{ name: 'an additional context from a service', files: CONTEXT, text: `${web(['build:', '  context: .', '  dockerfile_inline: FROM base', '  additional_contexts:', '    - base=service:base'])}  base:\n    build:\n      context: .\n      dockerfile_inline: FROM alpine:3.20\n`, upstream: `${VALIDATE}: additional_contexts service: prefix` },
	{ name: 'an undefined network', text: web(['image: nginx:1.27', 'networks: [front]']), upstream: `${VALIDATE}: refers to undefined network`, refusedBy: REFERENCE },
	{ name: 'an undefined volume, secret and config', text: web(['image: nginx:1.27', 'volumes: [data:/data]', 'secrets: [token]', 'configs: [site]']), upstream: `${VALIDATE}: refers to undefined volume / secret / config`, refusedBy: REFERENCE },
	{ name: 'a depends_on cycle', text: 'services:\n  a:\n    image: nginx:1.27\n    depends_on: [b]\n  b:\n    image: nginx:1.27\n    depends_on: [a]\n', upstream: 'compose-go graph.CheckCycle (from checkConsistency)', refusedBy: REFERENCE },
	{ name: 'values from unset variables are not judged', text: web(['image: nginx:1.27', 'network_mode: ${MODE}', 'networks: [default]', 'scale: ${SCALE}', 'deploy:', '  replicas: 2', 'healthcheck:', '  test: ["${FORM}", "true"]']), upstream: 'compose-go interpolation: the values come from the shell at run time' },
];

describe('Docker verdicts: compose-go loader checks', () => {
	verdicts('compose', cases);
});
