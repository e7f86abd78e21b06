import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createClient, type InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';
import adminUnits from '../fixtures/admin-units.json';
import categories from '../fixtures/categories.json';

// Bulk reports for the read-side benchmarks (public feed and search, the officials' queue,
// the leaders' statistics), written straight into the local libSQL server: the submission
// path is measured separately, and 200,000 submissions through the rate-limited API would
// measure the limiter.
//
// The reports spread over the last year with the life of real ones: most valid, a few spam
// (hidden) or duplicates; routed to the category's agency (or the commune's People's
// Committee) after a short intake delay, accepted, resolved mostly on time; older reports
// mostly resolved, recent ones still open; about half of the resolved ones rated. A fixed
// pseudo-random sequence makes every run seed the same data.

const PLACES = [
  'đường Trần Hưng Đạo',
  'chợ phường',
  'trường tiểu học',
  'kênh Xà No',
  'quốc lộ 61',
  'hẻm 12',
  'cầu Cái Tư',
  'khu tái định cư',
];
const OPENERS = [
  'Phản ánh tình trạng',
  'Kính đề nghị xử lý',
  'Người dân bức xúc vì',
  'Nhờ cơ quan kiểm tra',
  'Tại khu vực có',
];
const TAILS = [
  'kéo dài nhiều ngày.',
  'gây nguy hiểm cho người đi đường.',
  'ảnh hưởng sinh hoạt của bà con.',
  'mong được giải quyết sớm.',
  'đã báo nhưng chưa thấy xử lý.',
];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far back the reports go. */
export const SEED_SPAN_DAYS = 365;

/** mulberry32: a small, fast, seedable PRNG (same data on every run). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-normal with the given median and 90th percentile (z(0.9) = 1.2816). */
function logNormal(rand: () => number, median: number, p90: number): number {
  const u = Math.max(rand(), 1e-12);
  const v = rand();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp((z * Math.log(p90 / median)) / 1.2816);
}

const iso = (t: number) => new Date(t).toISOString();

export async function seedBenchReports(
  dbUrl: string,
  count: number,
  batchSize = 2000,
): Promise<void> {
  const client = createClient({ url: dbUrl });
  const units = adminUnits.units;
  const now = Date.now();
  const start = now - SEED_SPAN_DAYS * DAY;
  const rand = prng(20250701);
  try {
    for (let done = 0; done < count; done += batchSize) {
      const statements: InStatement[] = [];
      for (let i = done; i < Math.min(count, done + batchSize); i++) {
        const category = pick(categories.categories, i * 7);
        const unit = pick(units, i * 13);
        const example = pick(category.examples.split(', '), i);
        const description = `${pick(OPENERS, i)} ${example} ở ${pick(PLACES, i * 5)}, ${unit.name}, ${pick(TAILS, i * 11)}`;
        const created = start + (i / count) * SEED_SPAN_DAYS * DAY;
        // Random codes would clash by the birthday bound at this volume (the API retries a
        // clash; a bulk insert cannot), so bench codes count up instead.
        const code = `PB-${Array.from({ length: 6 }, (_, k) => CODE_ALPHABET[(i >> (5 * (5 - k))) & 31]).join('')}`;
        const r = {
          status: 'received',
          hidden: 0,
          rejectionKind: null as string | null,
          agencyId: null as string | null,
          dueAt: null as string | null,
          resolvedAt: null as string | null,
          verifiedAt: null as string | null,
          firstAssignedAt: null as string | null,
          assignedAt: null as string | null,
          acceptedAt: null as string | null,
          overdueAt: null as string | null,
          rating: null as string | null,
        };
        const kind = rand();
        // Intake: median 40 minutes, 90% within 6 hours.
        const intake = logNormal(rand, 40 * 60_000, 6 * HOUR);
        if (kind < 0.04) {
          r.status = 'rejected';
          r.rejectionKind = rand() < 0.5 ? 'spam' : 'out_of_scope';
          r.hidden = r.rejectionKind === 'spam' ? 1 : 0;
        } else if (kind < 0.07) {
          r.status = 'duplicate';
        } else if (created + intake <= now) {
          const assigned = created + intake;
          r.verifiedAt = iso(assigned);
          r.firstAssignedAt = iso(assigned);
          r.assignedAt = iso(assigned);
          r.agencyId =
            category.default_agency === 'ubnd_xa_phuong'
              ? `ubnd_${unit.id}`
              : category.default_agency;
          const due = created + category.sla_hours * HOUR;
          r.dueAt = iso(due);
          r.status = 'assigned';
          // Accepted within a few hours; resolved around 60% of the SLA (about 80% on time).
          const accepted = assigned + logNormal(rand, 2 * HOUR, 12 * HOUR);
          const resolved =
            created +
            logNormal(rand, 0.6 * category.sla_hours * HOUR, 1.3 * category.sla_hours * HOUR);
          if (accepted <= now) {
            r.acceptedAt = iso(accepted);
            r.status = 'in_progress';
          }
          if (resolved <= now && resolved > accepted) {
            r.status = 'resolved';
            r.resolvedAt = iso(resolved);
            const rated = rand();
            if (rated < 0.27) r.rating = 'satisfied';
            else if (rated < 0.38) r.rating = 'acceptable';
            else if (rated < 0.45) r.rating = 'unsatisfied';
          } else if (due < now) {
            r.overdueAt = iso(due);
          }
        }
        statements.push(
          {
            sql: `insert into reports (code, submission_id, follow_token_hash, category_id, description,
                    lat, lng, location_source, commune_id, status, hidden, rejection_kind, agency_id,
                    due_at, resolved_at, verified_at, first_assigned_at, assigned_at, accepted_at,
                    overdue_at, created_at, updated_at)
                  values (?, ?, ?, ?, ?, ?, ?, 'pin', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            args: [
              code,
              randomUUID(),
              randomBytes(32).toString('hex'),
              category.id,
              description,
              unit.lat + ((i % 17) - 8) * 0.0007,
              unit.lng + ((i % 19) - 9) * 0.0007,
              unit.id,
              r.status,
              r.hidden,
              r.rejectionKind,
              r.agencyId,
              r.dueAt,
              r.resolvedAt,
              r.verifiedAt,
              r.firstAssignedAt,
              r.assignedAt,
              r.acceptedAt,
              r.overdueAt,
              iso(created),
              r.resolvedAt ?? r.acceptedAt ?? r.assignedAt ?? iso(created),
            ],
          },
          {
            // Same connection and transaction: last_insert_rowid() is the report just written.
            sql: 'insert into reports_fts (rowid, body) values (last_insert_rowid(), ?)',
            args: [foldVietnamese(`${code} ${category.name} ${description} ${unit.name}`)],
          },
        );
        if (r.rating && r.resolvedAt) {
          statements.push({
            sql: `insert into report_ratings (report_id, resolved_at, rating, created_at)
                  select id, resolved_at, ?, ? from reports where code = ?`,
            args: [r.rating, r.resolvedAt, code],
          });
        }
      }
      await client.batch(statements, 'write');
    }
  } finally {
    client.close();
  }
}

export interface BenchOfficial {
  id: string;
  /** `Authorization: Bearer ofs_…` */
  headers: Record<string, string>;
}

/**
 * An official with a mini-app session, written straight into the database like the login
 * route does (the session table keeps only the token's SHA-256): the bench measures the
 * reads, not PBKDF2.
 */
export async function seedBenchOfficial(
  dbUrl: string,
  opts: { roles: string[]; agencyId: string; communeId?: string },
): Promise<BenchOfficial> {
  const client = createClient({ url: dbUrl });
  const id = randomUUID();
  const token = `ofs_${randomBytes(32).toString('base64url')}`;
  const now = new Date();
  try {
    await client.batch(
      [
        {
          sql: `insert into officials (id, email, full_name, agency_id, commune_id, status, created_at, updated_at)
                values (?, ?, ?, ?, ?, 'active', ?, ?)`,
          args: [
            id,
            `bench-${id.slice(0, 8)}@bench.gov.vn`,
            `Bench ${opts.roles.join(' ')}`,
            opts.agencyId,
            opts.communeId ?? null,
            now.toISOString(),
            now.toISOString(),
          ],
        },
        ...opts.roles.map((role) => ({
          sql: 'insert into official_roles (official_id, role) values (?, ?)',
          args: [id, role],
        })),
        {
          sql: `insert into official_sessions (id, token_hash, official_id, kind, expires_at, created_at)
                values (?, ?, ?, 'app', ?, ?)`,
          args: [
            randomUUID(),
            createHash('sha256').update(token).digest('hex'),
            id,
            new Date(now.getTime() + DAY).toISOString(),
            now.toISOString(),
          ],
        },
      ],
      'write',
    );
  } finally {
    client.close();
  }
  return { id, headers: { Authorization: `Bearer ${token}` } };
}
