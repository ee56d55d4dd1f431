/**
 * Checks run on the temporary database before it replaces the published one. Any failure stops
 * the build with a CheckError: the previous database stays in place.
 */
import type { Db } from '../core/db.js';
import { INDICATORS } from '../core/registry.js';
import { CheckError } from './lib/errors.js';

export const HAUTS_DE_SEINE = [
  '92002',
  '92004',
  '92007',
  '92009',
  '92012',
  '92014',
  '92019',
  '92020',
  '92022',
  '92023',
  '92024',
  '92025',
  '92026',
  '92032',
  '92033',
  '92035',
  '92036',
  '92040',
  '92044',
  '92046',
  '92047',
  '92048',
  '92049',
  '92050',
  '92051',
  '92060',
  '92062',
  '92063',
  '92064',
  '92071',
  '92072',
  '92073',
  '92075',
  '92076',
  '92077',
  '92078',
];

async function count(db: Db, sql: string): Promise<number> {
  const rows = await db.all<{ n: number }>(sql);
  return Number(rows[0]?.n ?? 0);
}

export async function runChecks(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const communes92 = await db.all<{ code: string }>(
    `SELECT code FROM territories WHERE level = 'commune' AND departement = '92' ORDER BY code`,
  );
  const got = communes92.map((r) => r.code).join(',');
  if (got !== HAUTS_DE_SEINE.join(','))
    problems.push(
      `les 36 communes des Hauts-de-Seine ne sont pas toutes présentes (${communes92.length} trouvées)`,
    );

  // Every family that covers the 92 must cover all 36 communes for its latest year.
  const partial = await db.all<{ indicator: string; year: number; n: number }>(`
    WITH latest AS (
      SELECT o.indicator, max(o.year) AS year FROM observations o
      JOIN territories t ON t.level = 'commune' AND t.code = o.code AND t.departement = '92'
      WHERE o.level = 'commune' GROUP BY o.indicator)
    SELECT l.indicator, l.year, count(DISTINCT o.code) AS n FROM latest l
    JOIN observations o ON o.indicator = l.indicator AND o.year = l.year AND o.level = 'commune'
    JOIN territories t ON t.level = 'commune' AND t.code = o.code AND t.departement = '92'
    GROUP BY ALL HAVING count(DISTINCT o.code) <> 36`);
  for (const p of partial) problems.push(`${p.indicator} ${p.year} : ${p.n} communes du 92 sur 36`);

  const pop92 = await count(
    db,
    `SELECT count(*) AS n FROM observations o JOIN territories t ON t.level='commune' AND t.code=o.code
    WHERE o.indicator='population' AND o.level='commune' AND t.departement='92' AND o.value > 0`,
  );
  if (pop92 !== 36) problems.push(`population connue pour ${pop92} communes du 92 sur 36`);

  const dups = await db.all<{ indicator: string; level: string; code: string; year: number; n: number }>(`
    SELECT indicator, level, code, year, count(*) AS n FROM observations GROUP BY ALL HAVING count(*) > 1 LIMIT 5`);
  for (const d of dups)
    problems.push(`clé en double : ${d.indicator} ${d.level} ${d.code} ${d.year} (${d.n} lignes)`);
  const orphanCodes = await count(
    db,
    `SELECT count(*) AS n FROM observations o
    LEFT JOIN territories t ON t.level = o.level AND t.code = o.code WHERE t.code IS NULL`,
  );
  if (orphanCodes) problems.push(`${orphanCodes} observations portent sur un territoire inconnu`);
  const orphanIndicators = await count(
    db,
    `SELECT count(*) AS n FROM observations o LEFT JOIN indicators i ON i.id = o.indicator WHERE i.id IS NULL`,
  );
  if (orphanIndicators)
    problems.push(`${orphanIndicators} observations portent sur un indicateur absent du registre`);
  const orphanSources = await count(
    db,
    `SELECT count(*) AS n FROM observations o LEFT JOIN sources s ON s.id = o.source_id WHERE s.id IS NULL`,
  );
  if (orphanSources) problems.push(`${orphanSources} observations renvoient à une source absente`);
  const nan = await count(
    db,
    `SELECT count(*) AS n FROM observations WHERE isnan(value) OR isinf(value) OR isnan(numerator) OR isnan(denominator)`,
  );
  if (nan) problems.push(`${nan} valeurs NaN ou infinies`);
  const badRates = await db.all<{ indicator: string; code: string; year: number; value: number }>(`
    SELECT o.indicator, o.code, o.year, o.value FROM observations o JOIN indicators i ON i.id = o.indicator
    WHERE i.unit = 'pct' AND (o.value < 0 OR o.value > 100) AND NOT list_contains(o.flags, 'suspect') LIMIT 5`);
  for (const r of badRates)
    problems.push(`taux hors de [0, 100] non signalé : ${r.indicator} ${r.code} ${r.year} = ${r.value}`);
  const maskedNoReason = await count(
    db,
    `SELECT count(*) AS n FROM observations WHERE value IS NULL AND (note IS NULL OR note = '')`,
  );
  if (maskedNoReason) problems.push(`${maskedNoReason} valeurs manquantes sans raison documentée`);
  // Published figures: only on published-figure indicators (or open series that take published points),
  // each with its definition and its citation.
  const badCurated = await db.all<{ indicator: string; level: string; code: string; year: number }>(
    `SELECT o.indicator, o.level, o.code, o.year FROM observations o LEFT JOIN sources s ON s.id = o.source_id
     WHERE (list_contains(o.flags, 'curated') OR list_contains($ids::JSON::VARCHAR[], o.indicator))
       AND (NOT list_contains(o.flags, 'curated') AND list_contains($ids::JSON::VARCHAR[], o.indicator)
            OR NOT list_contains($accepting::JSON::VARCHAR[], o.indicator)
            OR s.kind IS DISTINCT FROM 'curated' OR coalesce(s.title, '') = '' OR coalesce(s.producer, '') = ''
            OR coalesce(o.note, '') = '' OR o.value IS NULL OR o.aggregated)
     LIMIT 5`,
    {
      ids: JSON.stringify(INDICATORS.filter((i) => i.curated).map((i) => i.id)),
      accepting: JSON.stringify(INDICATORS.filter((i) => i.curated || i.published_points).map((i) => i.id)),
    },
  );
  for (const r of badCurated)
    problems.push(
      `chiffre publié mal formé (drapeau, citation, définition ou valeur) : ${r.indicator} ${r.level} ${r.code} ${r.year}`,
    );
  const dupAliases = await count(
    db,
    `SELECT count(*) AS n FROM (SELECT level, alias FROM territory_aliases GROUP BY ALL HAVING count(DISTINCT code) > 1)`,
  );
  if (dupAliases) problems.push(`${dupAliases} anciens codes renvoient à plusieurs communes`);
  if (problems.length) throw new CheckError(`Contrôles de la base en échec : ${problems.join(' ; ')}.`);
  return problems;
}
