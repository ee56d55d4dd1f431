/**
 * Aggregates commune observations to EPT, EPCI, département, région and France, following each
 * indicator's `aggregation` in the registry: counts are summed, ratios recomputed from summed
 * numerators and denominators (never a mean of rates), flags counted.
 *
 * Rules (each one answers an error found by an independent recount):
 * - One date at a time: a total for year Y uses its members' values of year Y only. A member listed for
 *   Y without a value makes the total `partial`, and the note names it.
 * - A territory gets an aggregate only if the source covers its départements for that year (≥ 95 % gives
 *   a value flagged `partial`, e.g. France without Mayotte); the producer's own value for a level, when a
 *   pipeline loaded one, is kept instead of ours.
 * - Members flagged `not_applicable` (e.g. no missing dwellings for an exempted commune) are not members.
 * - A member flagged `suspect`, `incoherent` or `small_count` never makes the total suspect: the total is
 *   computed from what the producer published, and its note names those members.
 * - Intervals: a sum of values deduced from rounded inputs carries the sum of their intervals; a ratio
 *   whose denominators carry intervals carries the interval of the ratio of the sums.
 */
import type { Db } from '../core/db.js';
import { INDICATORS } from '../core/registry.js';

/** Flags an aggregate inherits from its members (provenance, not quality judgements on one member). */
const CARRIED_FLAGS = ['derived', 'estimated', 'legacy'];
// A member whose own value is partial (a commune merged after the file's date, its former commune absent)
// makes the total partial too: `partial` is carried, and the member named.
/** Carried flags of a group, plus `sum_of_rounded` when a member is rounded (cheap boolean aggregates). */
const CARRIED = `list_filter([${[
  ...CARRIED_FLAGS.map((f) => [f, f]),
  ['rounded', 'sum_of_rounded'],
  ['partial', 'partial'],
]
  .map(([f, out]) => `CASE WHEN bool_or(list_contains(o.flags, '${f}')) THEN '${out}' END`)
  .join(', ')}], x -> x IS NOT NULL)`;
/** Members with these flags are named in the aggregate's note. */
const NAMED_FLAGS: Array<[string, string]> = [
  ['incoherent', 'valeur incohérente dans la source'],
  ['suspect', 'valeur à vérifier'],
  ['small_count', 'petits effectifs'],
  ['partial', 'valeur partielle (commune fusionnée depuis)'],
];
/** The source most members come from (ties: the first id), deterministic unlike `mode()`. */
const MAIN_SOURCE = `list_sort(list_transform(map_entries(histogram(o.source_id)),
  e -> struct_pack(n := -e.value, k := e.key)))[1].k`;
/** At most this many names in a note, then « et N autres ». */
const MAX_NAMES = 8;

function namesExpr(filter: string): string {
  return `CASE WHEN count(*) FILTER (WHERE ${filter}) = 0 THEN NULL
    WHEN count(*) FILTER (WHERE ${filter}) <= ${MAX_NAMES}
      THEN string_agg(o.name || ' (' || o.code || ')', ', ' ORDER BY o.name) FILTER (WHERE ${filter})
    ELSE list_aggregate(list_slice(list(o.name || ' (' || o.code || ')' ORDER BY o.name) FILTER (WHERE ${filter}), 1, ${MAX_NAMES}), 'string_agg', ', ')
      || ' et ' || (count(*) FILTER (WHERE ${filter}) - ${MAX_NAMES}) || ' autres' END`;
}

export async function computeAggregates(db: Db): Promise<void> {
  const ratios = INDICATORS.filter((i) => i.aggregation === 'ratio' && i.denominator);
  await db.run(`CREATE OR REPLACE TEMP TABLE agg_parents AS
    SELECT code AS commune, departement, 'departement' AS level, departement AS parent FROM territories WHERE level = 'commune'
    UNION ALL SELECT code, departement, 'region', region FROM territories WHERE level = 'commune'
    UNION ALL SELECT code, departement, 'epci', epci FROM territories WHERE level = 'commune' AND epci IS NOT NULL
    UNION ALL SELECT code, departement, 'ept', ept FROM territories WHERE level = 'commune' AND ept IS NOT NULL
    UNION ALL SELECT code, departement, 'france', 'FR' FROM territories WHERE level = 'commune'`);
  // Départements a source covers for an indicator and year: those where it has rows, or all of them
  // when one of its files is national in scope (a département without rows has no commune in scope).
  await db.run(`CREATE OR REPLACE TEMP TABLE agg_covered AS
    SELECT DISTINCT o.indicator, o.year, t.departement
    FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
    WHERE o.level = 'commune'
    UNION
    SELECT n.indicator, n.year, d.code FROM (
      SELECT DISTINCT o.indicator, o.year FROM observations o JOIN sources s ON s.id = o.source_id
      WHERE o.level = 'commune' AND s.scope = 'national') n
    CROSS JOIN (SELECT code FROM territories WHERE level = 'departement') d`);
  // A territory is aggregated when the source covers all its départements, or at least 95 % of them
  // (e.g. France without Mayotte in the populations légales); the latter is flagged partial.
  await db.run(`CREATE OR REPLACE TEMP TABLE agg_eligible AS
    WITH parent_deps AS (SELECT DISTINCT level, parent, departement FROM agg_parents),
    iy AS (SELECT DISTINCT indicator, year FROM agg_covered),
    cov AS (
      SELECT iy.indicator, iy.year, pd.level, pd.parent, count(*) AS n_deps, count(c.departement) AS n_covered,
             string_agg(pd.departement, ', ' ORDER BY pd.departement) FILTER (WHERE c.departement IS NULL) AS missing
      FROM iy CROSS JOIN parent_deps pd
      LEFT JOIN agg_covered c ON c.indicator = iy.indicator AND c.year = iy.year AND c.departement = pd.departement
      GROUP BY ALL)
    SELECT indicator, year, level, parent, n_covered = n_deps AS is_full,
      CASE WHEN n_covered = n_deps THEN '' ELSE ' ; départements absents de la source : ' || missing END AS missing_note
    FROM cov WHERE n_covered = n_deps OR n_covered >= 0.95 * n_deps`);

  // Members: commune observations of aggregated indicators, with their name and (for ratios) the
  // interval of their denominator; joined to their parents in each statement below.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE agg_src AS
    WITH dens AS (
      SELECT d.indicator, d.code, d.year, d.low, d.high FROM observations d
      WHERE d.level = 'commune' AND (d.low IS NOT NULL OR d.high IS NOT NULL)
        AND d.indicator IN (SELECT unnest($dens::JSON::VARCHAR[])))
    SELECT o.*, t.name, dn.low AS den_low, dn.high AS den_high
    FROM observations o
    JOIN territories t ON t.level = 'commune' AND t.code = o.code
    LEFT JOIN (SELECT unnest($ratioIds::JSON::VARCHAR[]) AS id, unnest($ratioDens::JSON::VARCHAR[]) AS den) r
      ON r.id = o.indicator
    LEFT JOIN dens dn ON dn.indicator = r.den AND dn.code = o.code AND dn.year = o.year
    WHERE o.level = 'commune' AND NOT list_contains(o.flags, 'not_applicable')
      AND o.indicator IN (SELECT unnest($aggIds::JSON::VARCHAR[]))`,
    {
      dens: JSON.stringify(ratios.map((i) => i.denominator)),
      ratioIds: JSON.stringify(ratios.map((i) => i.id)),
      ratioDens: JSON.stringify(ratios.map((i) => i.denominator)),
      aggIds: JSON.stringify(
        INDICATORS.filter((i) => ['sum', 'count_true', 'ratio'].includes(i.aggregation)).map((i) => i.id),
      ),
    },
  );
  const members = `FROM agg_src o
    JOIN agg_parents p ON p.commune = o.code
    JOIN agg_eligible e ON e.indicator = o.indicator AND e.year = o.year AND e.level = p.level AND e.parent = p.parent`;

  await db.run(`CREATE OR REPLACE TEMP TABLE agg_new AS SELECT * FROM observations LIMIT 0`);
  const ids = (kind: string) =>
    JSON.stringify(INDICATORS.filter((i) => i.aggregation === kind).map((i) => i.id));
  // A member counts when it has a value (for a ratio: a numerator, a positive denominator and a value).
  const ratioIds = JSON.stringify(ratios.map((i) => i.id));
  const counted = `CASE WHEN list_contains($ratioIds::JSON::VARCHAR[], o.indicator)
      THEN o.numerator IS NOT NULL AND o.denominator > 0 AND o.value IS NOT NULL ELSE o.value IS NOT NULL END`;

  // sum and count_true: value = sum of commune values; interval = sum of intervals when any member has one.
  for (const kind of ['sum', 'count_true']) {
    await db.run(
      `INSERT INTO agg_new (indicator, level, code, year, value, numerator, denominator, source_id, flags, note,
         n_units, n_units_expected, aggregated, low, high, raw)
       SELECT o.indicator, p.level, p.parent, o.year, round(sum(o.value), 6), NULL, NULL, ${MAIN_SOURCE},
         list_distinct(${CARRIED}
           || CASE WHEN count(o.value) < count(*) OR NOT any_value(e.is_full) THEN ['partial'] ELSE [] END),
         'Agrégat calculé par l’observatoire sur ' || count(o.value) || ' commune' || CASE WHEN count(o.value) > 1 THEN 's' ELSE '' END
           || ' sur ' || count(*)
           || CASE WHEN count(DISTINCT o.source_id) > 1 THEN ' ; sources : ' || string_agg(DISTINCT o.source_id, ', ' ORDER BY o.source_id) ELSE '' END
           || any_value(e.missing_note),
         count(o.value)::INTEGER, count(*)::INTEGER, true,
         CASE WHEN bool_or(o.low IS NOT NULL) THEN round(sum(coalesce(o.low, o.value)), 6) END,
         CASE WHEN bool_or(o.high IS NOT NULL) THEN round(sum(coalesce(o.high, o.value)), 6) END,
         NULL
       ${members}
       WHERE o.indicator IN (SELECT unnest($ids::JSON::VARCHAR[]))
       GROUP BY o.indicator, p.level, p.parent, o.year`,
      { ids: ids(kind) },
    );
  }
  // ratio: recomputed from summed numerators and denominators of the communes that have both.
  for (const def of INDICATORS.filter((i) => i.aggregation === 'ratio')) {
    const ok = `o.numerator IS NOT NULL AND o.denominator > 0 AND o.value IS NOT NULL`;
    await db.run(
      `INSERT INTO agg_new (indicator, level, code, year, value, numerator, denominator, source_id, flags, note,
         n_units, n_units_expected, aggregated, low, high, raw)
       SELECT o.indicator, p.level, p.parent, o.year,
         -- sums of doubles are rounded: DuckDB adds them in parallel, in no fixed order
         CASE WHEN sum(o.denominator) FILTER (WHERE ${ok}) > 0
           THEN round($scale * round(sum(o.numerator) FILTER (WHERE ${ok}), 6)
                / round(sum(o.denominator) FILTER (WHERE ${ok}), 6), 9) END,
         round(sum(o.numerator) FILTER (WHERE ${ok}), 6),
         round(sum(o.denominator) FILTER (WHERE ${ok}), 6),
         ${MAIN_SOURCE},
         list_distinct(${CARRIED}
           || CASE WHEN count(*) FILTER (WHERE ${ok}) < count(*) OR NOT any_value(e.is_full)
                THEN ['partial'] ELSE [] END),
         'Agrégat calculé par l’observatoire : somme des numérateurs ÷ somme des dénominateurs de '
           || count(*) FILTER (WHERE ${ok}) || ' commune' || CASE WHEN count(*) FILTER (WHERE ${ok}) > 1 THEN 's' ELSE '' END
           || ' sur ' || count(*)
           || any_value(e.missing_note),
         (count(*) FILTER (WHERE ${ok}))::INTEGER,
         count(*)::INTEGER,
         true,
         CASE WHEN bool_or(o.den_high IS NOT NULL) FILTER (WHERE ${ok})
           THEN round($scale * round(sum(o.numerator) FILTER (WHERE ${ok}), 6)
             / round(sum(coalesce(o.den_high, o.denominator)) FILTER (WHERE ${ok}), 6), 9) END,
         CASE WHEN bool_or(o.den_low IS NOT NULL) FILTER (WHERE ${ok})
           THEN round($scale * round(sum(o.numerator) FILTER (WHERE ${ok}), 6)
             / round(sum(coalesce(o.den_low, o.denominator)) FILTER (WHERE ${ok}), 6), 9) END,
         NULL
       ${members}
       WHERE o.indicator = $id
       GROUP BY o.indicator, p.level, p.parent, o.year`,
      { id: def.id, scale: def.scale ?? 1 },
    );
  }
  // Notes name the members without a value that year, and the flagged ones (a small set: one pass).
  const named = NAMED_FLAGS.map(
    ([flag, label]) => `coalesce(' ; ${label} : ' || ${namesExpr(`list_contains(o.flags, '${flag}')`)}, '')`,
  ).join(' || ');
  await db.run(
    `CREATE OR REPLACE TEMP TABLE agg_names AS
     SELECT o.indicator, p.level, p.parent AS code, o.year,
       coalesce(' ; sans valeur cette année-là : ' || ${namesExpr(`NOT (${counted})`)}, '') || ${named} AS names
     ${members}
     WHERE NOT (${counted}) OR list_has_any(o.flags, $namedFlags::JSON::VARCHAR[])
     GROUP BY o.indicator, p.level, p.parent, o.year`,
    { ratioIds, namedFlags: JSON.stringify(NAMED_FLAGS.map(([f]) => f)) },
  );
  // The names go before the note on the départements absent from the source (its last part).
  await db.run(
    `UPDATE agg_new a SET note = CASE WHEN strpos(a.note, ' ; départements absents de la source') > 0
         THEN replace(a.note, ' ; départements absents de la source', n.names || ' ; départements absents de la source')
         ELSE a.note || n.names END
     FROM agg_names n
     WHERE n.indicator = a.indicator AND n.level = a.level AND n.code = a.code AND n.year = a.year AND n.names <> ''`,
  );
  await db.run(`DROP TABLE agg_names`);
  // Values a pipeline loaded from the producer for a level win over computed ones.
  await db.run(
    `INSERT INTO observations SELECT a.* FROM agg_new a ANTI JOIN observations o USING (indicator, level, code, year)`,
  );
  // Masked aggregates: an aggregate with no commune value is missing, flagged masked.
  await db.run(`UPDATE observations SET flags = list_distinct(list_append(flags, 'masked'))
    WHERE level <> 'commune' AND value IS NULL AND NOT list_contains(flags, 'masked')`);
  await db.run(`DROP TABLE agg_src`);
}
