import { OFFICIAL_ROLES, type OfficialRole } from '@tinh/db/schema';
import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, can, type Principal, reportScope, type Target } from './permissions';

// The whole permission table, role by role and action by action, written out by hand: a
// change to GRANTS that is not also made here fails this test. Each cell is the scope the
// role holds the action at:
//   any  every report (and actions without a report)
//   agy  reports whose handling agency is the official's
//   com  reports located in the official's commune
//   ---  never
// and is checked against four targets: no report, a report of the official's agency (in
// another commune), a report in the official's commune (of another agency), and a report of
// another agency in another commune.

type Cell = 'any' | 'agy' | 'com' | '---';

const COLUMNS: readonly Action[] = [
  'report.read',
  'report.read_contact',
  'report.read_audit',
  'report.intake',
  'report.assign',
  'report.merge',
  'extension.decide',
  'report.accept',
  'report.return',
  'report.start',
  'report.update',
  'report.resolve',
  'report.request_extension',
  'report.note',
  'stats.read',
  'stats.export',
  'official.manage',
  'catalog.manage',
  'intake.export_labels',
  'alerts.read',
  'alerts.manage',
  'environment.manage',
  'environment.publish_report',
  'chat.agency_room',
  'appointments.configure',
  'appointments.work',
  'training.manage',
  'surveys.manage',
  'surveys.results',
  'schedules.manage',
  'news.manage',
  'emergency.manage',
  'investment.manage',
  'directory.manage',
  'places.manage',
  'procedures.manage',
  'indicators.manage',
  'qa.ask',
  'qa.answer',
  'market.moderate',
  'jobs.moderate',
  'payments.read',
];

// biome-ignore format: the table is read as a table
const TABLE: Record<OfficialRole, string> = {
  //                 read contact audit intake assign merge ext.dec accept return start update resolve req.ext note stats  export official catalog labels alerts al.mng env    env.rep  chat   appt.cf appt.wk train  surv   surv.rs  sched  news   emerg  invest dir    places proc   indic  qa.ask qa.ans market jobs   pay
  admin:            'any  ---     any   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    any      any     any    ---    ---    any    any    any    any     ---     ---    ---    ---    ---    ---    ---    ---    any    ---    ---    ---    ---    ---    ---    ---    any',
  ioc_operator:     'any  any     any   any    any    any   any     ---    ---    ---   ---    ---     ---     any  any    any    ---      ---     any    any    any    ---    ---    ---    ---     ---     ---    ---    ---    ---    ---    any    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---',
  agency_handler:   'agy  agy     agy   ---    ---    ---   ---     agy    agy    agy   agy    agy     agy     agy  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    agy    ---    ---    ---',
  agency_leader:    'agy  agy     agy   ---    ---    ---   ---     agy    agy    agy   agy    agy     agy     agy  agy    agy    ---      ---     ---    ---    ---    ---    agy    agy    ---     ---     ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    agy    ---    ---    ---',
  commune_officer:  'com  agy     com   ---    ---    ---   ---     agy    agy    agy   agy    agy     agy     agy  com    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    agy    ---    ---    ---    ---',
  province_leader:  'any  ---     any   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  any    any    ---      ---     ---    any    ---    ---    ---    ---    ---     ---     ---    ---    any    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---',
  schedule_editor:  '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    agy    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---',
  news_editor:      '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    ---    agy    agy    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---',
  investment_editor:'---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    ---    ---    ---    agy    ---    ---    ---    ---    ---    ---    ---    ---    ---',
  directory_editor: '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    ---    ---    ---    ---    agy    ---    ---    ---    ---    ---    ---    ---    ---',
  survey_editor:    '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    agy    agy    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---',
  training_editor:  '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     agy    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---',
  hospital_staff:   '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    agy     agy     ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---',
  market_moderator: '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    any    any    ---',
  map_editor:       '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    ---    ---    ---    ---    ---    agy    ---    ---    ---    ---    ---    ---    ---',
  procedure_editor: '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    ---    ---    ---    ---    ---    ---    agy    ---    ---    ---    ---    ---    ---',
  indicator_editor: '---  ---     ---   ---    ---    ---   ---     ---    ---    ---   ---    ---     ---     ---  ---    ---    ---      ---     ---    ---    ---    ---    ---    ---    ---     ---     ---    ---    ---    ---    ---    ---    ---    ---    ---    ---    agy    ---    ---    ---    ---    ---',
};

const cells = (role: OfficialRole) => TABLE[role].trim().split(/\s+/) as Cell[];

const principal = (role: OfficialRole): Principal => ({
  id: 'p1',
  agencyId: 'agency-a',
  communeId: 'commune-a',
  roles: [role],
});

const TARGETS = {
  none: undefined,
  ownAgency: { agencyId: 'agency-a', communeId: 'commune-b' },
  ownCommune: { agencyId: 'agency-b', communeId: 'commune-a' },
  other: { agencyId: 'agency-b', communeId: 'commune-b' },
} satisfies Record<string, Target | undefined>;

/** What a cell allows for each target. */
const ALLOWS: Record<Cell, Record<keyof typeof TARGETS, boolean>> = {
  any: { none: true, ownAgency: true, ownCommune: true, other: true },
  agy: { none: false, ownAgency: true, ownCommune: false, other: false },
  com: { none: false, ownAgency: false, ownCommune: true, other: false },
  '---': { none: false, ownAgency: false, ownCommune: false, other: false },
};

describe('permission table', () => {
  it('covers every role and every action', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...OFFICIAL_ROLES].sort());
    expect([...COLUMNS].sort()).toEqual([...ACTIONS].sort());
    for (const role of OFFICIAL_ROLES) expect(cells(role)).toHaveLength(COLUMNS.length);
  });

  for (const role of OFFICIAL_ROLES) {
    it(`${role}: every action × no report / own agency / own commune / other`, () => {
      const p = principal(role);
      const actual: Record<string, Record<string, boolean>> = {};
      const expected: Record<string, Record<string, boolean>> = {};
      cells(role).forEach((cell, i) => {
        const action = COLUMNS[i] as Action;
        expected[action] = ALLOWS[cell];
        actual[action] = Object.fromEntries(
          Object.entries(TARGETS).map(([name, target]) => [name, can(p, action, target)]),
        );
      });
      expect(actual).toEqual(expected);
    });
  }

  it('an official without a commune gets nothing from a commune scope', () => {
    const p = { ...principal('commune_officer'), communeId: null };
    expect(can(p, 'report.read', { agencyId: 'agency-b', communeId: null })).toBe(false);
    expect(reportScope(p, 'report.read')).toBeNull();
  });

  it('a report without agency is nobody\'s "own agency"', () => {
    const p = principal('agency_handler');
    expect(can(p, 'report.accept', { agencyId: null, communeId: 'commune-a' })).toBe(false);
  });

  it('several roles: the widest scope wins', () => {
    const p: Principal = {
      ...principal('agency_handler'),
      roles: ['agency_handler', 'province_leader'],
    };
    expect(can(p, 'report.read', TARGETS.other)).toBe(true);
    expect(can(p, 'report.accept', TARGETS.other)).toBe(false);
    expect(reportScope(p, 'report.read')).toEqual({ all: true });
  });

  it('list scopes follow the table', () => {
    const scope = (role: OfficialRole) => reportScope(principal(role), 'report.read');
    expect(scope('ioc_operator')).toEqual({ all: true });
    expect(scope('admin')).toEqual({ all: true });
    expect(scope('province_leader')).toEqual({ all: true });
    expect(scope('agency_handler')).toEqual({ all: false, agencyId: 'agency-a', communeId: null });
    expect(scope('agency_leader')).toEqual({ all: false, agencyId: 'agency-a', communeId: null });
    expect(scope('commune_officer')).toEqual({
      all: false,
      agencyId: null,
      communeId: 'commune-a',
    });
    expect(scope('news_editor')).toBeNull();
  });
});
