/**
 * Fills the per-build caches in the background after the server starts (registry coverage, territory
 * index, years, sources, geo layers and their hashes), so the first visitors do not pay for them.
 */
import { layers } from './services/geo.js';
import { coverage } from './services/indicators.js';
import { yearsOf } from './services/observations.js';
import { allSources } from './services/sources.js';
import { findTerritory } from './services/territories.js';
import type { Store } from './store.js';

/**
 * Requests of the default view (the Île-de-France SRU map), answered once through the app at start-up
 * so that they land in the response cache for both encodings browsers ask for.
 */
export const DEFAULT_VIEW_REQUESTS = [
  '/api/indicators',
  '/api/geo',
  '/api/values?indicator=sru_taux&level=commune&within=region:11&year=latest',
  '/api/territories?level=departement&within=region:11&limit=50000',
  '/api/territories?level=ept&within=region:11&limit=50000',
  '/api/territories?level=epci&within=region:11&limit=50000',
];

/** The France perimeter of the map: compressed once in the background after the port opens (a few seconds). */
export const FRANCE_VIEW_REQUESTS = [
  '/api/values?indicator=sru_taux&level=commune&within=france&year=latest',
  '/api/territories?level=region&within=france&limit=50000',
  '/api/territories?level=departement&within=france&limit=50000',
];

export async function warmFranceView(
  request: (url: string, init: RequestInit) => Response | Promise<Response>,
): Promise<void> {
  const layers = (await (await request('/api/geo', {})).json()) as { data: { id: string; hash: string }[] };
  const france = layers.data.find((l) => l.id === 'france');
  const urls = [...(france ? [`/api/geo/france?v=${france.hash}`] : []), ...FRANCE_VIEW_REQUESTS];
  for (const url of urls) {
    for (const enc of ['br', 'gzip'])
      await (await request(url, { headers: { 'Accept-Encoding': enc } })).arrayBuffer();
  }
}

export async function warmDefaultView(
  request: (url: string, init: RequestInit) => Response | Promise<Response>,
): Promise<void> {
  for (const url of DEFAULT_VIEW_REQUESTS) {
    for (const enc of ['br', 'gzip'])
      await (await request(url, { headers: { 'Accept-Encoding': enc } })).arrayBuffer();
  }
}

export async function warmUp(store: Store): Promise<void> {
  await Promise.all([
    coverage(store),
    findTerritory(store, 'france', 'FR'),
    yearsOf(store, 'population'),
    allSources(store),
  ]);
  await layers(store);
}
