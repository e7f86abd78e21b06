// Hrana details the client rarely or never exercises, sent as hand-written requests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-helpers';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({ maxBodyBytes: 1024 * 1024 });
});
afterEach(async () => {
  await t.close();
});

// biome-ignore lint/suspicious/noExplicitAny: responses are inspected structurally
type Json = any;

async function pipeline(body: unknown, version = 'v2'): Promise<Json> {
  const res = await t.post(`/${version}/pipeline`, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

const stmt = (sql: string, extra: object = {}) => ({ type: 'execute', stmt: { sql, ...extra } });

describe('version probes', () => {
  it('answers /v2 and /v3 and declines protobuf so clients fall back to JSON', async () => {
    expect((await fetch(`${t.url}/v2`)).status).toBe(200);
    expect((await fetch(`${t.url}/v3`)).status).toBe(200);
    expect((await fetch(`${t.url}/v3-protobuf`)).status).toBe(404);
  });
});

describe('pipeline', () => {
  it('returns typed values, column metadata and a fresh baton per response', async () => {
    const first = await pipeline({
      baton: null,
      requests: [
        stmt('create table v (i integer, f real, t text, b blob)'),
        stmt('insert into v values (?, ?, ?, ?)', {
          args: [
            { type: 'integer', value: '-9223372036854775808' },
            { type: 'float', value: 0.5 },
            { type: 'text', value: 'ở' },
            { type: 'blob', base64: Buffer.from([0, 255]).toString('base64') },
          ],
        }),
      ],
    });
    expect(first.results[1]).toMatchObject({
      type: 'ok',
      response: { type: 'execute', result: { affected_row_count: 1, last_insert_rowid: '1' } },
    });
    expect(typeof first.baton).toBe('string');

    const second = await pipeline({
      baton: first.baton,
      requests: [stmt('select i, f, t, b, null as n from v'), { type: 'close' }],
    });
    expect(second.baton).toBeNull();
    expect(second.results[0].response.result).toMatchObject({
      cols: [
        { name: 'i', decltype: 'INTEGER' },
        { name: 'f', decltype: 'REAL' },
        { name: 't', decltype: 'TEXT' },
        { name: 'b', decltype: 'BLOB' },
        { name: 'n', decltype: null },
      ],
      rows: [
        [
          { type: 'integer', value: '-9223372036854775808' },
          { type: 'float', value: 0.5 },
          { type: 'text', value: 'ở' },
          { type: 'blob', base64: 'AP8=' },
          { type: 'null' },
        ],
      ],
    });
    expect(second.results[1]).toEqual({ type: 'ok', response: { type: 'close' } });
  });

  it('honours want_rows, store_sql/close_sql, sequence and describe', async () => {
    const out = await pipeline({
      requests: [
        {
          type: 'sequence',
          sql: 'create table s (id integer primary key, x); insert into s (x) values (1), (2);',
        },
        { type: 'store_sql', sql_id: 7, sql: 'select x from s where id = :id' },
        {
          type: 'execute',
          stmt: {
            sql_id: 7,
            named_args: [{ name: ':id', value: { type: 'integer', value: '2' } }],
          },
        },
        stmt('select x from s', { want_rows: false }),
        { type: 'describe', sql: 'select id, x as y from s where id = ?1 or x = @x' },
        { type: 'describe', sql: 'insert into s (x) values (?)' },
        { type: 'close_sql', sql_id: 7 },
        { type: 'execute', stmt: { sql_id: 7 } },
        { type: 'close' },
        stmt('select 1'),
      ],
    });
    const r = out.results;
    expect(r[0].response).toEqual({ type: 'sequence' });
    expect(r[2].response.result.rows).toEqual([[{ type: 'integer', value: '2' }]]);
    expect(r[3].response.result.rows).toEqual([]);
    expect(r[3].response.result.cols).toEqual([{ name: 'x', decltype: null }]);
    expect(r[4].response.result).toEqual({
      params: [{ name: '?1' }, { name: '@x' }],
      cols: [
        { name: 'id', decltype: 'INTEGER' },
        { name: 'y', decltype: null },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(r[5].response.result).toMatchObject({ params: [{ name: null }], is_readonly: false });
    expect(r[7]).toMatchObject({ type: 'error', error: { code: 'SQL_NOT_FOUND' } });
    expect(r[9]).toMatchObject({ type: 'error', error: { code: 'STREAM_CLOSED' } });
    expect(out.baton).toBeNull();
  });

  it('evaluates batch conditions, including is_autocommit and get_autocommit (Hrana 3)', async () => {
    const out = await pipeline(
      {
        requests: [
          {
            type: 'batch',
            batch: {
              steps: [
                { stmt: { sql: 'begin' } },
                { condition: { type: 'ok', step: 0 }, stmt: { sql: 'create table b (x unique)' } },
                { condition: { type: 'ok', step: 1 }, stmt: { sql: 'insert into b values (1)' } },
                { condition: { type: 'ok', step: 2 }, stmt: { sql: 'insert into b values (1)' } },
                { condition: { type: 'error', step: 3 }, stmt: { sql: 'select 42' } },
                {
                  condition: {
                    type: 'and',
                    conds: [
                      { type: 'ok', step: 4 },
                      { type: 'not', cond: { type: 'is_autocommit' } },
                    ],
                  },
                  stmt: { sql: 'commit' },
                },
                {
                  condition: {
                    type: 'or',
                    conds: [
                      { type: 'ok', step: 3 },
                      { type: 'ok', step: 9 },
                    ],
                  },
                  stmt: { sql: 'select 0' },
                },
                { condition: { type: 'ok', step: 6 }, stmt: { sql: 'select 0' } },
              ],
            },
          },
          { type: 'get_autocommit' },
          { type: 'close' },
        ],
      },
      'v3',
    );
    const batch = out.results[0].response.result;
    expect(batch.step_results.map((x: unknown) => x !== null)).toEqual([
      true,
      true,
      true,
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(batch.step_errors.map((x: unknown) => x !== null)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(batch.step_errors[3].code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(out.results[1].response).toEqual({ type: 'get_autocommit', is_autocommit: true });
  });

  it('streams a batch through /v3/cursor', async () => {
    const res = await t.post('/v3/cursor', {
      baton: null,
      batch: {
        steps: [
          { stmt: { sql: 'select 1 as a union all select 2' } },
          { stmt: { sql: 'select * from missing' } },
          { condition: { type: 'ok', step: 1 }, stmt: { sql: 'select 3' } },
        ],
      },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(typeof lines[0].baton).toBe('string');
    expect(lines.slice(1).map((e: Json) => e.type)).toEqual([
      'step_begin',
      'row',
      'row',
      'step_end',
      'step_error',
    ]);
    expect(lines[2]).toEqual({ type: 'row', row: [{ type: 'integer', value: '1' }] });
    // The cursor left its stream open; close it.
    const closed = await pipeline({ baton: lines[0].baton, requests: [{ type: 'close' }] }, 'v3');
    expect(closed.baton).toBeNull();
    expect((await t.health()).streams).toBe(0);
  });
});

describe('argument rules (as sqld)', () => {
  it('rejects mixed, missing and surplus arguments as stream errors', async () => {
    const one = { type: 'integer', value: '1' };
    const out = await pipeline({
      requests: [
        stmt('select ?, :a', { args: [one], named_args: [{ name: 'a', value: one }] }),
        stmt('select :a', { args: [one] }),
        stmt('select :a', { named_args: [{ name: 'b', value: one }] }),
        stmt('explain select :a'),
        stmt('select :a, $a', {
          named_args: [
            { name: 'a', value: one },
            { name: '$a', value: { type: 'text', value: 'x' } },
          ],
        }),
      ],
    });
    const codes = out.results.map((r: Json) => r.error?.code ?? 'ok');
    expect(codes).toEqual([
      'ARGS_BOTH_POSITIONAL_AND_NAMED',
      'ARGS_INVALID',
      'ARGS_INVALID',
      'ok',
      'ok',
    ]);
    expect(out.results[4].response.result.rows[0]).toEqual([one, { type: 'text', value: 'x' }]);
  });
});

describe('malformed requests', () => {
  it('answers 400 with a JSON message and keeps serving', async () => {
    const cases: [string, unknown][] = [
      ['not json', '{"requests": ['],
      ['no requests', { baton: null }],
      ['unknown request', { requests: [{ type: 'explode' }] }],
      // libsql would abort the whole process on a boolean; validation must stop it first.
      [
        'boolean value',
        { requests: [stmt('select ?', { args: [{ type: 'integer', value: true }] })] },
      ],
      [
        'bad integer',
        { requests: [stmt('select ?', { args: [{ type: 'integer', value: '1e3' }] })] },
      ],
      [
        'huge integer',
        {
          requests: [
            stmt('select ?', { args: [{ type: 'integer', value: '9223372036854775808' }] }),
          ],
        },
      ],
      ['bad base64', { requests: [stmt('select ?', { args: [{ type: 'blob', base64: '***' }] })] }],
    ];
    for (const [name, body] of cases) {
      const res = await t.post('/v2/pipeline', body);
      expect(res.status, name).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/json');
      const json = (await res.json()) as Json;
      expect(typeof json.message, name).toBe('string');
      expect(typeof json.code, name).toBe('string');
    }
    expect((await t.post('/v2/nowhere', {})).status).toBe(404);
    expect((await fetch(`${t.url}/v2/pipeline`)).status).toBe(405);
    const ok = await pipeline({ requests: [stmt('select 1')] });
    expect(ok.results[0].type).toBe('ok');
  });

  it('refuses bodies over the limit with 413', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const res = await t.post('/v2/pipeline', {
      requests: [stmt('select ?', { args: [{ type: 'text', value: big }] })],
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Json).code).toBe('BODY_TOO_LARGE');
    expect((await t.health()).ok).toBe(true);
  });

  it('treats an unknown baton as a Hrana error, and ends a stream after an HTTP error', async () => {
    const res = await t.post('/v2/pipeline', { baton: 'made-up', requests: [] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'STREAM_EXPIRED' });

    const open = await pipeline({ requests: [stmt('begin immediate')] });
    expect((await t.health()).streams).toBe(1);
    const bad = await t.post('/v2/pipeline', {
      baton: open.baton,
      requests: [{ type: 'explode' }],
    });
    expect(bad.status).toBe(400);
    expect((await t.health()).streams).toBe(0);
    // The transaction it held was rolled back, so the write lock is free again.
    const write = await pipeline({ requests: [stmt('create table after_error (x)')] });
    expect(write.results[0].type).toBe('ok');
  });
});

describe('health', () => {
  it('counts pipeline requests exactly and reports open streams', async () => {
    const before = await t.health();
    const open = await pipeline({ requests: [stmt('select 1')] });
    await pipeline({ requests: [stmt('select 2'), { type: 'close' }] });
    expect(await t.health()).toEqual({ ok: true, pipelines: before.pipelines + 2, streams: 1 });
    await pipeline({ baton: open.baton, requests: [{ type: 'close' }] });
    expect(await t.health()).toEqual({ ok: true, pipelines: before.pipelines + 3, streams: 0 });
  });
});
