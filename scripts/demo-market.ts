import type { InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';

// The demo agricultural market (thị trường nông sản) of local development (`npm start`): a
// few sellers and buyers of the province with listings of its farm products — OCOP pineapple
// and dried fish, Năm Roi pomelo, ST25 rice, a buyer of fresh rice, catfish fry — and one
// expired listing, to show both states. Names and phone numbers are invented; no photos (the
// cards show "Chưa có ảnh"). Development only: no deployment path imports this module.
//
// Idempotent, with fixed ids: rows are only added. Expiry is relative to `now`: listings
// nobody touched (version 1) get theirs moved forward on each start so the demo never goes
// stale. The demo accounts are citizens with made-up Zalo ids nobody signs in with.

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
}

const DAY = 86_400_000;

export interface DemoListing {
  id: string;
  owner: string;
  ownerName: string;
  kind: 'sell' | 'buy';
  group: string;
  product: string;
  description: string;
  quantity: number;
  unit: string;
  priceVnd: number | null;
  communeId: string;
  communeName: string;
  address: string;
  ocopStars: number | null;
  phone: string;
  /** Days until it expires (negative: already expired). */
  expiresIn: number;
}

export const DEMO_LISTINGS: DemoListing[] = [
  {
    id: 'demo-mk-khom-cau-duc',
    owner: 'demo-mk-owner-1',
    ownerName: 'HTX Khóm Cầu Đúc',
    kind: 'sell',
    group: 'fruit',
    product: 'Khóm Cầu Đúc',
    description: 'Khóm Cầu Đúc chín cây, ngọt thanh, sản phẩm OCOP 4 sao. Giao theo xe tải.',
    quantity: 20,
    unit: 'tấn',
    priceVnd: 9_000,
    communeId: 'vi-thanh',
    communeName: 'Vị Thanh',
    address: 'Ấp 1, đường về Cầu Đúc',
    ocopStars: 4,
    phone: '0939111222',
    expiresIn: 25,
  },
  {
    id: 'demo-mk-kho-ca-loc',
    owner: 'demo-mk-owner-2',
    ownerName: 'Cơ sở Khô Bà Sáu',
    kind: 'sell',
    group: 'processed',
    product: 'Khô cá lóc đồng',
    description: 'Khô cá lóc đồng phơi nắng, ít mặn, OCOP 3 sao; hút chân không 500 g.',
    quantity: 300,
    unit: 'hộp',
    priceVnd: 180_000,
    communeId: 'chau-thanh',
    communeName: 'Châu Thành',
    address: 'Chợ xã Châu Thành, sạp 12',
    ocopStars: 3,
    phone: '0918333444',
    expiresIn: 20,
  },
  {
    id: 'demo-mk-buoi-nam-roi',
    owner: 'demo-mk-owner-3',
    ownerName: 'Nguyễn Văn Tư',
    kind: 'sell',
    group: 'fruit',
    product: 'Bưởi Năm Roi',
    description: 'Bưởi Năm Roi vườn nhà, trái 1–1,3 kg, cắt tại vườn.',
    quantity: 3,
    unit: 'tấn',
    priceVnd: 22_000,
    communeId: 'chau-thanh',
    communeName: 'Châu Thành',
    address: 'Ấp Phú Xuân',
    ocopStars: null,
    phone: '0907555666',
    expiresIn: 28,
  },
  {
    id: 'demo-mk-gao-st25',
    owner: 'demo-mk-owner-3',
    ownerName: 'Nguyễn Văn Tư',
    kind: 'sell',
    group: 'rice',
    product: 'Gạo ST25',
    description: 'Gạo ST25 vụ Đông Xuân, xay mới, bao 10 kg.',
    quantity: 2,
    unit: 'tấn',
    priceVnd: null,
    communeId: 'chau-thanh',
    communeName: 'Châu Thành',
    address: 'Ấp Phú Xuân',
    ocopStars: null,
    phone: '0907555666',
    expiresIn: 15,
  },
  {
    id: 'demo-mk-mua-lua',
    owner: 'demo-mk-owner-4',
    ownerName: 'Thương lái Trần Minh',
    kind: 'buy',
    group: 'rice',
    product: 'Cần mua lúa tươi OM18',
    description: 'Thu mua lúa tươi OM18 tại ruộng, cân tại chỗ, trả tiền ngay.',
    quantity: 50,
    unit: 'tấn',
    priceVnd: 7_200,
    communeId: 'vi-thanh',
    communeName: 'Vị Thanh',
    address: 'Nhận tại ruộng trong phường',
    ocopStars: null,
    phone: '0986777888',
    expiresIn: 10,
  },
  {
    id: 'demo-mk-ca-tra-giong',
    owner: 'demo-mk-owner-4',
    ownerName: 'Thương lái Trần Minh',
    kind: 'sell',
    group: 'seedlings',
    product: 'Cá tra giống',
    description: 'Cá tra giống cỡ 30 con/kg. Tin đã hết hạn, chủ tin chưa gia hạn.',
    quantity: 10_000,
    unit: 'con',
    priceVnd: 1_500,
    communeId: 'vi-thanh',
    communeName: 'Vị Thanh',
    address: 'Bè cá ấp 3',
    ocopStars: null,
    phone: '0986777888',
    expiresIn: -3,
  },
];

export async function seedDemoMarket(client: Client, now = new Date()): Promise<void> {
  const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const statements: InStatement[] = [];
  const owners = new Map(DEMO_LISTINGS.map((l) => [l.owner, l]));
  for (const [id, l] of owners) {
    statements.push({
      sql: `insert into users (id, zalo_id, phone, display_name, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing`,
      args: [id, `demo-zalo-${id}`, l.phone, l.ownerName, at(40), at(40)],
    });
  }
  for (const l of DEMO_LISTINGS) {
    const expires = new Date(now.getTime() + l.expiresIn * DAY).toISOString();
    const status = l.expiresIn > 0 ? 'active' : 'expired';
    statements.push(
      {
        sql: `insert into market_listings (id, owner_id, kind, product_group, product, description,
            quantity, unit, price_vnd, commune_id, address, ocop_stars, contact_name, contact_phone,
            zalo_chat, status, expires_at, request_key, version, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 1, ?, ?)
          on conflict do nothing`,
        args: [
          l.id,
          l.owner,
          l.kind,
          l.group,
          l.product,
          l.description,
          l.quantity,
          l.unit,
          l.priceVnd,
          l.communeId,
          l.address,
          l.ocopStars,
          l.ownerName,
          l.phone,
          status,
          expires,
          `demo-${l.id}`,
          at(5),
          at(5),
        ],
      },
      // Untouched demo listings keep their relative expiry on every start.
      {
        sql: `update market_listings set expires_at = ?, status = ? where id = ? and version = 1`,
        args: [expires, status, l.id],
      },
    );
    const body = foldVietnamese(
      [
        l.product,
        l.ocopStars ? `OCOP ${l.ocopStars} sao` : '',
        l.communeName,
        l.address,
        l.description,
      ]
        .filter(Boolean)
        .join(' \n '),
    );
    statements.push(
      {
        sql: 'insert into content_search_docs (kind, ref_id) values (?, ?) on conflict do nothing',
        args: ['market_listing', l.id],
      },
      {
        sql: 'delete from content_search where rowid = (select id from content_search_docs where kind = ? and ref_id = ?)',
        args: ['market_listing', l.id],
      },
      {
        sql: 'insert into content_search (rowid, kind, body) select id, ?, ? from content_search_docs where kind = ? and ref_id = ?',
        args: ['market_listing', body, 'market_listing', l.id],
      },
    );
  }
  await client.batch(statements, 'write');
}
