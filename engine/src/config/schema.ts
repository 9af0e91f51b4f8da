/**
 * Validation of `.docker-harden.yaml` against `schemas/docker-harden.schema.json` (the same schema the editor gets for
 * completion). The build compiles the schema into a standalone validator (scripts/gen-schema-validator.mjs), loaded on
 * first use only: most runs have no config.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';

let validator: ValidateFunction | undefined;

/** The JSON schema of the config file. */
export function configSchema(): Record<string, unknown> {
  // A require (not an import) keeps the JSON outside the engine's rootDir for tsc; esbuild and tsx inline/resolve it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../../schemas/docker-harden.schema.json') as Record<string, unknown>;
}

function compile(): ValidateFunction {
  if (!validator) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validator = require('./config-validator.generated.js') as ValidateFunction;
  }
  return validator;
}

export interface SchemaViolation {
  /** JSON path segments of the offending value (or of the map holding an unknown key). */
  path: string[];
  /** Set when the violation is an unknown key of the map at `path`. */
  unknownKey?: string;
  message: string;
}

/** Validates parsed config data; one violation per offending location, in document order of the paths. */
export function validateConfigData(data: unknown): SchemaViolation[] {
  const validate = compile();
  if (validate(data)) return [];
  const byLocation = new Map<string, ErrorObject[]>();
  for (const error of validate.errors ?? []) {
    const unknownKey = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
    const key = `${error.instancePath}\u0000${unknownKey ?? ''}`;
    const list = byLocation.get(key) ?? [];
    list.push(error);
    byLocation.set(key, list);
  }
  const violations: SchemaViolation[] = [];
  for (const errors of byLocation.values()) {
    const first = errors[0];
    const path = first.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (first.keyword === 'additionalProperties') {
      const unknownKey = String(first.params.additionalProperty);
      const known = Object.keys((first.parentSchema?.properties as Record<string, unknown> | undefined) ?? {}).filter((k) => k !== '$schema');
      violations.push({ path, unknownKey, message: `Unknown key "${unknownKey}"${where(path)}; expected one of: ${known.join(', ')}.` });
      continue;
    }
    // oneOf/anyOf report one error per branch; the schema's description says what is expected in one sentence.
    const described = errors.find((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf') ?? first;
    violations.push({ path, message: `${label(path)}: ${explain(described)}` });
  }
  return violations;
}

function where(path: string[]): string {
  return path.length ? ` in ${path.join('.')}` : '';
}

function label(path: string[]): string {
  return path.length ? path.join('.') : 'The configuration';
}

function explain(error: ErrorObject): string {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'type':
      return `must be ${article(String(error.params.type))}.`;
    case 'oneOf':
    case 'anyOf':
    case 'pattern':
      return description ? `invalid value (${description.replace(/\.$/, '')}).` : 'invalid value.';
    default:
      return `${error.message ?? 'invalid value'}.`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a map', array: 'a list', string: 'a string', number: 'a number', integer: 'an integer', boolean: 'true or false' };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}
