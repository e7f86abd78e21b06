import { describe, expect, it } from 'vitest';
import { issueTicket, ticketTtlSeconds, verifyTicket } from './tickets';

// WebSocket tickets: signed, short-lived, bound to one room, useless with another secret.

const env = {
  SESSION_SECRET: 'ticket-test-secret-0123456789abcdefgh',
  CHAT_TICKET_TTL_SECONDS: '60',
};
const who = { roomId: 'room-1', officialId: 'off-1', name: 'Trần Thị Bích' };

describe('chat tickets', () => {
  it('verify for their room within their lifetime', async () => {
    const now = Date.now();
    const { ticket, expiresAt } = await issueTicket(env, who, now);
    expect(Date.parse(expiresAt)).toBe(Math.floor(now / 1000) * 1000 + 60_000);
    const check = await verifyTicket(env, ticket, 'room-1', now + 59_000);
    expect(check).toMatchObject({ ok: true, payload: { ...who } });
    expect(await verifyTicket(env, ticket, 'room-1', now + 61_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await verifyTicket(env, ticket, 'room-2', now)).toEqual({
      ok: false,
      reason: 'wrong_room',
    });
  });

  it('are refused when signed with another secret or altered', async () => {
    const { ticket } = await issueTicket(env, who);
    const other = { SESSION_SECRET: 'another-secret-0123456789abcdefghij' };
    expect(await verifyTicket(other, ticket, 'room-1')).toEqual({ ok: false, reason: 'invalid' });
    const [v, body, sig] = ticket.split('.') as [string, string, string];
    const flipped = `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'AB' : 'AA'}`;
    expect((await verifyTicket(env, `${v}.${body}.${flipped}`)).ok).toBe(false);
    expect((await verifyTicket(env, `v2.${body}.${sig}`)).ok).toBe(false);
    expect((await verifyTicket(env, 'rác')).ok).toBe(false);
    expect((await verifyTicket(env, `${v}.${body}`)).ok).toBe(false);
  });

  it('refuse to exist without a session secret', async () => {
    await expect(issueTicket({}, who)).rejects.toMatchObject({ code: 'session_not_configured' });
  });

  it('keep their lifetime within sane bounds', () => {
    expect(ticketTtlSeconds({})).toBe(60);
    expect(ticketTtlSeconds({ CHAT_TICKET_TTL_SECONDS: '1' })).toBe(10);
    expect(ticketTtlSeconds({ CHAT_TICKET_TTL_SECONDS: '100000' })).toBe(600);
    expect(ticketTtlSeconds({ CHAT_TICKET_TTL_SECONDS: 'không' })).toBe(60);
  });
});
