import { randomBytes, randomUUID } from 'node:crypto';
import { createClient, type InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';
import adminUnits from '../fixtures/admin-units.json';
import categories from '../fixtures/categories.json';

// Bulk reports for the read-side benchmark (feed and search at 100,000 rows), written
// straight into the local libSQL server: the submission path is measured separately, and
// 100,000 submissions through the rate-limited API would measure the limiter.

const STATUSES = ['received', 'assigned', 'in_progress', 'resolved', 'rejected'] as const;
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

export async function seedBenchReports(
  dbUrl: string,
  count: number,
  batchSize = 2000,
): Promise<void> {
  const client = createClient({ url: dbUrl });
  const units = adminUnits.units;
  const start = Date.now() - 400 * 86_400_000;
  try {
    for (let done = 0; done < count; done += batchSize) {
      const statements: InStatement[] = [];
      for (let i = done; i < Math.min(count, done + batchSize); i++) {
        const category = pick(categories.categories, i * 7);
        const unit = pick(units, i * 13);
        const status = pick(STATUSES, i * 3);
        const example = pick(category.examples.split(', '), i);
        const description = `${pick(OPENERS, i)} ${example} ở ${pick(PLACES, i * 5)}, ${unit.name}, ${pick(TAILS, i * 11)}`;
        const createdAt = new Date(start + (i / count) * 400 * 86_400_000).toISOString();
        // Random codes would clash by the birthday bound at this volume (the API retries a
        // clash; a bulk insert cannot), so bench codes count up instead.
        const code = `PB-${Array.from({ length: 6 }, (_, k) => CODE_ALPHABET[(i >> (5 * (5 - k))) & 31]).join('')}`;
        statements.push(
          {
            sql: `insert into reports (code, submission_id, follow_token_hash, category_id, description,
                    lat, lng, location_source, commune_id, status, agency_id, due_at, resolved_at, created_at, updated_at)
                  values (?, ?, ?, ?, ?, ?, ?, 'pin', ?, ?, ?, ?, ?, ?, ?)`,
            args: [
              code,
              randomUUID(),
              randomBytes(32).toString('hex'),
              category.id,
              description,
              unit.lat + ((i % 17) - 8) * 0.0007,
              unit.lng + ((i % 19) - 9) * 0.0007,
              unit.id,
              status,
              status === 'received' ? null : category.default_agency,
              new Date(Date.parse(createdAt) + category.sla_hours * 3_600_000).toISOString(),
              status === 'resolved'
                ? new Date(Date.parse(createdAt) + 36 * 3_600_000).toISOString()
                : null,
              createdAt,
              createdAt,
            ],
          },
          {
            // Same connection and transaction: last_insert_rowid() is the report just written.
            sql: 'insert into reports_fts (rowid, body) values (last_insert_rowid(), ?)',
            args: [foldVietnamese(`${code} ${category.name} ${description} ${unit.name}`)],
          },
        );
      }
      await client.batch(statements, 'write');
    }
  } finally {
    client.close();
  }
}
