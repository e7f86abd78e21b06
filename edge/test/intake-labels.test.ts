import { describe, expect, it } from 'vitest';
import { classify } from '../src/intake/classifier/classify';
import { decodeLabelCursor, encodeLabelCursor } from '../src/intake/labels-routes';
import { call, type ErrorJson } from './helpers';
import {
  asAdmin,
  asAgencyHandler,
  asIoc,
  asProvinceLeader,
  createOfficial,
  webSession,
} from './support/officials';
import { act, type Detail, detail, ok, reportRow, sendReport, sql } from './support/work';

// The IOC's category decisions kept as labelled examples (intake_labels) and their export for
// retraining: GET /api/v1/work/intake/labels, JSON Lines in the format of
// fixtures/classifier/train.jsonl, or JSON with paging.

// Read by the classifier as water supply, whatever the citizen picks.
const PIPE = 'Ống nước bể trước nhà số 12 hẻm 5, nước chảy lênh láng cả ngày mà chưa ai sửa';
// Read as street lighting.
const LAMP = 'Đèn đường trên đường Trần Hưng Đạo bị hư cả tuần nay, tối om';

interface LabelRow {
  text: string;
  predicted_category_id: string | null;
  label_category_id: string;
  corrected: number;
  official_id: string;
  created_at: string;
  updated_at: string;
}

const labelOf = async (code: string) => {
  const [row] = await sql<LabelRow>(
    'select l.* from intake_labels l join reports r on r.id = l.report_id where r.code = ?',
    [code],
  );
  return row;
};

interface LabelPage {
  items: {
    code: string;
    text: string;
    category: string;
    predictedCategory: string | null;
    corrected: boolean;
    officialId: string;
    updatedAt: string;
  }[];
  nextCursor: string | null;
}

const labels = (headers: Record<string, string>, query: string) =>
  call(`/api/v1/work/intake/labels?${query}`, { headers });

describe('labels from the IOC decisions', () => {
  it('a category correction at intake is a corrected example', async () => {
    expect(classify(PIPE).category).toBe('cap_thoat_nuoc');
    const ioc = await asIoc();
    // The citizen picked roads; the classifier said water; the IOC decides it is environment.
    const sent = await sendReport({ categoryId: 'giao_thong', description: PIPE });
    await ok(await act(ioc, sent.code, 'intake', { decision: 'valid', categoryId: 'moi_truong' }));
    expect(await labelOf(sent.code)).toMatchObject({
      text: PIPE,
      predicted_category_id: 'cap_thoat_nuoc',
      label_category_id: 'moi_truong',
      corrected: 1,
      official_id: ioc.official.id,
    });
    const d = await ok<
      Detail & {
        intakeLabel: {
          category: { id: string; name: string };
          corrected: boolean;
          official: { id: string; name: string | null };
        } | null;
        report: Detail['report'] & { routedBy: string | null };
      }
    >(await call(`/api/v1/work/reports/${sent.code}`, { headers: ioc.headers }));
    expect(d.intakeLabel).toMatchObject({
      category: { id: 'moi_truong', name: 'Môi trường' },
      corrected: true,
      official: { id: ioc.official.id, name: ioc.official.fullName },
    });
    expect(d.report.routedBy).toBe('manual');
  });

  it('accepting the suggestion, or keeping the citizen category, is a plain example', async () => {
    const ioc = await asIoc();
    const sent = await sendReport({ categoryId: 'giao_thong', description: LAMP });
    await ok(
      await act(ioc, sent.code, 'intake', { decision: 'valid', categoryId: 'dien_chieu_sang' }),
    );
    expect(await labelOf(sent.code)).toMatchObject({
      predicted_category_id: 'dien_chieu_sang',
      label_category_id: 'dien_chieu_sang',
      corrected: 0,
    });
    // Kept the citizen's category against the suggestion: the classifier was corrected.
    const kept = await sendReport({ categoryId: 'giao_thong', description: LAMP });
    await ok(await act(ioc, kept.code, 'intake', { decision: 'valid' }));
    expect(await labelOf(kept.code)).toMatchObject({
      predicted_category_id: 'dien_chieu_sang',
      label_category_id: 'giao_thong',
      corrected: 1,
    });
  });

  it('routing by the IOC confirms the category; confirming again changes nothing', async () => {
    const ioc = await asIoc();
    const sent = await sendReport({ categoryId: 'dien_chieu_sang', description: LAMP });
    const first = await ok<{ assigned: unknown[] }>(await act(ioc, sent.code, 'assign'));
    expect(first.assigned).toHaveLength(1);
    const label = await labelOf(sent.code);
    expect(label).toMatchObject({ label_category_id: 'dien_chieu_sang', corrected: 0 });
    expect(
      (
        await sql<{ routed_by: string }>('select routed_by from reports where code = ?', [
          sent.code,
        ])
      )[0]?.routed_by,
    ).toBe('manual');

    // Another IOC operator moves it to another agency: same category, the label stays as is.
    const other = await asIoc();
    await ok(await act(other, sent.code, 'assign', { agencyId: 'so_xay_dung' }));
    expect((await reportRow(sent.code)).agency_id).toBe('so_xay_dung');
    expect(await labelOf(sent.code)).toEqual(label);
  });

  it('decisions that are not about the category leave no label', async () => {
    const ioc = await asIoc();
    const spam = await sendReport({ description: 'quảng cáo bán hàng online giá rẻ liên hệ ngay' });
    await ok(
      await act(ioc, spam.code, 'intake', {
        decision: 'spam',
        publicReason: 'Nội dung quảng cáo, không phải phản ánh.',
      }),
    );
    expect(await labelOf(spam.code)).toBeUndefined();
  });
});

describe('GET /api/v1/work/intake/labels', () => {
  it('exports JSON Lines in the training format, oldest change first', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const ioc = await asIoc();
    const a = await sendReport({ categoryId: 'giao_thong', description: PIPE });
    await ok(await act(ioc, a.code, 'intake', { decision: 'valid', categoryId: 'cap_thoat_nuoc' }));
    const b = await sendReport({
      categoryId: 'giao_thong',
      description: `${LAMP}\nCòn dòng thứ hai.`,
    });
    await ok(
      await act(ioc, b.code, 'intake', { decision: 'valid', categoryId: 'dien_chieu_sang' }),
    );

    const res = await labels(ioc.headers, `since=${encodeURIComponent(since)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="nhan-phan-loai_.*\.jsonl"$/,
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    // Read as bytes: workerd warns when .text() meets a type it does not know as text.
    const text = new TextDecoder().decode(await res.arrayBuffer());
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // Exactly the fields of fixtures/classifier/train.jsonl; a line break in a report stays
    // inside its line.
    for (const row of rows) expect(Object.keys(row)).toEqual(['text', 'category']);
    const ia = rows.findIndex((r) => r.text === PIPE && r.category === 'cap_thoat_nuoc');
    const ib = rows.findIndex((r) => r.text === `${LAMP}\nCòn dòng thứ hai.`);
    expect(ia).toBeGreaterThanOrEqual(0);
    expect(ib).toBeGreaterThan(ia);
    expect(rows[ib]?.category).toBe('dien_chieu_sang');
  });

  it('JSON with paging; corrected=true keeps only the corrections', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const ioc = await asIoc();
    const codes: string[] = [];
    for (const categoryId of ['cap_thoat_nuoc', 'moi_truong', 'cap_thoat_nuoc']) {
      const sent = await sendReport({ categoryId: 'giao_thong', description: PIPE });
      await ok(await act(ioc, sent.code, 'intake', { decision: 'valid', categoryId }));
      codes.push(sent.code);
    }
    // Page by page, one label at a time: every label once, in order.
    const seen: LabelPage['items'] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const q = `format=json&limit=1&since=${encodeURIComponent(since)}${cursor ? `&cursor=${cursor}` : ''}`;
      const body: LabelPage = await ok<LabelPage>(await labels(ioc.headers, q));
      expect(body.items.length).toBeLessThanOrEqual(1);
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    const ours = seen.filter((i) => codes.includes(i.code));
    expect(ours.map((i) => i.code)).toEqual(codes);
    expect(ours.map((i) => [i.category, i.predictedCategory, i.corrected])).toEqual([
      ['cap_thoat_nuoc', 'cap_thoat_nuoc', false],
      ['moi_truong', 'cap_thoat_nuoc', true],
      ['cap_thoat_nuoc', 'cap_thoat_nuoc', false],
    ]);
    expect(new Set(seen.map((i) => i.code)).size).toBe(seen.length);
    const stamps = seen.map((i) => i.updatedAt);
    expect([...stamps].sort()).toEqual(stamps);

    const corrected = await ok<LabelPage>(
      await labels(ioc.headers, `format=json&corrected=true&since=${encodeURIComponent(since)}`),
    );
    expect(corrected.items.every((i) => i.corrected)).toBe(true);
    expect(corrected.items.map((i) => i.code)).toContain(codes[1]);
    expect(corrected.items.map((i) => i.code)).not.toContain(codes[0]);

    // JSON Lines pages the same way, the next cursor in a header.
    const first = await labels(ioc.headers, `limit=1&since=${encodeURIComponent(since)}`);
    expect(first.headers.get('x-next-cursor')).toBeTruthy();
    expect(
      new TextDecoder()
        .decode(await first.arrayBuffer())
        .trimEnd()
        .split('\n'),
    ).toHaveLength(1);
  });

  it('since a Vietnamese calendar day', async () => {
    const ioc = await asIoc();
    const sent = await sendReport({ categoryId: 'giao_thong', description: PIPE });
    await ok(await act(ioc, sent.code, 'intake', { decision: 'valid' }));
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const body = await ok<LabelPage>(
      await labels(ioc.headers, `format=json&limit=5000&since=${today}`),
    );
    expect(body.items.map((i) => i.code)).toContain(sent.code);
    const future = await ok<LabelPage>(await labels(ioc.headers, 'format=json&since=2999-01-01'));
    expect(future.items).toEqual([]);
  });

  it('is for the IOC and administrators only', async () => {
    expect((await call('/api/v1/work/intake/labels')).status).toBe(401);
    for (const who of [await asAgencyHandler(), await asProvinceLeader()]) {
      const res = await labels(who.headers, 'format=json');
      expect(res.status).toBe(403);
      const { error } = (await res.json()) as ErrorJson;
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(/quyền/);
    }
    const admin = await asAdmin();
    expect((await labels(admin.headers, 'format=json&limit=1')).status).toBe(200);
    // The web admin's cookie session works too (a GET needs no CSRF token).
    const web = await webSession(await createOfficial({ roles: ['ioc_operator'] }));
    expect((await labels({ Cookie: web.cookie }, 'format=json&limit=1')).status).toBe(200);
  });

  it('refuses bad parameters with 400 and a Vietnamese message', async () => {
    const ioc = await asIoc();
    for (const query of [
      'format=csv',
      'corrected=yes',
      'since=hôm-qua',
      'since=2025-02-30',
      'limit=0',
      'limit=5001',
      'cursor=not-a-cursor!',
      `cursor=${btoa('r123')}`,
    ]) {
      const res = await labels(ioc.headers, query);
      expect(res.status, query).toBe(400);
      const { error } = (await res.json()) as ErrorJson;
      expect(error.code).toBe('validation_failed');
    }
  });
});

describe('label cursor', () => {
  it('round-trips and refuses anything else', () => {
    const at = '2025-07-01T03:04:05.678Z';
    expect(decodeLabelCursor(encodeLabelCursor(at, 42))).toEqual({ updatedAt: at, reportId: 42 });
    expect(decodeLabelCursor('')).toBeNull();
    expect(decodeLabelCursor(btoa('l2025-07-01|1'))).toBeNull();
    expect(decodeLabelCursor(btoa(`l${at}|0`))).toBeNull();
  });
});

describe('reports from before the smart intake', () => {
  it('show no intake record; their labels have no prediction and are not corrections', async () => {
    const ioc = await asIoc();
    const sent = await sendReport({ categoryId: 'giao_thong', description: LAMP });
    await sql(
      'delete from report_intake where report_id = (select id from reports where code = ?)',
      [sent.code],
    );
    await sql('update reports set suggested_category_id = null where code = ?', [sent.code]);
    const d = (await detail(ioc, sent.code)) as Detail & { intake: unknown; intakeLabel: unknown };
    expect(d.intake).toBeNull();
    expect(d.intakeLabel).toBeNull();
    await ok(await act(ioc, sent.code, 'intake', { decision: 'valid', categoryId: 'y_te' }));
    expect(await labelOf(sent.code)).toMatchObject({
      predicted_category_id: null,
      label_category_id: 'y_te',
      corrected: 0,
    });
  });
});

describe('the API reference', () => {
  it('documents the export', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content?: object }> } }>;
    };
    const get = doc.paths['/api/v1/work/intake/labels']?.get;
    expect(Object.keys(get?.responses['200']?.content ?? {}).sort()).toEqual([
      'application/json',
      'application/x-ndjson',
    ]);
  });
});
