/** The Filosofi files, their official addresses and their tiers (lower wins). See `index.ts`. */
import { type TerritoryRow } from '../lib/pipeline.js';
import type { Resource } from '../lib/resources.js';

export const MEDIANE = 'filosofi_niveau_vie_median';
export const TAUX = 'filosofi_taux_pauvrete';
export const D9D1 = 'filosofi_rapport_interdecile';

export const FRANCE_METRO: TerritoryRow = { level: 'france', code: 'FM', name: 'France métropolitaine' };

export const FILOSOFI_DEPS = ['75', '77', '78', '91', '92', '93', '94', '95', '13', '89'];

/** Priority tiers (lower wins for one indicator, territory and year). */
export const TIER = { official: 0, rouages: 1, revn: 2 } as const;

export const SECRET_NOTE = 'secret statistique (valeur non diffusée par l’INSEE)';

/** `NOTE_FILO` codes of the REVN workbooks (sheet `Variables`). */
export const NOTE_FILO: Record<number, string> = {
  0: 'aucun problème particulier',
  1: 'fortes évolutions, précaution d’interprétation',
  2: 'non diffusé : fusion de communes',
  3: 'non diffusé : seuil de diffusion',
  4: 'non diffusé : mauvaise qualité de géoréférencement',
  5: 'non diffusé : anomalies repérées lors des contrôles de cohérence',
};

const INSEE_ZIP_2023 = 'https://www.insee.fr/fr/statistiques/fichier/8984752/FILOSOFI_CC_csv.zip';
const INSEE_ZIP_2021 =
  'https://www.insee.fr/fr/statistiques/fichier/7756855/indic-struct-distrib-revenu-2021-COMMUNES_csv.zip';

export interface RevnResource extends Resource {
  filosofiYear: number;
}

const revn = (file: string, filosofiYear: number, online: string): RevnResource => ({
  id: `filosofi-revn-${filosofiYear}`,
  family: 'filosofi',
  title: `Base QPV « Revenus » (${file}) — communes contenant un QPV, Filosofi ${filosofiYear}`,
  file,
  kind: 'official',
  vintage: `Filosofi ${filosofiYear} (revenus ${filosofiYear}), géographie au 01/01/${filosofiYear + 3}, mise en ligne le ${online}`,
  required: false,
  expect: 'xlsx',
  producer: 'INSEE (Filosofi : Insee-DGFiP-Cnaf-Cnav-CCMSA)',
  filosofiYear,
  notes:
    'Ne couvre que les communes contenant au moins un quartier prioritaire (QPV 2015) : 9 communes dans le 92. Les lignes CODGEO regroupant plusieurs communes (QPV à cheval sur des communes) sont écartées.',
});

export const REVN_RESOURCES: RevnResource[] = [
  revn('REVN_2021_V1.xlsx', 2017, '04/03/2021'),
  revn('REVN_2022.xlsx', 2018, '09/03/2022'),
  revn('REVN_2023.xlsx', 2019, '14/03/2023'),
  revn('REVN_2024.xlsx', 2020, '17/12/2024'),
];

export interface RouagesFilosofiResource extends Resource {
  dep: string;
}

export const FILOSOFI_ROUAGES_RESOURCES: RouagesFilosofiResource[] = FILOSOFI_DEPS.map((dep) => ({
  id: `filosofi-rouages-${dep}`,
  family: 'filosofi',
  title: `Filosofi 2023, communes du ${dep}, le département et la France métropolitaine (extrait rouages.fr de DS_FILOSOFI_CC)`,
  file: `derived_rouages_${dep}-revenus_filosofi2023.json`,
  kind: 'derived',
  vintage: 'Filosofi 2023 (revenus 2023)',
  required: false,
  dep,
  notes:
    'Valeurs officielles (médiane et taux de pauvreté) remises en forme par rouages.fr ; une valeur vide est une valeur couverte par le secret statistique de l’INSEE.',
}));

export const FILOSOFI_OFFICIAL = {
  cc2023: {
    id: 'filosofi-cc-2023',
    family: 'filosofi',
    title: 'Filosofi 2023 — indicateurs de niveau de vie et de pauvreté (DS_FILOSOFI_CC, format long)',
    file: 'DS_FILOSOFI_CC_2023_data.csv',
    url: INSEE_ZIP_2023,
    zipMember: 'DS_FILOSOFI_CC_2023_data.csv',
    kind: 'official',
    vintage: 'Filosofi 2023 (revenus 2023)',
    required: false,
    expect: 'zip',
  },
  disp2021: {
    id: 'filosofi-2021-disp-com',
    family: 'filosofi',
    title: 'Filosofi 2021 — distribution des niveaux de vie, communes (FILO2021_DISP_COM)',
    file: 'FILO2021_DISP_COM.csv',
    url: INSEE_ZIP_2021,
    zipMember: 'FILO2021_DISP_COM.csv',
    kind: 'official',
    vintage: 'Filosofi 2021 (revenus 2021)',
    required: false,
    expect: 'zip',
  },
  pauvres2021: {
    id: 'filosofi-2021-disp-pauvres-com',
    family: 'filosofi',
    title: 'Filosofi 2021 — taux de pauvreté, communes (FILO2021_DISP_PAUVRES_COM)',
    file: 'FILO2021_DISP_PAUVRES_COM.csv',
    url: INSEE_ZIP_2021,
    zipMember: 'FILO2021_DISP_PAUVRES_COM.csv',
    kind: 'official',
    vintage: 'Filosofi 2021 (revenus 2021)',
    required: false,
    expect: 'zip',
  },
} satisfies Record<string, Resource>;

export const ALL_RESOURCES: Resource[] = [
  FILOSOFI_OFFICIAL.cc2023,
  ...FILOSOFI_ROUAGES_RESOURCES,
  FILOSOFI_OFFICIAL.disp2021,
  FILOSOFI_OFFICIAL.pauvres2021,
  ...REVN_RESOURCES,
];
