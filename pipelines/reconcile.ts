/**
 * Reconciliation with the producers: each row of `pipelines/reference/published-totals.csv` is a figure a
 * producer published (publisher, title, address, date, value, tolerance). After each build we compute
 * our own figure the same way, print ours, theirs and the gap, and keep the table in the database
 * (`meta.reconciliation`); a test fails when a gap exceeds its tolerance. A figure the loaded files
 * cannot produce (e.g. a national total when the offline mirror covers ten départements) says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Db } from '../core/db.js';
import { ROOT } from '../core/paths.js';
import { LEVELS, hasIndicator } from '../core/registry.js';
import { InputError } from './lib/errors.js';

export const REFERENCE_FILE = join('pipelines', 'reference', 'published-totals.csv');

const tolerance = z
  .string()
  .regex(/^\d+(\.\d+)?%?$/, 'tolérance attendue : un nombre (écart absolu) ou un pourcentage (« 1.5% »)');

const referenceRow = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** `value`: the observation itself; `sum_communes`: the sum of its communes' values that year. */
  measure: z.enum(['value', 'sum_communes']),
  indicator: z.string().refine(hasIndicator, 'indicateur absent du registre'),
  level: z.enum(LEVELS),
  code: z.string().min(1),
  year: z.coerce.number().int().min(1990).max(2100),
  value: z.coerce.number().finite(),
  tolerance,
  publisher: z.string().min(2),
  title: z.string().min(2),
  url: z.string().min(2),
  published: z.string().min(2),
  notes: z.string().optional().default(''),
});
export type Reference = z.infer<typeof referenceRow>;

export interface Reconciled extends Reference {
  ours: number | null;
  gap: number | null;
  /** Allowed absolute gap. */
  allowed: number;
  status: 'ok' | 'écart' | 'non calculable';
  why: string | null;
}

/** Reads and validates the reference file (an error names the line and the column). */
export function loadReferences(path = join(ROOT, REFERENCE_FILE)): Reference[] {
  const records = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const seen = new Set<string>();
  return records.map((r, i) => {
    const line = i + 2;
    const res = referenceRow.safeParse(r);
    if (!res.success) {
      const issue = res.error.issues[0]!;
      throw new InputError({ file: REFERENCE_FILE, line, column: String(issue.path[0]) }, issue.message);
    }
    if (seen.has(res.data.id))
      throw new InputError(
        { file: REFERENCE_FILE, line, column: 'id' },
        `identifiant ${res.data.id} en double`,
      );
    seen.add(res.data.id);
    return res.data;
  });
}

function allowedGap(ref: Reference): number {
  return ref.tolerance.endsWith('%')
    ? (Math.abs(ref.value) * Number(ref.tolerance.slice(0, -1))) / 100
    : Number(ref.tolerance);
}

/** Our figure for each reference row, and the verdict. */
export async function reconcile(db: Db, refs: Reference[] = loadReferences()): Promise<Reconciled[]> {
  const out: Reconciled[] = [];
  for (const ref of refs) {
    let ours: number | null = null;
    let why: string | null = null;
    if (ref.measure === 'value') {
      const rows = await db.all<{ value: number | null; note: string | null }>(
        `SELECT value, note FROM observations WHERE indicator = $i AND level = $l AND code = $c AND year = $y`,
        { i: ref.indicator, l: ref.level, c: ref.code, y: ref.year },
      );
      if (rows.length === 0)
        why =
          'aucune valeur dans la base : les fichiers chargés ne couvrent pas ce territoire cette année-là';
      else if (rows[0]!.value === null) why = `valeur manquante : ${rows[0]!.note ?? 'sans raison'}`;
      else ours = rows[0]!.value;
    } else {
      const col = ref.level === 'france' ? null : ref.level;
      const rows = await db.all<{ n: number; s: number | null; missing: number }>(
        `SELECT count(o.code)::INT AS n, sum(o.value) AS s, count(*) FILTER (WHERE o.code IS NOT NULL AND o.value IS NULL)::INT AS missing
         FROM territories t
         LEFT JOIN observations o ON o.level = 'commune' AND o.code = t.code AND o.indicator = $i AND o.year = $y
         WHERE t.level = 'commune' AND ($col IS NULL OR (CASE $col WHEN 'departement' THEN t.departement
           WHEN 'region' THEN t.region WHEN 'epci' THEN t.epci WHEN 'ept' THEN t.ept END) = $c)`,
        { i: ref.indicator, y: ref.year, c: ref.code, col },
      );
      const r = rows[0]!;
      if (r.n === 0) why = 'aucune commune de ce territoire dans les fichiers chargés cette année-là';
      else {
        ours = r.s;
        if (r.missing)
          why = `${r.missing > 1 ? `${r.missing} communes sans valeur (masquées)` : '1 commune sans valeur (masquée)'} : somme partielle`;
      }
    }
    const allowed = allowedGap(ref);
    const gap = ours === null ? null : Math.round((ours - ref.value) * 1e6) / 1e6;
    out.push({
      ...ref,
      ours,
      gap,
      allowed,
      why,
      status: ours === null ? 'non calculable' : Math.abs(gap!) <= allowed + 1e-9 ? 'ok' : 'écart',
    });
  }
  return out;
}

const fr = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 2 }).replace(/\u202f/g, ' ');

/** Lines printed by `npm run data`. */
export function reconciliationLines(rows: Reconciled[]): string[] {
  const lines = [
    'Rapprochement avec les chiffres publiés par les producteurs (pipelines/reference/published-totals.csv) :',
  ];
  for (const r of rows) {
    const theirs = `${fr(r.value)} (${r.publisher})`;
    const detail =
      r.ours === null
        ? `non calculable — ${r.why}`
        : `nous ${fr(r.ours)}, eux ${theirs}, écart ${r.gap! > 0 ? '+' : ''}${fr(r.gap!)} (tolérance ${r.tolerance})${r.why ? ` ; ${r.why}` : ''}`;
    lines.push(
      `  ${r.status === 'écart' ? 'ÉCART' : r.status === 'ok' ? 'ok   ' : '—    '} ${r.id.padEnd(36)} ${detail}`,
    );
  }
  return lines;
}
