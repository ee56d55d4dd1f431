import type { IndicatorDef } from '../registry.js';

/** Caveats shared by every Cafdata count (`s_ben_com_f`). */
const CAF_CAVEATS = [
  'La Cnaf arrondit les effectifs communaux au multiple de 5 le plus proche : la somme des communes diffère du total officiel du territoire (agrégats signalés « somme d’arrondis »).',
  'Foyers de décembre rattachés à la géographie communale de janvier de l’année suivante ; les années passées ne sont pas recodées.',
  'Extrait retraité par un tiers (rouages.fr) : les cases vides de la source y sont écrites 0. Un 0 de cet extrait est donc chargé comme valeur masquée (0 ou secret), jamais comme 0.',
  'Seuls les allocataires des CAF sont comptés (pas ceux de la MSA).',
];

const count = (
  id: string,
  label: string,
  short_label: string,
  definition: string,
  polarity: IndicatorDef['polarity'] = 'neutral',
  unit: IndicatorDef['unit'] = 'foyers',
  extraCaveats: string[] = [],
): IndicatorDef => ({
  id,
  label,
  short_label,
  unit,
  theme: 'precarite',
  family: 'caf',
  definition,
  reference: 'droits de décembre {year}',
  caveats: [...CAF_CAVEATS, ...extraCaveats],
  aggregation: 'sum',
  decimals: 0,
  polarity,
  open: true,
});

export const CAF_INDICATORS: IndicatorDef[] = [
  count(
    'caf_foyers_allocataires',
    'Foyers allocataires des CAF',
    'Foyers allocataires',
    'Foyers allocataires ayant un droit payable à au moins une prestation versée par la CAF au titre de décembre {year} (Cafdata, jeu s_ben_com_f, champ indfoy_ndur).',
  ),
  count(
    'caf_personnes_couvertes',
    'Personnes couvertes par une prestation CAF',
    'Personnes couvertes',
    'Allocataires, conjoints, enfants et autres personnes à charge des foyers allocataires des CAF, droits de décembre {year} (Cafdata, s_ben_com_f, champ indnbp_ndur).',
    'neutral',
    'personnes',
  ),
  count(
    'caf_foyers_rsa',
    'Foyers allocataires du RSA',
    'Foyers RSA',
    'Foyers allocataires percevant le revenu de solidarité active (RSA majoré et non majoré), droits de décembre {year} (Cafdata, s_ben_com_f, champ indfoy_rsa).',
    'higher_worse',
    'foyers',
    [
      'Tous types de RSA confondus : ce n’est pas le « RSA socle » des bases INSEE des quartiers prioritaires (définition différente).',
    ],
  ),
  count(
    'caf_foyers_prime_activite',
    'Foyers allocataires de la prime d’activité',
    'Foyers prime d’activité',
    'Foyers allocataires percevant la prime d’activité, droits de décembre {year} (Cafdata, s_ben_com_f, champ indfoy_ppa).',
  ),
  count(
    'caf_foyers_aide_logement',
    'Foyers allocataires d’une aide au logement',
    'Foyers aide au logement',
    'Foyers allocataires percevant une aide personnelle au logement (APL, ALF ou ALS), droits de décembre {year} (Cafdata, s_ben_com_f, champ indfoy_ndural).',
  ),
  count(
    'caf_foyers_af',
    'Foyers allocataires des allocations familiales',
    'Foyers AF',
    'Foyers allocataires percevant les allocations familiales, droits de décembre {year} (Cafdata, s_ben_com_f, champ indfoy_af).',
  ),
  count(
    'caf_foyers_paje',
    'Foyers allocataires d’une prestation PAJE',
    'Foyers PAJE',
    'Foyers allocataires percevant au moins une prestation de la prestation d’accueil du jeune enfant (PAJE), droits de décembre {year} (Cafdata, s_ben_com_f, champ indfoy_ndurpaje).',
  ),
  {
    // Computed by the lead from caf_foyers_rsa and the households family (not loaded by pipelines/caf).
    id: 'caf_rsa_pour_100_menages',
    label: 'Foyers allocataires du RSA pour 100 ménages',
    short_label: 'Foyers RSA / 100 ménages',
    unit: 'pour_100',
    theme: 'precarite',
    family: 'caf',
    definition:
      'Foyers allocataires du RSA en décembre {year} (Cafdata) pour 100 ménages (résidences principales du recensement). Aux niveaux supérieurs : somme des foyers RSA ÷ somme des ménages des communes.',
    reference: 'droits de décembre {year} ; ménages du recensement le plus proche (au plus 3 ans d’écart)',
    caveats: [
      'Un foyer allocataire n’est pas un ménage : plusieurs foyers allocataires peuvent partager un même logement. Ce rapport se lit « X foyers RSA pour 100 ménages », jamais « X % des ménages ».',
      'Le numérateur (CAF, décembre) et le dénominateur (recensement) ne portent pas sur la même date.',
      'Foyers RSA arrondis au multiple de 5 par la Cnaf.',
    ],
    aggregation: 'ratio',
    numerator: 'caf_foyers_rsa',
    denominator: 'menages',
    scale: 100,
    derive: {
      max_year_gap: 3,
      suspect_above: {
        value: 100,
        note: 'plus de foyers RSA que de ménages : domiciliations administratives ou erreur de géocodage probables, à vérifier',
      },
      small_count: {
        min_denominator: 100,
        min_numerator: 20,
        note: 'petits effectifs (moins de 100 ménages ou moins de 20 foyers RSA, effectifs arrondis à 5 par la Cnaf) : rapport trop fragile pour être comparé',
      },
    },
    decimals: 1,
    polarity: 'higher_worse',
    open: true,
  },
];
