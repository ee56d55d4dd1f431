/** Map layers (TopoJSON) of `/api/geo`, fetched once per page by their versioned address. */
import type { Topology } from 'topojson-specification';
import { client, unwrap, type GeoLayersResponse } from '../api';

const layers = new Map<string, Promise<Topology>>();

let layerList: Promise<GeoLayersResponse> | null = null;

/** The layer list with content hashes (`/api/geo`). */
export function loadLayerList(): Promise<GeoLayersResponse> {
  layerList ??= client.api.geo.$get().then((r) => unwrap<GeoLayersResponse>(r));
  layerList.catch(() => (layerList = null));
  return layerList;
}

/**
 * Fetches a TopoJSON layer once per page (`communes-idf`, `france`, …), by its versioned address
 * (`?v=<hash>`, served as immutable: the browser cache keeps the 12 MB national layer between visits).
 */
export function loadLayer(layer: string): Promise<Topology> {
  let p = layers.get(layer);
  if (!p) {
    p = loadLayerList()
      .then((list) => list.data.find((l) => l.id === layer)?.hash)
      .catch(() => undefined)
      .then((v) => {
        // `v` is parsed by the route itself (the typed client declares no query): passed through as is.
        const args = { param: { layer }, query: v ? { v } : {} };
        return client.api.geo[':layer'].$get(args);
      })
      .then((r) => unwrap<Topology>(r));
    layers.set(layer, p);
    p.catch(() => layers.delete(layer));
  }
  return p;
}
