// `npm run test:e2e`: builds the web app, starts the real server on a fresh embedded database with
// demo data in a temporary folder, runs the browser tests (playwright-core + Debian chromium) against it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.E2E_PORT ?? '3210';
const baseUrl = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'dangjian-e2e-'));

const build = spawnSync('npm', ['run', 'build', '--workspace', '@dangjian/web'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Every browser test logs in from the same address: the per-address login limit (10 a minute, tested in the
// server suite) would turn later logins into 429s, so it is raised here.
const server = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
  cwd: root,
  env: { ...process.env, PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', DEMO_MODE: 'true', LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
  stdio: ['ignore', 'inherit', 'inherit'],
});

let code = 1;
try {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy within 120 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  const tests = spawnSync('npx', ['vitest', 'run', '--project', 'e2e'], { cwd: root, stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: baseUrl } });
  code = tests.status ?? 1;
} catch (error) {
  console.error(error);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
