/**
 * Indicators computed across families (registry entries with `derive`), e.g. foyers RSA (CAF) for
 * 100 ménages (recensement). Per commune: value = scale × numerator ÷ denominator, with the
 * denominator of the nearest year at most `max_year_gap` years away (ties: the later year). Missing
 * either side gives a masked value with the reason; an implausible ratio (`suspect_above`) is kept but
 * flagged `suspect`, a ratio on too small numbers (`small_count`) is kept but flagged `small_count`,
 * each with its explanation. Rows are marked computed (`aggregated`) so a rebuild recomputes them
 * instead of copying them.
 */
import type { Db } from '../core/db.js';
import { INDICATORS } from '../core/registry.js';

export async function computeDerived(db: Db): Promise<void> {
  for (const def of INDICATORS.filter((i) => i.derive && i.numerator && i.denominator)) {
    const small = def.derive!.small_count;
    await db.run(
      `INSERT INTO observations (indicator, level, code, year, value, numerator, denominator, source_id, flags,
         note, n_units, n_units_expected, aggregated, low, high, raw)
       WITH pairs AS (
         SELECT n.code, n.year, n.value AS num, n.flags AS nflags, n.note AS nnote, n.source_id,
                d.value AS den, d.year AS dyear, d.flags AS dflags, d.note AS dnote,
                row_number() OVER (PARTITION BY n.code, n.year ORDER BY abs(d.year - n.year), d.year DESC) AS rn
         FROM observations n
         LEFT JOIN observations d ON d.indicator = $den AND d.level = 'commune' AND d.code = n.code
              AND abs(d.year - n.year) <= $gap
         WHERE n.indicator = $num AND n.level = 'commune'),
       judged AS (
         SELECT *, num IS NOT NULL AND den > 0 AND $scale * num / den > $suspect AS is_suspect,
           num IS NOT NULL AND den > 0 AND (den < $minDen OR num < $minNum) AS is_small
         FROM pairs WHERE rn = 1)
       SELECT $id, 'commune', code, year,
         CASE WHEN num IS NOT NULL AND den > 0 THEN round($scale * num / den, 6) END,
         num, den, source_id,
         list_distinct(list_filter(coalesce(nflags, []) || coalesce(dflags, []), f -> f IN ('rounded', 'derived', 'estimated'))
           || CASE WHEN num IS NULL OR den IS NULL OR den <= 0 THEN ['masked'] ELSE [] END
           || CASE WHEN is_suspect THEN ['suspect'] ELSE [] END
           || CASE WHEN is_small THEN ['small_count'] ELSE [] END),
         CASE
           WHEN num IS NULL THEN 'numérateur manquant : ' || coalesce(nnote, 'absent de la source')
           WHEN dyear IS NULL THEN 'dénominateur absent à moins de ' || $gap || ' ans d’écart'
           WHEN den IS NULL OR den <= 0 THEN 'dénominateur manquant : ' || coalesce(dnote, 'absent de la source')
           ELSE 'dénominateur : année ' || dyear
             || CASE WHEN is_suspect THEN ' ; ' || $suspectNote ELSE '' END
             || CASE WHEN is_small THEN ' ; ' || $smallNote ELSE '' END
         END,
         NULL, NULL, true, NULL, NULL, NULL
       FROM judged`,
      {
        id: def.id,
        num: def.numerator!,
        den: def.denominator!,
        gap: def.derive!.max_year_gap,
        scale: def.scale ?? 1,
        suspect: def.derive!.suspect_above?.value ?? Number.MAX_VALUE,
        suspectNote: def.derive!.suspect_above?.note ?? '',
        minDen: small?.min_denominator ?? 0,
        minNum: small?.min_numerator ?? 0,
        smallNote: small?.note ?? '',
      },
    );
  }
}
