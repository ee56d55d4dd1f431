import { Hono } from 'hono';
import { z } from 'zod';
import { FLAGS, INDICATORS, INDICATOR_IDS, THEME_LABELS } from '../../core/registry.js';
import { meta, notFound, parseQuery, validate } from '../http.js';
import { coverage, describe, indicatorDetail } from '../services/indicators.js';
import { sourcesById } from '../services/sources.js';
import type { Store } from '../store.js';
import { formatParams, requestedFormat, sendTable, type Column } from '../tabular.js';

export const indicatorListQuery = z.object({ ...formatParams });
export const indicatorParams = z.object({
  id: z.string().max(64).describe('identifiant de l’indicateur (voir /api/indicators)'),
});

export const INDICATOR_COLUMNS: Column[] = [
  { key: 'id', header: 'Identifiant', type: 'string' },
  { key: 'label', header: 'Libellé', type: 'string' },
  { key: 'short_label', header: 'Libellé court', type: 'string' },
  { key: 'theme', header: 'Thème (code)', type: 'string' },
  { key: 'theme_label', header: 'Thème', type: 'string' },
  { key: 'unit', header: 'Unité (code)', type: 'string' },
  { key: 'unit_label', header: 'Unité', type: 'string' },
  { key: 'definition', header: 'Définition', type: 'string' },
  { key: 'reference', header: 'Date de référence', type: 'string' },
  { key: 'aggregation', header: 'Agrégation', type: 'string' },
  { key: 'numerator', header: 'Numérateur', type: 'string' },
  { key: 'denominator', header: 'Dénominateur', type: 'string' },
  { key: 'decimals', header: 'Décimales', type: 'int' },
  { key: 'polarity', header: 'Sens', type: 'string' },
  { key: 'family', header: 'Famille de sources', type: 'string' },
  { key: 'open', header: 'Fichier ouvert', type: 'bool' },
  { key: 'years', header: 'Années disponibles', type: 'list' },
  { key: 'levels', header: 'Niveaux disponibles', type: 'list' },
  { key: 'caveats', header: 'Précautions', type: 'list' },
  { key: 'series_breaks', header: 'Ruptures de série', type: 'list' },
];

export function indicatorRoutes(store: Store) {
  return new Hono()
    .get('/', async (c) => {
      const q = parseQuery(c, indicatorListQuery);
      const format = requestedFormat(c, q.format);
      const cov = await coverage(store);
      const data = INDICATORS.map((i) => describe(i.id, cov));
      if (format !== 'json')
        return sendTable(
          c,
          format,
          q.csv_style,
          {
            name: 'indicateurs',
            columns: INDICATOR_COLUMNS,
            rows: data.map((d) => ({
              ...d,
              theme_label: THEME_LABELS[d.theme],
              years: d.years.map(String),
              series_breaks: (d.series_breaks ?? []).map((b) => `${b.year} : ${b.label}`),
            })),
            meta: { flags: FLAGS },
          },
          store.buildId(),
        );
      return c.json({ data, meta: meta(store, { flags: FLAGS }) });
    })
    .get('/:id', validate('param', indicatorParams), async (c) => {
      const { id } = c.req.valid('param');
      if (!INDICATOR_IDS.includes(id)) throw notFound(`Indicateur inconnu : « ${id} »`, INDICATOR_IDS);
      const [cov, more] = await Promise.all([coverage(store), indicatorDetail(store, id)]);
      return c.json({
        data: { ...describe(id, cov), ...more },
        meta: meta(store, { flags: FLAGS, sources: await sourcesById(store, more.source_ids) }),
      });
    });
}
