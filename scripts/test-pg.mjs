// `npm run test:pg`: the server integration suite against PostgreSQL. Each test file creates its own
// database and drops it afterwards. TEST_DATABASE_URL names a database to connect to for that
// (default: the local server with trust auth, as on the CI machine).
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const result = spawnSync('npx', ['vitest', 'run', '--project', 'server', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(result.status ?? 1);
