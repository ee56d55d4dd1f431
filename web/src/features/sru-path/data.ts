/** Loader of a commune's SRU path (`/api/territories/commune/:code/sru`), one request per page. */
import type { InferResponseType } from 'hono/client';
import { ApiError, client, unwrap } from '../../api';

export type SruPathResponse = InferResponseType<
  (typeof client.api.territories.commune)[':code']['sru']['$get'],
  200
>;
export type SruPath = SruPathResponse['data'];
export type SruPeriod = SruPath['periods'][number];

const cache = new Map<string, Promise<SruPathResponse | null>>();

/** null when the commune is in no SRU inventory (404): the fiche then shows no SRU path. */
export function loadSruPath(code: string): Promise<SruPathResponse | null> {
  let p = cache.get(code);
  if (!p) {
    p = client.api.territories.commune[':code'].sru
      .$get({ param: { code } })
      .then((r) => unwrap<SruPathResponse>(r))
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      });
    cache.set(code, p);
    p.catch(() => cache.delete(code));
  }
  return p;
}
