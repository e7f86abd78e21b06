// Hrana (versions 2 and 3, JSON encoding) request schemas and response shapes. Requests are
// validated here, once, so the executor only ever sees well-formed values: libsql's native
// binding aborts the process on types it does not expect (booleans, for one).
import { z } from 'zod';
import { type BindValue, decodeBlob, MAX_I64, MIN_I64 } from './values';

const integerValue = z.union([z.string(), z.number()]).transform((raw, ctx): bigint => {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (!/^-?\d{1,20}$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'integer value must be a decimal string' });
    return z.NEVER;
  }
  const value = BigInt(text);
  if (value < MIN_I64 || value > MAX_I64) {
    ctx.addIssue({ code: 'custom', message: 'integer value is out of the 64-bit range' });
    return z.NEVER;
  }
  return value;
});

const blobValue = z.string().transform((b64, ctx): Buffer => {
  const bytes = decodeBlob(b64);
  if (bytes === null) {
    ctx.addIssue({ code: 'custom', message: 'blob value must be base64' });
    return z.NEVER;
  }
  return bytes;
});

export const valueSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('null') }),
    z.object({ type: z.literal('integer'), value: integerValue }),
    z.object({ type: z.literal('float'), value: z.number() }),
    z.object({ type: z.literal('text'), value: z.string() }),
    z.object({ type: z.literal('blob'), base64: blobValue }),
  ])
  .transform((v): BindValue => {
    switch (v.type) {
      case 'null':
        return null;
      case 'blob':
        return v.base64;
      default:
        return v.value;
    }
  });

const sqlId = z.number().int().min(-2147483648).max(2147483647);

export const stmtSchema = z.object({
  sql: z.string().nullish(),
  sql_id: sqlId.nullish(),
  args: z.array(valueSchema).nullish(),
  named_args: z.array(z.object({ name: z.string(), value: valueSchema })).nullish(),
  want_rows: z.boolean().nullish(),
});
export type Stmt = z.infer<typeof stmtSchema>;

export type BatchCond =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and'; conds: BatchCond[] }
  | { type: 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };

const stepIndex = z.number().int().min(0);

export const batchCondSchema: z.ZodType<BatchCond> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('ok'), step: stepIndex }),
    z.object({ type: z.literal('error'), step: stepIndex }),
    z.object({ type: z.literal('not'), cond: batchCondSchema }),
    z.object({ type: z.literal('and'), conds: z.array(batchCondSchema) }),
    z.object({ type: z.literal('or'), conds: z.array(batchCondSchema) }),
    z.object({ type: z.literal('is_autocommit') }),
  ]),
);

export const batchSchema = z.object({
  steps: z.array(z.object({ condition: batchCondSchema.nullish(), stmt: stmtSchema })),
});
export type Batch = z.infer<typeof batchSchema>;

const sqlRef = { sql: z.string().nullish(), sql_id: sqlId.nullish() };

export const streamRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('close') }),
  z.object({ type: z.literal('execute'), stmt: stmtSchema }),
  z.object({ type: z.literal('batch'), batch: batchSchema }),
  z.object({ type: z.literal('sequence'), ...sqlRef }),
  z.object({ type: z.literal('describe'), ...sqlRef }),
  z.object({ type: z.literal('store_sql'), sql_id: sqlId, sql: z.string() }),
  z.object({ type: z.literal('close_sql'), sql_id: sqlId }),
  z.object({ type: z.literal('get_autocommit') }),
]);
export type StreamRequest = z.infer<typeof streamRequestSchema>;

export const pipelineReqSchema = z.object({
  baton: z.string().nullish(),
  requests: z.array(streamRequestSchema),
});
export type PipelineReq = z.infer<typeof pipelineReqSchema>;

export const cursorReqSchema = z.object({
  baton: z.string().nullish(),
  batch: batchSchema,
});
export type CursorReq = z.infer<typeof cursorReqSchema>;

// Responses are built by the server itself, so plain types are enough.

export interface ProtoError {
  message: string;
  code: string;
}

export type ProtoValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number | string }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

export interface Col {
  name: string | null;
  decltype: string | null;
}

export interface StmtResult {
  cols: Col[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  query_duration_ms: number;
}

export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (ProtoError | null)[];
}

export interface DescribeResult {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
}

export type StreamResponse =
  | { type: 'close' }
  | { type: 'execute'; result: StmtResult }
  | { type: 'batch'; result: BatchResult }
  | { type: 'sequence' }
  | { type: 'describe'; result: DescribeResult }
  | { type: 'store_sql' }
  | { type: 'close_sql' }
  | { type: 'get_autocommit'; is_autocommit: boolean };

export type StreamResult =
  | { type: 'ok'; response: StreamResponse }
  | { type: 'error'; error: ProtoError };

export interface PipelineResp {
  baton: string | null;
  base_url: string | null;
  results: StreamResult[];
}

export type CursorEntry =
  | { type: 'step_begin'; step: number; cols: Col[] }
  | { type: 'step_end'; affected_row_count: number; last_insert_rowid: string | null }
  | { type: 'step_error'; step: number; error: ProtoError }
  | { type: 'row'; row: ProtoValue[] }
  | { type: 'error'; error: ProtoError };
