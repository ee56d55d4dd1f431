/**
 * The contract of a source module: it declares its resources (files), and `run` turns the resolved
 * files into rows. `run` is a pure function of its inputs (files + the territory index); the build
 * hashes those inputs and reuses the previous database's rows for a family whose inputs did not change.
 */
import type { FamilyId } from '../../core/families.js';
import type { Flag, Level } from '../../core/registry.js';
import type { Resource, ResolvedResource } from './resources.js';

export interface ObservationRow {
  indicator: string;
  level: Level;
  code: string;
  year: number;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  source_id: string;
  flags: Flag[];
  note?: string | null;
  n_units?: number | null;
  n_units_expected?: number | null;
  /** Interval of a value deduced from a rounded input: the true value lies in [low, high]. */
  low?: number | null;
  high?: number | null;
  /** The producer's text when it was not a plain number (kept for incoherent or non-numeric cells). */
  raw?: string | null;
}

export interface TerritoryRow {
  level: Level;
  code: string;
  name: string;
  departement?: string | null;
  region?: string | null;
  epci?: string | null;
  ept?: string | null;
  extra?: Record<string, unknown> | null;
}

export interface AliasRow {
  level: Level;
  alias: string;
  alias_name?: string | null;
  code: string;
  kind: 'ancien_code' | 'commune_deleguee' | 'commune_associee' | 'arrondissement' | 'territoire_mgp';
}

export interface GeoLayerRow {
  id: string;
  title: string;
  source_ids: string[];
  features: number;
  content: string;
}

export interface SourceStats {
  rows_read: number;
  rows_kept: number;
  rejected: Record<string, number>;
  notes?: string[];
  /** Values the source gives but that are impossible or contradicted: kept out, each with its line. */
  incoherent?: string[];
}

export interface PipelineOutput {
  territories?: TerritoryRow[];
  aliases?: AliasRow[];
  observations?: ObservationRow[];
  geoLayers?: GeoLayerRow[];
  /** Per source id: rows read/kept/rejected, for the progress table and the sources table. */
  stats: Record<string, SourceStats>;
  /**
   * Source rows the pipeline derives from its inputs: one per citation of a `perCitation` file
   * (curated figures). Their `family` must be the pipeline's family.
   */
  sources?: ResolvedResource[];
}

/** What a pipeline may read about geography (built by the geo pipeline). */
export interface TerritoryIndex {
  /** COG 2025 commune codes (level commune). */
  communes: Map<
    string,
    { name: string; departement: string; region: string; epci: string | null; ept: string | null }
  >;
  /** Any older or delegated code → current COG code (crosswalk 2018→2025, COMD/COMA, ARM→commune). */
  successor(code: string): string | undefined;
  /** Arrondissement municipal code → its commune (Paris, Lyon, Marseille). */
  arrondissementParent(code: string): string | undefined;
  departements: Map<string, { name: string; region: string }>;
}

export interface PipelineContext {
  resolve(res: Resource): Promise<ResolvedResource | null>;
  territories: TerritoryIndex;
  log(msg: string): void;
}

export interface Pipeline {
  family: FamilyId;
  /** Families whose output this one needs (geo is always built first). */
  resources: Resource[];
  /**
   * Optional inputs found by listing the mirror (files whose names are not known in advance, e.g. the
   * SNE portal's Excel reports): they are resolved, hashed and passed to `run` like `resources`.
   */
  discover?(mirror: string | undefined): Resource[];
  run(ctx: PipelineContext, inputs: Map<string, ResolvedResource>): Promise<PipelineOutput>;
}

export function emptyStats(): SourceStats {
  return { rows_read: 0, rows_kept: 0, rejected: {} };
}

export function reject(stats: SourceStats, reason: string): void {
  stats.rejected[reason] = (stats.rejected[reason] ?? 0) + 1;
}
