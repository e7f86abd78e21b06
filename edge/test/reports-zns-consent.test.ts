import { reportContacts, reports } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, errorOf, newPhone, submit, submitOk } from './support/reports';

// `contact.znsConsent`: the reporter agrees to status updates by Zalo ZNS message to the
// phone they gave. Stored with the contact (report_contacts.zns_consent), never shown publicly.

async function contactOf(code: string) {
  const [row] = await db()
    .select({ phone: reportContacts.phone, znsConsent: reportContacts.znsConsent })
    .from(reportContacts)
    .innerJoin(reports, eq(reports.id, reportContacts.reportId))
    .where(eq(reports.code, code));
  return row;
}

describe('ZNS consent', () => {
  it('stores the consent given with a phone', async () => {
    const sent = await submitOk(newPhone(), {
      contact: { phone: '0912345678', consent: true, znsConsent: true },
    });
    expect(await contactOf(sent.code)).toEqual({ phone: '+84912345678', znsConsent: true });
    expect(JSON.stringify(sent.report)).not.toContain('znsConsent');
  });

  it('defaults to no consent', async () => {
    const sent = await submitOk(newPhone(), { contact: { phone: '0912345678', consent: true } });
    expect(await contactOf(sent.code)).toEqual({ phone: '+84912345678', znsConsent: false });
  });

  it('means nothing without a phone', async () => {
    const sent = await submitOk(newPhone(), {
      contact: { name: 'Nguyễn Văn An', consent: true, znsConsent: true },
    });
    expect(await contactOf(sent.code)).toEqual({ phone: null, znsConsent: false });
  });

  it('must be a boolean', async () => {
    const res = await submit(newPhone(), {
      contact: { phone: '0912345678', consent: true, znsConsent: 'có' },
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(JSON.stringify(error.details)).toContain('znsConsent phải là true hoặc false.');
  });
});
