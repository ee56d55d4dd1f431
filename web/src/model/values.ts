/** Values of one indicator for many territories (`/api/values`), cached for the page's life. */
import { apiUrl, client, unwrap, type ValuesResponse } from '../api';
import type { LevelId } from '../territories';

export interface ValuesQuery {
  indicator: string;
  level?: LevelId;
  within?: string;
  year?: string;
}

function fullQuery(q: ValuesQuery): Required<ValuesQuery> {
  return { level: 'commune', within: 'france', year: 'latest', ...q };
}

const valuesCache = new Map<string, Promise<ValuesResponse>>();

/** Values of one indicator for a perimeter; the last few answers are kept for the page's lifetime. */
export function loadValues(q: ValuesQuery): Promise<ValuesResponse> {
  const query = fullQuery(q);
  const key = JSON.stringify(Object.entries(query).sort());
  let p = valuesCache.get(key);
  if (!p) {
    p = client.api.values.$get({ query }).then((r) => unwrap<ValuesResponse>(r));
    valuesCache.set(key, p);
    p.catch(() => valuesCache.delete(key));
    if (valuesCache.size > 20) valuesCache.delete(valuesCache.keys().next().value!);
  }
  return p;
}

/** Public address of the same values: JSON for « lien API », or its CSV twin. */
export function valuesUrl(q: ValuesQuery, format?: 'csv'): string {
  return apiUrl('/api/values', fullQuery(q), format);
}
