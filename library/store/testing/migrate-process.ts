/**
 * One process migrating a library, for the concurrent-migration test: connects to DATABASE_URL (a pool,
 * as `zhiwen serve` opens one), waits until START_AT (epoch ms) so that several processes migrate at
 * the same moment, and prints the versions it applied as JSON on stdout.
 */
import { migrate } from '../migrate';
import { openPg } from '../pg';

const db = await openPg(process.env.DATABASE_URL ?? '', { max: 4 });
try {
  await new Promise((r) => setTimeout(r, Math.max(0, Number(process.env.START_AT ?? 0) - Date.now())));
  const applied = await migrate(db);
  process.stdout.write(`${JSON.stringify({ applied })}\n`);
} finally {
  await db.close();
}
