// Acknowledged writes survive `kill -9` of the server process (the CLI, as `npm start` runs it).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client/web';
import { afterAll, describe, expect, it } from 'vitest';

const DB_DIR = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(DB_DIR, 'src/server/cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'libsql-server-kill-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function startCli(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--file', file, '--port', '0'], {
    cwd: DB_DIR,
    env: { ...process.env, LIBSQL_AUTH_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}:\n${output}`));
    });
  });
  return { child, url };
}

describe('durability', () => {
  it('keeps every acknowledged insert after the server is killed with SIGKILL', async () => {
    const file = join(dir, 'data', 'local.db'); // the CLI creates the missing directory
    const first = await startCli(file);
    const db = createClient({ url: first.url });
    await db.execute('create table events (id integer primary key, body text not null)');

    const acknowledged: number[] = [];
    const attempted = new Set<number>();
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const id = next++;
        attempted.add(id);
        try {
          await db.execute({
            sql: 'insert into events (id, body) values (?, ?)',
            args: [id, `sự kiện ${id}`],
          });
          acknowledged.push(id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((r) => first.child.once('exit', r));
    killed = true;
    first.child.kill('SIGKILL'); // in the middle of the writers' requests
    await exited;
    await Promise.all(writers);
    db.close();

    const second = await startCli(file);
    const after = createClient({ url: second.url });
    const rs = await after.execute('select id from events order by id');
    const stored = new Set(rs.rows.map((r) => Number(r.id)));
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    for (const id of stored) expect(attempted.has(id)).toBe(true);
    // The reopened database is healthy and writable.
    await after.execute({
      sql: 'insert into events (id, body) values (?, ?)',
      args: [-1, 'after restart'],
    });
    const check = await after.execute('pragma integrity_check');
    expect(check.rows[0]?.[0]).toBe('ok');
    after.close();

    // A clean stop (SIGTERM) exits with status 0.
    const exit = new Promise<number | null>((r) => second.child.once('exit', (code) => r(code)));
    second.child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
