import { describe, expect, it } from 'vitest';
import {
  canAsk,
  canRegister,
  foldVietnamese,
  matchesCourse,
  meetingLink,
  sessionPhase,
  sessionStart,
  sessionTime,
} from './format';
import type { CourseSummary, TrainingSession } from './types';

const course: CourseSummary = {
  id: 'c1',
  title: 'Kỹ thuật canh tác lúa thích ứng xâm nhập mặn',
  description: 'Giống lúa chịu mặn, lịch thời vụ và quản lý nước ruộng',
  audience: 'Nông dân trồng lúa',
  agencyName: 'Sở Nông nghiệp và Môi trường',
  nextSession: null,
  sessionCount: 2,
};

function session(overrides: Partial<TrainingSession> = {}): TrainingSession {
  return {
    id: 's1',
    title: 'Buổi 1',
    startsAt: '2025-03-12T01:00:00.000Z',
    endsAt: '2025-03-12T03:30:00.000Z',
    trainerName: 'KS. Trần Văn Bình',
    capacity: 100,
    registered: 99,
    seatsLeft: 1,
    myRegistration: null,
    meetingUrl: null,
    ...overrides,
  };
}

describe('search without diacritics', () => {
  it('folds Vietnamese marks and đ', () => {
    expect(foldVietnamese('  Đồng   Tháp Mười ')).toBe('dong thap muoi');
    expect(foldVietnamese('XÂM NHẬP MẶN')).toBe('xam nhap man');
  });

  it('finds a course by any words of its texts, typed with or without marks', () => {
    expect(matchesCourse(course, 'lua man')).toBe(true);
    expect(matchesCourse(course, 'xâm nhập')).toBe(true);
    expect(matchesCourse(course, 'nong nghiep')).toBe(true);
    expect(matchesCourse(course, 'lua tom')).toBe(false);
    expect(matchesCourse(course, '   ')).toBe(true);
  });
});

describe('sessions', () => {
  const before = new Date('2025-03-12T00:00:00Z');
  const during = new Date('2025-03-12T02:00:00Z');
  const after = new Date('2025-03-12T04:00:00Z');

  it('shows the time in Vietnam, with both dates when it runs past midnight', () => {
    expect(sessionTime('2025-03-12T01:00:00Z', '2025-03-12T03:30:00Z')).toEqual({
      weekday: 3,
      text: '08:00–10:30, 12/03/2025',
    });
    expect(sessionTime('2025-03-12T16:30:00Z', '2025-03-12T17:30:00Z').text).toBe(
      '23:30 12/03/2025 – 00:30 13/03/2025',
    );
    expect(sessionStart('2025-03-12T17:15:00Z')).toEqual({ weekday: 4, text: '00:15, 13/03/2025' });
  });

  it('knows whether it is upcoming, live or over', () => {
    expect(sessionPhase(session(), before)).toBe('upcoming');
    expect(sessionPhase(session(), during)).toBe('live');
    expect(sessionPhase(session(), after)).toBe('ended');
  });

  it('takes registrations before the start while seats are left (or without limit)', () => {
    expect(canRegister(session(), before)).toBe(true);
    expect(canRegister(session({ seatsLeft: 0 }), before)).toBe(false);
    expect(canRegister(session({ capacity: null, seatsLeft: null }), before)).toBe(true);
    expect(canRegister(session(), during)).toBe(false);
    expect(canRegister(session({ myRegistration: { id: 'r', attendedAt: null } }), before)).toBe(
      false,
    );
  });

  it('lets registered people ask until the session ends', () => {
    const mine = session({ myRegistration: { id: 'r', attendedAt: null } });
    expect(canAsk(mine, before)).toBe(true);
    expect(canAsk(mine, during)).toBe(true);
    expect(canAsk(mine, after)).toBe(false);
    expect(canAsk(session(), before)).toBe(false);
  });

  it('opens only web meeting links', () => {
    expect(meetingLink(session({ meetingUrl: 'https://meet.google.com/abc-defg-hij' }))).toBe(
      'https://meet.google.com/abc-defg-hij',
    );
    expect(meetingLink(session({ meetingUrl: 'javascript:alert(1)' }))).toBeNull();
    expect(meetingLink(session({ meetingUrl: 'not a url' }))).toBeNull();
    expect(meetingLink(session())).toBeNull();
  });
});
