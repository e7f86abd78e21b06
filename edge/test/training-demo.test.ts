import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCourses, soonSlot } from '../../scripts/demo-training';
import type { PublicCourse } from '../src/training/schemas';
import { call } from './helpers';
import { DAY, db, HOUR, json, PUBLIC } from './support/training';

// The demo courses of `npm start` (scripts/demo-training.ts) seeded into the test database
// with the client `npm start` uses, then read through the real API.

const client = createClient({ url: env.LIBSQL_URL });

// The first request through the Worker loads its whole module graph: not inside a test's time.
beforeAll(async () => {
  await call('/api/v1/health');
}, 60_000);

afterAll(() => client.close());

describe('demo training courses', () => {
  it('picks the next 08:00 or 14:00 (Vietnam) at least an hour away, within 24 hours', () => {
    for (let h = 0; h < 48; h += 0.25) {
      const now = new Date(Date.UTC(2026, 2, 10) + h * HOUR);
      const slot = soonSlot(now);
      const wait = slot.getTime() - now.getTime();
      expect(wait).toBeGreaterThanOrEqual(HOUR);
      expect(wait).toBeLessThanOrEqual(24 * HOUR);
      expect([1, 7]).toContain(slot.getUTCHours());
      expect(slot.getUTCMinutes()).toBe(0);
    }
  });

  it('seeds two published courses with sessions to come, one within 24 hours; idempotent', async () => {
    const now = new Date();
    const first = await seedDemoCourses(client, now);
    const again = await seedDemoCourses(client, now);
    expect(again).toEqual(first);
    expect(first.courseIds).toHaveLength(2);
    const [count] = await db().all<{ n: number }>(sql`select count(*) as n from course_sessions
      where course_id in ('demo-course-lua-man', 'demo-course-ipm-lua')`);
    expect(count?.n).toBe(first.sessionIds.length);

    const starts: number[] = [];
    for (const id of first.courseIds) {
      const course = await json<PublicCourse>(await call(`${PUBLIC}/courses/${id}`));
      expect(course).toMatchObject({ status: 'published', agencyId: 'so_nong_nghiep_moi_truong' });
      expect(course.title).toMatch(/lúa/);
      for (const s of course.sessions) {
        expect(s.meetingUrl).toBeNull();
        expect(Date.parse(s.endsAt)).toBeGreaterThan(Date.parse(s.startsAt));
        starts.push(Date.parse(s.startsAt) - now.getTime());
      }
    }
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(HOUR);
    expect(Math.min(...starts)).toBeLessThanOrEqual(DAY);
    expect(Math.max(...starts)).toBeLessThanOrEqual(10 * DAY);
    const found = await json<{ courses: { id: string }[] }>(
      await call(`${PUBLIC}/courses?q=${encodeURIComponent('xam nhap man')}`),
    );
    expect(found.courses.map((c) => c.id)).toContain('demo-course-lua-man');
  });

  it('brings sessions that are over, and that nobody registered for, back into the coming days', async () => {
    const weekLater = new Date(Date.now() + 9 * DAY);
    await seedDemoCourses(client, weekLater);
    const rows = await db().all<{ startsAt: string }>(sql`select starts_at as startsAt
      from course_sessions where course_id in ('demo-course-lua-man', 'demo-course-ipm-lua')`);
    for (const r of rows) expect(Date.parse(r.startsAt)).toBeGreaterThan(weekLater.getTime());
  });
});
