/**
 * Documented gaps: indicators advocates ask for, for which no open data file exists (or none at the
 * level they need). They have no values; `open: false` and `where_to_ask` let the dashboard show a
 * « donnée non ouverte » card saying whom to ask and what to ask for. See the `PROVENANCE.md` of the
 * `hebergement-dalo-expulsions` and `sne` families in the mirror.
 */
import type { IndicatorDef } from '../registry.js';
import { WHERE_DALO_COMMUNE, WHERE_EXPULSIONS, WHERE_HEBERGEMENT } from './where.js';

const GAP_CAVEAT = 'Aucun fichier ouvert à ce niveau : pas de valeur dans l’observatoire.';

export const GAP_INDICATORS: IndicatorDef[] = [
  {
    id: 'hebergement_places_commune',
    label: 'Places d’hébergement d’urgence, de stabilisation et d’insertion',
    short_label: 'Places d’hébergement',
    unit: 'places',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Places d’hébergement généraliste financées par l’État (urgence, stabilisation, insertion : CHU, CHRS…) installées dans la commune au 31 décembre {year}. La DREES publie ces places par département seulement (Panorama statistique, tableaux HTML) ; FINESS liste les établissements sans leurs places ; le tableau communal de la DRIHL n’est pas public.',
    reference: 'au 31 décembre {year}',
    caveats: [GAP_CAVEAT],
    aggregation: 'none',
    decimals: 0,
    polarity: 'neutral',
    open: false,
    where_to_ask: WHERE_HEBERGEMENT,
  },
  {
    id: 'hebergement_hotel_commune',
    label: 'Places d’hébergement d’urgence à l’hôtel',
    short_label: 'Hébergement à l’hôtel',
    unit: 'places',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Places (ou nuitées) d’hôtel financées par l’État au titre de l’hébergement d’urgence, par commune de l’hôtel, en {year}. Aucune publication ouverte ; seul un ordre de grandeur départemental ancien est cité (environ 2 200 places en 2014 dans les Hauts-de-Seine).',
    reference: 'année {year}',
    caveats: [GAP_CAVEAT],
    aggregation: 'none',
    decimals: 0,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: WHERE_HEBERGEMENT,
  },
  {
    id: 'dalo_recours_commune',
    label: 'Recours DALO et DAHO par commune',
    short_label: 'Recours DALO par commune',
    unit: 'recours',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Recours au titre du droit au logement opposable (DALO) et du droit à l’hébergement opposable (DAHO) reçus en {year}, par commune de résidence du requérant. Les chiffres ne sont publiés que par département (Infocentre DALO, bilans des commissions de médiation).',
    reference: 'année {year}',
    caveats: [GAP_CAVEAT],
    aggregation: 'none',
    decimals: 0,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: WHERE_DALO_COMMUNE,
  },
  {
    id: 'expulsions_decisions_justice',
    label: 'Décisions de justice prononçant l’expulsion locative',
    short_label: 'Décisions d’expulsion',
    unit: 'decisions',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Décisions des juridictions civiles prononçant l’expulsion d’un locataire en {year} (statistiques du Ministère de la Justice, SDSE). Publiées au niveau national (repris chaque année par la Fondation pour le logement des défavorisés) ; aucun fichier ouvert par département ou par commune.',
    reference: 'année {year}',
    caveats: [
      GAP_CAVEAT,
      'Une décision d’expulsion n’est pas une expulsion effective (voir le concours de la force publique).',
    ],
    aggregation: 'none',
    decimals: 0,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: {
      publisher: 'Ministère de la Justice — SDSE (statistiques d’activité des juridictions civiles)',
      ask: 'Le nombre de décisions prononçant l’expulsion locative par tribunal judiciaire, et si possible par commune du logement, pour chaque année.',
    },
  },
  {
    id: 'expulsions_commandements',
    label: 'Commandements de quitter les lieux',
    short_label: 'Commandements de quitter les lieux',
    unit: 'commandements',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Commandements de quitter les lieux signifiés à des locataires en {year} (étape de la procédure d’expulsion après la décision de justice), par commune. Suivis par les préfectures et la CCAPEX ; aucun fichier ouvert.',
    reference: 'année {year}',
    caveats: [GAP_CAVEAT],
    aggregation: 'none',
    decimals: 0,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: WHERE_EXPULSIONS,
  },
  {
    id: 'expulsions_concours_force_publique',
    label: 'Concours de la force publique accordés pour une expulsion locative',
    short_label: 'Concours de la force publique',
    unit: 'decisions',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Concours de la force publique accordés par le préfet pour exécuter une expulsion locative en {year}, par commune (avec, si possible, les demandes de concours et les interventions effectives). Publiés au niveau national seulement ; aucun fichier ouvert par département ou par commune.',
    reference: 'année {year}',
    caveats: [GAP_CAVEAT],
    aggregation: 'none',
    decimals: 0,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: WHERE_EXPULSIONS,
  },
  {
    id: 'jeunes_neet',
    label: 'Jeunes ni en emploi, ni en études, ni en formation (NEET)',
    short_label: 'Jeunes NEET',
    unit: 'pct',
    theme: 'revenus',
    family: 'insee',
    definition:
      'Part des jeunes de 15 à 29 ans qui ne sont ni en emploi, ni en études, ni en formation (définition Eurostat), en {year}. Mesurée par l’enquête Emploi de l’Insee, un échantillon qui ne donne pas de valeur communale.',
    reference: 'année {year}',
    caveats: [
      GAP_CAVEAT,
      'Une approche voisine existe par commune en données ouvertes : la « part des jeunes non insérés (ni en emploi, ni scolarisés) » parmi les 15-24 ans, tirée du recensement et publiée par l’Observatoire des territoires (ANCT). Autre définition (tranche d’âge, formation non comptée) : elle serait chargée sous un autre identifiant, jamais sous celui-ci.',
    ],
    aggregation: 'none',
    decimals: 1,
    polarity: 'higher_worse',
    open: false,
    where_to_ask: {
      publisher:
        'Insee (enquête Emploi) ; pour l’approche communale tirée du recensement : Observatoire des territoires (ANCT)',
      ask: 'La part de jeunes NEET de 15 à 29 ans au niveau le plus fin publié ; pour les communes, le fichier ouvert « part des jeunes non insérés (ni en emploi, ni scolarisés) ».',
      url: 'https://observatoire-des-territoires.gouv.fr/part-des-jeunes-non-inseres-ni-en-emploi-ni-scolarises-neet',
    },
  },
];
