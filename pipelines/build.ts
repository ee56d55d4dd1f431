/**
 * `npm run data [-- --only <family>] [-- --force]`: builds `data/observatoire.duckdb`.
 *
 * The build is atomic: it writes a temporary file next to the database, runs every pipeline (or
 * reuses the previous database's rows for a family whose inputs and code are unchanged), computes
 * aggregates, runs checks, then renames the temporary file over the old one. A failure at any step
 * leaves the previous database untouched. With unchanged inputs, the whole run is a no-op.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDb, type Db } from '../core/db.js';
import { FAMILY_IDS, type FamilyId } from '../core/families.js';
import { CACHE_DIR, DB_PATH, ROOT } from '../core/paths.js';
import { DDL, SCHEMA_VERSION } from '../core/schema.js';
import { computeAggregates } from './aggregate.js';
import { computeDerived } from './derived.js';
import { buildPeers } from './peers.js';
import { runChecks } from './checks.js';
import { reconcile, reconciliationLines } from './reconcile.js';
import { PIPELINES } from './index.js';
import { DownloadError, InputError, isUserFacing } from './lib/errors.js';
import { clearFailedRefresh, recordFailedRefresh } from '../core/refresh.js';
import type { PipelineOutput, TerritoryIndex } from './lib/pipeline.js';
import { mirrorDir, resolveResource, type ResolvedResource, type ResolveOptions } from './lib/resources.js';
import {
  insertAliases,
  insertGeoLayers,
  insertObservations,
  insertRegistry,
  insertSource,
  insertTerritories,
} from './lib/store.js';

export interface BuildOptions {
  dbPath?: string;
  only?: FamilyId;
  force?: boolean;
  /** Mirror folder; undefined = `OBSERVATOIRE_MIRROR`; null = network only, whatever the environment. */
  mirror?: string | null;
  /** Download every file that has an official address; the mirror only fills in the others. */
  preferNetwork?: boolean;
  cacheDir?: string;
  log?: (msg: string) => void;
  fetchImpl?: typeof fetch;
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
  /** Test hook: called after each family is written to the temporary database. */
  afterFamily?: (family: FamilyId) => Promise<void> | void;
}

export interface BuildResult {
  status: 'built' | 'unchanged';
  buildId: string;
  dbPath: string;
  lines: string[];
  /** Seconds spent per family (reading, parsing, loading), and in aggregation + checks + publication. */
  timings: { family: FamilyId; seconds: number; reused: boolean; files: string[] }[];
  finishSeconds: number;
}

function hashFiles(paths: string[]): string {
  const h = createHash('sha256');
  for (const p of paths.sort()) {
    h.update(relative(ROOT, p));
    h.update(readFileSync(p));
  }
  return h.digest('hex');
}

function listTs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => (f.endsWith('.ts') || f.endsWith('.json') || f.endsWith('.csv')) && statSync(f).isFile());
}

/** Hash of the code every family depends on (core, shared pipeline code, aggregation, checks). */
function commonCodeHash(): string {
  const p = join(ROOT, 'pipelines');
  return hashFiles([
    ...listTs(join(ROOT, 'core')),
    ...listTs(join(p, 'lib')),
    join(p, 'aggregate.ts'),
    join(p, 'derived.ts'),
    join(p, 'peers.ts'),
    join(p, 'checks.ts'),
    join(p, 'build.ts'),
    join(p, 'reconcile.ts'),
    join(p, 'reference', 'published-totals.csv'),
  ]);
}

export async function loadTerritoryIndex(db: Db): Promise<TerritoryIndex> {
  const communes = await db.all<{
    code: string;
    name: string;
    departement: string;
    region: string;
    epci: string | null;
    ept: string | null;
  }>(`SELECT code, name, departement, region, epci, ept FROM territories WHERE level = 'commune'`);
  const deps = await db.all<{ code: string; name: string; region: string }>(
    `SELECT code, name, region FROM territories WHERE level = 'departement'`,
  );
  const aliases = await db.all<{ alias: string; code: string; kind: string }>(
    `SELECT alias, code, kind FROM territory_aliases WHERE level = 'commune'`,
  );
  const succ = new Map<string, string>();
  const arm = new Map<string, string>();
  for (const a of aliases) {
    if (a.kind === 'arrondissement') arm.set(a.alias, a.code);
    else if (!succ.has(a.alias)) succ.set(a.alias, a.code);
  }
  return {
    communes: new Map(communes.map((c) => [c.code, c])),
    departements: new Map(deps.map((d) => [d.code, d])),
    successor: (code) => succ.get(code),
    arrondissementParent: (code) => arm.get(code),
  };
}

async function readMeta(path: string): Promise<Map<string, string> | null> {
  if (!existsSync(path)) return null;
  let db: Db | null = null;
  try {
    db = await openDb(path, { readOnly: true });
    const rows = await db.all<{ key: string; value: string }>(`SELECT key, value FROM meta`);
    return new Map(rows.map((r) => [r.key, r.value]));
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

function fmtStatsLine(
  family: string,
  res: ResolvedResource,
  out: PipelineOutput | null,
  seconds: number,
  reused: boolean,
): string {
  const s = out?.stats[res.id];
  const rejected = s ? Object.entries(s.rejected) : [];
  const nRej = rejected.reduce((a, [, n]) => a + n, 0);
  const why = rejected.length ? ` (${rejected.map(([r, n]) => `${n} × ${r}`).join(' ; ')})` : '';
  const bad = s?.incoherent ?? [];
  const incoherent = bad.length
    ? ` ; ${bad.length} valeur${bad.length > 1 ? 's' : ''} incohérente${bad.length > 1 ? 's' : ''} écartée${bad.length > 1 ? 's' : ''} : ${bad.slice(0, 5).join(' ; ')}${bad.length > 5 ? ` ; et ${bad.length - 5} autres` : ''}`
    : '';
  const counts = reused
    ? 'inchangé, repris de la base précédente'
    : `${s?.rows_read ?? 0} lues, ${s?.rows_kept ?? 0} gardées, ${nRej} rejetées${why}${incoherent}`;
  return `  ${family.padEnd(9)} ${res.file.padEnd(58)} ${{ mirror: 'miroir ', network: 'réseau ', repository: 'dépôt  ' }[res.origin]} ${counts} — ${seconds.toFixed(1)} s`;
}

export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const dbPath = opts.dbPath ?? DB_PATH;
  const log = opts.log ?? ((m: string) => console.log(m));
  const mirror = opts.mirror === undefined ? mirrorDir() : (opts.mirror ?? undefined);
  const resolveOpts: ResolveOptions = {
    mirror,
    preferNetwork: opts.preferNetwork,
    cacheDir: opts.cacheDir ?? CACHE_DIR,
    log,
    fetchImpl: opts.fetchImpl,
    retries: opts.retries,
    backoffMs: opts.backoffMs,
    timeoutMs: opts.timeoutMs,
  };
  const lines: string[] = [];
  const say = (m: string) => {
    lines.push(m);
    log(m);
  };
  say(
    mirror
      ? `Construction de la base depuis le miroir ${mirror}`
      : 'Construction de la base depuis les adresses officielles (cache data/cache)',
  );

  // 1. Resolve every input and hash it, family by family.
  const common = commonCodeHash();
  const resolved = new Map<FamilyId, ResolvedResource[]>();
  const familyHash = new Map<FamilyId, string>();
  for (const p of PIPELINES) {
    const files: ResolvedResource[] = [];
    for (const res of [...p.resources, ...(p.discover?.(mirror) ?? [])]) {
      const r = await resolveResource(res, resolveOpts);
      if (r) files.push(r);
    }
    resolved.set(p.family, files);
    const h = createHash('sha256')
      .update(SCHEMA_VERSION)
      .update(common)
      .update(hashFiles(listTs(join(ROOT, 'pipelines', p.family))));
    for (const f of files) h.update(`${f.id}:${f.sha256}:${f.origin}`);
    familyHash.set(p.family, h.digest('hex'));
  }

  const old = await readMeta(dbPath);
  const unchanged = (f: FamilyId) => old?.get(`hash:${f}`) === familyHash.get(f);
  if (!opts.force && !opts.only && old && PIPELINES.every((p) => unchanged(p.family))) {
    say(
      `Base à jour : entrées et code inchangés, rien à reconstruire (${dbPath}, build ${old.get('build_id')}).`,
    );
    return {
      status: 'unchanged',
      buildId: old.get('build_id')!,
      dbPath,
      lines,
      timings: [],
      finishSeconds: 0,
    };
  }

  // 2. Build into a temporary file (after removing those left by a build that was killed).
  await mkdir(dirname(dbPath), { recursive: true });
  await removeStaleTemps(dbPath, say);
  const tmp = `${dbPath}.tmp-${process.pid}`;
  await rm(tmp, { force: true });
  await rm(`${tmp}.wal`, { force: true });
  const db = await openDb(tmp);
  let published = false;
  try {
    for (const stmt of DDL) await db.run(stmt);
    await insertRegistry(db);
    // Rows are copied column for column: only from a database of the same schema.
    const canReuse = old !== null && old.get('schema_version') === SCHEMA_VERSION && existsSync(dbPath);
    if (canReuse) await db.run(`ATTACH '${dbPath.replace(/'/g, "''")}' AS old (READ_ONLY)`);
    let index: TerritoryIndex | null = null;
    const timings: BuildResult['timings'] = [];
    const keptHashes = new Map<FamilyId, string>();
    say('  famille   fichier                                                    origine  lignes');
    for (const p of PIPELINES) {
      const t0 = performance.now();
      const files = resolved.get(p.family)!;
      const reuse = canReuse && (opts.only ? opts.only !== p.family : !opts.force && unchanged(p.family));
      let out: PipelineOutput | null = null;
      if (reuse) {
        await db.run(`INSERT INTO sources SELECT * FROM old.sources WHERE family = $f`, { f: p.family });
        await db.run(
          `INSERT INTO observations SELECT * FROM old.observations
           WHERE NOT aggregated AND source_id IN (SELECT id FROM old.sources WHERE family = $f)`,
          { f: p.family },
        );
        if (p.family === 'geo') {
          await db.run(`INSERT INTO territories SELECT * FROM old.territories`);
          await db.run(`INSERT INTO territory_aliases SELECT * FROM old.territory_aliases`);
          await db.run(`INSERT INTO geo_layers SELECT * FROM old.geo_layers`);
        } else {
          // Territories a non-geo source defines itself (e.g. France métropolitaine, Filosofi) and uses.
          await db.run(
            `INSERT INTO territories SELECT t.* FROM old.territories t
             WHERE EXISTS (SELECT 1 FROM observations o JOIN sources s ON s.id = o.source_id AND s.family = $f
                           WHERE o.level = t.level AND o.code = t.code)
               AND NOT EXISTS (SELECT 1 FROM territories n WHERE n.level = t.level AND n.code = t.code)`,
            { f: p.family },
          );
        }
        keptHashes.set(p.family, old!.get(`hash:${p.family}`) ?? '');
      } else {
        if (!index && p.family !== 'geo') throw new Error('la géographie doit être construite en premier');
        const inputs = new Map(files.map((f) => [f.id, f]));
        out = await p.run(
          { resolve: (r) => resolveResource(r, resolveOpts), territories: index!, log },
          inputs,
        );
        if (out.territories && p.family !== 'geo') {
          // A non-geo source's own territories replace any copy taken from the previous database.
          await db.run(
            `DELETE FROM territories WHERE level || '|' || code IN (SELECT unnest($keys::JSON::VARCHAR[]))`,
            { keys: JSON.stringify(out.territories.map((t) => `${t.level}|${t.code}`)) },
          );
        }
        if (out.territories) await insertTerritories(db, out.territories);
        if (out.aliases) await insertAliases(db, out.aliases);
        if (out.geoLayers) await insertGeoLayers(db, out.geoLayers);
        if (out.observations) await insertObservations(db, out.observations);
        for (const f of files) if (!f.perCitation) await insertSource(db, f, out.stats[f.id]);
        for (const s of out.sources ?? []) {
          if (s.family !== p.family) throw new Error(`source ${s.id} : famille ${s.family} ≠ ${p.family}`);
          await insertSource(db, s, out.stats[s.id]);
        }
        keptHashes.set(p.family, familyHash.get(p.family)!);
      }
      if (p.family === 'geo') index = await loadTerritoryIndex(db);
      const secs = (performance.now() - t0) / 1000;
      timings.push({ family: p.family, seconds: secs, reused: reuse, files: files.map((f) => f.path) });
      for (const f of files) say(fmtStatsLine(p.family, f, out, secs, reuse));
      const absent = p.resources.filter((r) => !files.some((f) => f.id === r.id));
      if (absent.length)
        say(
          `  ${p.family.padEnd(9)} ${absent.length} fichier(s) facultatif(s) absent(s) : ${absent.map((r) => r.file).join(', ')}`,
        );
      await opts.afterFamily?.(p.family);
    }
    if (canReuse) await db.run(`DETACH old`);
    const tFinish = performance.now();
    await computeDerived(db);
    await computeAggregates(db);
    await runChecks(db);
    await buildPeers(db);
    const reconciliation = await reconcile(db);
    for (const line of reconciliationLines(reconciliation)) say(line);
    // Store observations sorted by territory: a fiche (one level and code) then reads few row groups.
    await db.run(
      `CREATE TEMP TABLE obs_sorted AS SELECT * FROM observations ORDER BY level, code, indicator, year`,
    );
    await db.run(`DELETE FROM observations`);
    await db.run(`INSERT INTO observations SELECT * FROM obs_sorted`);
    await db.run(`DROP TABLE obs_sorted`);
    const buildId = `${new Date()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}-${randomUUID().slice(0, 8)}`;
    const meta: Record<string, string> = {
      build_id: buildId,
      built_at: new Date().toISOString(),
      schema_version: SCHEMA_VERSION,
      mode: mirror ? 'mirror' : 'network',
      reconciliation: JSON.stringify(reconciliation),
    };
    for (const [f, h] of keptHashes) meta[`hash:${f}`] = h;
    for (const [key, value] of Object.entries(meta))
      await db.run(`INSERT INTO meta VALUES ($key, $value)`, { key, value });
    await db.run('CHECKPOINT');
    db.close();
    await rename(tmp, dbPath);
    published = true;
    clearFailedRefresh(dbPath);
    await rm(`${tmp}.wal`, { force: true });
    const n = await readMeta(dbPath);
    say(`Base publiée : ${dbPath} (build ${n?.get('build_id')}).`);
    return {
      status: 'built',
      buildId,
      dbPath,
      lines,
      timings,
      finishSeconds: (performance.now() - tFinish) / 1000,
    };
  } finally {
    db.close();
    if (!published) {
      await rm(tmp, { force: true });
      await rm(`${tmp}.wal`, { force: true });
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes `<db>.tmp-<pid>[.wal]` files whose build process no longer exists (killed mid-build). */
async function removeStaleTemps(dbPath: string, say: (m: string) => void): Promise<void> {
  const prefix = `${basename(dbPath)}.tmp-`;
  for (const f of readdirSync(dirname(dbPath))) {
    if (!f.startsWith(prefix)) continue;
    const pid = Number(f.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) {
      await rm(join(dirname(dbPath), f), { force: true });
      say(`  fichier temporaire d’une construction interrompue supprimé : ${f}`);
    }
  }
}

function parseArgs(argv: string[]): Pick<BuildOptions, 'only' | 'force'> {
  const out: Pick<BuildOptions, 'only' | 'force'> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--force') out.force = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.split('=')[1]! : argv[++i];
      if (!v || !FAMILY_IDS.includes(v as FamilyId)) {
        throw new Error(`--only attend une famille parmi : ${FAMILY_IDS.join(', ')}`);
      }
      out.only = v as FamilyId;
    } else throw new Error(`option inconnue : ${a} (options : --only <famille>, --force)`);
  }
  return out;
}

/** Entry point shared by `npm run data` and `npm start`: prints one clear sentence on failure. */
export async function buildCli(argv: string[], extra: BuildOptions = {}): Promise<number> {
  const t0 = performance.now();
  const dbPath = extra.dbPath ?? DB_PATH;
  try {
    const res = await build({ ...extra, ...parseArgs(argv) });
    console.log(`Terminé en ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
    return res.status === 'built' || res.status === 'unchanged' ? 0 : 1;
  } catch (err) {
    if (isUserFacing(err))
      console.error(
        `\nÉchec de la construction : ${err.message}\nLa base précédente, s’il y en a une, reste en place.`,
      );
    else
      console.error(
        `\nÉchec de la construction : ${(err as Error).message ?? String(err)}\nLa base précédente, s’il y en a une, reste en place.`,
      );
    if (existsSync(dbPath))
      recordFailedRefresh(dbPath, {
        at: new Date().toISOString(),
        file: err instanceof InputError ? err.loc.file : err instanceof DownloadError ? err.url : null,
        reason: (err as Error).message ?? String(err),
      });
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildCli(process.argv.slice(2)).then((code) => process.exit(code));
}
