/**
 * Aggregates commune observations to EPT, EPCI, département, région and France, following each
 * indicator's `aggregation` in the registry: counts are summed, ratios recomputed from summed
 * numerators and denominators (never a mean of rates), flags counted. A territory gets an aggregate
 * only if every one of its communes lies in a département the source covers for that year, and the
 * producer's own value for a level, when a pipeline loaded one, is kept instead of ours.
 */
import type { Db } from '../core/db.js';
import { INDICATORS } from '../core/registry.js';

const CARRIED_FLAGS = ['derived', 'estimated', 'suspect', 'legacy'];

export async function computeAggregates(db: Db): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE agg_parents AS
    SELECT code AS commune, departement, 'departement' AS level, departement AS parent FROM territories WHERE level = 'commune'
    UNION ALL SELECT code, departement, 'region', region FROM territories WHERE level = 'commune'
    UNION ALL SELECT code, departement, 'epci', epci FROM territories WHERE level = 'commune' AND epci IS NOT NULL
    UNION ALL SELECT code, departement, 'ept', ept FROM territories WHERE level = 'commune' AND ept IS NOT NULL
    UNION ALL SELECT code, departement, 'france', 'FR' FROM territories WHERE level = 'commune'`);
  await db.run(`CREATE OR REPLACE TEMP TABLE agg_covered AS
    SELECT DISTINCT o.indicator, o.year, t.departement
    FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
    WHERE o.level = 'commune'`);
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
    SELECT indicator, year, level, parent, n_covered = n_deps AS is_full, missing
    FROM cov WHERE n_covered = n_deps OR n_covered >= 0.95 * n_deps`);
  await db.run(`CREATE OR REPLACE TEMP TABLE agg_eligible AS
    SELECT *, CASE WHEN is_full THEN '' ELSE ' ; départements absents de la source : ' || missing END AS missing_note
    FROM agg_eligible`);

  await db.run(`CREATE OR REPLACE TEMP TABLE agg_new AS SELECT * FROM observations LIMIT 0`);
  const ids = (kind: string) =>
    JSON.stringify(INDICATORS.filter((i) => i.aggregation === kind).map((i) => i.id));
  const flagsExpr = `list_distinct(list_filter(flatten(list(o.flags)), f -> list_contains($carried::JSON::VARCHAR[], f))
      || CASE WHEN list_contains(flatten(list(o.flags)), 'rounded') THEN ['sum_of_rounded'] ELSE [] END
      || CASE WHEN count(o.value) < count(*) OR NOT any_value(e.is_full) THEN ['partial'] ELSE [] END)`;
  const common = `FROM observations o
    JOIN agg_parents p ON p.commune = o.code
    JOIN agg_eligible e ON e.indicator = o.indicator AND e.year = o.year AND e.level = p.level AND e.parent = p.parent
    WHERE o.level = 'commune' AND o.indicator IN (SELECT unnest($ids::JSON::VARCHAR[]))
    GROUP BY o.indicator, p.level, p.parent, o.year`;
  const note = `'Agrégat calculé par l’observatoire sur ' || count(o.value) || ' commune(s) sur ' || count(*)
      || CASE WHEN count(DISTINCT o.source_id) > 1 THEN ' ; sources : ' || string_agg(DISTINCT o.source_id, ', ') ELSE '' END
      || any_value(e.missing_note)`;

  // sum and count_true: value = sum of commune values.
  for (const kind of ['sum', 'count_true']) {
    await db.run(
      `INSERT INTO agg_new
       SELECT o.indicator, p.level, p.parent, o.year, round(sum(o.value), 6), NULL, NULL, mode(o.source_id),
         ${flagsExpr}, ${note}, count(o.value)::INTEGER, count(*)::INTEGER, true
       ${common}`,
      { ids: ids(kind), carried: JSON.stringify(CARRIED_FLAGS) },
    );
  }
  // ratio: recomputed from summed numerators and denominators of the communes that have both.
  for (const def of INDICATORS.filter((i) => i.aggregation === 'ratio')) {
    await db.run(
      `INSERT INTO agg_new
       SELECT o.indicator, p.level, p.parent, o.year,
         CASE WHEN sum(o.denominator) FILTER (WHERE o.numerator IS NOT NULL AND o.denominator > 0) > 0
           THEN $scale * sum(o.numerator) FILTER (WHERE o.numerator IS NOT NULL AND o.denominator > 0)
                / sum(o.denominator) FILTER (WHERE o.numerator IS NOT NULL AND o.denominator > 0) END,
         sum(o.numerator) FILTER (WHERE o.numerator IS NOT NULL AND o.denominator > 0),
         sum(o.denominator) FILTER (WHERE o.numerator IS NOT NULL AND o.denominator > 0),
         mode(o.source_id),
         list_distinct(list_filter(flatten(list(o.flags)), f -> list_contains($carried::JSON::VARCHAR[], f))
           || CASE WHEN list_contains(flatten(list(o.flags)), 'rounded') THEN ['sum_of_rounded'] ELSE [] END
           || CASE WHEN count(*) FILTER (WHERE o.numerator IS NOT NULL AND o.denominator > 0) < count(*) OR NOT any_value(e.is_full)
                THEN ['partial'] ELSE [] END),
         'Agrégat calculé par l’observatoire : somme des numérateurs ÷ somme des dénominateurs de '
           || count(*) FILTER (WHERE o.numerator IS NOT NULL AND o.denominator > 0) || ' commune(s) sur ' || count(*)
           || any_value(e.missing_note),
         (count(*) FILTER (WHERE o.numerator IS NOT NULL AND o.denominator > 0))::INTEGER,
         count(*)::INTEGER,
         true
       ${common}`,
      { ids: JSON.stringify([def.id]), carried: JSON.stringify(CARRIED_FLAGS), scale: def.scale ?? 1 },
    );
  }
  // Values a pipeline loaded from the producer for a level win over computed ones.
  await db.run(
    `INSERT INTO observations SELECT a.* FROM agg_new a ANTI JOIN observations o USING (indicator, level, code, year)`,
  );
  // Masked aggregates: an aggregate with no commune value is missing, flagged masked.
  await db.run(`UPDATE observations SET flags = list_distinct(list_append(flags, 'masked'))
    WHERE level <> 'commune' AND value IS NULL AND NOT list_contains(flags, 'masked')`);
}
