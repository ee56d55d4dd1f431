/** Loader of a commune's comparable communes (`/api/territories/commune/:code/peers`), one request per page. */
import type { InferResponseType } from 'hono/client';
import { client, unwrap } from '../../api';

export type PeersResponse = InferResponseType<
  (typeof client.api.territories.commune)[':code']['peers']['$get'],
  200
>;
export type Peers = PeersResponse['data'];
export type PeerRow = Peers['peers'][number];
export type PeerCriterion = Peers['criteria'][number];

const cache = new Map<string, Promise<PeersResponse>>();

/** Cached for the page's life: the fiche section and the argument cards share one request. */
export function loadPeers(code: string): Promise<PeersResponse> {
  let p = cache.get(code);
  if (!p) {
    p = client.api.territories.commune[':code'].peers
      .$get({ param: { code } })
      .then((r) => unwrap<PeersResponse>(r));
    cache.set(code, p);
    p.catch(() => cache.delete(code));
  }
  return p;
}

/** `/comparer?codes=…`: the commune and at most five of its peers (the comparison shows six territories). */
export function compareHref(code: string, peers: { code: string }[]): string {
  return `/comparer?codes=${[code, ...peers.slice(0, 5).map((p) => p.code)].join(',')}`;
}
