// Bearer-token auth: everything but GET /health needs the token when one is configured.
import { LibsqlError } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ authToken: 'secret-token-2024' });
});
afterAll(async () => {
  await t.close();
});

describe('bearer token', () => {
  it('serves clients that send the token', async () => {
    const rs = await t.client().execute('select 1 as one');
    expect(rs.rows[0]?.one).toBe(1);
  });

  it('refuses clients without the token or with a wrong one (401)', async () => {
    for (const authToken of [undefined, 'wrong', 'secret-token-2024-and-more']) {
      const err = await t
        .client({ authToken })
        .execute('select 1')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LibsqlError);
      expect((err as LibsqlError).code).toBe('UNAUTHORIZED');
    }
    const raw = await t.post('/v2/pipeline', { requests: [] });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(`${t.url}/v2`)).status).toBe(401);
    const basic = await t.post(
      '/v2/pipeline',
      { requests: [] },
      { authorization: 'secret-token-2024' },
    );
    expect(basic.status).toBe(401);
  });

  it('keeps /health open, and only authorised requests count as pipelines', async () => {
    const before = await t.health();
    expect(before.ok).toBe(true);
    await t.post('/v2/pipeline', { requests: [] });
    expect((await t.health()).pipelines).toBe(before.pipelines);
  });
});
