// Conversions between Hrana JSON values and what the `libsql` package binds and returns.
import { randomBytes } from 'node:crypto';
import type { ProtoValue } from './protocol';

/** The only JS types handed to libsql for binding; anything else could abort the process. */
export type BindValue = null | bigint | number | string | Buffer;

export const MIN_I64 = -(2n ** 63n);
export const MAX_I64 = 2n ** 63n - 1n;

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function decodeBlob(b64: string): Buffer | null {
  if (!BASE64.test(b64)) return null;
  return Buffer.from(b64, 'base64');
}

// JSON has no Infinity, but SQLite floats can be infinite (`SELECT 1e999`). The client parses
// with JSON.parse, which reads the literal 1e999 as Infinity, so non-finite floats go out as
// placeholder strings that are swapped for that literal after stringify.
const MARK = `nonfinite-${randomBytes(8).toString('hex')}`;
const POS_MARK = `${MARK}+`;
const NEG_MARK = `${MARK}-`;

/** Encodes result values; one per response, so it knows whether the placeholder pass is needed. */
export class ValueEncoder {
  private sawNonFinite = false;

  encode(v: unknown): ProtoValue {
    if (v === null || v === undefined) return { type: 'null' };
    switch (typeof v) {
      case 'bigint':
        return { type: 'integer', value: v.toString() };
      case 'number':
        if (Number.isFinite(v)) return { type: 'float', value: v };
        if (Number.isNaN(v)) return { type: 'null' };
        this.sawNonFinite = true;
        return { type: 'float', value: v > 0 ? POS_MARK : NEG_MARK };
      case 'string':
        return { type: 'text', value: v };
      default:
        if (v instanceof Uint8Array) {
          return {
            type: 'blob',
            base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'),
          };
        }
        if (v instanceof ArrayBuffer)
          return { type: 'blob', base64: Buffer.from(v).toString('base64') };
        return { type: 'text', value: String(v) };
    }
  }

  stringify(body: unknown): string {
    const json = JSON.stringify(body);
    if (!this.sawNonFinite) return json;
    return json.replaceAll(`"${POS_MARK}"`, '1e999').replaceAll(`"${NEG_MARK}"`, '-1e999');
  }
}
