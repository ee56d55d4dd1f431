/**
 * « Où demander » entries of the registry, in one place. Texts may name bodies as placeholders
 * (`{prefecture}`, `{ddets}`, `{comed}`, `{ccapex}`, `{siao}`, `{dreal}`, `{du_departement}`…): they are
 * resolved for each territory by `core/where-to-ask.ts`, so that Roubaix is sent to the Nord and
 * Hauts-de-France bodies and Meudon to the Hauts-de-Seine and Île-de-France ones. Entries that name a
 * publication's own publisher (OPML 92, Collectif Citoyens Fraternels 92, COMED 92 bilan) stay literal:
 * they are about that publication, whatever the territory.
 */
import type { WhereToAskTemplate } from '../where-to-ask.js';

const DRIHL_URL = 'https://www.drihl.ile-de-france.developpement-durable.gouv.fr/';
const DALO_URL = 'https://droitaulogementopposable.org/Les-chiffres-du-DALO-131';

/**
 * Demand and allocations outside Île-de-France (the DRIHL socle covers Île-de-France only): the State's
 * services of the territory's own département hold the Infocentre SNE extractions.
 */
export const WHERE_SNE: WhereToAskTemplate = {
  publisher:
    '{ddets} (accès à l’Infocentre SNE) ; GIP SNE (Système national d’enregistrement de la demande de logement social), portail statistique « Data Logement »',
  ask: 'Pour chaque commune et intercommunalité {du_departement}, chaque année : le nombre de demandes de logement social en cours au 31 décembre qui la visent en premier choix, les attributions de l’année, le délai médian d’attribution et la part des demandes de plus de 5 ans (extraction de l’Infocentre SNE), en fichier réutilisable sous licence ouverte, comme ces chiffres sont publiés pour l’Île-de-France.',
  url: 'https://www.demande-logement-social.gouv.fr/statistiques',
};

export const WHERE_CCF92: WhereToAskTemplate = {
  publisher: 'Collectif Citoyens Fraternels 92',
  ask: 'La source (SNE, DRIHL…), le champ (mutations comprises ou non) et la date d’extraction des chiffres de demande et d’attributions cités dans le rapport d’activité 2024, et l’adresse du rapport.',
};

export const WHERE_DRIHL_ATTRIBUTIONS: WhereToAskTemplate = {
  publisher: 'DRIHL Île-de-France (bilans de la demande et des attributions de logement social)',
  ask: 'Le tableau des « bilans socles » de la demande et des attributions par département, EPT et commune, pour chaque année disponible, en CSV ou Excel.',
  url: 'https://www.drihl.ile-de-france.developpement-durable.gouv.fr/infographie-les-attributions-de-logement-social-en-a1341.html',
};

export const WHERE_OPML: WhereToAskTemplate = {
  publisher: 'OPML 92 (observatoire de la précarité et du mal-logement des Hauts-de-Seine)',
  ask: 'Le tableau 3-4-1 (demandeurs, attributions, délais) avec sa source SNE, sa date d’extraction et ses valeurs par année.',
  url: 'http://precaritelogement92.fr/?p=5564',
};

/** The COMED 92 bilan, source of the `comed92_*` published figures. */
export const WHERE_COMED: WhereToAskTemplate = {
  publisher:
    'Préfecture des Hauts-de-Seine — secrétariat de la commission de médiation DALO (COMED 92) ; DHUP (Infocentre DALO)',
  ask: 'Le bilan annuel de la COMED 92 en tableau : recours DALO et DAHO reçus, décisions, ménages reconnus prioritaires et urgents, relogés, restant à reloger, et la part des attributions de logements sociaux qui leur est allée, pour chaque année.',
  url: DALO_URL,
};

export const WHERE_HEBERGEMENT: WhereToAskTemplate = {
  publisher: '{ddets} (hébergement et logement adapté) ; {siao} ; {dreal}',
  ask: 'Le rapport annuel sur l’hébergement et le logement et le tableau des capacités au 31 décembre par commune et par type de structure (urgence dont hôtel, stabilisation, insertion, CADA, pensions de famille, résidences sociales, Solibail, ALT), pour chaque année.',
  url_by_region: { '11': DRIHL_URL },
};

export const WHERE_INFOCENTRE: WhereToAskTemplate = {
  publisher: 'DHUP (Infocentre DALO), republié par la DREES (Panorama statistique) et l’Association DALO',
  ask: 'Les tableaux départementaux de l’Infocentre DALO (recours logement et hébergement reçus, décisions, favorables, rejets, relogements) pour chaque année depuis 2008, en CSV ou Excel.',
  url: DALO_URL,
};

export const WHERE_DALO_COMMUNE: WhereToAskTemplate = {
  publisher: '{comed}, par son secrétariat ({ddets}) ; au niveau national : DHUP (Infocentre DALO)',
  ask: 'Le nombre de recours DALO et DAHO reçus, de décisions favorables, de ménages relogés et restant à reloger, par commune de résidence du requérant et par année.',
  url: DALO_URL,
};

export const WHERE_EXPULSIONS: WhereToAskTemplate = {
  publisher:
    '{prefecture} (bureau des expulsions locatives) et {ccapex} ; au niveau national : Ministère de l’Intérieur (DLPAJ)',
  ask: 'Le bilan annuel de la CCAPEX ou du plan départemental d’action pour le logement et l’hébergement des personnes défavorisées (PDALHPD) : commandements de quitter les lieux, demandes de concours de la force publique, concours accordés et interventions effectives, par commune et par année.',
};
