// The application under test: the real buildApp() over a dataset's database, listening on 127.0.0.1 on a free
// port, so that every timed request goes through the HTTP stack (parsing, auth hook, serialization).
import type { AddressInfo } from 'node:net';
import { loadRegulations } from '@dangjian/regulations/load';
import { buildApp } from '../../src/app.js';
import { manualClock, type Clock } from '../../src/platform/clock.js';
import { loadConfig, type AppConfig } from '../../src/platform/config.js';
import type { Database } from '../../src/platform/db.js';
import { createFieldCrypto } from '../../src/platform/field-crypto.js';
import { DATASET_FIELD_KEY } from '../../scale/dataset.js';

export interface AppUnderTest {
  baseUrl: string;
  close(): Promise<void>;
}

/** The dataset's clock: the app, the evaluator and the demo loader all see the day the data is anchored on. */
export function datasetClock(asOf: string): Clock {
  return manualClock(`${asOf}T02:00:00.000Z`);
}

// Dataset accounts are demo-style accounts (the demo password is accepted only in demo mode), and the suite logs
// in several users from one address: the login rate limit would refuse them.
function benchConfig(): AppConfig {
  return { ...loadConfig({}, process.cwd()), demoMode: true, webDistDir: null, loginRateLimitPerMinute: 100_000 };
}

export async function startApp(database: Database, asOf: string): Promise<AppUnderTest> {
  const app = await buildApp({
    database,
    config: benchConfig(),
    regulations: loadRegulations(),
    fieldCrypto: createFieldCrypto(DATASET_FIELD_KEY),
    clock: datasetClock(asOf),
    logger: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
