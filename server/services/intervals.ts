/**
 * Intervals of deduced values (`low`, `high` on observations: résidences principales and missing
 * dwellings deduced from a rounded rate). Read when the database has these columns, so that the
 * services work on databases built before and after they were added.
 */
import type { Store } from '../store.js';

function hasIntervals(store: Store): Promise<boolean> {
  return store.cached('observations-has-intervals', async () => {
    const rows = await store.all<{ n: number }>(
      `SELECT count(*) AS n FROM information_schema.columns
       WHERE table_name = 'observations' AND column_name IN ('low', 'high')`,
    );
    return Number(rows[0]?.n ?? 0) === 2;
  });
}

/** `o.low, o.high` — or two NULL columns of the same names when the database has none. */
export async function intervalColumns(store: Store, alias: string): Promise<string> {
  return (await hasIntervals(store))
    ? `${alias}.low, ${alias}.high`
    : `NULL::DOUBLE AS low, NULL::DOUBLE AS high`;
}
