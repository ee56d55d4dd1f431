/**
 * Source families: who produces the data, under which licence, where the official dataset lives.
 * Each family has one pipeline module under `pipelines/<family>/` and a folder of the same name in
 * the offline mirror (`OBSERVATOIRE_MIRROR/<family>/`).
 */
export interface FamilyDef {
  id: string;
  title: string;
  producer: string;
  licence: string;
  dataset_url: string;
}

export const FAMILIES = {
  geo: {
    id: 'geo',
    title: 'Code officiel géographique, EPCI, EPT et contours communaux',
    producer: 'INSEE (COG, EPT), DGCL (EPCI), IGN ADMIN EXPRESS (contours)',
    licence: 'Licence Ouverte 2.0',
    dataset_url: 'https://www.insee.fr/fr/information/2560452',
  },
  insee: {
    id: 'insee',
    title: 'Populations légales et recensement de la population',
    producer: 'INSEE',
    licence: 'Licence Ouverte 2.0',
    dataset_url: 'https://www.insee.fr/fr/statistiques/8680726?sommaire=8681011',
  },
  sru: {
    id: 'sru',
    title: 'Communes et inventaire SRU (article 55 de la loi SRU)',
    producer: 'Ministère chargé du logement — DGALN/DHUP',
    licence: 'Licence Ouverte 2.0',
    dataset_url: 'https://www.data.gouv.fr/datasets/communes-et-inventaire-sru',
  },
  rpls: {
    id: 'rpls',
    title: 'Répertoire des logements locatifs des bailleurs sociaux (RPLS)',
    producer: 'SDES — Ministère de la Transition écologique',
    licence: 'Licence Ouverte 2.0',
    dataset_url:
      'https://www.statistiques.developpement-durable.gouv.fr/54-millions-de-logements-locatifs-sociaux-en-france-au-1er-janvier-2024',
  },
  caf: {
    id: 'caf',
    title: 'Allocataires des CAF par commune (Cafdata)',
    producer: 'Cnaf',
    licence: 'Licence Ouverte 2.0',
    dataset_url: 'https://data.caf.fr/explore/dataset/s_ben_com_f/',
  },
  filosofi: {
    id: 'filosofi',
    title: 'Revenus, pauvreté et niveau de vie (Filosofi)',
    producer: 'INSEE (Filosofi : Insee-DGFiP-Cnaf-Cnav-CCMSA)',
    licence: 'Licence Ouverte 2.0',
    dataset_url: 'https://catalogue-donnees.insee.fr/fr/catalogue/recherche/DS_FILOSOFI_CC',
  },
  sne: {
    id: 'sne',
    title: 'Demande de logement social et attributions (SNE)',
    producer:
      'DRIHL Île-de-France (socle demandes et attributions, Infocentre SNE) ; ailleurs, chiffres publiés par l’OPML 92 et des associations',
    licence: 'Licence Ouverte 2.0 (socle DRIHL) ; chiffres publiés : citation, pas de fichier ouvert',
    dataset_url: 'https://www.demande-logement-social.gouv.fr/statistiques',
  },
  'hebergement-dalo-expulsions': {
    id: 'hebergement-dalo-expulsions',
    title: 'Hébergement, DALO et expulsions locatives',
    producer: 'DREES, DHUP (Infocentre DALO), Ministère de l’Intérieur, COMED 92',
    licence: 'Chiffres publiés (citation) — pas de fichier ouvert',
    dataset_url: 'https://droitaulogementopposable.org/Les-chiffres-du-DALO-131',
  },
} as const satisfies Record<string, FamilyDef>;

export type FamilyId = keyof typeof FAMILIES;
export const FAMILY_IDS = Object.keys(FAMILIES) as FamilyId[];
