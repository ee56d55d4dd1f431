/**
 * Social-housing demand and allocations (family `sne`). See `OBSERVATOIRE_MIRROR/sne/PROVENANCE.md`.
 *
 * 1. The DRIHL Île-de-France « socle de données demandes et attributions » (`socle.ts`,
 *    `observations.ts`): in network mode the official workbooks 2022–2025 (one fixed address per
 *    vintage); in the mirror the reshaped 2025 extract (`derived_…csv`, values flagged `derived`), or the
 *    official workbooks if they were put there. A vintage read from its official workbook replaces the
 *    extract of the same vintage.
 * 2. The published figures of the `sne` family from `pipelines/curated/figures.csv` (one `sources` row
 *    per citation, observations flagged `curated`). The DRIHL's 2023 figures for the Hauts-de-Seine
 *    have the socle's definitions and are points of the same series (`published_points` in the
 *    registry); where a socle vintage gives the same territory and year, the socle wins and the build
 *    notes both values.
 */
import { curatedOutput, curatedResource } from '../lib/curated.js';
import { emptyStats, type ObservationRow, type Pipeline, type SourceStats } from '../lib/pipeline.js';
import type { Resource } from '../lib/resources.js';
import { socleObservations } from './observations.js';
import { readSocleCsv, readSocleWorkbook, type SocleTable } from './socle.js';

export const SNE_CURATED = curatedResource('sne');

export const DRIHL_PAGE =
  'https://www.drihl.ile-de-france.developpement-durable.gouv.fr/socle-de-donnees-demandes-et-attributions-de-a1510.html';
const DRIHL_PRODUCER = 'DRIHL Île-de-France (Infocentre SNE, traitements DRIHL/SOEE)';
const LICENCE = 'Licence Ouverte 2.0';

export const SOCLE_YEARS = [2022, 2023, 2024, 2025];

/** Official workbook of one vintage (demandes au 31/12/N, attributions N), published around June N+1. */
export function socleWorkbook(year: number): Resource {
  return {
    id: `drihl-socle-${year}`,
    family: 'sne',
    title: `Socle de données demandes et attributions de logements sociaux, millésime ${year}`,
    file: `socle_demandes_attributions_${year}.xlsx`,
    url: `https://www.drihl.ile-de-france.developpement-durable.gouv.fr/IMG/xlsx/socle_demandes_attributions_${year}.xlsx`,
    kind: 'official',
    vintage: `demandes au 31 décembre ${year}, attributions ${year}`,
    required: false,
    expect: 'xlsx',
    producer: DRIHL_PRODUCER,
    licence: LICENCE,
    dataset_url: DRIHL_PAGE,
    notes:
      'Classeur officiel : feuille « Ensemble », colonnes reconnues par leur libellé ; « - » = moins de 10 (secret statistique), chargé comme valeur masquée.',
  };
}

export const SOCLE_WORKBOOKS: Resource[] = SOCLE_YEARS.map(socleWorkbook);

export const SOCLE_EXTRACT: Resource = {
  id: 'drihl-socle-2025-extrait',
  family: 'sne',
  title: 'Socle de données demandes et attributions de logements sociaux, millésime 2025 (extrait retraité)',
  file: 'derived_drihl_socle_demandes_attributions_2025.csv',
  kind: 'derived',
  vintage: 'demandes au 31 décembre 2025, attributions 2025',
  required: false,
  producer: `${DRIHL_PRODUCER} ; transcription d’une copie tierce du classeur`,
  licence: `${LICENCE} (DRIHL)`,
  dataset_url: DRIHL_PAGE,
  notes:
    'Transcription CSV fidèle de la copie JSON du classeur 2025 publiée par le dépôt mkz-web/trouve-ton-appart (site/data/open/tension-communes.json, commit 9632494) : région, 8 départements, 1 286 communes et arrondissements ; cellule vide = masquée par la DRIHL (moins de 10), jamais 0 ; la ligne communale de Paris répète la ligne départementale.',
};

export const SNE_RESOURCES: Resource[] = [SNE_CURATED, ...SOCLE_WORKBOOKS, SOCLE_EXTRACT];

const keyOf = (o: ObservationRow) => `${o.indicator}|${o.level}|${o.code}|${o.year}`;

export const snePipeline: Pipeline = {
  family: 'sne',
  resources: SNE_RESOURCES,
  async run(ctx, inputs) {
    const curated = curatedOutput('sne', inputs.get(SNE_CURATED.id)!, ctx.territories);
    const stats: Record<string, SourceStats> = { ...curated.stats };
    const socle: ObservationRow[] = [];
    const read = (id: string, table: SocleTable, st: SourceStats, extract: boolean) =>
      socle.push(
        ...socleObservations(table, id, ctx.territories, st, {
          flags: extract ? ['derived'] : [],
          extract,
        }),
      );

    const official = new Set<number>();
    for (const year of SOCLE_YEARS) {
      const res = inputs.get(socleWorkbook(year).id);
      if (!res) continue;
      const st = (stats[res.id] = emptyStats());
      read(res.id, await readSocleWorkbook(res.path, res.file, year, st), st, false);
      official.add(year);
    }
    const extract = inputs.get(SOCLE_EXTRACT.id);
    if (extract) {
      const st = (stats[extract.id] = emptyStats());
      if (official.has(2025))
        st.notes = ['Non lu : le classeur officiel du millésime 2025 est disponible et le remplace.'];
      else read(extract.id, readSocleCsv(extract.path, extract.file, 2025, st), st, true);
    }

    // Published points of the same series give way to the socle for the same territory and year.
    const bySocle = new Map(socle.map((o) => [keyOf(o), o]));
    const published = curated.observations.filter((o) => {
      const s = bySocle.get(keyOf(o));
      if (!s) return true;
      const st = stats[o.source_id]!;
      st.rows_kept--;
      st.notes = [
        ...(st.notes ?? []),
        `${o.indicator} ${o.level} ${o.code} ${o.year} : chiffre publié ${o.value}, socle ${s.value ?? 'masqué'} — valeur du socle retenue.`,
      ];
      return false;
    });
    return { observations: [...published, ...socle], sources: curated.sources, stats };
  },
};
