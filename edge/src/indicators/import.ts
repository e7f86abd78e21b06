import Papa from 'papaparse';
import { foldVietnamese } from '../platform/text';
import { type Frequency, frequencyOf, normalizePeriod, parseNumberText } from './periods';

// Reading an import file of indicator values (XLSX first sheet, or CSV) into lines, then
// checking every line. Nothing here writes: the route writes only when no line has an error.

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
export const MAX_LISTED_ERRORS = 100;
const NOTE_MAX = 500;

export type ImportField = 'code' | 'period' | 'value' | 'target' | 'note';
export interface ImportError {
  line: number;
  field: ImportField | null;
  message: string;
}

type Cell = string | number | Date | null;
export interface RawLine {
  /** Spreadsheet row or CSV line (the header is line 1). */
  line: number;
  cells: Partial<Record<ImportField, Cell>>;
}

export type ReadResult = { ok: true; lines: RawLine[] } | { ok: false; errors: ImportError[] };

// Header names as editors write them, folded (no diacritics, lower case, single spaces).
const HEADERS: Record<string, ImportField> = {
  code: 'code',
  ma: 'code',
  'ma chi tieu': 'code',
  period: 'period',
  ky: 'period',
  'ky bao cao': 'period',
  value: 'value',
  'gia tri': 'value',
  'so lieu': 'value',
  target: 'target',
  'ke hoach': 'target',
  'chi tieu ke hoach': 'target',
  note: 'note',
  'ghi chu': 'note',
};
const REQUIRED: ImportField[] = ['code', 'period', 'value'];
const LABELS: Record<ImportField, string> = {
  code: 'Mã chỉ tiêu (code)',
  period: 'Kỳ (period)',
  value: 'Giá trị (value)',
  target: 'Kế hoạch (target)',
  note: 'Ghi chú (note)',
};

function columnsOf(header: Cell[]): { columns: (ImportField | null)[]; errors: ImportError[] } {
  const columns = header.map((h) => {
    const key = foldVietnamese(cellText(h))
      .replace(/[_\s]+/g, ' ')
      .trim();
    return HEADERS[key] ?? null;
  });
  const errors: ImportError[] = [];
  for (const field of REQUIRED) {
    if (!columns.includes(field)) {
      errors.push({ line: 1, field, message: `Thiếu cột ${LABELS[field]} ở dòng tiêu đề.` });
    }
  }
  columns.forEach((field, i) => {
    if (field && columns.indexOf(field) !== i) {
      errors.push({ line: 1, field, message: `Cột ${LABELS[field]} xuất hiện hai lần.` });
    }
  });
  return { columns, errors };
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

function toLine(line: number, row: Cell[], columns: (ImportField | null)[]): RawLine | null {
  const cells: RawLine['cells'] = {};
  let empty = true;
  columns.forEach((field, i) => {
    const cell = row[i] ?? null;
    if (!field) return;
    const blank = cell === null || (typeof cell === 'string' && cell.trim() === '');
    if (!blank) empty = false;
    cells[field] = blank ? null : cell;
  });
  return empty ? null : { line, cells };
}

const tooMany = (): ReadResult => ({
  ok: false,
  errors: [
    { line: IMPORT_MAX_ROWS + 2, field: null, message: `Tệp có quá ${IMPORT_MAX_ROWS} dòng.` },
  ],
});

/** The separator of the header line: the most frequent of ";", "," and tab (";" wins ties). */
function delimiterOf(text: string): string {
  const header = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const count = (ch: string) => header.split(ch).length - 1;
  return [';', ',', '\t'].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ';');
}

/** CSV with a header line; comma, semicolon or tab; UTF-8 with or without BOM. */
export function readCsv(source: string): ReadResult {
  const text = source.replace(/^\uFEFF/, '');
  const records: { line: number; cells: string[] }[] = [];
  let line = 1;
  let consumed = 0;
  Papa.parse<string[]>(text, {
    delimiter: delimiterOf(text),
    step: (result) => {
      // The cursor is where this record ended: newlines before its start give its line.
      const start = line;
      const end = result.meta.cursor;
      const chunk = text.slice(consumed, end);
      line += (chunk.match(/\r\n|\r|\n/g) ?? []).length;
      consumed = end;
      records.push({ line: start, cells: result.data });
    },
  });
  if (records.length === 0) {
    return { ok: false, errors: [{ line: 1, field: null, message: 'Tệp trống.' }] };
  }
  const [header, ...rest] = records;
  const { columns, errors } = columnsOf(header?.cells ?? []);
  if (errors.length > 0) return { ok: false, errors };
  if (rest.length > IMPORT_MAX_ROWS) return tooMany();
  const lines: RawLine[] = [];
  for (const r of rest) {
    const l = toLine(r.line, r.cells, columns);
    if (l) lines.push(l);
  }
  return { ok: true, lines };
}

type ExcelCell =
  | null
  | undefined
  | string
  | number
  | boolean
  | Date
  | { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };

function excelCell(value: ExcelCell): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value;
  if (Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return excelCell(value.result as ExcelCell);
  if ('text' in value && typeof value.text === 'string') return value.text;
  if (value.error) return value.error;
  return null;
}

/** The first worksheet of an XLSX workbook, its first non-empty row being the header. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    );
  } catch {
    return {
      ok: false,
      errors: [{ line: 1, field: null, message: 'Không đọc được tệp Excel (.xlsx).' }],
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) {
    return { ok: false, errors: [{ line: 1, field: null, message: 'Trang tính đầu tiên trống.' }] };
  }
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1) return tooMany();
  let columns: (ImportField | null)[] | null = null;
  const lines: RawLine[] = [];
  let headerErrors: ImportError[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (headerErrors.length > 0) return;
    const values = row.values as ExcelCell[];
    // exceljs rows are 1-based: values[0] is always empty.
    const cells = values.slice(1).map(excelCell);
    if (!columns) {
      const found = columnsOf(cells);
      columns = found.columns;
      headerErrors = found.errors.map((e) => ({ ...e, line: rowNumber }));
      return;
    }
    const l = toLine(rowNumber, cells, columns);
    if (l) lines.push(l);
  });
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors };
  return { ok: true, lines };
}

export interface KnownIndicator {
  id: string;
  code: string;
  agencyId: string;
  frequency: Frequency;
}

export interface ValidLine {
  line: number;
  indicatorId: string;
  period: string;
  value: number;
  target: number | null;
  note: string | null;
}

const FREQ_NAMES: Record<Frequency, string> = {
  year: 'năm (2025)',
  quarter: 'quý (2025-Q3, Q3/2025, Quý 3/2025)',
  month: 'tháng (2025-07, 07/2025, T7/2025)',
};

function periodOf(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) {
    // A month typed into Excel becomes a date on its first day.
    return normalizePeriod(`${cell.getUTCFullYear()}-${cell.getUTCMonth() + 1}`);
  }
  if (typeof cell === 'number')
    return Number.isInteger(cell) ? normalizePeriod(String(cell)) : null;
  return normalizePeriod(cell);
}

function numberOf(cell: Cell): { ok: true; value: number } | { ok: false; message: string } {
  if (typeof cell === 'number') {
    return Number.isFinite(cell)
      ? { ok: true, value: cell }
      : { ok: false, message: 'Không phải số.' };
  }
  if (cell instanceof Date) return { ok: false, message: 'Ô chứa ngày tháng, không phải số.' };
  return parseNumberText(cell ?? '');
}

/**
 * Every line checked; `mayImport(agencyId)` says whether this editor may write values of an
 * indicator of that agency. All errors are returned, in line order.
 */
export function validateLines(
  lines: RawLine[],
  byCode: Map<string, KnownIndicator>,
  mayImport: (agencyId: string) => boolean,
): { rows: ValidLine[]; errors: ImportError[] } {
  const rows: ValidLine[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of lines) {
    const before = errors.length;
    const err = (field: ImportField, message: string) => errors.push({ line, field, message });
    const code =
      cells.code === null || cells.code === undefined ? '' : cellText(cells.code).toUpperCase();
    let indicator: KnownIndicator | null = null;
    if (!code) err('code', 'Thiếu mã chỉ tiêu.');
    else {
      const found = byCode.get(code);
      if (!found) err('code', `Không có chỉ tiêu mã ${code.slice(0, 60)}.`);
      else if (!mayImport(found.agencyId)) {
        err(
          'code',
          `Chỉ tiêu ${code} thuộc cơ quan khác; bạn không được nhập số liệu cho chỉ tiêu này.`,
        );
      } else indicator = found;
    }
    const rawPeriod = cells.period ?? null;
    const period = periodOf(rawPeriod);
    if (rawPeriod === null) err('period', 'Thiếu kỳ.');
    else if (!period) {
      err(
        'period',
        `Kỳ "${cellText(rawPeriod).slice(0, 40)}" không hợp lệ. Ví dụ: 2025, 2025-Q3, Quý 3/2025, 07/2025.`,
      );
    } else if (indicator && frequencyOf(period) !== indicator.frequency) {
      err(
        'period',
        `Chỉ tiêu ${indicator.code} có số liệu theo ${FREQ_NAMES[indicator.frequency]}, không nhận kỳ ${period}.`,
      );
    }
    const value = numberOf(cells.value ?? null);
    if (cells.value === null || cells.value === undefined) err('value', 'Thiếu giá trị.');
    else if (!value.ok) err('value', value.message);
    let target: number | null = null;
    if (cells.target !== null && cells.target !== undefined) {
      const t = numberOf(cells.target);
      if (!t.ok) err('target', t.message);
      else target = t.value;
    }
    const note = cells.note === null || cells.note === undefined ? null : cellText(cells.note);
    if (note && note.length > NOTE_MAX) err('note', `Ghi chú tối đa ${NOTE_MAX} ký tự.`);
    if (indicator && period) {
      const key = `${indicator.id}|${period}`;
      const first = seen.get(key);
      if (first !== undefined) {
        err(
          'period',
          `Trùng với dòng ${first}: chỉ tiêu ${indicator.code}, kỳ ${period} đã có trong tệp.`,
        );
      } else seen.set(key, line);
    }
    if (errors.length === before && indicator && period && value.ok) {
      rows.push({
        line,
        indicatorId: indicator.id,
        period,
        value: value.value,
        target,
        note: note || null,
      });
    }
  }
  return { rows, errors };
}
