/** Every source module, in build order (geo first: the others map their codes to its communes). */
import { cafPipeline } from './caf/index.js';
import { filosofiPipeline } from './filosofi/index.js';
import { geoPipeline } from './geo/index.js';
import { hebergementDaloExpulsionsPipeline } from './hebergement-dalo-expulsions/index.js';
import { inseePipeline } from './insee/index.js';
import type { Pipeline } from './lib/pipeline.js';
import { rplsPipeline } from './rpls/index.js';
import { snePipeline } from './sne/index.js';
import { sruPipeline } from './sru/index.js';

export const PIPELINES: Pipeline[] = [
  geoPipeline,
  inseePipeline,
  rplsPipeline,
  sruPipeline,
  cafPipeline,
  filosofiPipeline,
  snePipeline,
  hebergementDaloExpulsionsPipeline,
];
