// Child process of item 4 (forked by member-import.ts): runs the member-import benchmark alone in its process, so the
// peak RSS it reports is the import's, not the suite's (apps, PGlite, connection pools).
import { benchMemberImport } from '../member-import.bench.js';

const [adminUrl, rows] = process.argv.slice(2);
if (!adminUrl || !process.send) throw new Error('usage: forked by bench/suite/member-import.ts with <admin url> <rows>');
const result = await benchMemberImport(adminUrl, Number(rows));
// The open IPC channel would keep this process alive: close it once the result is on its way.
process.send(result, () => process.disconnect());
