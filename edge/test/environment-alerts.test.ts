import { environmentFollows, notifications, stationAlerts, stationStreams } from '@tinh/db/schema';
import { and, asc, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALERT_NOTIFICATION_KIND } from '../src/environment/alerts/statements';
import { hashDeviceId } from '../src/reports/tokens';
import { call } from './helpers';
import {
  createGateway,
  createStation,
  db,
  iso,
  poll,
  setThresholds,
  streamsOf,
  uid,
} from './support/sensors';

// Threshold alerts raised by the poll: hysteresis over real polls, stored for the station page,
// and in-app notifications to the followers of the station and of its commune, once each.

const alertsOf = (stationId: string) =>
  db()
    .select()
    .from(stationAlerts)
    .where(eq(stationAlerts.stationId, stationId))
    .orderBy(asc(stationAlerts.id));

const noticesOf = (stationId: string) =>
  db()
    .select()
    .from(notifications)
    .where(like(notifications.dedupeKey, `env-alert:${stationId}:%`))
    .orderBy(asc(notifications.id));

// The first request through the Worker loads its whole module graph: not inside a test's time.
beforeAll(async () => {
  await call('/api/v1/health');
}, 60_000);

describe('station alerts', () => {
  it('raise, climb, ignore spikes, clear below level 1, and notify followers once', async () => {
    const { id: gw, fake } = await createGateway({ protocol: 'simple_json' });
    const st = await createStation({
      gatewayId: gw,
      kind: 'water',
      externalId: 'cong-cai-lon',
      // A commune no other test file follows: the database is shared.
      communeId: 'vinh-thuan-tay',
      name: 'Cống Cái Lớn',
    });
    await setThresholds(st, 'salinity', [
      { value: 1, label: 'Lúa bắt đầu bị ảnh hưởng' },
      { value: 2, label: 'Lúa giảm năng suất' },
      { value: 4, label: 'Không lấy nước tưới' },
    ]);
    const deviceId = uid('device-follower');
    const deviceHash = await hashDeviceId(deviceId);
    const userA = uid('user');
    const userB = uid('user');
    const stranger = uid('user');
    await db()
      .insert(environmentFollows)
      .values([
        { subjectType: 'station', subjectId: st, followerType: 'device', followerId: deviceHash },
        {
          subjectType: 'commune',
          subjectId: 'vinh-thuan-tay',
          followerType: 'user',
          followerId: userA,
        },
        // Follows both the station and its commune: told once.
        { subjectType: 'station', subjectId: st, followerType: 'user', followerId: userB },
        {
          subjectType: 'commune',
          subjectId: 'vinh-thuan-tay',
          followerType: 'user',
          followerId: userB,
        },
        // Another commune: not told.
        {
          subjectType: 'commune',
          subjectId: 'long-my',
          followerType: 'user',
          followerId: stranger,
        },
      ]);

    const start = Math.floor(Date.now() / 1000) - 3600 - (Math.floor(Date.now() / 1000) % 300);
    const values: number[] = [];
    const pollWith = async (next: number[]) => {
      values.push(...next);
      await fake.put({
        stations: {
          'cong-cai-lon': values.map((value, i) => ({
            metric: 'salinity',
            time: iso(start + i * 300),
            value,
            unit: '‰',
          })),
        },
      });
      return poll([gw]);
    };

    // 1. Crossing level 1: one alert, three followers told.
    expect((await pollWith([0.5, 1.2])).alertsRaised).toBe(1);
    let alerts = await alertsOf(st);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      metric: 'salinity',
      level: 1,
      status: 'active',
      raisedValue: 1.2,
      peakValue: 1.2,
      raisedAt: iso(start + 300),
      clearedAt: null,
    });
    let notices = await noticesOf(st);
    expect(notices.map((n) => `${n.recipientType}:${n.recipientId}`).sort()).toEqual(
      [`device:${deviceHash}`, `user:${userA}`, `user:${userB}`].sort(),
    );
    expect(notices[0]).toMatchObject({
      kind: ALERT_NOTIFICATION_KIND,
      reportId: null,
      title: 'Cảnh báo độ mặn: Cống Cái Lớn',
    });
    expect(notices[0]?.body).toMatch(
      /^Độ mặn 1,20 ‰ lúc \d\d:\d\d \d\d\/\d\d\/\d{4}, vượt ngưỡng cấp 1 \(1,00 ‰\): Lúa bắt đầu bị ảnh hưởng\.$/,
    );

    // The device reads it in its in-app list, with no account.
    const res = await call('/api/v1/notifications', { headers: { 'x-device-id': deviceId } });
    expect(res.status).toBe(200);
    const list = (await res.json()) as {
      items: { kind: string; title: string; reportCode: null }[];
    };
    expect(list.items[0]).toMatchObject({ kind: 'environment.alert', reportCode: null });

    // 2. Staying above changes nothing; climbing to level 2 raises the level and tells again.
    expect((await pollWith([1.5, 1.3])).alertsRaised).toBe(0);
    expect(await noticesOf(st)).toHaveLength(3);
    await pollWith([2.5]);
    alerts = await alertsOf(st);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ level: 2, status: 'active', peakValue: 2.5 });
    notices = await noticesOf(st);
    expect(notices).toHaveLength(6);
    expect(notices.at(-1)?.body).toContain('vượt ngưỡng cấp 2 (2,00 ‰): Lúa giảm năng suất.');

    // 3. A spike is ignored (no level 3); a dip within the dead band keeps the alert.
    const spike = await pollWith([9]);
    expect(spike.spikes).toBe(1);
    await pollWith([0.99]);
    alerts = await alertsOf(st);
    expect(alerts[0]).toMatchObject({ level: 2, status: 'active', peakValue: 2.5 });
    expect(await noticesOf(st)).toHaveLength(6);

    // 4. Back below level 1: cleared, at the time of that reading; nobody is told.
    await pollWith([0.5]);
    alerts = await alertsOf(st);
    expect(alerts[0]).toMatchObject({ status: 'cleared', clearedAt: iso(start + 7 * 300) });
    expect(await noticesOf(st)).toHaveLength(6);

    // 5. A new crossing is a new alert.
    expect((await pollWith([1.1])).alertsRaised).toBe(1);
    alerts = await alertsOf(st);
    expect(alerts.map((a) => [a.status, a.level])).toEqual([
      ['cleared', 2],
      ['active', 1],
    ]);
    expect(await noticesOf(st)).toHaveLength(9);

    // 6. The whole window polled again (watermark lost): no alert, no notification replayed.
    await db()
      .update(stationStreams)
      .set({ watermark: null })
      .where(and(eq(stationStreams.stationId, st), eq(stationStreams.metric, 'salinity')));
    const replay = await poll([gw]);
    expect(replay).toMatchObject({ stored: 0, alertsRaised: 0 });
    expect(await alertsOf(st)).toHaveLength(2);
    expect(await noticesOf(st)).toHaveLength(9);
    expect((await streamsOf(st))[0]?.lastValue).toBe(1.1);
  });

  it('raises nothing for a metric without thresholds', async () => {
    const { id: gw, fake } = await createGateway({ protocol: 'simple_json' });
    const st = await createStation({ gatewayId: gw, kind: 'water', externalId: 'no-thresholds' });
    await setThresholds(st, 'ph', [{ value: 6, direction: 'below', label: 'Nước chua' }]);
    await fake.put({
      stations: {
        'no-thresholds': [
          {
            metric: 'salinity',
            time: iso(Math.floor(Date.now() / 1000) - 600),
            value: 30,
            unit: '‰',
          },
        ],
      },
    });
    expect((await poll([gw])).alertsRaised).toBe(0);
    expect(await alertsOf(st)).toHaveLength(0);
  });
});
