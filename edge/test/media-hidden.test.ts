import { describe, expect, it } from 'vitest';
import { call } from './helpers';
import { baseJpeg } from './support/images';
import { asAgencyHandler, asIoc } from './support/officials';
import { newPhone, submitOk, upload } from './support/reports';
import { act, ok } from './support/work';

// A report the IOC marks as spam disappears from every public view, its photos included; the
// officials who may read the report still see them (the admin's report page shows them).

describe('photos of a hidden report', () => {
  it('are refused to the public and served, uncached, to officials who may read the report', async () => {
    const phone = newPhone();
    const { state } = await upload(phone, 'photo', baseJpeg());
    const sent = await submitOk(phone, { mediaIds: [state.id] });
    const path = `/api/v1/media/${state.id}`;
    const before = await call(path);
    expect(before.status).toBe(200);
    expect(before.headers.get('cache-control')).toContain('immutable');
    await before.arrayBuffer();

    const ioc = await asIoc();
    await ok(
      await act(ioc, sent.code, 'intake', {
        decision: 'spam',
        publicReason: 'Nội dung quảng cáo, không phải phản ánh.',
      }),
    );

    expect((await call(path)).status).toBe(404);
    const asOfficial = await call(path, { headers: ioc.headers });
    expect(asOfficial.status).toBe(200);
    expect(asOfficial.headers.get('cache-control')).toBe('private, no-store');
    expect((await asOfficial.arrayBuffer()).byteLength).toBeGreaterThan(0);
    // An agency that never handled it reads nothing of it.
    const other = await asAgencyHandler('dien_luc');
    expect((await call(path, { headers: other.headers })).status).toBe(404);
  });
});
