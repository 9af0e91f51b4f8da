/**
 * The Compose Specification schema, validated with ajv. The schema is `dclint`'s current copy of the compose-spec
 * JSON schema, read from node_modules (esbuild inlines it into the bundle): nothing is copied into this repository.
 * It is compiled once per process, on first use.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

let validate: ValidateFunction | undefined;

/** Go-style durations (`10s`, `1m30s`, `1h`), as compose's `interval`, `timeout`, `stop_grace_period`... */
const DURATION = /^([+-]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/;

function compile(): ValidateFunction {
  // A relative path (not the package name): dclint's `exports` hide the schema from package resolution.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const original = require('../../../node_modules/dclint/schemas/compose.schema.json') as Record<string, unknown>;
  const schema: Record<string, unknown> = { ...original };
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateFormats: true });
  ajv.addFormat('duration', { type: 'string', validate: (value: string) => DURATION.test(value) });
  ajv.addFormat('ports', { type: 'string', validate: () => true });
  ajv.addFormat('expose', { type: 'string', validate: () => true });
  ajv.addFormat('subnet_ip_address', { type: 'string', validate: () => true });
  return ajv.compile(schema);
}

/** The schema's errors for a document's data (an empty list when it validates). */
export function specErrors(data: unknown): ErrorObject[] {
  validate ??= compile();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
