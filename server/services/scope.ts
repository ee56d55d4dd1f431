/**
 * SQL filter of a `within` scope (core/within.ts) over the `territories` table aliased `t`, with its
 * `$level`, `$wlevel` and `$wcode` parameters. A département scope includes the EPT and EPCI that
 * span it (`extra.departements`).
 */
import type { Within } from '../../core/within.js';

export const SCOPE_FILTER = `($level IS NULL OR t.level = $level) AND (
   $wlevel = 'france'
   OR ($wlevel = 'region' AND t.region = $wcode)
   OR ($wlevel = 'departement' AND (t.departement = $wcode
        OR (t.extra IS NOT NULL AND list_contains(CAST(json_extract(t.extra, '$.departements') AS VARCHAR[]), $wcode))))
   OR ($wlevel = 'ept' AND t.ept = $wcode)
   OR ($wlevel = 'epci' AND t.epci = $wcode))`;

/** Parameters of SCOPE_FILTER for a scope (`$level` is the caller's). */
export function scopeParams(within: Within): { wlevel: string; wcode: string | null } {
  return { wlevel: within.level, wcode: within.level === 'france' ? null : within.code };
}
