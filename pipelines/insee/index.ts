/**
 * INSEE: populations légales (PMUN) per commune, Paris/Lyon/Marseille summed from arrondissements;
 * and the recensement households / tenure indicators read by `menages.ts`.
 * See `OBSERVATOIRE_MIRROR/insee/PROVENANCE.md`.
 */
import { toCog2025 } from '../lib/communes.js';
import { readCsvFile } from '../lib/csv.js';
import { InputError } from '../lib/errors.js';
import { emptyStats, reject, type ObservationRow, type Pipeline, type SourceStats } from '../lib/pipeline.js';
import type { Resource } from '../lib/resources.js';
import { parseFrenchNumber } from '../lib/values.js';
import { MENAGES_RESOURCES, runMenages } from './menages.js';

export const POPULATION_YEAR = 2023;

export const INSEE_RESOURCES = {
  poplegales: {
    id: 'insee-poplegales-2023',
    family: 'insee',
    title: 'Populations légales 2023 — communes (donnees_communes.csv)',
    file: 'donnees_communes_poplegales_2023.csv',
    url: 'https://www.insee.fr/fr/statistiques/fichier/8680726/ensemble.zip',
    zipMember: 'donnees_communes.csv',
    kind: 'official',
    vintage: 'millésime 2023, en vigueur au 1er janvier 2026',
    required: true,
    expect: 'zip',
    producer: 'INSEE',
  },
} satisfies Record<string, Resource>;

export const inseePipeline: Pipeline = {
  family: 'insee',
  resources: [...Object.values(INSEE_RESOURCES), ...MENAGES_RESOURCES],
  async run(ctx, inputs) {
    const res = inputs.get(INSEE_RESOURCES.poplegales.id)!;
    const stats: Record<string, SourceStats> = { [res.id]: emptyStats() };
    const st = stats[res.id]!;
    const table = readCsvFile(res.path, { encoding: 'utf-8', required: ['com', 'pmun'] }, res.file);
    const sums = new Map<string, { value: number; parts: number; via: string }>();
    const seen = new Set<string>();
    for (const row of table.rows) {
      st.rows_read++;
      const raw = row.get('com').trim();
      if (seen.has(raw))
        throw new InputError({ file: res.file, line: row.line, column: 'COM' }, `commune ${raw} en double`);
      seen.add(raw);
      const match = toCog2025(raw, ctx.territories);
      if (!match) {
        reject(st, `code commune absent du COG 2025 (${raw})`);
        continue;
      }
      const p = parseFrenchNumber(
        row.get('pmun'),
        { file: res.file, line: row.line, column: 'PMUN' },
        { required: true, integer: true },
      );
      const cur = sums.get(match.code) ?? { value: 0, parts: 0, via: match.via };
      cur.value += p.value!;
      cur.parts++;
      sums.set(match.code, cur);
      st.rows_kept++;
    }
    const observations: ObservationRow[] = [];
    for (const [code, s] of sums) {
      observations.push({
        indicator: 'population',
        level: 'commune',
        code,
        year: POPULATION_YEAR,
        value: s.value,
        source_id: res.id,
        flags: [],
        note:
          s.via === 'arrondissement'
            ? `somme des ${s.parts} arrondissements municipaux`
            : s.via === 'successeur'
              ? s.parts > 1
                ? `somme de ${s.parts} anciennes communes regroupées au COG 2025`
                : 'ancienne commune rattachée à sa commune nouvelle au COG 2025'
              : null,
      });
    }
    observations.push(...runMenages(ctx, inputs, stats));
    return { observations, stats };
  },
};
