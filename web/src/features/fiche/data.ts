/** Loaders of the fiche views: the fiche payload and the time series of one indicator. */
import { client, unwrap, type FicheResponse } from '../../api';
import type { SeriesPoint } from '../../charts/series';

export function loadFiche(level: string, code: string): Promise<FicheResponse> {
  return client.api.territories[':level'][':code']
    .$get({ param: { level: level as never, code } })
    .then((r) => unwrap<FicheResponse>(r));
}

export interface SeriesData {
  points: (SeriesPoint & { source_id: string | null })[];
}

const seriesCache = new Map<string, Promise<SeriesData>>();

/** All years of one indicator for one territory (`/api/series`), cached for the page's life. */
export function loadSeries(indicator: string, level: string, code: string): Promise<SeriesData> {
  const key = `${indicator}|${level}|${code}`;
  let p = seriesCache.get(key);
  if (!p) {
    const q = new URLSearchParams({ indicator, level, code });
    p = fetch(`/api/series?${q}`)
      .then((r) => unwrap<{ data: { points: SeriesData['points'] } }>(r))
      .then((body) => ({ points: body.data.points }));
    seriesCache.set(key, p);
    p.catch(() => seriesCache.delete(key));
  }
  return p;
}
