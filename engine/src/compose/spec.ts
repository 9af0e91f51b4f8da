/**
 * The Compose Specification schema, validated with ajv. The schema is `dclint`'s current copy of the compose-spec
 * JSON schema in node_modules (nothing is copied into this repository). The build compiles it once into a
 * standalone validator module (`scripts/gen-schema-validator.mjs` → `spec-validator.generated.js`, inlined by
 * esbuild), so no process pays ajv's compile time; the module is loaded on first use.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';

let validate: ValidateFunction | undefined;

function load(): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./spec-validator.generated.js') as ValidateFunction;
}

/** The schema's errors for a document's data (an empty list when it validates). */
export function specErrors(data: unknown): ErrorObject[] {
  validate ??= load();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
