/**
 * Hébergement and DALO: only published figures (`curated`) exist for now, one id per publisher’s
 * definition. The COMED 92 bilan and the Infocentre DALO (DREES Panorama) count recourses in close but
 * not proven identical ways, so they are separate series. See
 * `OBSERVATOIRE_MIRROR/hebergement-dalo-expulsions/PROVENANCE.md`.
 */
import type { IndicatorDef } from '../registry.js';
import { publishedFigure } from './curated.js';
import { WHERE_COMED, WHERE_HEBERGEMENT, WHERE_INFOCENTRE } from './where.js';

const COMED_CAVEAT =
  'Bilan de la COMED 92 relayé par l’OPML 92 : proche des chiffres de l’Infocentre DALO mais pas forcément identique (date d’extraction, recours gracieux et contentieux) ; ne pas relier aux séries « Infocentre DALO ».';
const INFOCENTRE_CAVEAT =
  'Infocentre DALO publié par la DREES (Panorama statistique) : ne pas relier aux chiffres du bilan de la COMED 92, qui forment une série distincte.';
const DRIHL_2014_CAVEAT =
  'Chiffres de 2014 du rapport de la DRIHL (UT 92), cités de seconde main par l’OPML 92 : à ne pas présenter comme la situation actuelle.';

export const HEBERGEMENT_INDICATORS: IndicatorDef[] = [
  // COMED 92 (commission de médiation DALO des Hauts-de-Seine), bilan 2021 relayé par l’OPML 92.
  publishedFigure({
    id: 'comed92_recours_recus',
    label: 'Recours reçus par la commission de médiation DALO, logement et hébergement (COMED 92)',
    short_label: 'Recours DALO + DAHO (COMED 92)',
    unit: 'recours',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Recours déposés devant la commission de médiation des Hauts-de-Seine en {year}, recours « logement » (DALO) et « hébergement » (DAHO) ensemble, selon le bilan de la COMED 92 relayé par l’OPML 92.',
    reference: 'année {year}',
    caveats: [COMED_CAVEAT],
    polarity: 'higher_worse',
    where_to_ask: WHERE_COMED,
  }),
  publishedFigure({
    id: 'comed92_recours_dalo_recus',
    label: 'Recours DALO (logement) reçus par la commission de médiation (COMED 92)',
    short_label: 'Recours DALO logement (COMED 92)',
    unit: 'recours',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Recours au titre du droit au logement opposable (volet logement, hors DAHO) reçus par la commission de médiation des Hauts-de-Seine en {year}, selon le bilan de la COMED 92 relayé par l’OPML 92.',
    reference: 'année {year}',
    caveats: [COMED_CAVEAT],
    polarity: 'higher_worse',
    where_to_ask: WHERE_COMED,
  }),
  publishedFigure({
    id: 'comed92_menages_pu_dalo',
    label: 'Ménages reconnus prioritaires et urgents DALO (COMED 92)',
    short_label: 'Ménages PU DALO (COMED 92)',
    unit: 'menages',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Ménages reconnus prioritaires et urgents (PU) au titre du DALO par la commission de médiation des Hauts-de-Seine en {year}, selon le bilan de la COMED 92 relayé par l’OPML 92.',
    reference: 'décisions de l’année {year}',
    caveats: [
      COMED_CAVEAT,
      'Le bilan 2019 (relayé par l’OPML 92 en 2020) donnait 3 271 PU DALO pour 2019, le bilan 2021 en donne 3 398 : révision ou champ différent, non expliqué par la publication.',
    ],
    polarity: 'neutral',
    where_to_ask: WHERE_COMED,
  }),
  publishedFigure({
    id: 'comed92_decisions_favorables_part',
    label: 'Part des recours DALO examinés ayant reçu une décision favorable (COMED 92)',
    short_label: 'Décisions favorables (COMED 92)',
    unit: 'pct',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Part des recours DALO examinés par la commission de médiation des Hauts-de-Seine en {year} qui ont reçu une décision favorable, selon le bilan de la COMED 92 relayé par l’OPML 92 (pourcentage arrondi à l’unité par la publication).',
    reference: 'décisions de l’année {year}',
    caveats: [
      COMED_CAVEAT,
      'Pour 2019, le bilan 2021 dit seulement que le taux de 2021 (43 %) est « comparable » à celui de 2019, sans le chiffrer : aucune valeur 2019 n’est chargée (le bilan 2019 donnait 38 %).',
    ],
    polarity: 'higher_better',
    where_to_ask: WHERE_COMED,
  }),
  publishedFigure({
    id: 'comed92_pu_dalo_reloges',
    label: 'Ménages PU DALO ayant accédé à un logement social dans l’année (COMED 92)',
    short_label: 'PU DALO relogés (COMED 92)',
    unit: 'menages',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Ménages reconnus prioritaires et urgents DALO qui « ont pu accéder à un logement social » en {year} dans les Hauts-de-Seine, selon l’OPML 92 d’après le bilan de la COMED 92.',
    reference: 'année {year}',
    caveats: [COMED_CAVEAT],
    polarity: 'higher_better',
    where_to_ask: WHERE_COMED,
  }),
  publishedFigure({
    id: 'comed92_pu_dalo_a_reloger',
    label: 'Ménages PU DALO attendant encore un relogement en fin d’année (COMED 92)',
    short_label: 'PU DALO restant à reloger (COMED 92)',
    unit: 'menages',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Ménages reconnus prioritaires et urgents DALO qui « attendaient encore un relogement » à la fin de {year} dans les Hauts-de-Seine (toutes années de reconnaissance confondues), selon l’OPML 92 d’après le bilan de la COMED 92.',
    reference: 'fin {year}',
    caveats: [COMED_CAVEAT],
    polarity: 'higher_worse',
    where_to_ask: WHERE_COMED,
  }),

  // Infocentre DALO, DREES Panorama statistique 2015 (recours de 2014).
  publishedFigure({
    id: 'dalo_infocentre_recours_recus',
    label: 'Recours DALO reçus, logement et hébergement (Infocentre DALO)',
    short_label: 'Recours reçus (Infocentre DALO)',
    unit: 'recours',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      '« Nombre de recours reçus » (recours « logement » et « hébergement ») par la commission de médiation en {year}, selon l’Infocentre DALO publié par la DREES (Panorama statistique, tableau « Recours au Droit Au Logement (DALO) »).',
    reference: 'recours reçus en {year}',
    caveats: [INFOCENTRE_CAVEAT],
    polarity: 'higher_worse',
    where_to_ask: WHERE_INFOCENTRE,
  }),
  publishedFigure({
    id: 'dalo_infocentre_recours_favorables',
    label: 'Recours DALO ayant reçu une décision favorable, logement et hébergement (Infocentre DALO)',
    short_label: 'Décisions favorables (Infocentre DALO)',
    unit: 'recours',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Recours avec décision « dont favorables » (logement et hébergement) en {year}, selon l’Infocentre DALO publié par la DREES (Panorama statistique).',
    reference: 'décisions sur les recours reçus en {year}',
    caveats: [INFOCENTRE_CAVEAT],
    polarity: 'neutral',
    where_to_ask: WHERE_INFOCENTRE,
  }),
  publishedFigure({
    id: 'dalo_infocentre_recours_logement_recus',
    label: 'Recours DALO « logement » reçus (Infocentre DALO)',
    short_label: 'Recours logement (Infocentre DALO)',
    unit: 'recours',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      '« Nombre de recours "logement" reçus » par la commission de médiation en {year}, selon l’Infocentre DALO publié par la DREES (Panorama statistique). Proche, mais série distincte, des recours DALO du bilan de la COMED 92.',
    reference: 'recours reçus en {year}',
    caveats: [INFOCENTRE_CAVEAT],
    polarity: 'higher_worse',
    where_to_ask: WHERE_INFOCENTRE,
  }),
  publishedFigure({
    id: 'dalo_infocentre_recours_logement_favorables',
    label: 'Recours DALO « logement » favorables : prioritaires et urgents (Infocentre DALO)',
    short_label: 'Logement : favorables (Infocentre DALO)',
    unit: 'recours',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Recours « logement » avec décision « dont favorables logement (prioritaires et urgents) » en {year}, selon l’Infocentre DALO publié par la DREES (Panorama statistique).',
    reference: 'décisions sur les recours reçus en {year}',
    caveats: [INFOCENTRE_CAVEAT],
    polarity: 'neutral',
    where_to_ask: WHERE_INFOCENTRE,
  }),
  publishedFigure({
    id: 'dalo_infocentre_recours_hebergement_recus',
    label: 'Recours « hébergement » (DAHO) reçus (Infocentre DALO)',
    short_label: 'Recours hébergement (Infocentre DALO)',
    unit: 'recours',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      '« Nombre de recours "hébergement" reçus » (droit à l’hébergement opposable) par la commission de médiation en {year}, selon l’Infocentre DALO publié par la DREES (Panorama statistique).',
    reference: 'recours reçus en {year}',
    caveats: [INFOCENTRE_CAVEAT],
    polarity: 'higher_worse',
    where_to_ask: WHERE_INFOCENTRE,
  }),
  publishedFigure({
    id: 'dalo_infocentre_recours_hebergement_favorables',
    label: 'Recours « hébergement » favorables : prioritaires et devant être accueillis (Infocentre DALO)',
    short_label: 'Hébergement : favorables (Infocentre DALO)',
    unit: 'recours',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Recours « hébergement » avec décision favorable (« prioritaires et devant être accueillis ») en {year}, selon l’Infocentre DALO publié par la DREES (Panorama statistique).',
    reference: 'décisions sur les recours reçus en {year}',
    caveats: [INFOCENTRE_CAVEAT],
    polarity: 'neutral',
    where_to_ask: WHERE_INFOCENTRE,
  }),

  // DRIHL UT 92, rapport hébergement et logement 2014, cité par l’OPML 92.
  publishedFigure({
    id: 'drihl92_places_hebergement_logement_adapte',
    label: 'Places d’hébergement et de logement adapté financées par l’État (DRIHL UT 92)',
    short_label: 'Places hébergement + logement adapté (DRIHL)',
    unit: 'places',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Places financées par l’État dans le département en {year} : hébergement d’urgence (hôtel compris), d’insertion et logement adapté (résidences sociales, Solibail, allocation de logement temporaire), selon le rapport de la DRIHL (UT 92) cité par l’OPML 92 (« quelques 15 300 places »).',
    reference: 'année {year}',
    caveats: [DRIHL_2014_CAVEAT],
    polarity: 'higher_better',
    where_to_ask: WHERE_HEBERGEMENT,
  }),
  publishedFigure({
    id: 'drihl92_places_urgence',
    label: 'Places d’hébergement d’urgence financées par l’État, hôtel compris (DRIHL UT 92)',
    short_label: 'Places d’urgence (DRIHL)',
    unit: 'places',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Places « pour l’urgence » financées par l’État dans le département en {year}, places en hôtel comprises, selon le rapport de la DRIHL (UT 92) cité par l’OPML 92.',
    reference: 'année {year}',
    caveats: [DRIHL_2014_CAVEAT],
    polarity: 'neutral',
    where_to_ask: WHERE_HEBERGEMENT,
  }),
  publishedFigure({
    id: 'drihl92_places_urgence_hotel',
    label: 'Places d’hébergement d’urgence en hôtel (DRIHL UT 92)',
    short_label: 'Places d’urgence en hôtel (DRIHL)',
    unit: 'places',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Parmi les places d’urgence financées par l’État en {year}, les places en hôtel (« dont 2200 place en hôtels »), selon le rapport de la DRIHL (UT 92) cité par l’OPML 92.',
    reference: 'année {year}',
    caveats: [DRIHL_2014_CAVEAT],
    polarity: 'higher_worse',
    where_to_ask: WHERE_HEBERGEMENT,
  }),
  publishedFigure({
    id: 'drihl92_places_insertion',
    label: 'Places d’hébergement d’insertion financées par l’État (DRIHL UT 92)',
    short_label: 'Places d’insertion (DRIHL)',
    unit: 'places',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Places « pour l’insertion » financées par l’État dans le département en {year}, selon le rapport de la DRIHL (UT 92) cité par l’OPML 92.',
    reference: 'année {year}',
    caveats: [DRIHL_2014_CAVEAT],
    polarity: 'higher_better',
    where_to_ask: WHERE_HEBERGEMENT,
  }),
  publishedFigure({
    id: 'drihl92_places_logement_adapte',
    label: 'Places en logement adapté financées par l’État (DRIHL UT 92)',
    short_label: 'Places en logement adapté (DRIHL)',
    unit: 'places',
    theme: 'hebergement',
    family: 'hebergement-dalo-expulsions',
    definition:
      'Places « en logement adapté (résidences sociales, Solibail et allocation de logement temporaire) » financées par l’État dans le département en {year}, selon le rapport de la DRIHL (UT 92) cité par l’OPML 92.',
    reference: 'année {year}',
    caveats: [DRIHL_2014_CAVEAT],
    polarity: 'higher_better',
    where_to_ask: WHERE_HEBERGEMENT,
  }),
];
