/**
 * Shared test paths. The mirror is OBSERVATOIRE_MIRROR when set, else ../shared/sources when it exists,
 * else the small committed fixture (test/fixtures/mirror/, scripts/make-fixture-mirror.ts): `npm test`
 * runs from a clean clone. Tests that need more than the fixture (national totals, other départements)
 * are wrapped in `describe.runIf(FULL_MIRROR)`. The test database is built from the mirror once per run
 * (a no-op if unchanged), in its own folder per kind of mirror.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { openDb, type Db } from '../core/db.js';
import { ROOT } from '../core/paths.js';
import { openStore, type Store } from '../server/store.js';

export const FIXTURE_MIRROR = join(ROOT, 'test', 'fixtures', 'mirror');

function resolveMirror(): string {
  const fromEnv = process.env.OBSERVATOIRE_MIRROR;
  if (fromEnv) return resolve(fromEnv);
  const sibling = join(ROOT, '..', 'shared', 'sources');
  return existsSync(sibling) ? sibling : FIXTURE_MIRROR;
}

export const MIRROR = resolveMirror();
/** False when the tests run on the committed fixture mirror (a few communes, see its PROVENANCE.md). */
export const FULL_MIRROR = MIRROR !== FIXTURE_MIRROR;
export const TEST_DB = join(ROOT, 'data', FULL_MIRROR ? 'test' : 'test-fixture', 'observatoire.duckdb');

export function mirrorFile(family: string, file: string): string {
  const p = join(MIRROR, family, file);
  if (!existsSync(p)) throw new Error(`fichier du miroir absent : ${p}`);
  return p;
}

export function readMirrorJson<T>(family: string, file: string): T {
  return JSON.parse(readFileSync(mirrorFile(family, file), 'utf8')) as T;
}

/** Raw rows of a mirror CSV, parsed independently of the pipelines (csv-parse, header line 1). */
export function readMirrorCsv(
  family: string,
  file: string,
  delimiter: string,
  encoding: 'utf8' | 'cp1252' = 'utf8',
): Record<string, string>[] {
  const buf = readFileSync(mirrorFile(family, file));
  return parse(encoding === 'cp1252' ? iconv.decode(buf, 'win1252') : buf.toString('utf8'), {
    delimiter,
    columns: true,
    bom: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
}

/** Communes of the mirror's COG 2025 (COM rows), optionally of one région: what every build holds. */
export function mirrorCommunes(region?: string): string[] {
  return readMirrorCsv('geo', 'insee-cog2025-communes.csv', ',')
    .filter((r) => r.TYPECOM === 'COM' && (region === undefined || r.REG === region))
    .map((r) => r.COM!);
}

export function openTestDb(): Promise<Db> {
  return openDb(TEST_DB, { readOnly: true });
}

export function openTestStore(): Promise<Store> {
  return openStore(TEST_DB);
}

export interface ObsRow {
  indicator: string;
  level: string;
  code: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flags: string[];
  note: string | null;
  source_id: string;
  low: number | null;
  high: number | null;
  raw: string | null;
}

export async function obs(
  db: Db,
  indicator: string,
  level: string,
  code: string,
  year?: number,
): Promise<ObsRow | undefined> {
  const rows = await db.all<ObsRow>(
    `SELECT * FROM observations WHERE indicator = $indicator AND level = $level AND code = $code
     AND ($year IS NULL OR year = $year) ORDER BY year DESC LIMIT 1`,
    { indicator, level, code, year: year ?? null },
  );
  return rows[0];
}
