/** The dashboard's only way to data: the typed Hono client over the public API. */
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../server/app';

export const client = hc<AppType>('/');

export type FicheResponse = InferResponseType<
  (typeof client.api.territories)[':level'][':code']['$get'],
  200
>;
export type Fiche = FicheResponse['data'];
export type FicheIndicator = Fiche['indicators'][number];
export type Latest = NonNullable<FicheIndicator['value']>;
export type ValuesResponse = InferResponseType<typeof client.api.values.$get, 200>;
export type IndicatorsResponse = InferResponseType<typeof client.api.indicators.$get, 200>;
export type IndicatorInfo = IndicatorsResponse['data'][number];
export type SearchHit = InferResponseType<typeof client.api.search.$get, 200>['data'][number];
export type Source = FicheResponse['meta']['sources'][string];

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Unwraps a typed response: JSON on 2xx, an ApiError carrying the API's French message otherwise. */
export async function unwrap<T>(res: { ok: boolean; status: number; json(): Promise<unknown> }): Promise<T> {
  const body = (await res.json()) as { error?: { message: string } };
  if (!res.ok) throw new ApiError(body.error?.message ?? `Erreur ${res.status}`, res.status);
  return body as T;
}

// Explore views (map, comparison, rankings, sources).
export type CompareResponse = InferResponseType<typeof client.api.compare.$get, 200>;
export type CompareIndicator = CompareResponse['data']['indicators'][number];
export type CompareTerritory = CompareResponse['data']['territories'][number];
export type RankingsResponse = InferResponseType<typeof client.api.rankings.$get, 200>;
export type RankingRow = RankingsResponse['data'][number];
export type TerritoryListResponse = InferResponseType<typeof client.api.territories.$get, 200>;
export type TerritoryListItem = TerritoryListResponse['data'][number];
export type SourcesResponse = InferResponseType<typeof client.api.sources.$get, 200>;
export type SourceRow = SourcesResponse['data'][number];
export type ReconciliationResponse = InferResponseType<typeof client.api.reconciliation.$get, 200>;
export type GeoLayersResponse = InferResponseType<typeof client.api.geo.$get, 200>;

/** Public address of an API route with its query (for « lien API » and CSV links). */
export function apiUrl(
  path: string,
  query: Record<string, string | undefined>,
  format?: 'csv' | 'arrow',
): string {
  const q = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  const qs = new URLSearchParams(q).toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  return `${path}${format ? `.${format}` : ''}${qs ? `?${qs}` : ''}`;
}
