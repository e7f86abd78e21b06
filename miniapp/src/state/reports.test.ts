import { describe, expect, it } from 'vitest';
import { contactBody } from '../services/reports/send';
import { draftFromWizard, freshWizard, type Wizard, wizardFromDraft } from './reports';

function withContact(contact: Partial<Wizard['contact']>): Wizard {
  const wizard = freshWizard();
  return { ...wizard, categoryId: 'giao_thong', contact: { ...wizard.contact, ...contact } };
}

describe('the ZNS consent of the contact step', () => {
  it('starts unticked', () => {
    expect(freshWizard().contact.znsConsent).toBe(false);
  });

  it('goes into the draft and the submission with the phone it is about', () => {
    const draft = draftFromWizard(
      withContact({ phone: '0912 345 678', consent: true, znsConsent: true }),
    );
    expect(draft.contact).toMatchObject({ phone: '0912 345 678', znsConsent: true });
    expect(contactBody(draft)).toMatchObject({ phone: '0912 345 678', znsConsent: true });
  });

  it('is dropped when the phone is cleared after ticking it', () => {
    const draft = draftFromWizard(withContact({ name: 'An', consent: true, znsConsent: true }));
    expect(draft.contact).not.toHaveProperty('znsConsent');
    expect(contactBody(draft)).not.toHaveProperty('znsConsent');
  });

  it('comes back when a saved draft is reopened to fix it', () => {
    const draft = draftFromWizard(
      withContact({ phone: '0912345678', consent: true, znsConsent: true }),
    );
    expect(wizardFromDraft(draft, () => 'blob:x').contact.znsConsent).toBe(true);
    const older = { ...draft, contact: { phone: '0912345678', agencyMayContact: false } };
    expect(wizardFromDraft(older, () => 'blob:x').contact.znsConsent).toBe(false);
  });
});
