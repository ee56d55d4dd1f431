/**
 * The glossary: every acronym and technical word the dashboard uses, in plain French. Each entry has
 * the patterns that find it in a text, so that its first appearance on a page links to `/glossaire`.
 * The quality badges are explained from the registry's flags (same page, section « Signalements »).
 */

export interface GlossaryEntry {
  id: string;
  /** The term as the glossary heads it. */
  term: string;
  /** One sentence, shown on hover or focus of a linked term. */
  short: string;
  /** More, if needed, on the glossary page. */
  more?: string;
  /** Regular expression sources matching the term in running text (whole words). */
  match: string[];
  /** Whether `match` ignores case (plain words); acronyms are matched as written. */
  anyCase?: boolean;
}

export const GLOSSARY: GlossaryEntry[] = [
  {
    id: 'sru',
    term: 'Loi SRU',
    short:
      'Loi « solidarité et renouvellement urbains » (2000) : les communes concernées doivent compter 20 % ou 25 % de logements sociaux parmi leurs résidences principales.',
    more: 'Elle vise les communes de plus de 3 500 habitants (1 500 en Île-de-France) situées dans une agglomération ou une intercommunalité de plus de 50 000 habitants qui compte une commune de plus de 15 000 habitants. Une commune qui n’y figure pas n’est « pas soumise à la loi SRU » : elle n’a pas d’objectif, et pas de taux publié.',
    match: ['SRU'],
  },
  {
    id: 'taux-sru',
    term: 'Taux de logements sociaux (taux SRU)',
    short:
      'Part des logements sociaux comptés au titre de la loi SRU parmi les résidences principales de la commune, au 1er janvier de l’année de l’inventaire.',
    match: ['taux SRU', 'taux de logements sociaux'],
    anyCase: true,
  },
  {
    id: 'taux-cible',
    term: 'Taux cible (objectif légal)',
    short:
      'Part de logements sociaux que la loi fixe à la commune : 25 % en général, 20 % là où la demande de logement social est moins forte.',
    match: ['taux cible', 'objectif légal', 'objectifs légaux'],
    anyCase: true,
  },
  {
    id: 'deficitaire',
    term: 'Commune déficitaire',
    short:
      'Commune soumise à la loi SRU dont le taux de logements sociaux est sous son taux cible : elle paie un prélèvement et doit rattraper son retard par étapes de trois ans.',
    match: ['déficitaires?'],
    anyCase: true,
  },
  {
    id: 'logements-manquants',
    term: 'Logements sociaux manquants',
    short:
      'Nombre de logements sociaux qu’il faudrait en plus pour atteindre le taux cible, à nombre de résidences principales constant (calculé par l’observatoire).',
    match: ['logements sociaux manquants', 'logements manquants'],
    anyCase: true,
  },
  {
    id: 'carence',
    term: 'Carence (arrêté de carence)',
    short:
      'Décision du préfet contre une commune déficitaire qui n’a pas tenu ses objectifs de trois ans : prélèvement majoré, et le préfet peut agir à sa place (préemption de terrains, permis, attributions).',
    match: ['carences?', 'carencées?'],
    anyCase: true,
  },
  {
    id: 'prelevement',
    term: 'Prélèvement SRU',
    short:
      'Somme retenue chaque année sur les ressources d’une commune déficitaire, selon le nombre de logements sociaux qui lui manquent ; elle peut être nulle après déduction des dépenses de la commune pour le logement social.',
    match: ['prélèvements?'],
    anyCase: true,
  },
  {
    id: 'exemptee',
    term: 'Commune exemptée',
    short:
      'Commune soumise à la loi SRU dispensée de ses obligations pour la période de trois ans en cours, par décret (peu de demande, terrains inconstructibles, mauvaise desserte).',
    match: ['exemptées?', 'exemptés?'],
    anyCase: true,
  },
  {
    id: 'inventaire',
    term: 'Inventaire SRU',
    short:
      'Décompte, au 1er janvier de chaque année, des logements sociaux de chaque commune soumise à la loi SRU, établi par les services de l’État avec les bailleurs.',
    more: 'Une commune qui dépasse nettement son taux cible peut ne pas être inventoriée : le fichier écrit alors « au-dessus de 25 % » sans taux exact.',
    match: ['inventaires?', 'non inventoriée'],
    anyCase: true,
  },
  {
    id: 'logement-social',
    term: 'Logement social',
    short:
      'Logement loué à loyer plafonné par un organisme HLM ou un autre bailleur social, à des ménages dont les ressources sont sous des plafonds.',
    match: ['logements? sociaux', 'logement social'],
    anyCase: true,
  },
  {
    id: 'hlm',
    term: 'HLM',
    short: 'Habitation à loyer modéré : le logement social et les organismes qui le gèrent.',
    match: ['HLM'],
  },
  {
    id: 'rpls',
    term: 'RPLS',
    short:
      'Répertoire des logements locatifs des bailleurs sociaux, tenu par le ministère de la Transition écologique (SDES) : tous les logements des bailleurs sociaux au 1er janvier.',
    more: 'Il ne compte pas exactement les mêmes logements que l’inventaire SRU (qui compte aussi des places de foyers et des logements privés conventionnés) : les deux chiffres diffèrent.',
    match: ['RPLS'],
  },
  {
    id: 'plai',
    term: 'PLAI, PLUS, PLS',
    short:
      'Les trois financements du logement social, du plus social au moins social : PLAI pour les ménages les plus modestes (loyers les plus bas), PLUS pour le logement social courant, PLS pour des loyers et des plafonds plus élevés.',
    match: ['PLAI', 'PLUS', 'PLS'],
  },
  {
    id: 'qpv',
    term: 'QPV (quartier prioritaire)',
    short:
      'Quartier prioritaire de la politique de la ville : quartier défini par l’État où une majorité d’habitants ont de très faibles revenus.',
    match: ['QPV', 'quartiers? prioritaires?'],
  },
  {
    id: 'dalo',
    term: 'DALO',
    short:
      'Droit au logement opposable (loi de 2007) : un ménage mal logé ou sans réponse à sa demande de logement social peut saisir une commission de médiation ; reconnu prioritaire et urgent, il doit recevoir une offre de logement du préfet.',
    match: ['DALO'],
  },
  {
    id: 'daho',
    term: 'DAHO',
    short: 'Droit à l’hébergement opposable : le même recours, pour obtenir une place d’hébergement.',
    match: ['DAHO'],
  },
  {
    id: 'pu-dalo',
    term: 'Prioritaire et urgent (PU DALO)',
    short:
      'Décision de la commission de médiation qui reconnaît qu’un ménage doit être relogé en urgence au titre du DALO.',
    match: ['prioritaires? et urgents?', 'PU'],
  },
  {
    id: 'comed',
    term: 'COMED (commission de médiation)',
    short:
      'Commission de chaque département qui examine les recours DALO et DAHO et décide si le ménage est prioritaire.',
    match: ['COMED', 'commissions? de médiation'],
  },
  {
    id: 'ccapex',
    term: 'CCAPEX',
    short:
      'Commission de coordination des actions de prévention des expulsions locatives, une par département, présidée par le préfet et le président du conseil départemental.',
    match: ['CCAPEX'],
  },
  {
    id: 'siao',
    term: 'SIAO (115)',
    short:
      'Service intégré d’accueil et d’orientation, un par département : il gère le numéro d’urgence 115 et oriente vers les places d’hébergement et de logement adapté.',
    match: ['SIAO'],
  },
  {
    id: 'ddets',
    term: 'DDETS',
    short:
      'Direction départementale de l’emploi, du travail et des solidarités : le service de l’État qui, dans chaque département, s’occupe de l’hébergement et du logement des personnes défavorisées (outre-mer : DEETS ; Paris et petite couronne : DRIHL).',
    match: ['DDETS', 'DEETS'],
  },
  {
    id: 'dreal',
    term: 'DREAL',
    short:
      'Direction régionale de l’environnement, de l’aménagement et du logement : le service régional de l’État qui suit le logement social (financements, inventaire, statistiques) ; outre-mer : DEAL.',
    match: ['DREAL', 'DEAL'],
  },
  {
    id: 'drihl',
    term: 'DRIHL',
    short:
      'Direction régionale et interdépartementale de l’hébergement et du logement : en Île-de-France, elle fait le travail des DREAL et, à Paris et en petite couronne, des DDETS pour le logement et l’hébergement.',
    match: ['DRIHL'],
  },
  {
    id: 'dhup',
    term: 'DGALN, DHUP',
    short:
      'Directions du ministère du Logement (aménagement, logement et nature ; habitat, urbanisme et paysages) qui publient l’inventaire SRU.',
    match: ['DHUP', 'DGALN'],
  },
  {
    id: 'pdalhpd',
    term: 'PDALHPD',
    short:
      'Plan départemental d’action pour le logement et l’hébergement des personnes défavorisées, piloté par l’État et le conseil départemental.',
    match: ['PDALHPD'],
  },
  {
    id: 'sne',
    term: 'SNE (demande de logement social)',
    short:
      'Système national d’enregistrement : chaque demande de logement social y reçoit un numéro unique ; ses statistiques donnent les demandes en cours et les attributions.',
    match: ['SNE'],
  },
  {
    id: 'tension',
    term: 'Tension de la demande',
    short:
      'Rapport entre les demandes de logement social en attente et les logements attribués dans l’année : 10 veut dire 10 demandes pour une attribution.',
    more: 'Chaque éditeur la calcule à sa façon (demandes en cours du SNE, « indicateur de difficulté » de l’OPML 92, « 1 attribution pour N demandes » de la DRIHL) : ces chiffres ne se comparent pas entre eux.',
    match: ['tension', 'indicateur de difficulté'],
    anyCase: true,
  },
  {
    id: 'attribution',
    term: 'Attribution',
    short:
      'Décision de la commission d’un bailleur social d’accorder un logement à un ménage demandeur (une « demande satisfaite »).',
    match: ['attributions?', 'attributaires?'],
    anyCase: true,
  },
  {
    id: 'anciennete',
    term: 'Ancienneté de la demande, délai d’obtention',
    short:
      'Deux mesures différentes : l’ancienneté est le temps écoulé depuis le dépôt des demandes encore en attente ; le délai d’obtention est le temps qu’ont attendu les ménages qui ont obtenu un logement.',
    match: ['ancienneté', 'délai d’obtention', 'délai médian'],
    anyCase: true,
  },
  {
    id: 'rsa',
    term: 'RSA',
    short:
      'Revenu de solidarité active : revenu minimum versé par la CAF (ou la MSA) aux personnes sans ressources ou à très faibles ressources.',
    match: ['RSA'],
  },
  {
    id: 'prime-activite',
    term: 'Prime d’activité',
    short: 'Complément de revenu versé par la CAF aux travailleurs aux revenus modestes.',
    match: ['prime d’activité'],
    anyCase: true,
  },
  {
    id: 'allocataire',
    term: 'Foyer allocataire',
    short:
      'La personne qui reçoit une prestation de la CAF, avec son conjoint et les personnes à sa charge. Un foyer n’est pas un ménage : un logement peut abriter plusieurs foyers.',
    match: ['foyers? allocataires?', 'allocataires?'],
    anyCase: true,
  },
  {
    id: 'cnaf',
    term: 'Cnaf, CAF',
    short:
      'Caisse nationale et caisses d’allocations familiales : elles versent les prestations sociales et publient le nombre d’allocataires par commune, arrondi au multiple de 5.',
    match: ['Cnaf', 'CAF'],
  },
  {
    id: 'aides-logement',
    term: 'Aides au logement (APL, ALF, ALS)',
    short: 'Aides de la CAF qui réduisent le loyer ou la mensualité d’emprunt des ménages modestes.',
    match: ['aides? au logement', 'APL'],
    anyCase: true,
  },
  {
    id: 'menage',
    term: 'Ménage',
    short:
      'Toutes les personnes qui vivent dans un même logement (résidence principale), qu’elles soient parentes ou non.',
    match: ['ménages?'],
    anyCase: true,
  },
  {
    id: 'residence-principale',
    term: 'Résidence principale',
    short:
      'Logement habité la plus grande partie de l’année par un ménage (ni résidence secondaire ni logement vide).',
    match: ['résidences? principales?'],
    anyCase: true,
  },
  {
    id: 'niveau-de-vie',
    term: 'Niveau de vie (médian)',
    short:
      'Revenu du ménage après impôts et prestations, divisé par le nombre de parts du ménage (1 pour le premier adulte, 0,5 pour chaque autre personne de 14 ans ou plus, 0,3 par enfant plus jeune). La médiane partage les habitants en deux moitiés.',
    match: ['niveau de vie'],
    anyCase: true,
  },
  {
    id: 'pauvrete',
    term: 'Taux de pauvreté',
    short:
      'Part des habitants dont le niveau de vie est sous le seuil de pauvreté, fixé à 60 % du niveau de vie médian de la France.',
    match: ['taux de pauvreté', 'pauvreté'],
    anyCase: true,
  },
  {
    id: 'interdecile',
    term: 'Rapport interdécile (D9/D1)',
    short:
      'Le niveau de vie au-dessus duquel vivent les 10 % les plus aisés, divisé par celui en dessous duquel vivent les 10 % les plus modestes : plus il est grand, plus les écarts sont forts.',
    match: ['interdécile', 'D9/D1'],
  },
  {
    id: 'filosofi',
    term: 'Filosofi',
    short:
      'Source de l’Insee sur les revenus et la pauvreté, tirée des déclarations d’impôts et des prestations sociales.',
    match: ['Filosofi'],
  },
  {
    id: 'recensement',
    term: 'Recensement de la population',
    short:
      'Enquête de l’Insee : le chiffre d’une commune pour une année est tiré des enquêtes de cinq années autour d’elle ; deux années proches ne se comparent pas.',
    match: ['recensements?'],
    anyCase: true,
  },
  {
    id: 'secret',
    term: 'Secret statistique',
    short:
      'Règle qui interdit de publier un chiffre portant sur trop peu de personnes, pour qu’on ne puisse pas les reconnaître : le chiffre est alors « non diffusé ».',
    match: ['secret statistique'],
    anyCase: true,
  },
  {
    id: 'ept',
    term: 'EPT (établissement public territorial)',
    short:
      'L’une des 12 intercommunalités de la Métropole du Grand Paris (par exemple Vallée Sud Grand Paris ou Boucle Nord de Seine).',
    match: ['EPT'],
  },
  {
    id: 'epci',
    term: 'EPCI (intercommunalité)',
    short:
      'Groupement de communes qui lève l’impôt : communauté de communes, d’agglomération, communauté urbaine ou métropole.',
    match: ['EPCI', 'intercommunalités?'],
  },
  {
    id: 'neet',
    term: 'NEET',
    short: 'Jeunes ni en emploi, ni en études, ni en formation.',
    match: ['NEET'],
  },
  {
    id: 'hebergement',
    term: 'Hébergement d’urgence, CHRS',
    short:
      'Places sans bail offertes aux personnes sans abri : centres d’hébergement d’urgence (CHU), centres d’hébergement et de réinsertion sociale (CHRS), nuitées d’hôtel.',
    match: ['hébergement d’urgence', 'CHRS', 'CHU'],
  },
  {
    id: 'expulsion',
    term: 'Procédure d’expulsion locative',
    short:
      'Après le jugement, un commissaire de justice délivre au locataire un commandement de quitter les lieux ; si le locataire reste, le propriétaire demande au préfet le concours de la force publique (la police) pour l’expulser.',
    match: ['commandements? de quitter les lieux', 'concours de la force publique', 'expulsions?'],
    anyCase: true,
  },
  {
    id: 'millesime',
    term: 'Millésime',
    short: 'Année à laquelle se rapporte un fichier ou un chiffre.',
    match: ['millésimes?'],
    anyCase: true,
  },
];

const byId = new Map(GLOSSARY.map((g) => [g.id, g]));

export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return byId.get(id);
}

interface Compiled {
  entry: GlossaryEntry;
  re: RegExp;
}

const compiled: Compiled[] = GLOSSARY.map((entry) => ({
  entry,
  re: new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${entry.match.join('|')})(?![\\p{L}\\p{N}])`,
    entry.anyCase ? 'iu' : 'u',
  ),
}));

export type GlossPart = string | { text: string; entry: GlossaryEntry };

/**
 * Cuts a text into plain parts and glossary terms. `take(id)` says whether this occurrence may be
 * linked (the first on the page); each term is linked at most once per text.
 */
export function glossParts(text: string, take: (id: string) => boolean): GlossPart[] {
  const out: GlossPart[] = [];
  const done = new Set<string>();
  let rest = text;
  for (;;) {
    let best: { c: Compiled; index: number; length: number } | null = null;
    for (const c of compiled) {
      if (done.has(c.entry.id)) continue;
      const m = c.re.exec(rest);
      if (m && (!best || m.index < best.index)) best = { c, index: m.index, length: m[0].length };
    }
    if (!best) break;
    done.add(best.c.entry.id);
    if (!take(best.c.entry.id)) continue;
    if (best.index > 0) out.push(rest.slice(0, best.index));
    out.push({ text: rest.slice(best.index, best.index + best.length), entry: best.c.entry });
    rest = rest.slice(best.index + best.length);
  }
  if (rest) out.push(rest);
  return out;
}
