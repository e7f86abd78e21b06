import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeMaterial } from '../src/training/materials';
import type { Material, PublicCourse, WorkCourse, WorkSession } from '../src/training/schemas';
import { call } from './helpers';
import { signedInCitizen } from './support/citizens';
import { pdfBytes } from './support/environment-seed';
import { baseJpeg, pngWithText } from './support/images';
import { asAgencyLeader, signedInOfficial } from './support/officials';
import {
  AGENCY,
  addSession,
  auditOf,
  db,
  docx,
  errorOf,
  expectStatus,
  HOUR,
  inHours,
  json,
  newCourse,
  PUBLIC,
  plainZip,
  pptx,
  publish,
  send,
  WORK,
} from './support/training';

// The training editors' side against the real Worker and database: courses, sessions,
// materials in R2 (the test's DOCUMENTS bucket), permissions and the audit trail.

type Headers = Record<string, string>;
let editor: Headers;
let editorId: string;
let otherAgencyEditor: Headers;

// The first request through the Worker loads its whole module graph: not inside a test's time.
beforeAll(async () => {
  await call('/api/v1/health');
  const e = await signedInOfficial({ roles: ['training_editor'], agencyId: AGENCY });
  editor = e.headers;
  editorId = e.official.id;
  otherAgencyEditor = (await signedInOfficial({ roles: ['training_editor'], agencyId: 'so_y_te' }))
    .headers;
}, 60_000);

const upload = (
  headers: Headers,
  courseId: string,
  bytes: Uint8Array,
  opts: { name?: string; title?: string; type?: string } = {},
) =>
  call(
    `${WORK}/courses/${courseId}/materials${opts.title ? `?title=${encodeURIComponent(opts.title)}` : ''}`,
    {
      method: 'POST',
      headers: {
        ...headers,
        'Content-Type': opts.type ?? 'application/octet-stream',
        ...(opts.name ? { 'X-File-Name': encodeURIComponent(opts.name) } : {}),
      },
      body: bytes,
    },
  );

describe('courses', () => {
  it('creates a draft, edits it, refuses publishing without sessions, publishes, cancels; all audited', async () => {
    const course = await newCourse(editor, {
      title: 'Kỹ thuật tưới ướt khô xen kẽ',
      audience: 'Nông dân trồng lúa',
    });
    expect(course).toMatchObject({
      agencyId: AGENCY,
      status: 'draft',
      publishedAt: null,
      sessions: [],
      materials: [],
    });
    // A draft is nobody's business outside the agency.
    expect((await call(`${PUBLIC}/courses/${course.id}`)).status).toBe(404);

    const patched = await send('PATCH', `${WORK}/courses/${course.id}`, editor, {
      description: 'Tiết kiệm nước, giảm phát thải khí nhà kính.',
      audience: '',
    });
    await expectStatus(patched, 200);
    const after = (await json<{ course: WorkCourse }>(patched)).course;
    expect(after.description).toBe('Tiết kiệm nước, giảm phát thải khí nhà kính.');
    expect(after.audience).toBeNull();
    expect(after.title).toBe('Kỹ thuật tưới ướt khô xen kẽ');

    const early = await send('POST', `${WORK}/courses/${course.id}/publish`, editor);
    expect(early.status).toBe(422);
    expect((await errorOf(early)).code).toBe('no_sessions');

    await addSession(editor, course.id);
    await publish(editor, course.id);
    // Publishing again changes nothing.
    await publish(editor, course.id);
    const pub = await json<PublicCourse>(await call(`${PUBLIC}/courses/${course.id}`));
    expect(pub.status).toBe('published');
    expect(pub.agencyName).toBeTruthy();

    const cancelled = await send('POST', `${WORK}/courses/${course.id}/cancel`, editor);
    await expectStatus(cancelled, 200);
    expect((await json<{ course: WorkCourse }>(cancelled)).course.status).toBe('cancelled');
    const noEdit = await send('PATCH', `${WORK}/courses/${course.id}`, editor, {
      title: 'Tên mới cho khóa',
    });
    expect(noEdit.status).toBe(409);
    expect((await errorOf(noEdit)).code).toBe('course_cancelled');
    const noRepublish = await send('POST', `${WORK}/courses/${course.id}/publish`, editor);
    expect(noRepublish.status).toBe(409);

    const audit = await auditOf(course.id);
    expect(audit.map((a) => a.action)).toEqual([
      'course.create',
      'course.update',
      'course.publish',
      'course.cancel',
    ]);
    expect(audit.every((a) => a.actorId === editorId)).toBe(true);
    expect(JSON.parse(audit[1]?.toValue ?? '{}')).toEqual({
      description: 'Tiết kiệm nước, giảm phát thải khí nhà kính.',
      audience: null,
    });
  });

  it('answers a retried creation with the same course (requestKey)', async () => {
    const requestKey = crypto.randomUUID();
    const body = { title: 'Khóa học gửi hai lần', requestKey };
    const [a, b] = await Promise.all([
      send('POST', `${WORK}/courses`, editor, body),
      send('POST', `${WORK}/courses`, editor, body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [row] = await db().all<{ n: number }>(
      sql`select count(*) as n from courses where id = ${requestKey}`,
    );
    expect(row?.n).toBe(1);
    expect((await auditOf(requestKey)).length).toBe(1);
    // Another editor cannot take over the key.
    const stolen = await send('POST', `${WORK}/courses`, otherAgencyEditor, body);
    expect(stolen.status).toBe(409);
    expect((await errorOf(stolen)).code).toBe('request_key_reused');
  });

  it('lists the agency’s courses only, searchable without tone marks', async () => {
    const mark = crypto.randomUUID().slice(0, 6);
    const mine = await newCourse(editor, { title: `Xử lý rơm rạ sau thu hoạch ${mark}` });
    const theirs = await newCourse(otherAgencyEditor, { title: `Sơ cứu đuối nước ${mark}` });
    const list = await json<{ courses: { id: string }[] }>(
      await send('GET', `${WORK}/courses?q=${encodeURIComponent(`xu ly rom ra ${mark}`)}`, editor),
    );
    expect(list.courses.map((c) => c.id)).toEqual([mine.id]);
    const all = await json<{ courses: { id: string; agencyId: string }[] }>(
      await send('GET', `${WORK}/courses?status=draft`, editor),
    );
    expect(all.courses.map((c) => c.id)).toContain(mine.id);
    expect(all.courses.map((c) => c.id)).not.toContain(theirs.id);
    expect(all.courses.every((c) => c.agencyId === AGENCY)).toBe(true);
  });

  it('hides another agency’s courses (404) and refuses citizens and other officials', async () => {
    const course = await newCourse(editor);
    const session = await addSession(editor, course.id);
    for (const [method, path, body] of [
      ['GET', `${WORK}/courses/${course.id}`],
      ['PATCH', `${WORK}/courses/${course.id}`, { title: 'Chiếm quyền khóa học' }],
      ['POST', `${WORK}/courses/${course.id}/publish`],
      ['POST', `${WORK}/courses/${course.id}/cancel`],
      [
        'POST',
        `${WORK}/courses/${course.id}/sessions`,
        {
          title: 'Buổi học chen ngang',
          startsAt: inHours(5),
          endsAt: inHours(6),
          meetingUrl: 'https://a.vn',
        },
      ],
      ['PATCH', `${WORK}/sessions/${session.id}`, { title: 'Buổi bị sửa' }],
      ['DELETE', `${WORK}/sessions/${session.id}`],
      ['GET', `${WORK}/sessions/${session.id}/registrations`],
      ['GET', `${WORK}/sessions/${session.id}/questions`],
    ] as const) {
      const res = await send(method, path, otherAgencyEditor, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const citizen = await signedInCitizen();
    expect((await send('GET', `${WORK}/courses`, citizen.headers)).status).toBe(401);
    expect((await send('GET', `${WORK}/courses`, {})).status).toBe(401);
    const leader = await asAgencyLeader(AGENCY);
    const forbidden = await send('POST', `${WORK}/courses`, leader.headers, {
      title: 'Khóa học trái phép',
    });
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).code).toBe('forbidden');
    // Nothing changed.
    const still = await json<{ course: WorkCourse }>(
      await send('GET', `${WORK}/courses/${course.id}`, editor),
    );
    expect(still.course.status).toBe('draft');
    expect(still.course.sessions).toHaveLength(1);
  });
});

describe('sessions', () => {
  it('validates times and the meeting link', async () => {
    const course = await newCourse(editor);
    const post = (body: Record<string, unknown>) =>
      send('POST', `${WORK}/courses/${course.id}/sessions`, editor, {
        title: 'Buổi học',
        startsAt: inHours(24),
        endsAt: inHours(26),
        meetingUrl: 'https://meet.jit.si/buoi-hoc',
        ...body,
      });
    const backwards = await post({ endsAt: inHours(23) });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(await errorOf(backwards))).toContain(
      'Giờ kết thúc phải sau giờ bắt đầu.',
    );
    const insecure = await post({ meetingUrl: 'http://meet.jit.si/buoi-hoc' });
    expect(insecure.status).toBe(400);
    expect(JSON.stringify(await errorOf(insecure))).toContain('https://');
    expect((await post({ meetingUrl: 'javascript:alert(1)' })).status).toBe(400);
    expect((await post({ startsAt: '12/03/2026 08:00' })).status).toBe(400);
    expect((await post({ endsAt: inHours(24 + 13) })).status).toBe(400);
    const past = await post({ startsAt: inHours(-1), endsAt: inHours(1) });
    expect(past.status).toBe(422);
    expect((await errorOf(past)).code).toBe('starts_in_past');

    // With an offset: stored as the UTC instant.
    const ok = await post({
      startsAt: '2099-03-12T08:00:00+07:00',
      endsAt: '2099-03-12T10:30:00+07:00',
      capacity: 30,
    });
    await expectStatus(ok, 201);
    const { session } = await json<{ session: WorkSession }>(ok);
    expect(session).toMatchObject({
      startsAt: '2099-03-12T01:00:00.000Z',
      endsAt: '2099-03-12T03:30:00.000Z',
      capacity: 30,
      registered: 0,
    });
  });

  it('edits a session, refuses a capacity below the registrations, deletes only empty sessions', async () => {
    const course = await newCourse(editor);
    const s = await addSession(editor, course.id, { capacity: 10 });
    await publish(editor, course.id);
    const citizens = await Promise.all([signedInCitizen(), signedInCitizen(), signedInCitizen()]);
    for (const c of citizens) {
      await expectStatus(
        await send('POST', `${PUBLIC}/sessions/${s.id}/registrations`, c.headers, {
          name: 'Trần Thị Hoa',
        }),
        201,
      );
    }
    const tooSmall = await send('PATCH', `${WORK}/sessions/${s.id}`, editor, { capacity: 2 });
    expect(tooSmall.status).toBe(409);
    expect(await errorOf(tooSmall)).toMatchObject({
      code: 'capacity_below_registered',
      details: { registered: 3 },
    });
    const wrongTimes = await send('PATCH', `${WORK}/sessions/${s.id}`, editor, {
      endsAt: new Date(Date.parse(s.startsAt) - HOUR).toISOString(),
    });
    expect(wrongTimes.status).toBe(400);
    expect((await errorOf(wrongTimes)).code).toBe('invalid_session_times');

    const edited = await send('PATCH', `${WORK}/sessions/${s.id}`, editor, {
      capacity: 3,
      trainerName: 'TS. Lê Hoàng Nam',
      meetingUrl: 'https://meet.jit.si/phong-moi',
    });
    await expectStatus(edited, 200);
    expect((await json<{ session: WorkSession }>(edited)).session).toMatchObject({
      capacity: 3,
      registered: 3,
      trainerName: 'TS. Lê Hoàng Nam',
    });
    // The registered people hear of the new link.
    const notes = await db().all<{ recipientId: string; kind: string; link: string }>(
      sql`select recipient_id as recipientId, kind, link from notifications
        where kind = 'training.changed' and recipient_id in (${sql.join(
          citizens.map((c) => sql`${c.userId}`),
          sql`, `,
        )})`,
    );
    expect(notes).toHaveLength(3);
    expect(new Set(notes.map((n) => n.link))).toEqual(new Set([`/online-training/c/${course.id}`]));

    const full = await send('DELETE', `${WORK}/sessions/${s.id}`, editor);
    expect(full.status).toBe(409);
    expect((await errorOf(full)).code).toBe('session_has_registrations');

    const empty = await addSession(editor, course.id);
    await expectStatus(await send('DELETE', `${WORK}/sessions/${empty.id}`, editor), 200);
    expect((await send('DELETE', `${WORK}/sessions/${empty.id}`, editor)).status).toBe(404);
    expect((await auditOf(empty.id)).map((a) => a.action)).toEqual([
      'course_session.create',
      'course_session.delete',
    ]);
    expect((await auditOf(s.id)).map((a) => a.action)).toEqual([
      'course_session.create',
      'course_session.update',
    ]);
  });
});

describe('materials', () => {
  it('stores PDF, Word, PowerPoint, Excel, PNG and JPEG by their content, with SHA-256 in R2', async () => {
    const course = await newCourse(editor);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Lịch thời vụ').addRow(['Vụ', 'Ngày xuống giống']);
    const xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const cases: [Uint8Array, string, string, string][] = [
      [pdfBytes(), 'Tài liệu lúa mặn.pdf', 'application/pdf', 'Tài liệu lúa mặn.pdf'],
      [
        docx(),
        'Lịch thời vụ.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Lịch thời vụ.docx',
      ],
      [
        pptx(),
        'bai-giang',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        'bai-giang.pptx',
      ],
      [
        xlsx,
        'so-lieu.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'so-lieu.xlsx',
      ],
      [pngWithText(), 'ban-do.png', 'image/png', 'ban-do.png'],
      // The declared name lies: the real type wins, and the name gets its extension.
      [baseJpeg(), 'anh-ruong.pdf', 'image/jpeg', 'anh-ruong.pdf.jpg'],
    ];
    for (const [bytes, name, mime, fileName] of cases) {
      const res = await upload(editor, course.id, bytes, { name });
      await expectStatus(res, 201);
      const { material } = await json<{ material: Material }>(res);
      expect(material, name).toMatchObject({ contentType: mime, fileName, bytes: bytes.length });
      const [row] = await db().all<{ objectKey: string; sha256: string; uploadedBy: string }>(
        sql`select object_key as objectKey, sha256, uploaded_by as uploadedBy
          from course_materials where id = ${material.id}`,
      );
      expect(row?.objectKey).toBe(`training/${course.id}/${material.id}`);
      expect(row?.uploadedBy).toBe(editorId);
      const digest = new Uint8Array(
        await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>),
      );
      expect(row?.sha256).toBe(Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
      const stored = await env.DOCUMENTS.get(row?.objectKey ?? '');
      expect(new Uint8Array((await stored?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(bytes);
      expect((await auditOf(material.id)).map((a) => a.action)).toEqual(['course_material.create']);
    }
    const detail = await json<{ course: WorkCourse }>(
      await send('GET', `${WORK}/courses/${course.id}`, editor),
    );
    expect(detail.course.materials).toHaveLength(cases.length);
    expect(detail.course.materials[0]?.title).toBe('Tài liệu lúa mặn');
  });

  it('refuses other types (415), empty files, files over 20 MB (413), and keeps nothing of them', async () => {
    const course = await newCourse(editor);
    for (const bytes of [
      new TextEncoder().encode('Chỉ là văn bản, không phải PDF'),
      plainZip(),
      new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0]), // GIF
    ]) {
      const res = await upload(editor, course.id, bytes, {
        name: 'tai-lieu.pdf',
        type: 'application/pdf',
      });
      expect(res.status).toBe(415);
      expect((await errorOf(res)).code).toBe('unsupported_file_type');
    }
    const empty = await upload(editor, course.id, new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).code).toBe('empty_file');
    const big = await upload(editor, course.id, pdfBytes(20 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    expect(await errorOf(big)).toMatchObject({
      code: 'file_too_large',
      message: 'Tệp tài liệu vượt quá 20 MB.',
    });
    // Exactly 20 MB is allowed.
    await expectStatus(await upload(editor, course.id, pdfBytes(20 * 1024 * 1024)), 201);
    const [row] = await db().all<{ n: number }>(
      sql`select count(*) as n from course_materials where course_id = ${course.id}`,
    );
    expect(row?.n).toBe(1);
    const listed = await env.DOCUMENTS.list({ prefix: `training/${course.id}/` });
    expect(listed.objects).toHaveLength(1);
  });

  it('stops reading a streamed body without a length as soon as it passes 20 MB', async () => {
    const course = await newCourse(editor);
    const chunk = pdfBytes(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 30) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await call(`${WORK}/courses/${course.id}/materials`, {
      method: 'POST',
      headers: { ...editor, 'Content-Type': 'application/pdf' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('file_too_large');
    expect(sent).toBeLessThan(30);
    expect((await env.DOCUMENTS.list({ prefix: `training/${course.id}/` })).objects).toHaveLength(
      0,
    );
  });

  it('answers the same file uploaded again with the material already there', async () => {
    const course = await newCourse(editor);
    const bytes = pdfBytes(4096);
    const [a, b] = await Promise.all([
      upload(editor, course.id, bytes, { name: 'giao-trinh.pdf' }),
      upload(editor, course.id, bytes, { name: 'giao-trinh.pdf' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const ids = [
      (await json<{ material: Material }>(a)).material.id,
      (await json<{ material: Material }>(b)).material.id,
    ];
    expect(ids[0]).toBe(ids[1]);
    const listed = await env.DOCUMENTS.list({ prefix: `training/${course.id}/` });
    expect(listed.objects.map((o) => o.key)).toEqual([`training/${course.id}/${ids[0]}`]);
  });

  it('removes the stored file when the row cannot be written (course cancelled meanwhile)', async () => {
    const course = await newCourse(editor);
    await send('POST', `${WORK}/courses/${course.id}/cancel`, editor);
    const outcome = await storeMaterial(
      db(),
      env,
      {
        courseId: course.id,
        title: 'Muộn',
        declaredName: 'muon.pdf',
        uploadedBy: editorId,
        now: new Date().toISOString(),
      },
      pdfBytes(2048) as Uint8Array<ArrayBuffer>,
      (id) => ({
        at: new Date().toISOString(),
        actor: { kind: 'official', id: editorId },
        action: 'course_material.create',
        entityType: 'course_material',
        entityId: id,
      }),
    );
    expect(outcome.kind).toBe('course_unavailable');
    expect((await env.DOCUMENTS.list({ prefix: `training/${course.id}/` })).objects).toHaveLength(
      0,
    );
    // Through the API: 409, nothing stored.
    const res = await upload(editor, course.id, pdfBytes());
    expect(res.status).toBe(409);
    expect((await env.DOCUMENTS.list({ prefix: `training/${course.id}/` })).objects).toHaveLength(
      0,
    );
  });

  it('serves published materials publicly (ETag, Content-Disposition), drafts only to editors; deletes', async () => {
    const course = await newCourse(editor);
    await addSession(editor, course.id);
    const res = await upload(editor, course.id, docx(), {
      name: 'Hướng dẫn bón phân.docx',
      title: 'Hướng dẫn bón phân',
    });
    const { material } = await json<{ material: Material }>(res);
    const publicUrl = `${PUBLIC}/materials/${material.id}`;
    expect((await call(publicUrl)).status).toBe(404);
    const preview = await send('GET', material.url, editor);
    expect(preview.status).toBe(200);
    expect((await send('GET', material.url, otherAgencyEditor)).status).toBe(404);

    await publish(editor, course.id);
    const pub = await json<PublicCourse>(await call(`${PUBLIC}/courses/${course.id}`));
    expect(pub.materials).toEqual([
      expect.objectContaining({ id: material.id, title: 'Hướng dẫn bón phân', url: publicUrl }),
    ]);
    const file = await call(publicUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(material.contentType);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Huong dan bon phan.docx"; filename*=UTF-8''${encodeURIComponent('Hướng dẫn bón phân.docx')}`,
    );
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(docx());
    const etag = file.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await call(publicUrl, { headers: { 'If-None-Match': etag } })).status).toBe(304);

    const pdf = await json<{ material: Material }>(
      await upload(editor, course.id, pdfBytes(), { name: 'so-tay.pdf' }),
    );
    expect(
      (await call(`${PUBLIC}/materials/${pdf.material.id}`)).headers.get('content-disposition'),
    ).toMatch(/^inline;/);

    expect(
      (await send('DELETE', `${WORK}/materials/${material.id}`, otherAgencyEditor)).status,
    ).toBe(404);
    await expectStatus(await send('DELETE', `${WORK}/materials/${material.id}`, editor), 200);
    expect(await env.DOCUMENTS.get(`training/${course.id}/${material.id}`)).toBeNull();
    expect((await call(publicUrl)).status).toBe(404);
    expect((await auditOf(material.id)).map((a) => a.action)).toEqual([
      'course_material.create',
      'course_material.delete',
    ]);
  });
});

describe('registrations export', () => {
  it('exports a session’s registrations as XLSX', async () => {
    const course = await newCourse(editor, { title: 'Khóa học xuất danh sách' });
    const s = await addSession(editor, course.id, {
      title: 'Buổi xuất danh sách',
      startsAt: inHours(3 * 24),
    });
    await publish(editor, course.id);
    const people = [
      { name: 'Nguyễn Văn Lợi', phone: '0912 345 678' },
      { name: 'Lê Thị Thu', phone: '+84 387 654 321' },
    ];
    for (const p of people) {
      const c = await signedInCitizen();
      await expectStatus(
        await send('POST', `${PUBLIC}/sessions/${s.id}/registrations`, c.headers, p),
        201,
      );
    }
    const res = await send('GET', `${WORK}/sessions/${s.id}/registrations.xlsx`, editor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toContain('attachment;');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Đăng ký');
    const rows: unknown[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Khóa học xuất danh sách']);
    expect(rows[3]).toEqual([
      'STT',
      'Họ tên',
      'Số điện thoại',
      'Đăng ký lúc',
      'Tham dự lúc',
      'Đã hủy lúc',
    ]);
    expect(rows.slice(4).map((r) => [r[0], r[1], r[2]])).toEqual([
      [1, 'Nguyễn Văn Lợi', '0912345678'],
      [2, 'Lê Thị Thu', '0387654321'],
    ]);
    expect(
      (await send('GET', `${WORK}/sessions/${s.id}/registrations.xlsx`, otherAgencyEditor)).status,
    ).toBe(404);
  });
});

describe('API description', () => {
  it('documents the training routes in the OpenAPI document', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    for (const path of [
      '/api/v1/training/courses',
      '/api/v1/training/courses/{id}',
      '/api/v1/training/sessions/{id}/registrations',
      '/api/v1/training/sessions/{id}/questions',
      '/api/v1/training/materials/{id}',
      '/api/v1/work/training/courses/{id}/materials',
      '/api/v1/work/training/sessions/{id}/registrations.xlsx',
      '/api/v1/work/training/questions/{id}/answer',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
  });
});
