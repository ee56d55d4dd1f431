/**
 * Demand for social housing and allocations. Two kinds of entries:
 * - `sne_*`: statistics of the Système national d’enregistrement (GIP SNE portal Excel reports), loaded
 *   only when such reports are put in the mirror (`sne/*.xlsx`); the portal publishes each level itself
 *   (an IDF demand may name several communes), so nothing is summed (`producer`);
 * - published figures (`curated`), one id per publisher’s definition: they look alike (« demandeurs »,
 *   « attributions », « délai ») but are counted differently, so they are never put on one line.
 * See `OBSERVATOIRE_MIRROR/sne/PROVENANCE.md`.
 */
import type { IndicatorDef, WhereToAsk } from '../registry.js';
import { publishedFigure } from './curated.js';

export const WHERE_SNE: WhereToAsk = {
  publisher:
    'GIP SNE (Système national d’enregistrement de la demande de logement social), portail statistique « Data Logement »',
  ask: 'Les rapports Excel des demandes en cours au 31 décembre et des attributions (demandes satisfaites) de l’année, avec l’ancienneté des demandes, pour le département, chaque EPT et chaque commune, de 2019 à la dernière année, et la licence sous laquelle ils peuvent être réutilisés.',
  url: 'https://www.demande-logement-social.gouv.fr/statistiques',
};

const WHERE_CCF92: WhereToAsk = {
  publisher: 'Collectif Citoyens Fraternels 92',
  ask: 'La source (SNE, DRIHL…), le champ (mutations comprises ou non) et la date d’extraction des chiffres de demande et d’attributions cités dans le rapport d’activité 2024, et l’adresse du rapport.',
};

const WHERE_DRIHL_ATTRIBUTIONS: WhereToAsk = {
  publisher: 'DRIHL Île-de-France (bilans de la demande et des attributions de logement social)',
  ask: 'Le tableau des « bilans socles » de la demande et des attributions par département, EPT et commune, pour chaque année disponible, en CSV ou Excel.',
  url: 'https://www.drihl.ile-de-france.developpement-durable.gouv.fr/infographie-les-attributions-de-logement-social-en-a1341.html',
};

const WHERE_OPML: WhereToAsk = {
  publisher: 'OPML 92 (observatoire de la précarité et du mal-logement des Hauts-de-Seine)',
  ask: 'Le tableau 3-4-1 (demandeurs, attributions, délais) avec sa source SNE, sa date d’extraction et ses valeurs par année.',
  url: 'http://precaritelogement92.fr/?p=5564',
};

export const WHERE_COMED: WhereToAsk = {
  publisher:
    'Préfecture des Hauts-de-Seine — secrétariat de la commission de médiation DALO (COMED 92) ; DHUP (Infocentre DALO)',
  ask: 'Le bilan annuel de la COMED 92 en tableau : recours DALO et DAHO reçus, décisions, ménages reconnus prioritaires et urgents, relogés, restant à reloger, et la part des attributions de logements sociaux qui leur est allée, pour chaque année.',
  url: 'https://droitaulogementopposable.org/Les-chiffres-du-DALO-131',
};

const SNE_CAVEATS = [
  'En Île-de-France l’enregistrement est régional : une même demande peut viser plusieurs communes, et le compte d’une commune dépend de la règle de rattachement du portail (par exemple la commune du premier choix) ; à vérifier sur le premier fichier.',
  'Les valeurs de l’EPT, du département ou de la région sont celles que publie le portail pour ce niveau : jamais la somme des communes.',
  'Rapports Excel du portail, sans licence ouverte déclarée : chargés seulement s’ils sont déposés dans le miroir (dossier sne/).',
];

export const DEMANDE_INDICATORS: IndicatorDef[] = [
  {
    id: 'sne_demandes_en_cours',
    label: 'Demandes de logement social en cours au 31 décembre (SNE)',
    short_label: 'Demandes en cours (SNE)',
    unit: 'demandes',
    theme: 'demande',
    family: 'sne',
    definition:
      'Demandes de logement social en cours (ni satisfaites ni radiées) au 31 décembre {year}, selon les statistiques du Système national d’enregistrement (rapports du portail du GIP SNE). C’est un stock à une date : il diffère des demandes « actives au moins un jour dans l’année » de l’ANCOLS, des « ménages demandeurs » de l’OPML 92 et des « personnes à la recherche d’un logement ou d’un hébergement » du Collectif Citoyens Fraternels 92, qui sont des séries distinctes.',
    reference: 'demandes en cours au 31 décembre {year}',
    caveats: SNE_CAVEATS,
    aggregation: 'producer',
    decimals: 0,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: WHERE_SNE,
  },
  {
    id: 'sne_attributions',
    label: 'Attributions de logement social dans l’année (SNE)',
    short_label: 'Attributions (SNE)',
    unit: 'attributions',
    theme: 'demande',
    family: 'sne',
    definition:
      'Demandes satisfaites (attributions de logement social) pendant l’année {year}, selon les statistiques du Système national d’enregistrement (rapports du portail du GIP SNE). Les attributions publiées par la DRIHL, l’OPML 92 ou le Collectif Citoyens Fraternels 92 sont des séries distinctes (extractions, champs et dates différents).',
    reference: 'attributions de l’année {year}',
    caveats: SNE_CAVEATS,
    aggregation: 'producer',
    decimals: 0,
    polarity: 'higher_better',
    open: false,
    where_to_ask: WHERE_SNE,
  },
  {
    id: 'sne_tension',
    label: 'Demandes en cours pour une attribution (SNE)',
    short_label: 'Tension de la demande (SNE)',
    unit: 'ratio',
    theme: 'demande',
    family: 'sne',
    definition:
      'Demandes en cours au 31 décembre {year} ÷ attributions de l’année {year}, calculé par l’observatoire à partir des deux séries SNE publiées pour le même territoire. Ne se compare pas à l’« indicateur de difficulté » de l’OPML 92 (ménages demandeurs ÷ attributaires) ni au « 1 attribution pour N demandes » de la DRIHL, qui ont leurs propres champs et arrondis.',
    reference: 'demandes au 31 décembre {year} pour une attribution en {year}',
    caveats: [
      ...SNE_CAVEATS,
      'Calculé seulement là où le portail publie les deux valeurs pour le même territoire et la même année.',
    ],
    aggregation: 'none',
    numerator: 'sne_demandes_en_cours',
    denominator: 'sne_attributions',
    decimals: 1,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: WHERE_SNE,
  },
  {
    id: 'sne_anciennete_mediane_mois',
    label: 'Ancienneté médiane des demandes en cours (SNE)',
    short_label: 'Ancienneté médiane (SNE)',
    unit: 'mois',
    theme: 'demande',
    family: 'sne',
    definition:
      'Ancienneté médiane, en mois, des demandes en cours au 31 décembre {year} (temps écoulé depuis le dépôt de la demande), selon les statistiques du SNE. À ne pas confondre avec le délai médian d’obtention des ménages qui ont obtenu un logement (DRIHL, OPML 92) ni avec l’ancienneté moyenne.',
    reference: 'demandes en cours au 31 décembre {year}',
    caveats: SNE_CAVEATS,
    aggregation: 'producer',
    decimals: 1,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: WHERE_SNE,
  },
  {
    id: 'sne_anciennete_moyenne_mois',
    label: 'Ancienneté moyenne des demandes en cours (SNE)',
    short_label: 'Ancienneté moyenne (SNE)',
    unit: 'mois',
    theme: 'demande',
    family: 'sne',
    definition:
      'Ancienneté moyenne, en mois, des demandes en cours au 31 décembre {year}, selon les statistiques du SNE. La moyenne est tirée vers le haut par les demandes très anciennes : elle ne se compare pas à l’ancienneté médiane.',
    reference: 'demandes en cours au 31 décembre {year}',
    caveats: SNE_CAVEATS,
    aggregation: 'producer',
    decimals: 1,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: WHERE_SNE,
  },

  // Collectif Citoyens Fraternels 92 — rapport d’activité 2024.
  publishedFigure({
    id: 'ccf92_personnes_recherche_logement',
    label: 'Personnes à la recherche d’un logement ou d’un hébergement (Collectif Citoyens Fraternels 92)',
    short_label: 'En recherche de logement (CCF 92)',
    unit: 'personnes',
    theme: 'demande',
    family: 'sne',
    definition:
      '« Personnes à la recherche d’un logement ou d’un hébergement » dans les Hauts-de-Seine en {year}, selon le rapport d’activité 2024 du Collectif Citoyens Fraternels 92. Le rapport ne précise ni la source ni la date d’extraction : ce n’est pas le nombre de demandes en cours du SNE ni les « ménages demandeurs » de l’OPML 92 (116 228 fin 2022, mutations comprises).',
    reference: '{year} (date de référence non précisée par le rapport)',
    caveats: [
      'Chiffre proche des demandeurs hors mutation de l’OPML 92 (116 228 − 36 891 = 79 337 fin 2022) : c’est une inférence, pas un fait établi.',
    ],
    polarity: 'higher_worse',
    where_to_ask: WHERE_CCF92,
  }),
  publishedFigure({
    id: 'ccf92_attributions',
    label: 'Attributions de logements sociaux (Collectif Citoyens Fraternels 92)',
    short_label: 'Attributions (CCF 92)',
    unit: 'attributions',
    theme: 'demande',
    family: 'sne',
    definition:
      '« Attributions de logements sociaux » dans les Hauts-de-Seine en {year}, selon le rapport d’activité 2024 du Collectif Citoyens Fraternels 92, sans précision de source ni de champ. Série distincte des attributions de la DRIHL (10 498 en 2023) et de l’OPML 92 (11 357 en 2022, mutations comprises).',
    reference: 'année {year}',
    caveats: [
      'Chiffre proche des attributions hors mutation de l’OPML 92 (8 031 en 2022) : c’est une inférence, pas un fait établi.',
    ],
    polarity: 'higher_better',
    where_to_ask: WHERE_CCF92,
  }),

  // DRIHL Île-de-France — infographie « Les attributions de logement social en 2023 dans les Hauts-de-Seine ».
  publishedFigure({
    id: 'drihl_attributions',
    label: 'Attributions de logement social dans les communes du département (DRIHL)',
    short_label: 'Attributions (DRIHL)',
    unit: 'attributions',
    theme: 'demande',
    family: 'sne',
    definition:
      'Attributions de logement social prononcées en {year} pour des logements situés dans les communes du département, selon le bilan annuel de la DRIHL Île-de-France (« 10 498 attributions dans 36 communes altoséquanaises » en 2023). Série distincte des attributions de l’OPML 92 et du Collectif Citoyens Fraternels 92.',
    reference: 'attributions de l’année {year}',
    caveats: [],
    polarity: 'higher_better',
    where_to_ask: WHERE_DRIHL_ATTRIBUTIONS,
  }),
  publishedFigure({
    id: 'drihl_attributions_prioritaires',
    label: 'Attributions à des ménages reconnus prioritaires (DRIHL)',
    short_label: 'Attributions à des prioritaires (DRIHL)',
    unit: 'menages',
    theme: 'demande',
    family: 'sne',
    definition:
      'Ménages reconnus prioritaires ayant obtenu un logement social en {year}, selon la DRIHL : « ménages prioritaires au titre du droit au logement opposable (Dalo) et ménages labellisés par l’État, les SIAO ou par une commission partenariale comme prioritaires au titre de l’article L. 441-1 du code de la construction et de l’habitation ». Champ plus large que les seuls ménages DALO (voir la part des attributions aux PU DALO de la COMED 92).',
    reference: 'attributions de l’année {year}',
    caveats: [],
    polarity: 'higher_better',
    where_to_ask: WHERE_DRIHL_ATTRIBUTIONS,
  }),
  publishedFigure({
    id: 'drihl_attributions_prioritaires_part',
    label: 'Part des attributions aux ménages reconnus prioritaires (DRIHL)',
    short_label: 'Part aux prioritaires (DRIHL)',
    unit: 'pct',
    theme: 'demande',
    family: 'sne',
    definition:
      'Part des attributions de logement social de l’année {year} « au profit de ménages reconnus prioritaires » (DALO et ménages labellisés prioritaires au titre de l’article L. 441-1 du CCH), selon la DRIHL. À ne pas confondre avec la part des attributions aux seuls ménages reconnus prioritaires DALO (OPML 92 d’après la COMED 92).',
    reference: 'attributions de l’année {year}',
    caveats: [],
    decimals: 1,
    polarity: 'higher_better',
    where_to_ask: WHERE_DRIHL_ATTRIBUTIONS,
  }),
  publishedFigure({
    id: 'drihl_demandes_par_attribution',
    label: 'Demandes pour une attribution (DRIHL, arrondi publié)',
    short_label: 'Demandes par attribution (DRIHL)',
    unit: 'ratio',
    theme: 'demande',
    family: 'sne',
    definition:
      '« 1 attribution pour N demandes » en {year}, tel que publié par la DRIHL (nombre entier arrondi par le producteur, sans précision sur le compte des demandes). Ne se compare pas à l’« indicateur de difficulté » de l’OPML 92 ni au rapport demandes en cours ÷ attributions du SNE.',
    reference: 'année {year}',
    caveats: [],
    polarity: 'higher_worse',
    where_to_ask: WHERE_DRIHL_ATTRIBUTIONS,
  }),
  publishedFigure({
    id: 'drihl_delai_median_obtention_mois',
    label: 'Délai médian d’obtention d’un logement social (DRIHL)',
    short_label: 'Délai médian d’obtention (DRIHL)',
    unit: 'mois',
    theme: 'demande',
    family: 'sne',
    definition:
      'Délai médian entre le dépôt de la demande et l’attribution, pour les ménages qui ont obtenu un logement social en {year}, selon la DRIHL (publié en années et mois, converti en mois). La DRIHL précise : « Cette valeur ne doit pas être confondue avec l’ancienneté de l’ensemble des demandeurs de logement social. » Distinct du délai médian d’attente de l’OPML 92.',
    reference: 'attributions de l’année {year}',
    caveats: [],
    polarity: 'higher_worse',
    where_to_ask: WHERE_DRIHL_ATTRIBUTIONS,
  }),

  // OPML 92 — tableau 3-4-1 (demande et attributions fin 2022).
  publishedFigure({
    id: 'opml92_menages_demandeurs',
    label: 'Ménages demandeurs d’un logement social, mutations comprises (OPML 92)',
    short_label: 'Ménages demandeurs (OPML 92)',
    unit: 'menages',
    theme: 'demande',
    family: 'sne',
    definition:
      'Ménages demandeurs d’un logement social dans les Hauts-de-Seine à la fin de {year}, y compris les demandes de mutation de ménages déjà locataires du parc social, selon l’OPML 92 (tableau 3-4-1). Série distincte des demandes en cours du SNE et des « personnes à la recherche d’un logement ou d’un hébergement » du Collectif Citoyens Fraternels 92.',
    reference: 'fin {year}',
    caveats: [],
    polarity: 'higher_worse',
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_menages_demandeurs_mutation',
    label: 'Ménages demandeurs d’une mutation dans le parc social (OPML 92)',
    short_label: 'Demandeurs de mutation (OPML 92)',
    unit: 'menages',
    theme: 'demande',
    family: 'sne',
    definition:
      'Parmi les ménages demandeurs d’un logement social à la fin de {year}, ceux qui le sont « pour mutation » (déjà locataires du parc social), selon l’OPML 92 (tableau 3-4-1).',
    reference: 'fin {year}',
    caveats: [],
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_logements_attribues',
    label: 'Logements sociaux attribués, mutations comprises (OPML 92)',
    short_label: 'Logements attribués (OPML 92)',
    unit: 'attributions',
    theme: 'demande',
    family: 'sne',
    definition:
      'Logements sociaux attribués dans les Hauts-de-Seine en {year}, mutations dans le parc social comprises, selon l’OPML 92 (tableau 3-4-1). Série distincte des attributions de la DRIHL et du Collectif Citoyens Fraternels 92.',
    reference: 'année {year}',
    caveats: [],
    polarity: 'higher_better',
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_attributions_mutation',
    label: 'Logements sociaux attribués pour une mutation (OPML 92)',
    short_label: 'Attributions en mutation (OPML 92)',
    unit: 'attributions',
    theme: 'demande',
    family: 'sne',
    definition:
      'Parmi les logements sociaux attribués en {year}, ceux « accordés pour des mutations dans le parc social », selon l’OPML 92 (tableau 3-4-1).',
    reference: 'année {year}',
    caveats: [],
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_attributions_hors_mutation',
    label: 'Logements sociaux attribués à des ménages entrant dans le parc social (OPML 92)',
    short_label: 'Attributions hors mutation (OPML 92)',
    unit: 'attributions',
    theme: 'demande',
    family: 'sne',
    definition:
      'Parmi les logements sociaux attribués en {year}, ceux accordés « pour des ménages voulant y être logés » (hors mutations), selon l’OPML 92 (tableau 3-4-1).',
    reference: 'année {year}',
    caveats: [],
    polarity: 'higher_better',
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_delai_median_attente_mois',
    label: 'Délai médian d’attente pour obtenir un logement social (OPML 92)',
    short_label: 'Délai médian d’attente (OPML 92)',
    unit: 'mois',
    theme: 'demande',
    family: 'sne',
    definition:
      'Délai médian d’attente pour obtenir un logement, en mois, « pour l’ensemble des attributions » de {year}, selon l’OPML 92 (tableau 3-4-1). Distinct du délai médian d’obtention publié par la DRIHL et de l’ancienneté des demandes en cours.',
    reference: 'attributions de l’année {year}',
    caveats: [],
    decimals: 1,
    polarity: 'higher_worse',
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_delai_median_attente_mutation_mois',
    label: 'Délai médian d’attente des demandes de mutation (OPML 92)',
    short_label: 'Délai médian, mutations (OPML 92)',
    unit: 'mois',
    theme: 'demande',
    family: 'sne',
    definition:
      'Délai médian d’attente, en mois, des demandes de mutation satisfaites en {year}, selon l’OPML 92 (tableau 3-4-1).',
    reference: 'attributions de l’année {year}',
    caveats: [],
    decimals: 1,
    polarity: 'higher_worse',
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_indicateur_difficulte',
    label: 'Indicateur de difficulté : demandeurs par attributaire (OPML 92)',
    short_label: 'Indicateur de difficulté (OPML 92)',
    unit: 'ratio',
    theme: 'demande',
    family: 'sne',
    definition:
      '« Indicateur de difficulté, rapport du nombre de demandeurs à celui des attributaires » en {year}, calculé et publié par l’OPML 92 pour les Hauts-de-Seine, l’Île-de-France et d’autres départements. Ne se compare pas au rapport demandes en cours ÷ attributions du SNE ni au « 1 attribution pour N demandes » de la DRIHL.',
    reference: 'année {year}',
    caveats: [],
    decimals: 1,
    polarity: 'higher_worse',
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_menages_demandeurs_evolution_2018',
    label: 'Évolution du nombre de ménages demandeurs depuis 2018 (OPML 92)',
    short_label: 'Demandeurs : évolution depuis 2018 (OPML 92)',
    unit: 'menages',
    theme: 'demande',
    family: 'sne',
    definition:
      'Hausse du nombre de ménages demandeurs d’un logement social entre 2018 et {year} (« +11 514 demandeurs » de 2018 à 2022), selon l’OPML 92 (tableau 3-4-1).',
    reference: 'de 2018 à {year}',
    caveats: [],
    diverging: true,
    polarity: 'higher_worse',
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_menages_demandeurs_evolution_2018_pct',
    label: 'Évolution en % du nombre de ménages demandeurs depuis 2018 (OPML 92)',
    short_label: 'Demandeurs : évolution en % (OPML 92)',
    unit: 'pct',
    theme: 'demande',
    family: 'sne',
    definition:
      'Hausse relative du nombre de ménages demandeurs entre 2018 et {year}, « de l’ordre de 11 % » de 2018 à 2022 selon l’OPML 92 (arrondi publié).',
    reference: 'de 2018 à {year}',
    caveats: [],
    diverging: true,
    polarity: 'higher_worse',
    where_to_ask: WHERE_OPML,
  }),
  publishedFigure({
    id: 'opml92_attributions_evolution_2018',
    label: 'Évolution du nombre d’attributions depuis 2018 (OPML 92)',
    short_label: 'Attributions : évolution depuis 2018 (OPML 92)',
    unit: 'attributions',
    theme: 'demande',
    family: 'sne',
    definition:
      'Hausse du nombre de logements sociaux attribués entre 2018 et {year} (« +1 301 attributions »), selon l’OPML 92 (tableau 3-4-1).',
    reference: 'de 2018 à {year}',
    caveats: ['La page publiée écrit « entre 2018 et 2002 » : coquille manifeste pour 2022.'],
    diverging: true,
    polarity: 'higher_better',
    where_to_ask: WHERE_OPML,
  }),

  // OPML 92 d’après le bilan 2021 de la COMED 92 (famille hébergement-DALO-expulsions, thème demande).
  publishedFigure({
    id: 'comed92_attributions_part_pu_dalo',
    label: 'Part des logements sociaux attribués à des ménages reconnus prioritaires DALO (COMED 92)',
    short_label: 'Part des attributions aux PU DALO (COMED 92)',
    unit: 'pct',
    theme: 'demande',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Part des logements sociaux attribués en {year} dans les Hauts-de-Seine à des ménages reconnus prioritaires et urgents au titre du DALO, selon l’OPML 92 d’après le bilan de la commission de médiation (COMED 92). Champ plus étroit que la part des attributions aux « ménages reconnus prioritaires » de la DRIHL (DALO et autres publics labellisés).',
    reference: 'attributions de l’année {year}',
    caveats: [],
    polarity: 'higher_better',
    where_to_ask: WHERE_COMED,
  }),
];
