/** The `sources` table: every loaded file with its provenance (cached per build). */
import type { Store } from '../store.js';

export interface SourceOut {
  id: string;
  family: string;
  title: string;
  producer: string;
  licence: string;
  url: string | null;
  dataset_url: string | null;
  vintage: string;
  file_name: string;
  kind: string;
  origin: string;
  sha256: string;
  bytes: number;
  retrieved_at: string;
  notes: string | null;
  rows_read: number | null;
  rows_kept: number | null;
  rows_rejected: number | null;
}

export async function allSources(store: Store): Promise<SourceOut[]> {
  return store.cached('sources', () => store.all<SourceOut>(`SELECT * FROM sources ORDER BY family, id`));
}

/** The sources a response cites, keyed by id (for `meta.sources`). */
export async function sourcesById(store: Store, ids: string[]): Promise<Record<string, SourceOut>> {
  if (ids.length === 0) return {};
  const all = await allSources(store);
  const wanted = new Set(ids);
  return Object.fromEntries(all.filter((s) => wanted.has(s.id)).map((s) => [s.id, s]));
}
