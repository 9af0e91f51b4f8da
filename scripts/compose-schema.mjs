// The compose schema as the generated validator checks it (scripts/gen-schema-validator.mjs compiles it): dclint's
// compose.schema.json with formats as patterns, no descriptions and large properties as definitions of their own.
// The browser build prepares the same object from the same JSON at run time (scripts/build-web.mjs), instead of
// carrying a second copy of the schema in the validator.

/** Go-style durations (`10s`, `1m30s`, `1h`), as compose's `interval`, `timeout`, `stop_grace_period`... */
export const DURATION = '^([+-]?(\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h))+$|^0$';

/**
 * Formats become plain keywords: `duration` a pattern; `ports`, `expose`, `subnet_ip_address` accept any string (as
 * compose-go's loader does before its own checks). Descriptions are dropped: they validate nothing, and the
 * validator embeds the schema it was made from (a third of its size was prose).
 */
function forValidation(node) {
  if (Array.isArray(node)) return node.map(forValidation);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'format' || key === 'description') && typeof value === 'string') {
      if (key === 'format' && value === 'duration') out.pattern = DURATION;
      continue;
    }
    out[key] = forValidation(value);
  }
  return out;
}

/**
 * Each large property schema of a definition (a service's `build`, `deploy`, `healthcheck`...) becomes a definition of
 * its own, referenced by `$ref`. With `inlineRefs: false` every definition is a function of its own, and V8 compiles a
 * function only when it first runs: checking a service with an image and two ports compiles a small dispatcher and
 * those two checks, not the code for all 90 service keys. The errors are the same (their schemaPath differs).
 */
function splitLargeProperties(schema, minimumLength = 300) {
  const definitions = schema.definitions ?? {};
  for (const [name, definition] of Object.entries({ ...definitions })) {
    const properties = definition && typeof definition === 'object' ? definition.properties : undefined;
    if (!properties || typeof properties !== 'object') continue;
    for (const [key, property] of Object.entries(properties)) {
      if (!property || typeof property !== 'object' || property.$ref || JSON.stringify(property).length < minimumLength) continue;
      const hoisted = `${name}--${key}`;
      if (definitions[hoisted]) throw new Error(`compose schema: definition ${hoisted} exists already`);
      definitions[hoisted] = property;
      properties[key] = { $ref: `#/definitions/${hoisted}` };
    }
  }
  return schema;
}

/** The validator's schema, from the parsed compose.schema.json (a new object: the argument is not changed). */
export function composeSchemaForValidation(json) {
  const schema = splitLargeProperties(forValidation(json));
  delete schema.$schema;
  delete schema.id;
  return schema;
}
