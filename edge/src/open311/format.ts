import { XMLBuilder } from 'fast-xml-parser';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

// The two wire formats of GeoReport v2. JSON answers are the objects/arrays themselves; XML
// answers wrap each list in its plural element (`<service_requests><request>…`), write null
// as an empty element, and start with the UTF-8 declaration the spec requires.

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

type Scalar = string | number | boolean | null;
export type XmlValue = Scalar | XmlValue[] | { [key: string]: XmlValue };

const builder = new XMLBuilder({
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // Text is escaped (& < > " '): report descriptions are citizen input.
  processEntities: true,
});

/** `<?xml …?>` then `{ root: body }` as XML. Arrays become repeated elements. */
export function toXml(root: string, body: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: xmlSafe(body) })}`;
}

/** Characters XML 1.0 forbids even escaped (control characters a pasted text may carry). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

// null becomes an empty element (GeoReport XML's "no value"; fast-xml-parser would write
// "null" in some positions), and text loses the characters XML cannot carry.
function xmlSafe(value: XmlValue): XmlValue {
  if (value === null) return '';
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)]));
  }
  return value;
}

/** Sends `json` as JSON, or `xml()` (root element and content) as XML. */
export function respond(
  c: Context,
  format: Format,
  status: ContentfulStatusCode,
  json: unknown,
  xml: () => [root: string, body: XmlValue],
): Response {
  const body = format === 'json' ? JSON.stringify(json) : toXml(...xml());
  return c.body(body, status, { 'Content-Type': CONTENT_TYPES[format] });
}

export interface Open311Error {
  code: number;
  description: string;
}

/** GeoReport errors: `[{ "code", "description" }]`, or `<errors><error>…</error></errors>`. */
export function respondErrors(
  c: Context,
  format: Format,
  status: ContentfulStatusCode,
  errors: Open311Error[],
): Response {
  return respond(c, format, status, errors, () => [
    'errors',
    { error: errors.map((e) => ({ code: e.code, description: e.description })) },
  ]);
}

/** The format named by a path's extension (`.xml` or `.json`), JSON when it names neither. */
export function formatOfPath(path: string): Format {
  return path.toLowerCase().endsWith('.xml') ? 'xml' : 'json';
}
