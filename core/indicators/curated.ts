/**
 * Shared shape of the registry entries whose values are published figures copied by hand
 * (`pipelines/curated/figures.csv`). Each publisher's definition is its own indicator id, so that no
 * chart, table or comparison can put two definitions on one line; values are never aggregated.
 */
import type { IndicatorDef } from '../registry.js';

export const CURATED_CAVEAT =
  'Chiffre publié, recopié avec sa référence (publication, page, date) : il n’existe pas de fichier ouvert. Définition propre à la publication citée : ne pas le relier ni l’additionner à une autre série.';

type CuratedSpec = Omit<IndicatorDef, 'aggregation' | 'open' | 'curated' | 'decimals' | 'polarity'> &
  Partial<Pick<IndicatorDef, 'decimals' | 'polarity'>>;

export function publishedFigure(spec: CuratedSpec): IndicatorDef {
  return {
    decimals: 0,
    polarity: 'neutral',
    ...spec,
    caveats: [CURATED_CAVEAT, ...spec.caveats],
    aggregation: 'none',
    open: false,
    curated: true,
  };
}
