/** Territory search by name, code or alias (old codes, delegated communes, T1–T12). */
import type { Level } from '../../core/levels.js';
import type { Store } from '../store.js';

export interface SearchHit {
  level: Level;
  code: string;
  name: string;
  departement: string | null;
  matched: string | null;
  population: number | null;
}

/** `q` as typed (exact codes), `key` its search key (core/text.ts `searchKey`). */
export async function search(store: Store, q: string, key: string, limit: number): Promise<SearchHit[]> {
  return store.all<SearchHit>(
    `WITH hits AS (
       SELECT t.level, t.code, t.name, t.departement, NULL AS matched,
         CASE WHEN t.code = $raw THEN 0 WHEN starts_with(t.search_key, $key) THEN 2 ELSE 3 END AS score
       FROM territories t
       WHERE t.level <> 'france' AND (t.code = $raw OR ($key <> '' AND (starts_with(t.search_key, $key) OR contains(t.search_key, ' ' || $key))))
       UNION ALL
       SELECT t.level, t.code, t.name, t.departement,
         coalesce(a.alias_name, a.alias) || CASE WHEN a.kind = 'ancien_code' THEN ' (ancien code)' ELSE '' END AS matched,
         CASE WHEN a.alias = $raw THEN 1 ELSE 4 END AS score
       FROM territory_aliases a JOIN territories t ON t.level = a.level AND t.code = a.code
       WHERE a.alias = $raw OR ($key <> '' AND starts_with(a.search_key, $key) AND a.code <> a.alias))
     SELECT h.level, h.code, h.name, h.departement, min(h.matched) AS matched, p.value AS population
     FROM hits h
     LEFT JOIN observations p ON p.indicator = 'population' AND p.level = h.level AND p.code = h.code
     GROUP BY h.level, h.code, h.name, h.departement, p.value
     ORDER BY min(h.score), CASE h.level WHEN 'commune' THEN 0 WHEN 'ept' THEN 1 WHEN 'epci' THEN 2 WHEN 'departement' THEN 3 ELSE 4 END,
              p.value DESC NULLS LAST, h.name
     LIMIT $limit`,
    { raw: q.trim(), key, limit },
  );
}
