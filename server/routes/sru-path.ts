import { Hono } from 'hono';
import { z } from 'zod';
import { CODE_RE, meta, notFound, parseQuery, validate } from '../http.js';
import { LAW_REFERENCE, loadSruPath } from '../services/sru-path.js';
import { requireTerritory } from '../services/territories.js';
import type { Store } from '../store.js';
import { formatParams, requestedFormat, sendTable, type Column } from '../tabular.js';

export const sruPathParams = z.object({
  code: z
    .string()
    .regex(CODE_RE, 'code INSEE de commune attendu')
    .describe('code INSEE de la commune (ou ancien code)'),
});

export const sruPathQuery = z.object({ ...formatParams });

export const SRU_PERIOD_COLUMNS: Column[] = [
  { key: 'start', header: 'Début de la période', type: 'int' },
  { key: 'end', header: 'Fin de la période', type: 'int' },
  { key: 'phase', header: 'Période', type: 'string' },
  { key: 'status', header: 'Statut', type: 'string' },
  { key: 'objective', header: 'Objectif de rattrapage (logements sociaux)', type: 'int' },
  { key: 'objective_low', header: 'Objectif : borne basse', type: 'int' },
  { key: 'objective_high', header: 'Objectif : borne haute', type: 'int' },
  { key: 'rule', header: 'Règle appliquée', type: 'string' },
  { key: 'basis_year', header: 'Inventaire de base (1er janvier)', type: 'int' },
  { key: 'basis_missing', header: 'Logements manquants à la base', type: 'int' },
  { key: 'basis_note', header: 'Note sur la base', type: 'string' },
  { key: 'observed_change', header: 'Variation constatée du parc social', type: 'int' },
  { key: 'observed_from', header: 'Variation : depuis le 1er janvier', type: 'int' },
  { key: 'observed_to', header: 'Variation : jusqu’au 1er janvier', type: 'int' },
  { key: 'note', header: 'Note', type: 'string' },
  { key: 'source', header: 'Source', type: 'string' },
];

export function sruPathRoutes(store: Store) {
  return new Hono().get('/commune/:code/sru', validate('param', sruPathParams), async (c) => {
    const { code } = c.req.valid('param');
    const q = parseQuery(c, sruPathQuery);
    const format = requestedFormat(c, q.format);
    const { territory, resolvedFrom } = await requireTerritory(store, 'commune', code);
    const res = await loadSruPath(store, territory.code);
    if (!res)
      throw notFound(
        `${territory.name} (${territory.code}) ne figure dans aucun inventaire SRU chargé : la commune n’est pas soumise à la loi SRU (ou la source ne la couvre pas).`,
      );
    const data = {
      commune: { code: territory.code, name: territory.name, departement: territory.departement },
      law: LAW_REFERENCE,
      ...res.path,
    };
    if (format !== 'json')
      return sendTable(
        c,
        format,
        q.csv_style,
        {
          name: `trajectoire_sru_${territory.code}`,
          columns: SRU_PERIOD_COLUMNS,
          rows: res.path.periods.map((p) => ({
            start: p.start,
            end: p.end,
            phase: p.phase,
            status: p.status,
            objective: p.objective?.value ?? null,
            objective_low: p.objective?.low ?? null,
            objective_high: p.objective?.high ?? null,
            rule: p.rule,
            basis_year: p.basis.year,
            basis_missing: p.basis.missing?.value ?? null,
            basis_note: p.basis.note,
            observed_change: p.observed?.change ?? null,
            observed_from: p.observed?.from_year ?? null,
            observed_to: p.observed?.to_year ?? null,
            note: p.note,
            source: p.source,
          })),
          meta: { commune: territory.code, law: LAW_REFERENCE, assumptions: res.path.assumptions },
        },
        store.buildId(),
      );
    return c.json({ data, meta: meta(store, { resolved_from: resolvedFrom, sources: res.sources }) });
  });
}
