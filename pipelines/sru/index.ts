/**
 * Loi SRU (article 55): inventaire des logements sociaux, taux, taux cible, logements manquants,
 * communes déficitaires / carencées / exemptées, prélèvement. See `OBSERVATOIRE_MIRROR/sru/PROVENANCE.md`.
 *
 * Files and their order of trust are in `resources.ts`, the three layouts in `readers.ts`, the
 * observations of one record (intervals, contradictions) in `records.ts`. Here: the pipeline, the
 * cross-year check of published rates, and the one precedence rule (`lib/tiers.ts`).
 */
import { readCsvFile } from '../lib/csv.js';
import { readJsonText } from '../lib/json.js';
import { emptyStats, type Pipeline, type SourceStats, type TerritoryIndex } from '../lib/pipeline.js';
import { chooseObservations } from '../lib/tiers.js';
import { readHistoryCsv, readOfficialCsv, readRouagesJson } from './readers.js';
import { sruObservations, type SruRecord } from './records.js';
import { HISTORY_ID, PARTIAL_AFTER_MERGER, SRU_RESOURCES, lineageOf, tierOf } from './resources.js';

export { PARTIAL_AFTER_MERGER, SRU_DEPS, SRU_RESOURCES } from './resources.js';
export { parseSruCell, sruObservations, deduceRp, missingDwellings } from './records.js';
export { readHistoryCsv, readOfficialCsv, readRouagesJson } from './readers.js';

/**
 * A published rate that contradicts the commune's own LLS and the other inventories by a wide margin
 * (the résidences principales it implies differ by more than 40 % from those of the nearest inventory
 * within 4 years, while the LLS moved less than 40 %) is set aside as incoherent, with the producer's text.
 */
export function flagContradictedRates(
  records: SruRecord[],
  stats: Record<string, SourceStats>,
  territories?: TerritoryIndex,
): void {
  flagPlaceholderRates(records, stats, territories);
  const byCode = new Map<string, SruRecord[]>();
  for (const r of records) {
    const g = byCode.get(r.code);
    if (g) g.push(r);
    else byCode.set(r.code, [r]);
  }
  const rpOf = (r: SruRecord): number | null => {
    if (r.rp?.value) return r.rp.value;
    const l = r.lls.value;
    const t = r.taux?.value;
    return l && t ? (l * 100) / t : null;
  };
  for (const g of byCode.values()) {
    for (const r of g) {
      const t = r.taux?.value;
      const l = r.lls.value;
      const rp = rpOf(r);
      if (!r.taux || t == null || l == null || rp == null) continue;
      const others = g
        .filter((o) => o !== r && Math.abs(o.year - r.year) <= 4 && rpOf(o) !== null && o.lls.value)
        .sort((a, b) => Math.abs(a.year - r.year) - Math.abs(b.year - r.year) || b.year - a.year);
      const o = others[0];
      if (!o) continue;
      const orp = rpOf(o)!;
      const ollsRatio = l / o.lls.value!;
      if (Math.abs(rp / orp - 1) > 0.4 && Math.abs(ollsRatio - 1) < 0.4) {
        const text = r.taux.raw ?? `${String(t).replace('.', ',')}%`;
        r.taux = {
          value: null,
          raw: text,
          flags: ['incoherent'],
          mask: `taux publié « ${text} » incohérent avec les ${l} logements sociaux et l’inventaire du 1er janvier ${o.year} (il supposerait ${Math.round(rp)} résidences principales contre ${Math.round(orp)}) : valeur écartée, à vérifier`,
        };
        const st = stats[r.sourceId];
        if (st) (st.incoherent ??= []).push(`commune ${r.code}, ${text} (contredit l’inventaire ${o.year})`);
      }
    }
  }
}

/**
 * A rate written exactly equal to the target (« 20,00% » for a 20 % commune) by three or more communes
 * of one intercommunalité in one file is a filled-in placeholder, not a measure (the 13 communes of
 * Orléans Métropole in the 2025 v2 file, Orléans with 15,285 LLS among them): set aside as incoherent.
 */
export function flagPlaceholderRates(
  records: SruRecord[],
  stats: Record<string, SourceStats>,
  territories?: TerritoryIndex,
): void {
  const groups = new Map<string, SruRecord[]>();
  for (const r of records) {
    const t = r.taux?.value;
    const c = r.cible?.value;
    const epci = territories?.communes.get(r.code)?.epci;
    if (t == null || c == null || !epci || Math.abs(t - c) > 1e-9) continue;
    const k = `${r.sourceId}|${epci}|${c}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  for (const g of groups.values()) {
    if (g.length < 3) continue;
    for (const r of g) {
      const text = r.taux!.raw ?? `${String(r.taux!.value).replace('.', ',')}%`;
      r.taux = {
        value: null,
        raw: text,
        flags: ['incoherent'],
        mask: `taux « ${text} » identique au taux cible pour ${g.length} communes de la même intercommunalité dans ce fichier : valeur de remplissage probable, écartée (à vérifier auprès de la DDT)`,
      };
      const st = stats[r.sourceId];
      if (st)
        (st.incoherent ??= []).push(
          `commune ${r.code}, ${text} (égal au taux cible, ${g.length} communes de l’EPCI)`,
        );
    }
  }
}

/** Values of a successor commune in a file dated before its merger, without the former commune's row. */
export function flagPartialAfterMerger(records: SruRecord[]): void {
  for (const m of PARTIAL_AFTER_MERGER)
    for (const r of records) {
      if (r.sourceId !== m.resource || r.code !== m.code) continue;
      if (!r.flags.includes('partial')) r.flags.push('partial');
      const names = m.missing.map((x) => `${x.name} (${x.code})`).join(', ');
      const [y, mo, d] = m.merged.split('-');
      const date = `${Number(d) === 1 ? '1er' : Number(d)} ${MONTHS[Number(mo) - 1]} ${y}`;
      r.note = [
        r.note,
        `${m.name} avant sa fusion du ${date} : ${names} manque au fichier, la valeur ne couvre pas toute la commune actuelle (à ne pas comparer à l’inventaire suivant)`,
      ]
        .filter(Boolean)
        .join(' ; ');
    }
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

export const sruPipeline: Pipeline = {
  family: 'sru',
  resources: SRU_RESOURCES,
  async run(ctx, inputs) {
    const stats: Record<string, SourceStats> = {};
    const records: SruRecord[] = [];
    for (const res of SRU_RESOURCES) {
      const r = inputs.get(res.id);
      if (!r) continue;
      const st = (stats[res.id] = emptyStats());
      if (r.file.endsWith('.json')) {
        records.push(...readRouagesJson(readJsonText(r.path, r.file), r, ctx, st));
      } else if (r.id === HISTORY_ID) {
        const table = readCsvFile(
          r.path,
          {
            encoding: 'utf-8',
            delimiter: ',',
            required: ['cod', /^social_units_\d{4}$/, /^total_unit_\d{4}$/],
          },
          r.file,
        );
        records.push(...readHistoryCsv(table, r, ctx, st));
      } else {
        const table = readCsvFile(
          r.path,
          {
            encoding: 'auto',
            required: ['code_insee_commune', /^nombre_lls/, /^taux_sru_au_01_01_\d{4}$/],
            headerSearch: 1,
          },
          r.file,
        );
        records.push(...readOfficialCsv(table, r, ctx, st));
      }
    }
    flagContradictedRates(records, stats, ctx.territories);
    flagPartialAfterMerger(records);
    const observations = chooseObservations(
      records.flatMap((rec) => sruObservations(rec).map((row) => ({ row, tier: tierOf(rec.sourceId) }))),
      { lineage: lineageOf },
    );
    return { observations, stats };
  },
};
