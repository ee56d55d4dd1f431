/**
 * Reconciliation with the producers, as the build computed it (`meta.reconciliation`, written by
 * `pipelines/reconcile.ts`): for each figure a producer published, ours, theirs, the gap and the verdict.
 */
import type { Store } from '../store.js';

export interface ReconciliationRow {
  id: string;
  /** `value`: the observation itself; `sum_communes`: the sum of the territory's communes that year. */
  measure: 'value' | 'sum_communes';
  indicator: string;
  level: string;
  code: string;
  year: number;
  /** The producer's figure. */
  value: number;
  /** Ours, computed the same way (null: the loaded files cannot produce it, see `why`). */
  ours: number | null;
  gap: number | null;
  /** Tolerance as written in the reference file (absolute, or « 1.5% »). */
  tolerance: string;
  status: 'ok' | 'écart' | 'non calculable';
  why: string | null;
  publisher: string;
  title: string;
  url: string;
  published: string;
  notes: string;
}

export async function reconciliation(store: Store): Promise<ReconciliationRow[]> {
  return store.cached('reconciliation', async () => {
    const rows = await store.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'reconciliation'`);
    return rows[0] ? (JSON.parse(rows[0].value) as ReconciliationRow[]) : [];
  });
}
