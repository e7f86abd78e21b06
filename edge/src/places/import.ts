import { PLACE_CATEGORIES, type PLACE_DOMAINS } from '@tinh/db/schema';
import { foldVietnamese } from '../platform/text';
import { insideBounds, PROVINCE } from '../reports/geo';

// Reading an officials' file of places (CSV or GeoJSON) into checked rows. Everything here is
// pure: the route gives the communes and the agency's existing external ids, and writes only
// when no line has an error. Every problem names its line (CSV: the file's line number, the
// header being line 1; GeoJSON: the feature's index), so an editor can fix the whole file in
// one pass instead of discovering errors one import at a time.

export type PlaceDomain = (typeof PLACE_DOMAINS)[number];
export type PlaceCategory = (typeof PLACE_CATEGORIES)[number];

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;
/** How many errors an answer lists; the total is always given. */
export const MAX_LISTED_ERRORS = 100;

export const DOMAIN_OF: Record<PlaceCategory, PlaceDomain> = {
  hospital: 'health',
  clinic: 'health',
  pharmacy: 'health',
  kindergarten: 'education',
  school: 'education',
  university: 'education',
  restaurant: 'tourism',
  hotel: 'tourism',
  sight: 'tourism',
  market: 'tourism',
};

// Editors' spreadsheets say "Y tế" or "Trường học" as often as "health" or "school"; folded
// (no marks, lower case) so "y te", "Y TẾ" and "Y tế" are the same.
const DOMAIN_LABELS: Record<string, PlaceDomain> = {
  health: 'health',
  'y te': 'health',
  education: 'education',
  'giao duc': 'education',
  'giao duc dao tao': 'education',
  tourism: 'tourism',
  'du lich': 'tourism',
  'du lich dich vu': 'tourism',
};

const CATEGORY_LABELS: Record<string, PlaceCategory> = {
  ...Object.fromEntries(PLACE_CATEGORIES.map((c) => [c, c])),
  'benh vien': 'hospital',
  'phong kham': 'clinic',
  'tram y te': 'clinic',
  'trung tam y te': 'hospital',
  'nha thuoc': 'pharmacy',
  'hieu thuoc': 'pharmacy',
  'quay thuoc': 'pharmacy',
  'mam non': 'kindergarten',
  'truong mam non': 'kindergarten',
  'nha tre': 'kindergarten',
  'truong hoc': 'school',
  truong: 'school',
  'tieu hoc': 'school',
  thcs: 'school',
  thpt: 'school',
  'dai hoc': 'university',
  'cao dang': 'university',
  'truong dai hoc': 'university',
  'nha hang': 'restaurant',
  'quan an': 'restaurant',
  'khach san': 'hotel',
  'nha nghi': 'hotel',
  'luu tru': 'hotel',
  'diem tham quan': 'sight',
  'danh lam': 'sight',
  'di tich': 'sight',
  'du lich': 'sight',
  cho: 'market',
  'cho noi': 'market',
};

/** Vietnam's mainland and islands, generously: a point outside is a typo or swapped lat/lng. */
const VIETNAM = { south: 8.1, west: 102.1, north: 23.4, east: 117.9 };

export const IMPORT_COLUMNS = [
  'id',
  'name',
  'domain',
  'category',
  'lat',
  'lng',
  'address',
  'commune',
  'phone',
  'website',
  'opening_hours',
  'description',
  'name_en',
  'description_en',
] as const;

export interface ImportError {
  /** CSV: line in the file (header = 1); GeoJSON: index of the feature (0-based). */
  line: number;
  field: string | null;
  message: string;
}

export interface PlaceInput {
  line: number;
  externalId: string | null;
  name: string;
  domain: PlaceDomain;
  category: PlaceCategory;
  lat: number;
  lng: number;
  address: string;
  communeId: string | null;
  phone: string | null;
  website: string | null;
  openingHours: string | null;
  description: string;
  en: { name?: string; description?: string } | null;
}

export interface Commune {
  id: string;
  name: string;
}

/** Raw text fields of one line or feature, keyed by column name (lower case). */
export interface RawRow {
  line: number;
  fields: Record<string, string>;
}

export type ParsedFile =
  | { ok: true; format: 'csv' | 'geojson'; rows: RawRow[] }
  | { ok: false; format: 'csv' | 'geojson'; errors: ImportError[] };

// ---- CSV ------------------------------------------------------------------------------------

/**
 * RFC 4180 records with the line on which each starts (a quoted field may span lines, so
 * counting records is not counting lines). Separator: comma or semicolon, whichever the
 * header uses (Excel in a Vietnamese locale writes semicolons).
 */
export function readCsvRecords(text: string): { line: number; cells: string[] }[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const sep =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]?.trim() === '')) {
      records.push({ line: recordLine, cells });
    }
    cells = [];
    cell = '';
  };
  while (i < body.length) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      // the \n ends the record
    } else if (ch === '\n') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

const headerName = (h: string) =>
  foldVietnamese(h)
    .replace(/[\s-]+/g, '_')
    .replace(/^(ma|ma_dinh_danh|external_id)$/, 'id')
    .replace(/^(ten|ten_dia_diem)$/, 'name')
    .replace(/^(vi_do|latitude)$/, 'lat')
    .replace(/^(kinh_do|longitude|lon)$/, 'lng')
    .replace(/^dia_chi$/, 'address')
    .replace(/^(xa_phuong|xa)$/, 'commune')
    .replace(/^(dien_thoai|so_dien_thoai)$/, 'phone')
    .replace(/^(gio_mo_cua)$/, 'opening_hours')
    .replace(/^(mo_ta)$/, 'description')
    .replace(/^(linh_vuc)$/, 'domain')
    .replace(/^(loai)$/, 'category');

export function parseCsv(text: string): ParsedFile {
  const records = readCsvRecords(text);
  const header = records[0];
  if (!header) {
    return { ok: false, format: 'csv', errors: [{ line: 1, field: null, message: 'Tệp rỗng.' }] };
  }
  const names = header.cells.map(headerName);
  const missing = ['name', 'category', 'lat', 'lng'].filter((n) => !names.includes(n));
  if (missing.length > 0) {
    return {
      ok: false,
      format: 'csv',
      errors: [
        {
          line: 1,
          field: null,
          message: `Dòng tiêu đề thiếu cột: ${missing.join(', ')}. Các cột: ${IMPORT_COLUMNS.join(', ')}.`,
        },
      ],
    };
  }
  const rows = records.slice(1).map((r) => {
    const fields: Record<string, string> = {};
    names.forEach((n, i) => {
      if (n && fields[n] === undefined) fields[n] = (r.cells[i] ?? '').trim();
    });
    return { line: r.line, fields };
  });
  return { ok: true, format: 'csv', rows };
}

// ---- GeoJSON --------------------------------------------------------------------------------

export function parseGeoJson(text: string): ParsedFile {
  const fail = (line: number, message: string): ParsedFile => ({
    ok: false,
    format: 'geojson',
    errors: [{ line, field: null, message }],
  });
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return fail(0, 'Tệp không phải JSON hợp lệ.');
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection') {
    return fail(0, 'Tệp GeoJSON phải là một FeatureCollection.');
  }
  if (!Array.isArray(fc.features)) return fail(0, 'FeatureCollection thiếu mảng "features".');
  const rows: RawRow[] = [];
  const errors: ImportError[] = [];
  fc.features.forEach((f: unknown, index: number) => {
    const feature = f as {
      type?: unknown;
      id?: unknown;
      geometry?: { type?: unknown; coordinates?: unknown } | null;
      properties?: Record<string, unknown> | null;
    };
    if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') {
      errors.push({ line: index, field: null, message: 'Phần tử không phải một Feature.' });
      return;
    }
    const g = feature.geometry;
    const coords = Array.isArray(g?.coordinates) ? g.coordinates : null;
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(feature.properties ?? {})) {
      if (v === null || v === undefined) continue;
      fields[headerName(k)] = typeof v === 'object' ? JSON.stringify(v) : String(v).trim();
    }
    if (fields.id === undefined && feature.id !== undefined && feature.id !== null) {
      fields.id = String(feature.id);
    }
    if (g?.type !== 'Point' || !coords || coords.length < 2) {
      errors.push({
        line: index,
        field: 'geometry',
        message: 'Chỉ nhận điểm (geometry kiểu "Point" với tọa độ [kinh độ, vĩ độ]).',
      });
      return;
    }
    // GeoJSON is [longitude, latitude] (RFC 7946).
    fields.lng = String(coords[0]);
    fields.lat = String(coords[1]);
    rows.push({ line: index, fields });
  });
  if (errors.length > 0) return { ok: false, format: 'geojson', errors };
  return { ok: true, format: 'geojson', rows };
}

// ---- validation -----------------------------------------------------------------------------

/** A Vietnamese phone number: 0xx… or +84…, or a short/hotline number (115, 1900…, 1800…). */
export function normalPhone(raw: string): string | null {
  const digits = raw.replace(/[\s.\-()]/g, '');
  if (/^(\+84|84|0)\d{8,10}$/.test(digits)) return raw.replace(/\s+/g, ' ').trim();
  if (/^(1[89]00\d{4,6}|11[1-9])$/.test(digits)) return digits;
  return null;
}

function communeMatcher(communes: readonly Commune[]) {
  const byKey = new Map<string, string>();
  for (const c of communes) {
    byKey.set(c.id, c.id);
    byKey.set(foldVietnamese(c.name), c.id);
  }
  return (raw: string): string | null => {
    const folded = foldVietnamese(raw);
    const bare = folded.replace(/^(phuong|xa|thi tran|dac khu)\s+/, '');
    return byKey.get(raw.trim()) ?? byKey.get(folded) ?? byKey.get(bare) ?? null;
  };
}

const MAX_LEN: Record<string, number> = {
  id: 100,
  name: 200,
  address: 300,
  website: 300,
  opening_hours: 200,
  description: 2000,
  name_en: 200,
  description_en: 2000,
};

export interface ValidationResult {
  rows: PlaceInput[];
  errors: ImportError[];
}

/**
 * Every row checked against every rule; a row with any error is not returned. Coordinates
 * outside the province are refused, not warned: the map only shows this province, so such a
 * point would never be seen, and in practice it is a swapped lat/lng or a missing digit.
 */
export function validateRows(rows: readonly RawRow[], communes: readonly Commune[]) {
  const findCommune = communeMatcher(communes);
  const errors: ImportError[] = [];
  const out: PlaceInput[] = [];
  const seenIds = new Map<string, number>();
  for (const { line, fields } of rows) {
    const before = errors.length;
    const err = (field: string | null, message: string) => errors.push({ line, field, message });
    const get = (k: string) => fields[k]?.trim() ?? '';
    for (const [k, max] of Object.entries(MAX_LEN)) {
      if (get(k).length > max) err(k, `Dài quá ${max} ký tự.`);
    }

    const externalId = get('id') || null;
    if (externalId) {
      const first = seenIds.get(externalId);
      if (first !== undefined) err('id', `Mã "${externalId}" trùng với dòng ${first}.`);
      else seenIds.set(externalId, line);
    }
    const name = get('name');
    if (!name) err('name', 'Thiếu tên địa điểm.');

    const categoryRaw = get('category');
    const category = CATEGORY_LABELS[foldVietnamese(categoryRaw)] ?? null;
    if (!categoryRaw) err('category', 'Thiếu loại địa điểm.');
    else if (!category) {
      err(
        'category',
        `Loại "${categoryRaw}" không hợp lệ. Dùng: ${PLACE_CATEGORIES.join(', ')} (hoặc tên tiếng Việt như "Bệnh viện", "Trường học", "Khách sạn").`,
      );
    }
    const domainRaw = get('domain');
    let domain: PlaceDomain | null = category ? DOMAIN_OF[category] : null;
    if (domainRaw) {
      const given = DOMAIN_LABELS[foldVietnamese(domainRaw)] ?? null;
      if (!given) {
        err(
          'domain',
          `Lĩnh vực "${domainRaw}" không hợp lệ. Dùng: health (Y tế), education (Giáo dục), tourism (Du lịch).`,
        );
        domain = null;
      } else if (category && given !== DOMAIN_OF[category]) {
        err('domain', `Loại "${categoryRaw}" không thuộc lĩnh vực "${domainRaw}".`);
      } else domain = given;
    }

    const num = (k: 'lat' | 'lng', label: string) => {
      const raw = get(k).replace(',', '.');
      if (!raw) {
        err(k, `Thiếu ${label}.`);
        return null;
      }
      const n = /^[-+]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) {
        err(k, `${label[0]?.toUpperCase()}${label.slice(1)} "${get(k)}" không phải là số.`);
        return null;
      }
      return n;
    };
    const lat = num('lat', 'vĩ độ');
    const lng = num('lng', 'kinh độ');
    if (lat !== null && lng !== null) {
      const p = { lat, lng };
      if (!insideBounds(p, VIETNAM)) {
        err('lat', `Tọa độ (${lat}, ${lng}) không nằm trong Việt Nam (có thể đảo vĩ độ/kinh độ).`);
      } else if (!insideBounds(p)) {
        err('lat', `Tọa độ (${lat}, ${lng}) nằm ngoài tỉnh ${PROVINCE.name}.`);
      }
    }

    const communeRaw = get('commune');
    const communeId = communeRaw ? findCommune(communeRaw) : null;
    if (communeRaw && !communeId) err('commune', `Không có xã/phường "${communeRaw}" trong tỉnh.`);

    const phoneRaw = get('phone');
    const phone = phoneRaw ? normalPhone(phoneRaw) : null;
    if (phoneRaw && !phone) {
      err('phone', `Số điện thoại "${phoneRaw}" không hợp lệ (ví dụ: 0293 3876 333).`);
    }
    const website = get('website') || null;
    if (website && !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(website)) {
      err('website', 'Trang web phải bắt đầu bằng http:// hoặc https://.');
    }

    if (errors.length > before || !category || !domain || lat === null || lng === null) continue;
    const nameEn = get('name_en');
    const descriptionEn = get('description_en');
    out.push({
      line,
      externalId,
      name,
      domain,
      category,
      lat,
      lng,
      address: get('address'),
      communeId,
      phone,
      website,
      openingHours: get('opening_hours') || null,
      description: get('description'),
      en:
        nameEn || descriptionEn
          ? {
              ...(nameEn ? { name: nameEn } : {}),
              ...(descriptionEn ? { description: descriptionEn } : {}),
            }
          : null,
    });
  }
  return { rows: out, errors };
}

/** The file's format from its content type, name or first character. */
export function detectFormat(contentType: string, fileName: string, text: string) {
  const type = contentType.toLowerCase();
  if (type.includes('json') || /\.(geo)?json$/i.test(fileName)) return 'geojson' as const;
  if (type.includes('csv') || /\.csv$/i.test(fileName)) return 'csv' as const;
  return text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{')
    ? ('geojson' as const)
    : ('csv' as const);
}
