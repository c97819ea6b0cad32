// The suite's databases: the dataset under test (an existing one named by --database-url, or a throw-away database
// generated for the run) and the throw-away databases of the import and PGlite-comparison items.
import { generateDataset, readDatasetInfo, type DatasetInfo, type DatasetScale } from '../../scale/dataset.js';
import { createThrowawayDatabase } from '../bench-database.js';
import { secondsSince } from './timing.js';

/** A command-line mistake or a database that does not hold what was asked: printed, exit code 2. */
export class SuiteUsageError extends Error {}

/** The URL with its password hidden, for messages and the report. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export interface SuiteDataset {
  url: string;
  info: DatasetInfo;
  /** How the run got it: "generated in N s" or the redacted URL of the existing database. */
  source: string;
  drop(): Promise<void>;
}

/** The seed `npm run gen` uses by default, so a throw-away dataset equals the documented one. */
export const defaultSeed = (scale: DatasetScale) => (scale === 'demo' ? 2026 : 1);

export async function openSuiteDataset(scale: DatasetScale, databaseUrl: string | null, adminUrl: string, log: (line: string) => void): Promise<SuiteDataset> {
  if (databaseUrl) {
    const info = await readDatasetInfo(databaseUrl);
    if (!info || info.scale !== scale) {
      const found = info ? info.scale : '无 / none';
      const gen = `npm run gen -- --scale ${scale} --database-url ${redactUrl(databaseUrl)}`;
      throw new SuiteUsageError(
        `数据库中没有 ${scale} 规模的数据集（现有：${found}）。请在空库上先运行：${gen}\n` +
          `The database holds no ${scale} dataset (found: ${info ? info.scale : 'none'}). Run this on an empty database first: ${gen}`,
      );
    }
    return { url: databaseUrl, info, source: `existing database ${redactUrl(databaseUrl)}`, drop: async () => undefined };
  }
  const db = await createThrowawayDatabase(adminUrl, scale);
  try {
    const started = process.hrtime.bigint();
    log(`generating the ${scale} dataset into a throw-away database …`);
    const result = await generateDataset({ url: db.url, scale, seed: defaultSeed(scale), log });
    const info: DatasetInfo = { scale: result.scale, seed: result.seed, asOf: result.asOf, month: result.month };
    return { url: db.url, info, source: `generated for this run in ${secondsSince(started).toFixed(1)} s (throw-away database)`, drop: db.drop };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
