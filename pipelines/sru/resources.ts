/**
 * The SRU files, in order of trust (their tier): the official « Communes et inventaire SRU » CSV files
 * of every vintage first, then the rouages.fr reshaped extracts (official values, third-party shape),
 * then the 2004–2022 series (derived, unverified, used only for years no official file gives).
 * See `OBSERVATOIRE_MIRROR/sru/PROVENANCE.md`.
 */
import type { Resource } from '../lib/resources.js';

const STATIC = 'https://static.data.gouv.fr/resources/communes-et-inventaire-sru';

const official = (year: string, file: string, url: string, inventory: number, notes?: string): Resource => ({
  id: `sru-officiel-${year}`,
  family: 'sru',
  title: `Communes et inventaire SRU — fichier ${year} (inventaire au 1er janvier ${inventory})`,
  file,
  url,
  kind: 'official',
  vintage: `inventaire au 1er janvier ${inventory}`,
  required: false,
  expect: 'csv',
  scope: 'national',
  notes,
});

/** Départements covered by the rouages.fr extracts of the mirror. */
export const SRU_DEPS = ['75', '77', '78', '91', '92', '93', '94', '95', '13', '89'];

export const HISTORY_ID = 'sru-serie-2004-2022';

/**
 * Communes merged after a file's inventory date whose former commune is missing from that file: the
 * successor's row there covers only its own former territory, so its values are partial. Saint-Denis
 * (93066) absorbed Pierrefitte-sur-Seine (93059) on 1 January 2025 (crosswalk: `32@2025-01-01:93059>93066`);
 * the national file (inventory at 1 January 2024, communes of that date) has Saint-Denis's own row
 * (23,541 LLS) but no Pierrefitte row, although Pierrefitte is subject to the law (history file; the
 * 2025 extract of the 93 counts the merged commune, 28,610 LLS). The list is checked against the files by
 * `test/pipelines/sru-official.test.ts` (every merger after the inventory date whose former commune, subject
 * to the law, is absent from the file), so a new file that adds or drops one fails the test.
 */
export const PARTIAL_AFTER_MERGER: Array<{
  resource: string;
  code: string;
  name: string;
  merged: string;
  missing: Array<{ code: string; name: string }>;
}> = [
  {
    resource: 'sru-officiel-2025-v2',
    code: '93066',
    name: 'Saint-Denis',
    merged: '2025-01-01',
    missing: [{ code: '93059', name: 'Pierrefitte-sur-Seine' }],
  },
];

export const SRU_RESOURCES: Resource[] = [
  official(
    '2026',
    'donnees-sru-data-gouv-2026.csv',
    `${STATIC}/20260811-123753/donnees-sru-data-gouv-2026.csv`,
    2025,
  ),
  official(
    '2025-v2',
    'donnees-sru-data-gouv-2025-v2.csv',
    `${STATIC}/20251219-143258/donnees-sru-data-gouv-2025-v2.csv`,
    2024,
    'Fichier national officiel, tel que publié (cp1252). Défauts du producteur lus en états documentés : « Pas d’inventaire », « NC », « Hors SRU », « >25% » (au-dessus du taux légal, non inventoriée), taux impossibles écartés (Gap « 2126,00% »), coquille « 38;62% » lue 38,62 %.',
  ),
  official(
    '2024',
    'donnees-sru-data-gouv-maj2024-vf.csv',
    `${STATIC}/20250929-132410/donnees-sru-data-gouv-maj2024-vf.csv`,
    2023,
  ),
  official(
    '2023',
    'donnees-sru-data-gouv-maj2023-vf.csv',
    `${STATIC}/20250922-104633/donnees-sru-data-gouv-maj2023-vf.csv`,
    2022,
  ),
  ...SRU_DEPS.map((dep): Resource => ({
    id: `sru-rouages-${dep}`,
    family: 'sru',
    title: `Inventaire SRU au 1er janvier 2025, communes du ${dep} (copie retraitée du fichier officiel 2026)`,
    file: `derived_rouages_${dep}-sru.json`,
    kind: 'derived',
    vintage: 'inventaire au 1er janvier 2025',
    required: false,
    notes:
      'Valeurs du fichier officiel 2026 remises en forme par rouages.fr (copie d’un tiers). Date vérifiée : Paris 276 032 logements sociaux et 23,21 % au 1er janvier 2025, chiffres publiés pour le fichier officiel 2026.',
  })),
  {
    id: HISTORY_ID,
    family: 'sru',
    title:
      'Série des logements sociaux SRU et résidences principales (copie retraitée, inventaires 2003–2021)',
    file: 'derived_Total_social_housing_2004_2022.csv',
    kind: 'derived',
    vintage: 'inventaires du 1er janvier 2003 au 1er janvier 2021',
    required: false,
    notes:
      'Source non citée par le dépôt d’origine. Sa colonne « _N » est l’inventaire au 1er janvier N−1 (vérifié : Paris 255 355 logements sociaux au 1er janvier 2020 selon l’APUR, dans la colonne 2021). Les 0 des communes « non soumises, taux légal atteint » non inventoriées ne sont pas des 0 % ; les lignes figées des anciennes communes fusionnées ne sont jamais additionnées après la fusion ; résidences principales de 2006 (colonne 2007) corrompues.',
  },
];

/** Tier of a resource: its position in SRU_RESOURCES (lower = more trusted). */
export function tierOf(id: string): number {
  return SRU_RESOURCES.findIndex((r) => r.id === id);
}

/** File lineages: a series breaks where it passes from one to another. */
export function lineageOf(sourceId: string): string {
  if (sourceId.startsWith('sru-officiel-')) return 'fichier officiel';
  if (sourceId.startsWith('sru-rouages-')) return 'copie retraitée du fichier officiel 2026';
  return 'série historique retraitée 2003–2021';
}
