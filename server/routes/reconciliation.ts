import { Hono } from 'hono';
import { z } from 'zod';
import { meta, parseQuery } from '../http.js';
import { reconciliation } from '../services/reconciliation.js';
import type { Store } from '../store.js';
import { formatParams, requestedFormat, sendTable, type Column } from '../tabular.js';

export const reconciliationQuery = z.object({ ...formatParams });

export const RECONCILIATION_COLUMNS: Column[] = [
  { key: 'id', header: 'Identifiant', type: 'string' },
  { key: 'indicator', header: 'Indicateur', type: 'string' },
  { key: 'level', header: 'Niveau', type: 'string' },
  { key: 'code', header: 'Code', type: 'string' },
  { key: 'year', header: 'Année', type: 'int' },
  {
    key: 'measure',
    header: 'Mesure (value : la valeur ; sum_communes : somme des communes)',
    type: 'string',
  },
  { key: 'value', header: 'Chiffre publié', type: 'number' },
  { key: 'ours', header: 'Chiffre de l’observatoire', type: 'number' },
  { key: 'gap', header: 'Écart', type: 'number' },
  { key: 'tolerance', header: 'Tolérance', type: 'string' },
  { key: 'status', header: 'Verdict', type: 'string' },
  { key: 'why', header: 'Explication', type: 'string' },
  { key: 'publisher', header: 'Producteur', type: 'string' },
  { key: 'title', header: 'Publication', type: 'string' },
  { key: 'url', header: 'Adresse', type: 'string' },
  { key: 'published', header: 'Publié le', type: 'string' },
  { key: 'notes', header: 'Notes', type: 'string' },
];

/** Our figures against the ones the producers published (`pipelines/reference/published-totals.csv`). */
export function reconciliationRoutes(store: Store) {
  return new Hono().get('/', async (c) => {
    const q = parseQuery(c, reconciliationQuery);
    const format = requestedFormat(c, q.format);
    const data = await reconciliation(store);
    if (format !== 'json')
      return sendTable(
        c,
        format,
        q.csv_style,
        {
          name: 'rapprochement',
          columns: RECONCILIATION_COLUMNS,
          rows: data as unknown as Array<Record<string, unknown>>,
        },
        store.buildId(),
      );
    const count = (s: string) => data.filter((r) => r.status === s).length;
    return c.json({
      data,
      meta: meta(store, { ok: count('ok'), gaps: count('écart'), not_computable: count('non calculable') }),
    });
  });
}
