import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLibsqlServer } from '../src/server';
import { prepareDatabase } from '../src/setup';

const dir = mkdtempSync(join(tmpdir(), 'db-setup-'));
let server: Awaited<ReturnType<typeof startLibsqlServer>>;

beforeAll(async () => {
  server = await startLibsqlServer({ file: join(dir, 'setup.db'), port: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (table: string) => {
  const client = createClient({ url: server.url });
  try {
    const rs = await client.execute(`select count(*) as n from ${table}`);
    return Number(rs.rows[0]?.n);
  } finally {
    client.close();
  }
};

describe('prepareDatabase', () => {
  it('migrates and seeds the reference data, and running it again changes nothing', async () => {
    await prepareDatabase({ url: server.url });
    const first = {
      agencies: await count('agencies'),
      categories: await count('report_categories'),
      units: await count('admin_units'),
      holidays: await count('holidays'),
    };
    expect(first.categories).toBe(13);
    // 12 agencies of categories.json, plus the People's Committee of each commune/ward.
    expect(first.agencies).toBe(12 + first.units - 1);
    expect(first.units).toBeGreaterThan(20);
    expect(first.holidays).toBeGreaterThan(10);

    await prepareDatabase({ url: server.url });
    expect({
      agencies: await count('agencies'),
      categories: await count('report_categories'),
      units: await count('admin_units'),
      holidays: await count('holidays'),
    }).toEqual(first);
  });

  it('leaves what administrators own alone: SLA, category mapping, holidays', async () => {
    await prepareDatabase({ url: server.url });
    const client = createClient({ url: server.url });
    try {
      await client.batch([
        "update report_categories set sla_hours = 12, default_agency_id = 'ioc' where id = 'giao_thong'",
        "delete from holidays where date = '2026-09-02'",
      ]);
      await prepareDatabase({ url: server.url });
      const category = await client.execute(
        "select sla_hours, default_agency_id from report_categories where id = 'giao_thong'",
      );
      expect(category.rows[0]).toMatchObject({ sla_hours: 12, default_agency_id: 'ioc' });
      const holiday = await client.execute(
        "select count(*) as n from holidays where date = '2026-09-02'",
      );
      expect(Number(holiday.rows[0]?.n)).toBe(0);
      await client.batch([
        "update report_categories set sla_hours = 72, default_agency_id = 'so_xay_dung' where id = 'giao_thong'",
        "insert into holidays (date, name) values ('2026-09-02', 'Quốc khánh')",
      ]);
    } finally {
      client.close();
    }
  });

  it("gives every commune/ward its People's Committee, and keeps the audit log append-only", async () => {
    await prepareDatabase({ url: server.url });
    const client = createClient({ url: server.url });
    try {
      const committee = await client.execute(
        "select a.name, a.scope from agencies a where a.commune_id = 'vi-thanh'",
      );
      expect(committee.rows[0]).toMatchObject({ name: 'UBND phường Vị Thanh', scope: 'commune' });
      await client.execute(
        "insert into audit_log (at, actor_kind, action, entity_type, entity_id) values ('2026-11-22T00:00:00.000Z', 'system', 'test.write', 'test', '1')",
      );
      await expect(client.execute("update audit_log set note = 'rewritten'")).rejects.toThrow(
        /append-only/,
      );
      await expect(client.execute('delete from audit_log')).rejects.toThrow(/append-only/);
    } finally {
      client.close();
    }
  });

  it('models two levels: every commune/ward belongs to the province', async () => {
    const client = createClient({ url: server.url });
    try {
      const rs = await client.execute(
        `select c.level, c.parent_id, p.level as parent_level
           from admin_units c left join admin_units p on p.id = c.parent_id`,
      );
      for (const row of rs.rows) {
        if (row.level === 'province') expect(row.parent_id).toBeNull();
        else expect(row.parent_level).toBe('province');
      }
      const giaoThong = await client.execute({
        sql: 'select name, default_agency_id, sla_hours from report_categories where id = ?',
        args: ['giao_thong'],
      });
      expect(giaoThong.rows[0]).toMatchObject({
        name: 'Giao thông',
        default_agency_id: 'so_xay_dung',
        sla_hours: 72,
      });
    } finally {
      client.close();
    }
  });
});

// fixtures/categories.json is the deployment's copy of the product owner's list;
// it may re-map agencies, but the stable category ids must not drift.
const shared = join(import.meta.dirname, '../../../shared/domain/categories.json');
describe.runIf(existsSync(shared))('fixtures/categories.json', () => {
  it('keeps the category ids of shared/domain/categories.json', () => {
    const ids = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { categories: { id: string }[] }).categories
        .map((c) => c.id)
        .sort();
    expect(ids(join(import.meta.dirname, '../../fixtures/categories.json'))).toEqual(ids(shared));
  });
});
