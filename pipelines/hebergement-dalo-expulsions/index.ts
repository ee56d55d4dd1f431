/**
 * Hébergement, DALO and expulsions locatives. See
 * `OBSERVATOIRE_MIRROR/hebergement-dalo-expulsions/PROVENANCE.md`: no machine-readable file exists, so
 * this module loads only the published figures of its family from `pipelines/curated/figures.csv`
 * (COMED 92 bilans, Infocentre DALO via the DREES, DRIHL hébergement capacity), one `sources` row per
 * citation. The documented gaps (places per commune, expulsions, DALO per commune) are registry entries
 * with `open: false` and no values (`core/indicators/gaps.ts`).
 */
import { curatedOutput, curatedResource } from '../lib/curated.js';
import type { Pipeline } from '../lib/pipeline.js';

export const HDE_CURATED = curatedResource('hebergement-dalo-expulsions');

export const hebergementDaloExpulsionsPipeline: Pipeline = {
  family: 'hebergement-dalo-expulsions',
  resources: [HDE_CURATED],
  async run(ctx, inputs) {
    return curatedOutput('hebergement-dalo-expulsions', inputs.get(HDE_CURATED.id)!, ctx.territories);
  },
};
