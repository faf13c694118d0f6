// Which value a `shipshape.*` setting has, from package.json's declaration of it and what VS Code holds. Pure.

/** One setting as package.json's `contributes.configuration` declares it: the parts a value is checked against. */
export interface SettingSchema {
	type?: unknown;
	default?: unknown;
	enum?: readonly unknown[];
	minimum?: number;
	maximum?: number;
	items?: { type?: unknown };
	scope?: string;
}

/** What `WorkspaceConfiguration.inspect(key)` returns, in the parts read here. */
export interface Inspected {
	globalValue?: unknown;
	workspaceValue?: unknown;
	workspaceFolderValue?: unknown;
}

export interface SettingRead {
	value: unknown;
	/** A machine-scoped setting had a workspace value, which was not used (to say so in the log). */
	ignoredWorkspaceValue: boolean;
}

/**
 * The value to use. A machine-scoped setting takes the user's value only: a workspace must not choose what
 * runs (the scanner) or where (the Docker host), even were VS Code to hand its value over. A value the schema
 * rejects falls back to the declared default; a number outside its bounds is brought inside them.
 * `effective` is `WorkspaceConfiguration.get(key)`, VS Code's resolved value for every other scope.
 */
export function settingValue(schema: SettingSchema, effective: unknown, inspected: Inspected | undefined): SettingRead {
	const machine = schema.scope === 'machine';
	const ignoredWorkspaceValue =
		machine && (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined);
	const candidate = machine ? inspected?.globalValue : effective;
	return { value: accepted(schema, candidate) ?? schema.default, ignoredWorkspaceValue };
}

/** The value as the schema would take it (a number clamped to its bounds), or undefined if it would not. */
function accepted(schema: SchemaForValue, value: unknown): unknown {
	if (value === undefined || !hasType(schema.type, value)) return undefined;
	if (schema.enum !== undefined && !schema.enum.includes(value)) return undefined;
	if (Array.isArray(value) && schema.items !== undefined) {
		return value.every((item) => hasType(schema.items?.type, item)) ? value : undefined;
	}
	if (typeof value === 'number') {
		return Math.min(
			schema.maximum ?? Number.POSITIVE_INFINITY,
			Math.max(schema.minimum ?? Number.NEGATIVE_INFINITY, value),
		);
	}
	return value;
}

type SchemaForValue = Pick<SettingSchema, 'type' | 'enum' | 'minimum' | 'maximum' | 'items'>;

function hasType(type: unknown, value: unknown): boolean {
	switch (type) {
		case 'boolean':
			return typeof value === 'boolean';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'integer':
			return Number.isInteger(value);
		case 'string':
			return typeof value === 'string';
		case 'array':
			return Array.isArray(value);
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		default:
			return false;
	}
}

/** package.json's settings by full name (`shipshape.codeLens.enable`); `contributes.configuration` is one object or a list. */
export function declaredSettings(manifest: unknown): ReadonlyMap<string, SettingSchema> {
	const contributes = (manifest as { contributes?: { configuration?: unknown } } | undefined)?.contributes;
	const configuration = contributes?.configuration;
	const sections = Array.isArray(configuration) ? configuration : [configuration];
	const declared = new Map<string, SettingSchema>();
	for (const section of sections) {
		const properties = (section as { properties?: Record<string, SettingSchema> } | undefined)?.properties ?? {};
		for (const [name, schema] of Object.entries(properties)) declared.set(name, schema);
	}
	return declared;
}
