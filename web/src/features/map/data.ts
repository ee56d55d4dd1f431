import type { Topology } from 'topojson-specification';
import { client, unwrap, type ValuesResponse } from '../../api';

const layers = new Map<string, Promise<Topology>>();

/** Fetches a TopoJSON layer once per page. */
export function loadLayer(layer: string): Promise<Topology> {
  let p = layers.get(layer);
  if (!p) {
    p = client.api.geo[':layer'].$get({ param: { layer } }).then((r) => unwrap<Topology>(r));
    layers.set(layer, p);
    p.catch(() => layers.delete(layer));
  }
  return p;
}

export function loadValues(query: {
  indicator: string;
  level?: string;
  within?: string;
  year?: string;
}): Promise<ValuesResponse> {
  return client.api.values
    .$get({ query: { level: 'commune', within: 'france', year: 'latest', ...query } as never })
    .then((r) => unwrap<ValuesResponse>(r));
}
