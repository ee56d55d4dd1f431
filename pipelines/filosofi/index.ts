/**
 * Filosofi (INSEE): niveau de vie médian, taux de pauvreté au seuil de 60 %, rapport interdécile D9/D1.
 * See `OBSERVATOIRE_MIRROR/filosofi/PROVENANCE.md`.
 *
 * Readers:
 * - Filosofi 2023 (« Filosofi 2 »): the official long-format `DS_FILOSOFI_CC_2023_data.csv` (network) or,
 *   before it, the rouages.fr extracts `derived_rouages_<dep>-revenus_filosofi2023.json` (communes, the
 *   département, France métropolitaine);
 * - Filosofi 2021: the official commune files `FILO2021_DISP_COM.csv` and `FILO2021_DISP_PAUVRES_COM.csv` (network);
 * - Filosofi 2017–2020: the `COM…` sheet of the INSEE QPV workbooks `REVN_20xx.xlsx` (communes with a QPV only).
 *
 * Rates, medians and ratios are never computed above the commune (aggregation `producer`): only the
 * values INSEE publishes for a département, a région, an EPCI or France métropolitaine (`france`/`FM`) are loaded.
 */
import type { Flag } from '../../core/registry.js';
import { readCsvFile } from '../lib/csv.js';
import { readJsonText } from '../lib/json.js';
import { chooseObservations } from '../lib/tiers.js';
import { emptyStats, type ObservationRow, type Pipeline, type SourceStats } from '../lib/pipeline.js';
import type { Resource } from '../lib/resources.js';
import {
  ALL_RESOURCES,
  D9D1,
  FRANCE_METRO,
  REVN_RESOURCES,
  FILOSOFI_OFFICIAL,
  FILOSOFI_ROUAGES_RESOURCES,
} from './resources.js';
import {
  readFiloCommunesCsv,
  readFilosofiCcCsv,
  readRevnSheet,
  readRouagesFilosofiJson,
  revnValues,
  type FiloValue,
} from './readers.js';

export * from './resources.js';
export * from './readers.js';

/** File lineages of Filosofi: the QPV workbooks, the 2021 files, Filosofi 2023 (official or extract). */
export function filosofiLineage(sourceId: string): string {
  if (sourceId.startsWith('filosofi-revn-')) return 'bases QPV « Revenus » (REVN)';
  if (sourceId.startsWith('filosofi-2021-')) return 'Filosofi 2021';
  return 'Filosofi 2023';
}

/**
 * One observation per indicator, territory and year, by the shared precedence rule (`lib/tiers.ts`):
 * the lowest tier wins, a published value beats a masked one, two files of one tier must agree (France
 * métropolitaine is repeated in every extract); flags (masked, series_break, suspect) are set there.
 */
export function chooseValues(values: FiloValue[]): ObservationRow[] {
  return chooseObservations(
    values.map((v) => ({
      tier: v.priority,
      row: {
        indicator: v.indicator,
        level: v.level,
        code: v.code,
        year: v.year,
        value: v.parsed.value,
        source_id: v.sourceId,
        flags: [...v.flags],
        note: v.parsed.value === null ? v.parsed.mask : (v.note ?? null),
      },
    })),
    { lineage: filosofiLineage },
  );
}

/**
 * The rapport interdécile exists at commune level only in the QPV workbooks (communes with a QPV) and
 * the Filosofi 2021 files. For its latest year, a commune that has other Filosofi values but no
 * D9/D1 gets an explicit masked row saying why, rather than silently nothing.
 */
export function explainMissingInterdecile(
  rows: ObservationRow[],
  sources: Map<string, Resource>,
): ObservationRow[] {
  const d9 = rows.filter((r) => r.indicator === D9D1 && r.level === 'commune');
  if (d9.length === 0) return [];
  const year = Math.max(...d9.map((r) => r.year));
  const latest = d9.filter((r) => r.year === year);
  const have = new Set(latest.map((r) => r.code));
  const src = sources.get(latest[0]!.source_id)!;
  const isRevn = REVN_RESOURCES.some((r) => r.id === src.id);
  const note = isRevn
    ? `rapport interdécile non publié pour cette commune en ${year} : la base INSEE des quartiers prioritaires (${src.file}) ne couvre que les communes contenant un QPV, et Filosofi 2023 ne publie pas ce rapport à l’échelle communale`
    : `commune absente de ${src.file} (rapport interdécile non publié)`;
  const covered = new Set(rows.filter((r) => r.level === 'commune').map((r) => r.code));
  return [...covered]
    .filter((code) => !have.has(code))
    .map((code) => ({
      indicator: D9D1,
      level: 'commune' as const,
      code,
      year,
      value: null,
      source_id: src.id,
      flags: ['masked'] as Flag[],
      note,
    }));
}

export const filosofiPipeline: Pipeline = {
  family: 'filosofi',
  resources: ALL_RESOURCES,
  async run(ctx, inputs) {
    const stats: Record<string, SourceStats> = {};
    const values: FiloValue[] = [];
    for (const res of ALL_RESOURCES) {
      const r = inputs.get(res.id);
      if (!r) continue;
      const st = (stats[r.id] = emptyStats());
      const rouages = FILOSOFI_ROUAGES_RESOURCES.find((x) => x.id === r.id);
      const revnRes = REVN_RESOURCES.find((x) => x.id === r.id);
      if (rouages) {
        values.push(...readRouagesFilosofiJson(readJsonText(r.path, r.file), { ...rouages, ...r }, ctx, st));
      } else if (revnRes) {
        const sheet = await readRevnSheet(r.path, r.file);
        values.push(...revnValues(sheet, { ...revnRes, ...r }, ctx, st));
      } else if (r.id === FILOSOFI_OFFICIAL.cc2023.id) {
        const table = readCsvFile(
          r.path,
          {
            encoding: 'utf-8',
            delimiter: ';',
            required: ['geo', 'geo_object', 'filosofi_measure', 'time_period', 'obs_value'],
          },
          r.file,
        );
        values.push(...readFilosofiCcCsv(table, r, ctx, st));
      } else {
        const table = readCsvFile(
          r.path,
          { encoding: 'utf-8', delimiter: ';', required: ['codgeo'] },
          r.file,
        );
        values.push(...readFiloCommunesCsv(table, r, ctx, st));
      }
    }
    const observations = chooseValues(values);
    const sources = new Map<string, Resource>(ALL_RESOURCES.map((r) => [r.id, r]));
    observations.push(...explainMissingInterdecile(observations, sources));
    const territories = observations.some((o) => o.level === 'france' && o.code === FRANCE_METRO.code)
      ? [FRANCE_METRO]
      : [];
    return { observations, territories, stats };
  },
};
