import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEEKERS, DEMO_VACANCIES, seedDemoJobs } from '../../scripts/demo-jobs';
import { call } from './helpers';
import { signedInCitizen } from './support/citizens';

// The demo jobs of `npm start` (scripts/demo-jobs.ts) seeded into the test database with the
// client `npm start` uses, then read through the real API: open vacancies listed and found
// without tone marks, the past-deadline and closed ones left out, idempotent.

const client = createClient({ url: env.LIBSQL_URL });

beforeAll(async () => {
  await call('/api/v1/health');
}, 60_000);

afterAll(() => client.close());

describe('demo jobs', () => {
  it('seeds employers, vacancies and seekers, searchable without tone marks; idempotent', async () => {
    await seedDemoJobs(client);
    await seedDemoJobs(client);
    expect(DEMO_VACANCIES.length).toBeGreaterThanOrEqual(12);
    const found = (await (
      await call('/api/v1/jobs/vacancies?q=cong%20nhan%20che%20bien%20tom')
    ).json()) as { items: { id: string; employer: { name: string } }[] };
    expect(found.items.map((i) => i.id)).toContain('demo-job-cong-nhan-tom');

    const all = (await (await call('/api/v1/jobs/vacancies?limit=50')).json()) as {
      items: { id: string; accepting: boolean }[];
    };
    const ids = all.items.map((i) => i.id);
    for (const v of DEMO_VACANCIES) {
      const listed = v.status === 'open' && v.deadlineIn >= 0;
      expect(ids.includes(v.id), v.id).toBe(listed);
    }
    const expired = (await (await call('/api/v1/jobs/vacancies/demo-job-qc-thuy-san')).json()) as {
      accepting: boolean;
    };
    expect(expired.accepting).toBe(false);

    const counts = await client.execute(
      "select (select count(*) from job_vacancies where id like 'demo-job-%') as v, (select count(*) from job_seeker_profiles where user_id like 'demo-jobs-seeker-%') as s",
    );
    expect(Number(counts.rows[0]?.v)).toBe(DEMO_VACANCIES.length);
    expect(Number(counts.rows[0]?.s)).toBe(DEMO_SEEKERS.length);

    // A registered employer finds the visible demo seekers, never the hidden one.
    const boss = await signedInCitizen();
    const reg = await call('/api/v1/jobs/employer', {
      method: 'POST',
      headers: { ...boss.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Cơ sở thử nghiệm',
        communeId: 'vi-thanh',
        address: 'Số 1 đường thử nghiệm',
        phone: '0900000000',
      }),
    });
    expect(reg.status).toBe(201);
    const seekers = (await (
      await call('/api/v1/jobs/employer/seekers?q=giao%20vien%20mam%20non', {
        headers: boss.headers,
      })
    ).json()) as { items: { userId: string }[] };
    expect(seekers.items.map((s) => s.userId)).not.toContain('demo-jobs-seeker-3');
    const electric = (await (
      await call('/api/v1/jobs/employer/seekers?q=dien%20lanh', { headers: boss.headers })
    ).json()) as { items: { userId: string }[] };
    expect(electric.items.map((s) => s.userId)).toContain('demo-jobs-seeker-1');
  });
});
