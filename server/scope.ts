/** Resolution of a validated `within` parameter to an existing territory (404 otherwise). */
import { notFound } from './http.js';
import { parseWithin, withinTerritory, type TerritoryOut, type Within } from './queries.js';
import type { Store } from './store.js';

export async function resolveWithin(
  store: Store,
  text: string,
): Promise<{ within: Within; territory: TerritoryOut | null }> {
  const within = parseWithin(text)!;
  const territory = await withinTerritory(store, within);
  if (!territory && within.level !== 'france') {
    const valid =
      within.level === 'epci'
        ? undefined
        : (
            await store.cached(`codes:${within.level}`, () =>
              store.all<{ code: string }>(`SELECT code FROM territories WHERE level = $level ORDER BY code`, {
                level: within.level,
              }),
            )
          ).map((r) => `${within.level}:${r.code}`);
    throw notFound(
      `Périmètre inconnu : « ${text} »${within.level === 'epci' ? ' (liste : /api/territories?level=epci)' : ''}.`,
      valid,
    );
  }
  return { within, territory };
}
