import { describe, expect, it } from 'vitest';
import { notificationPath } from './client';

describe('notificationPath', () => {
  it('opens the report a notification is about', () => {
    expect(notificationPath({ reportCode: 'PA-7K3F9Q', link: null })).toBe(
      '/field-reports/r/PA-7K3F9Q',
    );
  });

  it("maps the officials' chat link to the mini app's chat room", () => {
    expect(notificationPath({ reportCode: null, link: '/chat/room-1' })).toBe(
      '/official-chat/r/room-1',
    );
  });

  it('keeps links that already name a mini app screen', () => {
    expect(notificationPath({ reportCode: null, link: '/hospital-appointments/b/ab12' })).toBe(
      '/hospital-appointments/b/ab12',
    );
  });

  it('opens nothing without a report or an app path', () => {
    expect(notificationPath({ reportCode: null, link: null })).toBeNull();
    expect(notificationPath({ reportCode: null, link: 'https://example.com' })).toBeNull();
  });
});
