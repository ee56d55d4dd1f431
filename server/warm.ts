/**
 * Fills the per-build caches in the background after the server starts (registry coverage, territory
 * index, years, sources, geo layers and their hashes), so the first visitors do not pay for them.
 */
import { allSources, findTerritory, yearsOf } from './queries.js';
import { layers } from './routes/geo.js';
import { coverage } from './routes/indicators.js';
import type { Store } from './store.js';

export async function warmUp(store: Store): Promise<void> {
  await Promise.all([
    coverage(store),
    findTerritory(store, 'france', 'FR'),
    yearsOf(store, 'population'),
    allSources(store),
  ]);
  await layers(store);
}
