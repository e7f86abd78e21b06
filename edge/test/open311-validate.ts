/// <reference types="vite/types/importMeta.d.ts" />
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// The Open311 GeoReport v2 JSON Schemas of ../shared/open311 (open311/schema-validation),
// bundled into the test at build time. When that folder is absent, `schemasAvailable` is
// false and the schema checks are skipped (and say so); every other Open311 test still runs.

const files = import.meta.glob<object>('../../../shared/open311/*.json', {
  eager: true,
  import: 'default',
});

const byName = new Map(
  Object.entries(files).map(([path, schema]) => [path.split('/').pop() as string, schema]),
);

export const SCHEMA_DIR = '../shared/open311';
export const schemasAvailable = ['request.json', 'requests.json', 'service.json'].every((n) =>
  byName.has(n),
);

/** What the skipped checks print when the schemas are absent. */
export const SKIP_REASON = `${SCHEMA_DIR} not found: Open311 JSON Schema validation skipped`;

function build() {
  // strict: false because swagger.json is a Swagger 2.0 document (its `info`, `paths`…, and
  // the non-standard formats uid/uint/double, which are declared below).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['uid', 'uint', 'double']) ajv.addFormat(format, true);
  // The list schemas $ref the item schemas by file name.
  for (const [name, schema] of byName) ajv.addSchema(schema, name);
  const compile = (schema: object) => ajv.compile(schema);
  const validators: Record<string, ValidateFunction> = {
    'services.json': ajv.getSchema('services.json') as ValidateFunction,
    'service.json': ajv.getSchema('service.json') as ValidateFunction,
    'service-definition.json': ajv.getSchema('service-definition.json') as ValidateFunction,
    'request.json': ajv.getSchema('request.json') as ValidateFunction,
    'requests.json': ajv.getSchema('requests.json') as ValidateFunction,
  };
  // POST requests and GET tokens answers have no file of their own; swagger.json defines them.
  if (byName.has('swagger.json')) {
    validators.RequestResponse = compile({
      type: 'array',
      minItems: 1,
      items: { $ref: 'swagger.json#/definitions/RequestResponse' },
    });
    validators.TokenResponse = compile({
      type: 'array',
      minItems: 1,
      items: { $ref: 'swagger.json#/definitions/TokenResponse' },
    });
  }
  return validators;
}

let validators: Record<string, ValidateFunction> | undefined;

export type SchemaName =
  | 'services.json'
  | 'service.json'
  | 'service-definition.json'
  | 'request.json'
  | 'requests.json'
  | 'RequestResponse'
  | 'TokenResponse';

/** ajv's errors for `data` against a schema, as readable lines (empty: valid). */
export function schemaErrors(name: SchemaName, data: unknown): string[] {
  validators ??= build();
  const validate = validators[name];
  if (!validate) throw new Error(`schema ${name} is not available in ${SCHEMA_DIR}`);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
}
