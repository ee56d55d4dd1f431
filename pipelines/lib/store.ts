/** Writing pipeline rows into the (temporary) build database with DuckDB appenders. */
import { LIST, VARCHAR, listValue, type DuckDBAppender } from '@duckdb/node-api';
import type { Db } from '../../core/db.js';
import { INDICATORS } from '../../core/registry.js';
import { searchKey } from '../../core/text.js';
import type { AliasRow, GeoLayerRow, ObservationRow, TerritoryRow } from './pipeline.js';
import type { ResolvedResource } from './resources.js';
import type { SourceStats } from './pipeline.js';
import { FAMILIES } from '../../core/families.js';

const VARCHAR_LIST = LIST(VARCHAR);

function str(a: DuckDBAppender, v: string | null | undefined): void {
  if (v === null || v === undefined) a.appendNull();
  else a.appendVarchar(v);
}
function num(a: DuckDBAppender, v: number | null | undefined): void {
  if (v === null || v === undefined || Number.isNaN(v)) a.appendNull();
  else a.appendDouble(v);
}
function int(a: DuckDBAppender, v: number | null | undefined): void {
  if (v === null || v === undefined) a.appendNull();
  else a.appendInteger(v);
}

export async function insertObservations(db: Db, rows: ObservationRow[]): Promise<void> {
  const a = await db.connection().createAppender('observations');
  for (const r of rows) {
    if (r.value !== null && !Number.isFinite(r.value)) {
      throw new Error(`valeur non finie pour ${r.indicator} ${r.level} ${r.code} ${r.year} (${r.source_id})`);
    }
    str(a, r.indicator);
    str(a, r.level);
    str(a, r.code);
    a.appendInteger(r.year);
    num(a, r.value);
    num(a, r.numerator);
    num(a, r.denominator);
    str(a, r.source_id);
    a.appendList(listValue([...new Set(r.flags)].sort()), VARCHAR_LIST);
    str(a, r.note);
    int(a, r.n_units);
    int(a, r.n_units_expected);
    a.appendBoolean(false);
    a.endRow();
  }
  a.closeSync();
}

export async function insertTerritories(db: Db, rows: TerritoryRow[]): Promise<void> {
  const a = await db.connection().createAppender('territories');
  for (const r of rows) {
    str(a, r.level);
    str(a, r.code);
    str(a, r.name);
    str(a, searchKey(r.name));
    str(a, r.departement);
    str(a, r.region);
    str(a, r.epci);
    str(a, r.ept);
    str(a, r.extra ? JSON.stringify(r.extra) : null);
    a.endRow();
  }
  a.closeSync();
}

export async function insertAliases(db: Db, rows: AliasRow[]): Promise<void> {
  const a = await db.connection().createAppender('territory_aliases');
  for (const r of rows) {
    str(a, r.level);
    str(a, r.alias);
    str(a, r.alias_name);
    str(a, r.alias_name ? searchKey(r.alias_name) : null);
    str(a, r.code);
    str(a, r.kind);
    a.endRow();
  }
  a.closeSync();
}

export async function insertGeoLayers(db: Db, rows: GeoLayerRow[]): Promise<void> {
  for (const r of rows) {
    await db.run(
      `INSERT INTO geo_layers VALUES ($id, $title, $source_ids::JSON::VARCHAR[], $features, $content)`,
      {
        id: r.id,
        title: r.title,
        source_ids: JSON.stringify(r.source_ids),
        features: r.features,
        content: r.content,
      },
    );
  }
}

export async function insertSource(
  db: Db,
  res: ResolvedResource,
  stats: SourceStats | undefined,
): Promise<void> {
  const fam = FAMILIES[res.family];
  const rejected = stats ? Object.values(stats.rejected).reduce((a, b) => a + b, 0) : null;
  const notes = [res.notes, ...(stats?.notes ?? [])].filter(Boolean).join(' ') || null;
  await db.run(
    `INSERT INTO sources VALUES ($id, $family, $title, $producer, $licence, $url, $dataset_url, $vintage, $file_name,
       $kind, $origin, $sha256, $bytes, $retrieved_at, $notes, $rows_read, $rows_kept, $rows_rejected,
       $published, $page)`,
    {
      id: res.id,
      family: res.family,
      title: res.title,
      producer: res.producer ?? fam.producer,
      licence: res.licence ?? fam.licence,
      url: res.url ?? null,
      dataset_url: res.dataset_url === undefined ? fam.dataset_url : res.dataset_url,
      vintage: res.vintage,
      file_name: res.file,
      kind: res.kind,
      origin: res.origin,
      sha256: res.sha256,
      bytes: res.bytes,
      retrieved_at: res.retrievedAt,
      notes,
      rows_read: stats?.rows_read ?? null,
      rows_kept: stats?.rows_kept ?? null,
      rows_rejected: rejected,
      published: res.published ?? null,
      page: res.page ?? null,
    },
  );
}

export async function insertRegistry(db: Db): Promise<void> {
  for (const i of INDICATORS) {
    await db.run(
      `INSERT INTO indicators VALUES ($id, $label, $short_label, $unit, $theme, $family, $definition, $reference,
        $caveats::JSON::VARCHAR[], $aggregation, $numerator, $denominator, $decimals, $polarity, $open)`,
      {
        id: i.id,
        label: i.label,
        short_label: i.short_label,
        unit: i.unit,
        theme: i.theme,
        family: i.family,
        definition: i.definition,
        reference: i.reference,
        caveats: JSON.stringify(i.caveats),
        aggregation: i.aggregation,
        numerator: i.numerator ?? null,
        denominator: i.denominator ?? null,
        decimals: i.decimals,
        polarity: i.polarity,
        open: i.open,
      },
    );
  }
}
