import { describe, expect, it } from 'vitest';
import { asAgencyHandler, asCommuneOfficer, asIoc } from './support/officials';
import { act, marker, ok, sendReport, sql, workGet } from './support/work';

// The queue, the map and the audit log as officials read them: scoped in SQL, filtered,
// searched without diacritics, paged with a total; the audit log cannot be rewritten.

interface QueuePage {
  items: { code: string; status: string; overdue: boolean; agency: { id: string } | null }[];
  total: number;
  nextCursor: string | null;
  page: number | null;
}

describe('the queue', () => {
  it('filters, searches, pages and counts within the official scope', async () => {
    const ioc = await asIoc();
    const word = marker();
    const description = (n: number) => `Đèn đường hư số ${n} ${word}, khu vực tối om ban đêm.`;
    const sent = [];
    for (let i = 0; i < 5; i++) {
      sent.push(await sendReport({ categoryId: 'dien_chieu_sang', description: description(i) }));
    }
    // Two go to the electricity company; one of them is overdue.
    for (const s of sent.slice(0, 2)) {
      await ok(await act(ioc, s.code, 'intake', { decision: 'valid' }));
    }
    await sql('update reports set due_at = ? where code = ?', [
      '2020-01-01T00:00:00.000Z',
      sent[0]?.code ?? '',
    ]);

    // Diacritics-insensitive search ("den duong" finds "Đèn đường"), newest first, with total.
    const all = await ok<QueuePage>(await workGet(ioc, `/reports?q=${word}%20den%20duong&limit=2`));
    expect(all.total).toBe(5);
    expect(all.items.map((i) => i.code)).toEqual([sent[4]?.code, sent[3]?.code]);
    const next = await ok<QueuePage>(
      await workGet(ioc, `/reports?q=${word}&limit=2&cursor=${all.nextCursor}`),
    );
    expect(next.items.map((i) => i.code)).toEqual([sent[2]?.code, sent[1]?.code]);
    const page3 = await ok<QueuePage>(await workGet(ioc, `/reports?q=${word}&limit=2&page=3`));
    expect(page3.items.map((i) => i.code)).toEqual([sent[0]?.code]);
    expect(page3.page).toBe(3);

    const assigned = await ok<QueuePage>(
      await workGet(ioc, `/reports?q=${word}&status=assigned&agencyId=dien_luc`),
    );
    expect(assigned.total).toBe(2);
    const unassigned = await ok<QueuePage>(await workGet(ioc, `/reports?q=${word}&agencyId=none`));
    expect(unassigned.total).toBe(3);
    const overdue = await ok<QueuePage>(await workGet(ioc, `/reports?q=${word}&overdue=true`));
    expect(overdue.items.map((i) => [i.code, i.overdue])).toEqual([[sent[0]?.code, true]]);
    const due = await ok<QueuePage>(await workGet(ioc, `/reports?q=${word}&sort=due&limit=1`));
    expect(due.items[0]?.code).toBe(sent[0]?.code);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const period = await ok<QueuePage>(
      await workGet(
        ioc,
        `/reports?q=${word}&from=${today}&to=${today}&categoryId=dien_chieu_sang&communeId=vi-thanh`,
      ),
    );
    expect(period.total).toBe(5);
    const past = await ok<QueuePage>(await workGet(ioc, `/reports?q=${word}&to=2020-01-01`));
    expect(past.total).toBe(0);

    // The agency sees its own two only, whatever it asks for.
    const agency = await asAgencyHandler('dien_luc');
    const own = await ok<QueuePage>(await workGet(agency, `/reports?q=${word}`));
    expect(own.total).toBe(2);
    const asked = await ok<QueuePage>(await workGet(agency, `/reports?q=${word}&agencyId=none`));
    expect(asked.total).toBe(0);
    const other = await asAgencyHandler('so_y_te');
    expect((await ok<QueuePage>(await workGet(other, `/reports?q=${word}`))).total).toBe(0);
    // A commune officer reads everything located in the commune.
    const officer = await asCommuneOfficer('vi-thanh');
    expect((await ok<QueuePage>(await workGet(officer, `/reports?q=${word}`))).total).toBe(5);
    const elsewhere = await asCommuneOfficer('vi-tan');
    expect((await ok<QueuePage>(await workGet(elsewhere, `/reports?q=${word}`))).total).toBe(0);

    // The map: open reports in scope.
    const map = await ok<{ items: { code: string }[] }>(
      await workGet(agency, '/reports/map?categoryId=dien_chieu_sang'),
    );
    const codes = map.items.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining([sent[0]?.code, sent[1]?.code]));
    expect(codes).not.toContain(sent[2]?.code);

    expect((await workGet(null, '/reports')).status).toBe(401);
    expect((await workGet(ioc, '/reports?cursor=xyz')).status).toBe(400);
    expect((await workGet(ioc, '/reports?status=nope')).status).toBe(400);
  });
});

describe('the audit log', () => {
  it('records who, when, from, to; no UPDATE or DELETE can change it', async () => {
    const ioc = await asIoc();
    const s = await sendReport();
    await ok(await act(ioc, s.code, 'intake', { decision: 'valid' }));
    const rows = await sql<{ id: number; actor_id: string; action: string; to_value: string }>(
      "select * from audit_log where entity_type = 'report' and entity_id = ? order by id",
      [s.code],
    );
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ['report.intake', ioc.official.id],
      ['report.assign', ioc.official.id],
    ]);
    const id = rows[0]?.id ?? 0;
    await expect(sql("update audit_log set note = 'sửa' where id = ?", [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(sql('delete from audit_log where id = ?', [id])).rejects.toThrow(/append-only/);
    const after = await sql('select * from audit_log where id = ?', [id]);
    expect(after).toEqual([rows[0]]);
    // The detail shows it to those who may read it.
    const d = await ok<{ audit: { action: string }[] | null }>(
      await workGet(ioc, `/reports/${s.code}`),
    );
    expect(d.audit?.map((a) => a.action)).toEqual(['report.intake', 'report.assign']);
  });
});
