import { Hono } from 'hono';
import { z } from 'zod';
import { LEVELS, indicator as getIndicator, type Level } from '../../core/registry.js';
import { codeList, indicatorParam, meta, parseRef, validate } from '../http.js';
import { segmentPoints, type SeriesBreak } from '../segments.js';
import { coverage, describe } from '../services/indicators.js';
import { seriesOf, type ObservationFields } from '../services/observations.js';
import { sourcesById } from '../services/sources.js';
import { requireTerritory } from '../services/territories.js';
import type { Store } from '../store.js';
import { formatParams, observationColumns, requestedFormat, sendTable } from '../tabular.js';

export const seriesQuery = z.object({
  indicator: indicatorParam,
  level: z.enum(LEVELS).default('commune').describe('niveau des codes donnés sans préfixe'),
  code: codeList(1, 12),
  ...formatParams,
});

export interface SeriesPoint extends ObservationFields {
  segment: number;
  low: number | null;
  high: number | null;
  raw: string | null;
}

export function seriesRoutes(store: Store) {
  return new Hono().get('/', validate('query', seriesQuery), async (c) => {
    const q = c.req.valid('query');
    const format = requestedFormat(c, q.format);
    const def = getIndicator(q.indicator);
    const refs = q.code.map((r) => parseRef(r, q.level));
    const found = await Promise.all(refs.map((r) => requireTerritory(store, r.level, r.code)));
    const seen = new Set<string>();
    const territories = found
      .map((f) => f.territory)
      .filter((t) => {
        const k = `${t.level}:${t.code}`;
        return seen.has(k) ? false : (seen.add(k), true);
      });
    const rows = await seriesOf(store, q.indicator, territories);
    const breaks: Array<SeriesBreak & { level?: Level; code?: string }> = (def.series_breaks ?? []).map(
      (b) => ({ ...b, kind: 'registry' as const }),
    );
    const data = territories.map((t) => {
      const own = rows.filter((r) => r.level === t.level && r.code === t.code);
      const seg = segmentPoints(own, def.series_breaks ?? []);
      for (const b of seg.breaks)
        if (b.kind !== 'registry') breaks.push({ ...b, level: t.level, code: t.code });
      const points: SeriesPoint[] = seg.points.map((p) => ({
        year: p.year,
        value: p.value,
        numerator: p.numerator,
        denominator: p.denominator,
        flags: p.flags,
        note: p.note,
        source_id: p.source_id,
        segment: p.segment,
        low: p.low,
        high: p.high,
        raw: p.raw,
      }));
      return { level: t.level, code: t.code, name: t.name, points };
    });
    const sources = await sourcesById(
      store,
      rows.map((r) => r.source_id),
    );
    const cov = await coverage(store);
    const m = meta(store, {
      indicator: describe(q.indicator, cov),
      breaks,
      sources,
      resolved_from: Object.fromEntries(
        found.filter((f) => f.resolvedFrom).map((f) => [f.resolvedFrom!, f.territory.code]),
      ),
    });
    if (format !== 'json')
      return sendTable(
        c,
        format,
        q.csv_style,
        {
          name: `serie_${q.indicator}_${territories.map((t) => t.code).join('-')}`,
          columns: [
            { key: 'level', header: 'Niveau', type: 'string' },
            { key: 'code', header: 'Code', type: 'string' },
            { key: 'name', header: 'Nom', type: 'string' },
            ...observationColumns(
              q.indicator,
              territories.every((t) => t.level === territories[0]!.level) ? territories[0]!.level : undefined,
            ),
            { key: 'segment', header: 'Segment (change à chaque rupture de série)', type: 'int' },
          ],
          rows: data.flatMap((t) =>
            t.points.map((p) => ({ level: t.level, code: t.code, name: t.name, ...p })),
          ),
          sources,
          meta: { indicator: q.indicator, breaks },
        },
        store.buildId(),
      );
    return c.json({ data, meta: m });
  });
}
