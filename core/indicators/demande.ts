/**
 * Demand for social housing and allocations. Two kinds of entries:
 * - `sne_*`: the DRIHL Île-de-France « socle de données demandes et attributions de logements
 *   sociaux » (Infocentre SNE, Licence Ouverte), read by `pipelines/sne/` for the région, its
 *   départements and its communes (`coverage`: Île-de-France; elsewhere a documented gap). EPT and EPCI
 *   values of the counts are sums of their communes computed by the pipeline (`levels_note`); medians,
 *   shares and the ratios by dwelling size exist only where the DRIHL publishes them. The DRIHL's 2023
 *   infographic figures for the Hauts-de-Seine use the same definitions: they are the 2023 points of
 *   these series (`published_points`, flag `curated`);
 * - published figures (`curated`), one id per publisher’s definition: they look alike (« demandeurs »,
 *   « attributions », « délai ») but are counted differently, so they are never put on one line.
 * See `OBSERVATOIRE_MIRROR/sne/PROVENANCE.md`.
 */
import type { IndicatorDef } from '../registry.js';
import { publishedFigure } from './curated.js';
import { WHERE_CCF92, WHERE_COMED, WHERE_DRIHL_ATTRIBUTIONS, WHERE_OPML, WHERE_SNE } from './where.js';

const DRIHL_COVERAGE = { regions: ['11'], label: 'Île-de-France' };

const DRIHL_SOURCE =
  'selon le socle de données demandes et attributions de logements sociaux de la DRIHL Île-de-France (Infocentre SNE, traitements DRIHL/SOEE)';
const FIRST_CHOICE =
  'Une demande peut viser plusieurs communes : le socle ne la compte qu’une fois, dans la commune de son premier choix (« choix 1 »).';
const NOT_COMPARABLE =
  'Le champ des attributions est celui des attributions enregistrées dans le SNE : il ne se compare ni au parc social RPLS ni à l’inventaire SRU.';

const DRIHL_CAVEATS = [
  'Valeurs masquées par la DRIHL (« - ») quand il y a moins de 10 demandes ou attributions : elles restent manquantes, jamais 0.',
  'Paris : la commune (75056) porte les valeurs de l’ensemble de Paris (ligne départementale du socle) ; les 20 arrondissements ne sont pas chargés séparément et ne sont jamais additionnés à Paris.',
  'Données publiées pour l’Île-de-France seulement (région, 8 départements, 1 286 communes et arrondissements) ; ailleurs, aucun fichier ouvert.',
];

const SUM_NOTE =
  'Région et départements : valeurs publiées par la DRIHL. EPT et EPCI (entièrement franciliens) : somme des communes, calculée par l’observatoire ; une commune masquée (moins de 10) manque à la somme, qui est alors signalée « couverture partielle » et dont la note nomme la commune. Pas de total France : le fichier ne couvre que l’Île-de-France.';

const DRIHL_COMMON: Pick<IndicatorDef, 'theme' | 'family' | 'open' | 'coverage' | 'where_to_ask'> = {
  theme: 'demande',
  family: 'sne',
  open: true,
  coverage: DRIHL_COVERAGE,
  where_to_ask: WHERE_SNE,
};

/** The ratio for one dwelling size, as the DRIHL publishes it (no counts by size: no EPT/EPCI value). */
function bySize(id: string, size: string, rooms: string): IndicatorDef {
  return {
    ...DRIHL_COMMON,
    id: `sne_demandes_par_attribution_${id}`,
    label: `Demandes pour une attribution, logements ${rooms} (${size})`,
    short_label: `Demandes pour une attribution (${size})`,
    unit: 'ratio',
    definition: `Le rapport « demandes pour une attribution » restreint aux logements ${rooms} principale${size === 'T1' ? '' : 's'} (${size}) : demandes de ${size} en cours au 31 décembre {year} visant le territoire en premier choix, rapportées aux attributions de ${size} de l’année, ${DRIHL_SOURCE}. C’est un rapport, pas un délai d’attente.`,
    reference: 'demandes au 31 décembre {year} pour une attribution en {year}',
    reading: '{value} demandes pour une attribution dans l’année',
    caveats: [
      ...DRIHL_CAVEATS,
      'Le socle ne publie pas les effectifs par taille de logement : rapport de la DRIHL seulement, pas de valeur pour les EPT et EPCI ; masqué quand les effectifs sont trop petits.',
    ],
    aggregation: 'producer',
    levels_note:
      'Aucun calcul par l’observatoire : rapport publié par la DRIHL pour chaque commune, département et la région ; pas de valeur pour les EPT et EPCI.',
    decimals: 1,
    polarity: 'higher_worse',
  };
}

export const DEMANDE_INDICATORS: IndicatorDef[] = [
  {
    ...DRIHL_COMMON,
    id: 'sne_demandes_choix1',
    label: 'Demandes de logement social visant le territoire en premier choix',
    short_label: 'Demandes (1er choix)',
    unit: 'demandes',
    definition: `Demandes de logement social en cours au 31 décembre {year} dont le premier choix de localisation est le territoire, ${DRIHL_SOURCE}. ${FIRST_CHOICE} Ce n’est pas le « nombre total de demandes ciblant le territoire » (tous choix confondus, une demande y est comptée dans chaque commune demandée), ni les « ménages demandeurs » de l’OPML 92, ni les « personnes à la recherche d’un logement ou d’un hébergement » du Collectif Citoyens Fraternels 92.`,
    reference: 'demandes en cours au 31 décembre {year}',
    caveats: DRIHL_CAVEATS,
    aggregation: 'producer',
    levels_note: SUM_NOTE,
    decimals: 0,
    polarity: 'higher_worse',
  },
  {
    ...DRIHL_COMMON,
    id: 'sne_attributions',
    label: 'Logements sociaux attribués dans l’année',
    short_label: 'Attributions',
    unit: 'attributions',
    definition: `Attributions de logements sociaux situés dans le territoire prononcées pendant l’année {year}, ${DRIHL_SOURCE}. ${NOT_COMPARABLE} Les attributions publiées par l’OPML 92 ou le Collectif Citoyens Fraternels 92 sont des séries distinctes.`,
    reference: 'attributions de l’année {year}',
    caveats: [
      ...DRIHL_CAVEATS,
      'Hauts-de-Seine, 2023 : 10 498 attributions, chiffre de l’infographie de la DRIHL « Les attributions de logement social en 2023 dans les Hauts-de-Seine », même définition que le socle (chiffre publié, cité avec sa référence).',
    ],
    aggregation: 'producer',
    levels_note: SUM_NOTE,
    decimals: 0,
    polarity: 'higher_better',
    published_points: true,
  },
  {
    ...DRIHL_COMMON,
    id: 'sne_demandes_par_attribution',
    label: 'Demandes pour une attribution de logement social',
    short_label: 'Demandes pour une attribution',
    unit: 'ratio',
    definition: `Demandes en cours au 31 décembre {year} visant le territoire en premier choix, rapportées aux attributions de l’année {year}, ${DRIHL_SOURCE}. C’est un rapport, pas un délai d’attente : « 13,5 demandes pour une attribution » ne veut pas dire 13,5 ans d’attente (voir le délai médian d’attribution). ${FIRST_CHOICE} ${NOT_COMPARABLE} Ne se compare pas à l’« indicateur de difficulté » de l’OPML 92 (ménages demandeurs ÷ attributaires).`,
    reference: 'demandes au 31 décembre {year} pour une attribution en {year}',
    reading: '{value} demandes pour une attribution dans l’année',
    caveats: [
      ...DRIHL_CAVEATS,
      'Non calculable quand il n’y a eu aucune attribution dans l’année (division par zéro) : la valeur manque, avec ce motif.',
      'Hauts-de-Seine, 2023 : « 1 attribution pour 12 demandes » (infographie de la DRIHL, arrondi à l’unité par la DRIHL).',
    ],
    aggregation: 'producer',
    numerator: 'sne_demandes_choix1',
    denominator: 'sne_attributions',
    levels_note:
      'Communes, départements et région : rapport publié par la DRIHL (arrondi au dixième dans l’extrait retraité). EPT et EPCI : recalculé par l’observatoire comme la somme des demandes divisée par la somme des attributions de leurs communes, sur les communes où les deux sont publiées (une commune masquée est écartée des deux sommes ; l’agrégat est alors signalé « couverture partielle » et la note la nomme) — jamais une moyenne des rapports communaux.',
    decimals: 1,
    polarity: 'higher_worse',
    published_points: true,
  },
  {
    ...DRIHL_COMMON,
    id: 'sne_delai_median_mois',
    label: 'Délai médian d’attribution d’un logement social',
    short_label: 'Délai médian d’attribution',
    unit: 'mois',
    definition: `Délai médian, en mois, entre le dépôt de la demande et l’attribution, pour les ménages qui ont obtenu un logement social dans le territoire en {year}, ${DRIHL_SOURCE}. La moitié des attributaires ont attendu moins, l’autre moitié plus. Ne pas confondre avec l’ancienneté de l’ensemble des demandes en cours, ni avec le « délai médian d’attente » de l’OPML 92.`,
    reference: 'attributions de l’année {year}',
    caveats: [
      ...DRIHL_CAVEATS,
      'Une médiane ne s’additionne pas : pas de valeur pour les EPT et EPCI (seulement communes, départements et région, comme la DRIHL la publie).',
      'Hauts-de-Seine, 2023 : « délai médian 2 ans et 7 mois » (infographie de la DRIHL), chargé comme 31 mois.',
    ],
    aggregation: 'producer',
    levels_note:
      'Aucun calcul par l’observatoire : valeur publiée par la DRIHL pour chaque commune, département et la région ; pas de valeur pour les EPT et EPCI (une médiane ne se recalcule pas à partir de médianes communales).',
    decimals: 0,
    polarity: 'higher_worse',
    published_points: true,
  },
  {
    ...DRIHL_COMMON,
    id: 'sne_part_anciennete_5ans',
    label: 'Part des demandes déposées depuis au moins 5 ans',
    short_label: 'Demandes de 5 ans et plus',
    unit: 'pct',
    definition: `Part, en %, des ménages demandeurs au 31 décembre {year} (demandes visant le territoire en premier choix) qui ont déposé leur demande il y a au moins 5 ans, ${DRIHL_SOURCE}. ${FIRST_CHOICE}`,
    reference: 'demandes en cours au 31 décembre {year}',
    caveats: [
      ...DRIHL_CAVEATS,
      'Le classeur donne une proportion (0,231) : elle est chargée en pourcentage (23,1 %). Pas de valeur pour les EPT et EPCI.',
    ],
    aggregation: 'producer',
    levels_note:
      'Aucun calcul par l’observatoire : part publiée par la DRIHL pour chaque commune, département et la région ; pas de valeur pour les EPT et EPCI (le socle ne publie pas le nombre de demandes anciennes qui permettrait de la recalculer).',
    decimals: 1,
    polarity: 'higher_worse',
  },
  bySize('t1', 'T1', 'd’une pièce'),
  bySize('t3', 'T3', 'de trois pièces'),

  // Collectif Citoyens Fraternels 92 — rapport d’activité 2024.
  publishedFigure({
    id: 'ccf92_personnes_recherche_logement',
    label: 'Personnes à la recherche d’un logement ou d’un hébergement (Collectif Citoyens Fraternels 92)',
    short_label: 'En recherche de logement (CCF 92)',
    unit: 'personnes',
    theme: 'demande',
    family: 'sne',
    definition:
      '« Personnes à la recherche d’un logement ou d’un hébergement » dans les Hauts-de-Seine en {year}, selon le rapport d’activité 2024 du Collectif Citoyens Fraternels 92. Le rapport ne précise ni la source ni la date d’extraction : ce ne sont pas les demandes visant le département en premier choix du socle de la DRIHL (134 049 fin 2025) ni les « ménages demandeurs » de l’OPML 92 (116 228 fin 2022, mutations comprises).',
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
      '« Attributions de logements sociaux » dans les Hauts-de-Seine en {year}, selon le rapport d’activité 2024 du Collectif Citoyens Fraternels 92, sans précision de source ni de champ. Série distincte des attributions du socle de la DRIHL (10 498 en 2023, 9 900 en 2025) et de l’OPML 92 (11 357 en 2022, mutations comprises).',
    reference: 'année {year}',
    caveats: [
      'Chiffre proche des attributions hors mutation de l’OPML 92 (8 031 en 2022) : c’est une inférence, pas un fait établi.',
    ],
    polarity: 'higher_better',
    where_to_ask: WHERE_CCF92,
  }),

  // DRIHL Île-de-France — infographie « Les attributions de logement social en 2023 dans les Hauts-de-Seine » : its
  // attributions, ratio and median delay are the 2023 points of the `sne_*` series above; the share of
  // attributions to priority households has no equivalent in the socle.
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

  // OPML 92 — tableau 3-4-1 (demande et attributions fin 2022).
  publishedFigure({
    id: 'opml92_menages_demandeurs',
    label: 'Ménages demandeurs d’un logement social, mutations comprises (OPML 92)',
    short_label: 'Ménages demandeurs (OPML 92)',
    unit: 'menages',
    theme: 'demande',
    family: 'sne',
    definition:
      'Ménages demandeurs d’un logement social dans les Hauts-de-Seine à la fin de {year}, y compris les demandes de mutation de ménages déjà locataires du parc social, selon l’OPML 92 (tableau 3-4-1). Série distincte des demandes visant le département en premier choix (socle de la DRIHL) et des « personnes à la recherche d’un logement ou d’un hébergement » du Collectif Citoyens Fraternels 92.',
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
      'Délai médian d’attente pour obtenir un logement, en mois, « pour l’ensemble des attributions » de {year}, selon l’OPML 92 (tableau 3-4-1). Distinct du délai médian d’attribution publié par la DRIHL et de l’ancienneté des demandes en cours.',
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
      '« Indicateur de difficulté, rapport du nombre de demandeurs à celui des attributaires » en {year}, calculé et publié par l’OPML 92 pour les Hauts-de-Seine, l’Île-de-France et d’autres départements. Ne se compare pas aux « demandes pour une attribution » de la DRIHL (demandes en premier choix ÷ attributions).',
    reference: 'année {year}',
    reading: '{value} ménages demandeurs pour un ménage qui obtient un logement',
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
