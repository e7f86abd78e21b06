import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from './helpers';
import { signedInCitizen } from './support/citizens';
import { withinOneClockWindow } from './support/clock-window';
import { pdfBytes } from './support/environment-seed';
import { db, signedInOfficial } from './support/officials';

// Investment promotion against the real Worker and database: the editors' policies and
// projects (permissions, validation, versions, sanitising, documents), the public catalogue
// (drafts hidden, diacritics-insensitive search, downloads) and investors' enquiries
// (idempotent, rate-limited, reaching the agency's editors only).

const PUBLIC = '/api/v1/investment';
const WORK = '/api/v1/work/investment';
// Agencies of the test fixtures no other investment test writes to.
const AGENCY = 'so_khoa_hoc_cong_nghe';
const OTHER = 'so_y_te';

type H = Record<string, string>;
let editor: H;
let editorId: string;
let otherEditor: H;
let otherEditorId: string;

beforeAll(async () => {
  await call('/api/v1/health');
  const e = await signedInOfficial({ roles: ['investment_editor'], agencyId: AGENCY });
  editor = e.headers;
  editorId = e.official.id;
  const o = await signedInOfficial({ roles: ['investment_editor'], agencyId: OTHER });
  otherEditor = o.headers;
  otherEditorId = o.official.id;
}, 60_000);

const token = () => `t${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;
const randomIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

function send(method: string, path: string, headers: H, body?: unknown) {
  return call(path, {
    method,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function ok<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function failure(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (JSON.parse(text) as { error: { code: string; message: string; details?: unknown } })
    .error;
}

interface WorkProject {
  id: string;
  version: number;
  status: string;
  bodyHtml: string;
  capitalVnd: number | null;
  documents: { id: string; url: string }[];
}

const projectInput = (over: Record<string, unknown> = {}) => ({
  title: 'Nhà máy chế biến khóm Cầu Đúc',
  summary: 'Kêu gọi đầu tư nhà máy chế biến khóm xuất khẩu.',
  bodyHtml: '<p>Quy mô <strong>50 000 tấn</strong> mỗi năm.</p>',
  sectorId: 'che-bien-nong-san',
  stage: 'calling',
  location: 'Xã Hỏa Tiến, thành phố Vị Thanh',
  communeId: 'vi-thanh',
  lat: 9.78,
  lng: 105.47,
  areaHectares: 12.5,
  capitalVnd: 450_000_000_000,
  en: { title: 'Cau Duc pineapple processing plant', location: 'Hoa Tien, Vi Thanh' },
  ...over,
});

async function newProject(headers = editor, over: Record<string, unknown> = {}) {
  return ok<WorkProject>(await send('POST', `${WORK}/projects`, headers, projectInput(over)), 201);
}

async function publish(kind: 'projects' | 'policies', item: { id: string; version: number }) {
  return ok<WorkProject>(
    await send('POST', `${WORK}/${kind}/${item.id}/status`, editor, {
      version: item.version,
      status: 'published',
    }),
  );
}

const enquiry = (over: Record<string, unknown> = {}) => ({
  requestKey: token(),
  name: 'Nguyễn Văn An',
  organisation: 'Công ty TNHH Nông sản Mekong',
  email: 'an.nguyen@example.com',
  phone: '0912 345 678',
  country: 'Việt Nam',
  message: 'Chúng tôi muốn tìm hiểu thủ tục và ưu đãi cho dự án này.',
  ...over,
});

const postEnquiry = (body: unknown, ip?: string) =>
  call(`${PUBLIC}/enquiries`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(ip ? { 'CF-Connecting-IP': ip } : {}) },
    body: JSON.stringify(body),
  });

describe('editors: permissions', () => {
  it('own agency edits; another agency hears 404; citizens 401; officials without the role 403', async () => {
    const p = await newProject();
    expect(p).toMatchObject({ status: 'draft', version: 1, capitalVnd: 450_000_000_000 });

    expect((await call(`${WORK}/projects/${p.id}`, { headers: editor })).status).toBe(200);
    const other = await call(`${WORK}/projects/${p.id}`, { headers: otherEditor });
    expect((await failure(other, 404)).code).toBe('project_not_found');
    const otherEdit = await send('PUT', `${WORK}/projects/${p.id}`, otherEditor, {
      ...projectInput(),
      version: 1,
    });
    expect(otherEdit.status).toBe(404);

    const citizen = await signedInCitizen();
    const c = await send('POST', `${WORK}/projects`, citizen.headers, projectInput());
    expect((await failure(c, 401)).code).toBe('official_session_required');
    expect((await call(`${WORK}/projects`)).status).toBe(401);

    const handler = await signedInOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
    const h = await send('POST', `${WORK}/projects`, handler.headers, { nonsense: true });
    expect((await failure(h, 403)).code).toBe('forbidden');
    expect((await call(`${WORK}/enquiries`, { headers: handler.headers })).status).toBe(403);

    // Lists show only the own agency's rows.
    const mine = await ok<{ items: { id: string; agencyId: string }[] }>(
      await call(`${WORK}/projects?limit=50`, { headers: otherEditor }),
    );
    expect(mine.items.every((i) => i.agencyId === OTHER)).toBe(true);
    expect(mine.items.some((i) => i.id === p.id)).toBe(false);
  });
});

describe('editors: bad input', () => {
  it('refuses negative capital, zero area, unknown sector/commune, coordinates outside Vietnam', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ capitalVnd: -1 }, 400, 'validation_failed'],
      [{ capitalVnd: 1.5 }, 400, 'validation_failed'],
      [{ areaHectares: 0 }, 400, 'validation_failed'],
      [{ lat: 48.85, lng: 2.35 }, 400, 'validation_failed'],
      [{ lat: 9.8, lng: null }, 400, 'validation_failed'],
      [{ stage: 'done' }, 400, 'validation_failed'],
      [{ title: '' }, 400, 'validation_failed'],
      [{ bodyHtml: '<script>x()</script>' }, 400, 'validation_failed'],
      [{ sectorId: 'khong-co' }, 422, 'unknown_sector'],
      [{ communeId: 'khong-co' }, 422, 'unknown_commune'],
    ];
    for (const [over, status, code] of cases) {
      const res = await send('POST', `${WORK}/projects`, editor, projectInput(over));
      expect((await failure(res, status)).code, JSON.stringify(over)).toBe(code);
    }
  });

  it('sanitises scripts and handlers out of bodies (Vietnamese and English)', async () => {
    const p = await newProject(editor, {
      bodyHtml:
        '<p onclick="steal()">Hạ tầng <script>alert(1)</script><a href="javascript:x">đủ</a></p>',
      en: { bodyHtml: '<p>Ready <img src="https://evil.example/x.png" onerror="x()"></p>' },
    });
    expect(p.bodyHtml).not.toMatch(/script|onclick|javascript|alert/);
    expect(p.bodyHtml).toContain('Hạ tầng');
    const en = (p as unknown as { en: { bodyHtml: string } }).en.bodyHtml;
    expect(en).not.toMatch(/onerror|evil/);
  });

  it('refuses a stale version with 409 version_conflict and audits each write', async () => {
    const p = await newProject();
    const first = await ok<WorkProject>(
      await send('PUT', `${WORK}/projects/${p.id}`, editor, {
        ...projectInput({ capitalVnd: 500_000_000_000 }),
        version: 1,
      }),
    );
    expect(first.version).toBe(2);
    const stale = await send('PUT', `${WORK}/projects/${p.id}`, editor, {
      ...projectInput({ capitalVnd: 1 }),
      version: 1,
    });
    expect((await failure(stale, 409)).code).toBe('version_conflict');
    const pub = await publish('projects', first);
    expect(pub).toMatchObject({ status: 'published', version: 3 });
    const audit = await db().all<{ action: string; actor_id: string; from_value: string }>(
      sql`select action, actor_id, from_value from audit_log
        where entity_type = 'investment_project' and entity_id = ${p.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'investment_project.create',
      'investment_project.update',
      'investment_project.publish',
    ]);
    expect(audit.every((a) => a.actor_id === editorId)).toBe(true);
    expect(JSON.parse(audit[1]?.from_value ?? '{}')).toEqual({ capital_vnd: 450_000_000_000 });
  });
});

describe('public catalogue', () => {
  it('hides drafts, shows published projects, searches without tone marks, filters, speaks English', async () => {
    const tag = token();
    const draft = await newProject(editor, { title: `Cảng Cái Cui logistics ${tag} nháp` });
    const p = await newProject(editor, {
      title: `Trung tâm logistics cảng Cái Cui ${tag}`,
      sectorId: 'ha-tang-logistics',
      stage: 'negotiating',
    });
    await publish('projects', p);

    expect((await call(`${PUBLIC}/projects/${draft.id}`)).status).toBe(404);
    const found = await ok<{ items: { id: string; stage: string; sectorName: string }[] }>(
      await call(`${PUBLIC}/projects?q=${encodeURIComponent(`cang cai cui ${tag}`)}`),
    );
    expect(found.items.map((i) => i.id)).toEqual([p.id]);
    expect(found.items[0]).toMatchObject({
      stage: 'negotiating',
      sectorName: 'Hạ tầng giao thông, logistics',
    });

    const bySector = await ok<{ items: { id: string }[] }>(
      await call(`${PUBLIC}/projects?sector=ha-tang-logistics&stage=negotiating&q=${tag}`),
    );
    expect(bySector.items.map((i) => i.id)).toEqual([p.id]);
    const wrongStage = await ok<{ items: unknown[] }>(
      await call(`${PUBLIC}/projects?stage=licensed&q=${tag}`),
    );
    expect(wrongStage.items).toEqual([]);

    const en = await ok<{ title: string; location: string; sectorName: string }>(
      await call(`${PUBLIC}/projects/${p.id}?lang=en`),
    );
    expect(en).toMatchObject({
      title: 'Cau Duc pineapple processing plant',
      location: 'Hoa Tien, Vi Thanh',
      sectorName: 'Transport infrastructure and logistics',
    });

    const sectors = await ok<{ items: { id: string; projectCount: number }[] }>(
      await call(`${PUBLIC}/sectors`),
    );
    expect(sectors.items.find((s) => s.id === 'ha-tang-logistics')?.projectCount).toBeGreaterThan(
      0,
    );
    expect((await failure(await call(`${PUBLIC}/projects?cursor=%%%`), 400)).code).toBe(
      'invalid_cursor',
    );
  });

  it('pages projects with a cursor, no duplicates', async () => {
    const tag = token();
    for (let i = 0; i < 3; i++) {
      await publish('projects', await newProject(editor, { title: `Khu công nghiệp ${tag} ${i}` }));
    }
    const first = await ok<{ items: { id: string }[]; nextCursor: string }>(
      await call(`${PUBLIC}/projects?q=${tag}&limit=2`),
    );
    expect(first.items).toHaveLength(2);
    const second = await ok<{ items: { id: string }[]; nextCursor: string | null }>(
      await call(`${PUBLIC}/projects?q=${tag}&limit=2&cursor=${first.nextCursor}`),
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(3);
  });

  it('publishes a policy and answers 304 for an unchanged ETag until content changes', async () => {
    const tag = token();
    const policy = await ok<WorkProject>(
      await send('POST', `${WORK}/policies`, editor, {
        title: `Ưu đãi thuê đất khu công nghiệp ${tag}`,
        summary: 'Miễn tiền thuê đất 11 năm.',
        bodyHtml: '<p>Theo Nghị định về ưu đãi đầu tư.</p>',
      }),
      201,
    );
    expect((await call(`${PUBLIC}/policies/${policy.id}`)).status).toBe(404);
    await publish('policies', policy);
    const first = await call(`${PUBLIC}/policies?q=uu dai thue dat ${tag}`);
    const list = await ok<{ items: { id: string }[] }>(first);
    expect(list.items.map((i) => i.id)).toEqual([policy.id]);
    const etag = first.headers.get('etag') ?? '';
    const again = await call(`${PUBLIC}/policies?q=uu dai thue dat ${tag}`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });
});

describe('documents', () => {
  it('uploads a PDF (type from bytes), keeps it private while draft, serves it safely once published', async () => {
    const p = await newProject();
    const up = await call(
      `${WORK}/projects/${p.id}/documents?title=${encodeURIComponent('Bản đồ quy hoạch')}`,
      {
        method: 'POST',
        headers: {
          ...editor,
          'Content-Type': 'text/plain',
          'X-File-Name': encodeURIComponent('Quy hoạch.pdf'),
        },
        body: pdfBytes(),
      },
    );
    const { document } = await ok<{
      document: { id: string; url: string; sha256: string; contentType: string };
    }>(up, 201);
    expect(document.contentType).toBe('application/pdf');

    const notPdf = await call(`${WORK}/projects/${p.id}/documents`, {
      method: 'POST',
      headers: { ...editor, 'Content-Type': 'application/pdf', 'X-File-Name': 'a.pdf' },
      body: new TextEncoder().encode('<html><script>alert(1)</script></html>'),
    });
    expect((await failure(notPdf, 415)).code).toBe('unsupported_file_type');
    const otherUpload = await call(`${WORK}/projects/${p.id}/documents`, {
      method: 'POST',
      headers: { ...otherEditor, 'X-File-Name': 'a.pdf' },
      body: pdfBytes(),
    });
    expect(otherUpload.status).toBe(404);

    expect((await call(document.url)).status).toBe(404);
    await publish('projects', p);
    const res = await call(document.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="Quy hoach.pdf"; filename*=UTF-8''${encodeURIComponent('Quy hoạch.pdf')}`,
    );
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('etag')).toBe(`"${document.sha256}"`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdfBytes());
    const cached = await call(document.url, {
      headers: { 'If-None-Match': `"${document.sha256}"` },
    });
    expect(cached.status).toBe(304);

    const detail = await ok<{ documents: { id: string }[] }>(
      await call(`${PUBLIC}/projects/${p.id}`),
    );
    expect(detail.documents.map((d) => d.id)).toEqual([document.id]);

    const del = await call(`${WORK}/documents/${document.id}`, {
      method: 'DELETE',
      headers: editor,
    });
    await ok(del);
    expect((await call(document.url)).status).toBe(404);
  });
});

describe('enquiries', () => {
  let project: WorkProject;
  beforeAll(async () => {
    project = await newProject();
    project = await publish('projects', project);
  });

  it('validates contact details with Vietnamese messages', async () => {
    const cases: Record<string, unknown>[] = [
      { email: undefined, phone: undefined },
      { phone: '12345', email: undefined },
      { email: 'khong-phai-email', phone: undefined },
      { message: 'ngắn' },
      { name: '' },
      { projectId: undefined },
      { requestKey: 'x' },
    ];
    for (const over of cases) {
      const res = await postEnquiry(enquiry({ projectId: project.id, ...over }));
      expect((await failure(res, 400)).code, JSON.stringify(over)).toBe('validation_failed');
    }
    const missing = await failure(
      await postEnquiry(enquiry({ projectId: project.id, email: undefined, phone: undefined })),
      400,
    );
    expect(JSON.stringify(missing)).toContain('email hoặc số điện thoại');
    const draft = await newProject();
    expect((await failure(await postEnquiry(enquiry({ projectId: draft.id })), 404)).code).toBe(
      'project_not_found',
    );
    // An agency with no published investment content does not take enquiries.
    expect(
      (
        await failure(
          await postEnquiry(enquiry({ projectId: undefined, agencyId: 'dien_luc' })),
          422,
        )
      ).code,
    ).toBe('agency_not_accepting');
    // +84 numbers are accepted.
    await ok(
      await postEnquiry(
        enquiry({ projectId: project.id, phone: '+84912345678', email: undefined }),
      ),
      201,
    );
  });

  it('reaches the agency: a notice to its active investment editors only', async () => {
    const disabled = await signedInOfficial({
      roles: ['investment_editor'],
      agencyId: AGENCY,
      status: 'active',
    });
    await db().run(
      sql`update officials set status = 'disabled' where id = ${disabled.official.id}`,
    );
    const handler = await signedInOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
    const created = await ok<{ id: string; agencyId: string; status: string }>(
      await postEnquiry(enquiry({ projectId: project.id })),
      201,
    );
    expect(created).toMatchObject({ agencyId: AGENCY, status: 'new' });
    const notices = await db().all<{ recipient_id: string; recipient_type: string; link: string }>(
      sql`select recipient_id, recipient_type, link from notifications
        where dedupe_key like ${`investment-enquiry:${created.id}:%`}`,
    );
    const recipients = notices.map((n) => n.recipient_id);
    expect(recipients).toContain(editorId);
    expect(recipients).not.toContain(otherEditorId);
    expect(recipients).not.toContain(disabled.official.id);
    expect(recipients).not.toContain(handler.official.id);
    for (const n of notices) {
      expect(n).toMatchObject({
        recipient_type: 'official',
        link: `/dau-tu?enquiry=${created.id}`,
      });
    }
    const holders = await db().all<{ id: string }>(sql`select o.id from officials o
      join official_roles r on r.official_id = o.id and r.role = 'investment_editor'
      where o.agency_id = ${AGENCY} and o.status = 'active'`);
    expect(new Set(recipients)).toEqual(new Set(holders.map((h) => h.id)));

    // The inbox: visible to the agency's editor, not to another agency's.
    const inbox = await ok<{
      items: { id: string; email: string }[];
      counts: Record<string, number>;
    }>(await call(`${WORK}/enquiries?status=new&limit=50`, { headers: editor }));
    expect(inbox.items.map((i) => i.id)).toContain(created.id);
    const theirs = await ok<{ items: { id: string }[] }>(
      await call(`${WORK}/enquiries?limit=50`, { headers: otherEditor }),
    );
    expect(theirs.items.map((i) => i.id)).not.toContain(created.id);
    expect((await call(`${WORK}/enquiries/${created.id}`, { headers: otherEditor })).status).toBe(
      404,
    );
    const foreign = await send('PATCH', `${WORK}/enquiries/${created.id}`, otherEditor, {
      status: 'closed',
    });
    expect(foreign.status).toBe(404);

    const answered = await ok<{ status: string; reply: string; handledBy: string }>(
      await send('PATCH', `${WORK}/enquiries/${created.id}`, editor, {
        status: 'answered',
        reply: 'Đã gọi điện hẹn khảo sát thực địa ngày 05/12.',
      }),
    );
    expect(answered).toMatchObject({ status: 'answered', handledBy: editorId });
    const audit = await db().all<{ to_value: string }>(sql`select to_value from audit_log
      where entity_type = 'investment_enquiry' and entity_id = ${created.id}`);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.to_value ?? '{}')).toMatchObject({ status: 'answered' });
  });

  it('a retried requestKey returns the same enquiry, also when the retries run in parallel', async () => {
    const body = enquiry({ projectId: project.id });
    const answers = await Promise.all(Array.from({ length: 5 }, () => postEnquiry(body)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(
      await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id)),
    );
    expect(ids.size).toBe(1);
    const later = await ok<{ id: string }>(await postEnquiry(body));
    expect(ids.has(later.id)).toBe(true);
    const rows = await db().all<{ n: number }>(
      sql`select count(*) as n from investment_enquiries where request_key = ${body.requestKey}`,
    );
    expect(Number(rows[0]?.n)).toBe(1);
    const notices = await db().all<{
      recipient_id: string;
    }>(sql`select recipient_id from notifications
      where dedupe_key like ${`investment-enquiry:${later.id}:%`}`);
    expect(notices.filter((n) => n.recipient_id === editorId)).toHaveLength(1);
  });

  it('limits new enquiries to 5 a minute per IP; a retry is still answered', async () => {
    await withinOneClockWindow(20);
    const ip = randomIp();
    const bodies = Array.from({ length: 6 }, () => enquiry({ projectId: project.id }));
    const statuses: number[] = [];
    for (const b of bodies) statuses.push((await postEnquiry(b, ip)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const retry = await postEnquiry(bodies[0], ip);
    expect(retry.status).toBe(200);
    const limited = await postEnquiry(enquiry({ projectId: project.id }), ip);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await failure(limited, 429)).code).toBe('rate_limited');
  }, 60_000);
});
