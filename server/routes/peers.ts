import { Hono } from 'hono';
import { z } from 'zod';
import { PEER_COUNT, PEER_CRITERIA, PEER_METHOD, POPULATION_BANDS } from '../../core/peers.js';
import { CODE_RE, meta, notFound, parseQuery, validate } from '../http.js';
import { peerCriteria, peersOf } from '../services/peers.js';
import { sourcesById } from '../services/sources.js';
import { requireTerritory } from '../services/territories.js';
import type { Store } from '../store.js';
import { formatParams, requestedFormat, sendTable, type Column } from '../tabular.js';

export const peersParams = z.object({
  code: z
    .string()
    .regex(CODE_RE, 'code INSEE de commune attendu')
    .describe('code INSEE de la commune (ou ancien code)'),
});

export const peersQuery = z.object({ ...formatParams });

export const PEER_COLUMNS: Column[] = [
  { key: 'rank', header: 'Rang (1 = la plus proche)', type: 'int' },
  { key: 'code', header: 'Code', type: 'string' },
  { key: 'name', header: 'Nom', type: 'string' },
  { key: 'departement', header: 'Département (code)', type: 'string' },
  { key: 'distance', header: 'Distance (écarts types ; km si proximité)', type: 'number' },
  ...PEER_CRITERIA.map((c): Column => ({ key: c.id, header: `${c.label} (${c.unit})`, type: 'number' })),
  { key: 'sru_taux', header: 'Taux SRU (%)', type: 'number' },
  { key: 'sru_annee', header: 'Taux SRU : inventaire au 1er janvier', type: 'int' },
];

export function peerRoutes(store: Store) {
  return new Hono()
    .get('/peers', async (c) => {
      const criteria = await peerCriteria(store);
      return c.json({
        data: {
          method: PEER_METHOD,
          count: PEER_COUNT,
          bands: POPULATION_BANDS,
          criteria,
        },
        meta: meta(store, {
          sources: await sourcesById(
            store,
            criteria.flatMap((x) => x.source_ids),
          ),
        }),
      });
    })
    .get('/territories/commune/:code/peers', validate('param', peersParams), async (c) => {
      const { code } = c.req.valid('param');
      const q = parseQuery(c, peersQuery);
      const format = requestedFormat(c, q.format);
      const { territory, resolvedFrom } = await requireTerritory(store, 'commune', code);
      const data = await peersOf(store, territory);
      if (!data)
        throw notFound(`Pas de communes comparables calculées pour ${territory.name} (${territory.code}).`);
      const sourceIds = [
        ...data.criteria.flatMap((x) => x.source_ids),
        ...[data.sru_taux, ...data.peers.map((p) => p.sru_taux)].flatMap((o) => (o ? [o.source_id] : [])),
      ];
      const m = meta(store, { resolved_from: resolvedFrom, sources: await sourcesById(store, sourceIds) });
      if (format !== 'json')
        return sendTable(
          c,
          format,
          q.csv_style,
          {
            name: `communes_comparables_${territory.code}`,
            columns: PEER_COLUMNS,
            rows: data.peers.map((p) => ({
              rank: p.rank,
              code: p.code,
              name: p.name,
              departement: p.departement,
              distance: p.distance,
              ...p.values,
              sru_taux: p.sru_taux?.value ?? null,
              sru_annee: p.sru_taux?.year ?? null,
            })),
            meta: {
              commune: territory.code,
              method: data.method,
              criteria: data.criteria.map((x) => x.id),
              band: data.band?.text ?? null,
            },
          },
          store.buildId(),
        );
      return c.json({ data, meta: m });
    });
}
