import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './stack';

// Builds the web admin (edge/admin, Vite) into edge/admin/dist/admin/, where `wrangler dev`
// serves it at /admin (wrangler.toml `[assets]`). Used by `npm start` and the browser test;
// `npm test` does not need it (the Worker's tests use stand-in files).

const ADMIN_DIR = resolve(ROOT, 'edge/admin');

/** The admin's own Vite 5 (the root has a newer one for vitest), wherever npm put it. */
function adminViteBin(): string {
  const require = createRequire(resolve(ADMIN_DIR, 'package.json'));
  const manifest = require.resolve('vite/package.json');
  const { bin } = require(manifest) as { bin: { vite: string } };
  return fileURLToPath(new URL(bin.vite, `file://${manifest}`));
}

export function buildAdmin(opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        adminViteBin(),
        'build',
        '--config',
        resolve(ADMIN_DIR, 'vite.config.ts'),
        '--logLevel',
        opts.quiet ? 'error' : 'warn',
      ],
      { cwd: ADMIN_DIR, stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0
        ? done()
        : fail(
            new Error(`không xây dựng được trang quản trị (vite build, mã ${code}):\n${stderr}`),
          ),
    );
  });
}
