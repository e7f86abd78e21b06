import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { compareVietnamese, foldVietnamese } from '../platform/text';

// Who an official can start a chat with: every active official but themselves, searched
// without regard to accents ("tran van xay" finds "Trần Văn Xây"), in Vietnamese
// alphabetical order. SQLite has no Vietnamese folding (lower() knows only ASCII), so the
// active officials (id, name, email, agency: a few hundred bytes each, thousands at most in
// a province) are read in one query and matched here.

export const DIRECTORY_PAGE = 30;

export interface DirectoryEntry {
  id: string;
  fullName: string;
  agencyId: string;
  agencyName: string;
}

interface Row extends DirectoryEntry {
  email: string;
}

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^o(\d{1,6})$/.exec(cursor);
  if (!m) throw new ApiError(400, 'invalid_cursor', 'Con trỏ trang không hợp lệ.');
  return Number(m[1]);
}

export async function searchDirectory(
  db: Db,
  me: string,
  q: { q?: string; cursor?: string },
): Promise<{ officials: DirectoryEntry[]; nextCursor: string | null }> {
  const offset = decodeOffset(q.cursor);
  const rows = await db.all<Row>(sql`select o.id as id, o.full_name as fullName, o.email as email,
      o.agency_id as agencyId, a.name as agencyName
    from officials o join agencies a on a.id = o.agency_id
    where o.status = 'active' and o.id <> ${me}`);
  const words = foldVietnamese(q.q ?? '')
    .split(' ')
    .filter((w) => w.length > 0);
  const matches = words.length
    ? rows.filter((r) => {
        const hay = foldVietnamese(`${r.fullName} ${r.email} ${r.agencyName}`);
        return words.every((w) => hay.includes(w));
      })
    : rows;
  matches.sort((x, y) => compareVietnamese(x.fullName, y.fullName) || (x.id < y.id ? -1 : 1));
  const page = matches.slice(offset, offset + DIRECTORY_PAGE);
  return {
    officials: page.map(({ id, fullName, agencyId, agencyName }) => ({
      id,
      fullName,
      agencyId,
      agencyName,
    })),
    nextCursor: offset + DIRECTORY_PAGE < matches.length ? `o${offset + DIRECTORY_PAGE}` : null,
  };
}
