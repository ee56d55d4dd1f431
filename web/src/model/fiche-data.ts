/** Loaders of the fiche views: the fiche payload and the time series of one indicator. */
import type { InferResponseType } from 'hono/client';
import { client, unwrap, type FicheResponse } from '../api';
import type { SeriesBreak, SeriesPoint } from '../charts/series';
import type { LevelId } from '../territories';

export function loadFiche(level: LevelId, code: string): Promise<FicheResponse> {
  return client.api.territories[':level'][':code']
    .$get({ param: { level: level, code } })
    .then((r) => unwrap<FicheResponse>(r));
}

type SeriesResponse = InferResponseType<typeof client.api.series.$get, 200>;

export interface SeriesData {
  points: (SeriesPoint & { source_id: string })[];
  /** Breaks inside this territory's series, with their French label (registry, flag or change of source). */
  breaks: SeriesBreak[];
}

const seriesCache = new Map<string, Promise<SeriesData>>();

/** All years of one indicator for one territory (`/api/series`), cached for the page's life. */
export function loadSeries(indicator: string, level: LevelId, code: string): Promise<SeriesData> {
  const key = `${indicator}|${level}|${code}`;
  let p = seriesCache.get(key);
  if (!p) {
    p = client.api.series
      .$get({ query: { indicator, level, code } })
      .then((r) => unwrap<SeriesResponse>(r))
      .then((body) => {
        const own = body.data.find((d) => d.level === level && d.code === code) ?? body.data[0];
        const breaks = body.meta.breaks
          .filter((b) => !('code' in b) || !b.code || (b.code === own?.code && b.level === own?.level))
          .map((b) => ({ year: b.year, label: b.label }));
        return { points: own?.points ?? [], breaks };
      });
    seriesCache.set(key, p);
    p.catch(() => seriesCache.delete(key));
  }
  return p;
}
