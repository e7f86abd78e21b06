import { prepareDatabase } from '../setup';

// Deploy-time entry: `LIBSQL_URL=libsql://… LIBSQL_AUTH_TOKEN=… npm run db:migrate`.
const url = process.env.LIBSQL_URL ?? 'http://127.0.0.1:8080';
await prepareDatabase({ url, authToken: process.env.LIBSQL_AUTH_TOKEN || undefined });
console.log(`Đã cập nhật lược đồ và dữ liệu danh mục: ${url.replace(/\/\/[^@]*@/, '//')}`);
