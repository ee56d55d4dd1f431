/**
 * `npm run bench` — measured speed against floors measured in the same run (absolute times on a
 * shared machine mean little). Prints a table and writes bench/results.json (git-ignored).
 *
 * 1. Ingest: full pipeline build from the mirror (cold cache) vs DuckDB alone reading the same CSV
 *    files into plain tables (read_csv, no validation).
 * 2. API vs static floor: autocannon on loopback, same connection count, vs a plain node:http server
 *    returning the same bytes from memory. p50/p95/p99 and req/s.
 * 3. Map in a real browser: cold load of /carte until `map-idf-painted`, switch to France until
 *    `map-france-painted`; gzip size of the initial JS.
 * 4. Scale: the API figures again with 2 server processes (cluster) on the one read-only file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { openDb } from '../core/db.js';
import { ROOT, WEB_DIST } from '../core/paths.js';
import { build } from '../pipelines/build.js';
import { mirrorDir } from '../pipelines/lib/resources.js';

const mirror = mirrorDir() ?? join(ROOT, '..', 'shared', 'sources');
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
};
const rows: string[][] = [];
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');

// 1. Ingest ------------------------------------------------------------------------------------
async function ingest(dbPath: string): Promise<void> {
  const t0 = performance.now();
  const res = await build({
    dbPath,
    mirror,
    force: true,
    cacheDir: mkdtempSync(join(tmpdir(), 'bench-cache-')),
    log: () => {},
  });
  const total = (performance.now() - t0) / 1000;
  const raw = await openDb(':memory:');
  const perFamily: Record<string, { pipeline: number; raw: number; ratio: number; csv: number }> = {};
  for (const t of res.timings) {
    const csvs = t.files.filter((f) => /\.csv$/i.test(f));
    if (!csvs.length) continue;
    const r0 = performance.now();
    for (const [i, f] of csvs.entries()) {
      await raw.run(
        `CREATE OR REPLACE TABLE raw_${t.family.replace(/\W/g, '_')}_${i} AS SELECT * FROM read_csv($f, all_varchar = true)`,
        {
          f,
        },
      );
    }
    const rawS = (performance.now() - r0) / 1000;
    const csvOnly = t.files.length === csvs.length;
    perFamily[t.family] = { pipeline: t.seconds, raw: rawS, ratio: t.seconds / rawS, csv: csvs.length };
    rows.push([
      `ingest ${t.family}${csvOnly ? '' : ' (dont JSON/XLSX/GeoJSON)'}`,
      `${fmt(t.seconds, 2)} s`,
      `${fmt(rawS, 2)} s (read_csv × ${csvs.length})`,
      `${fmt(t.seconds / rawS, 1)} ×`,
    ]);
  }
  raw.close();
  rows.push(['construction complète (miroir, cache froid)', `${fmt(total, 1)} s`, 'cible < 60 s', '']);
  rows.push(['  dont agrégats + contrôles + publication', `${fmt(res.finishSeconds, 2)} s`, '', '']);
  results.ingest = { total_s: total, finish_s: res.finishSeconds, families: perFamily };
}

// 2 & 4. API ------------------------------------------------------------------------------------
interface Load {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
}

function load(url: string): Promise<Load> {
  return new Promise((resolve, reject) => {
    const lat: number[] = [];
    const inst = autocannon({ url, connections: CONNECTIONS, duration: DURATION }, (err, r) => {
      if (err) return reject(err);
      lat.sort((a, b) => a - b);
      const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? NaN;
      resolve({ rps: r.requests.average, p50: q(50), p95: q(95), p99: q(99), non2xx: r.non2xx });
    });
    inst.on('response', (_c, _s, _b, t) => lat.push(t));
  });
}

async function startProcess(
  entry: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (c) => reject(new Error(`serveur arrêté (${c}) : ${out}`)));
  });
  child.stdout!.resume();
  return { url, child };
}

const ENDPOINTS = [
  ['valeurs IDF (carte)', '/api/values?indicator=sru_taux&level=commune&within=region:11'],
  ['fiche Meudon', '/api/territories/commune/92048'],
  ['export CSV 92', '/api/values.csv?indicator=sru_taux&level=commune&within=departement:92'],
] as const;

async function api(dbPath: string, port: number): Promise<void> {
  const single = await startProcess('server/main.ts', { PORT: String(port), OBSERVATOIRE_DB: dbPath });
  const out: Record<string, unknown> = {};
  try {
    for (const [label, path] of ENDPOINTS) {
      const probe = await fetch(single.url + path);
      if (!probe.ok) {
        rows.push([`API ${label}`, `indisponible (${probe.status})`, '', '']);
        continue;
      }
      const body = Buffer.from(await probe.arrayBuffer());
      const type = probe.headers.get('content-type') ?? 'application/json';
      const floor = createServer((_q, r) =>
        r.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length }).end(body),
      );
      await new Promise<void>((r) => floor.listen(0, '127.0.0.1', r));
      const fport = (floor.address() as { port: number }).port;
      const f = await load(`http://127.0.0.1:${fport}/`);
      floor.close();
      const a = await load(single.url + path);
      out[label] = { api: a, floor: f, p95_ratio: a.p95 / f.p95, bytes: body.length };
      rows.push([
        `API ${label}`,
        `${fmt(a.rps, 0)} req/s, p50/p95/p99 ${fmt(a.p50)}/${fmt(a.p95)}/${fmt(a.p99)} ms`,
        `plancher ${fmt(f.rps, 0)} req/s, p95 ${fmt(f.p95)} ms`,
        `p95 × ${fmt(a.p95 / f.p95, 1)}`,
      ]);
    }
  } finally {
    single.child.kill('SIGTERM');
  }
  results.api = out;
  const scale: Record<string, unknown> = {};
  const two = await startProcess('server/cluster.ts', {
    PORT: String(port + 1),
    OBSERVATOIRE_DB: dbPath,
    WORKERS: '2',
  });
  try {
    for (const [label, path] of ENDPOINTS.slice(0, 2)) {
      const a = await load(two.url + path);
      const one = (out[label] as { api: Load } | undefined)?.api;
      scale[label] = { two_processes: a, speedup: one ? a.rps / one.rps : null };
      rows.push([
        `API ${label}, 2 processus`,
        `${fmt(a.rps, 0)} req/s, p95 ${fmt(a.p95)} ms`,
        one ? `1 processus ${fmt(one.rps, 0)} req/s` : '',
        one ? `× ${fmt(a.rps / one.rps, 2)}` : '',
      ]);
    }
  } finally {
    two.child.kill('SIGTERM');
  }
  results.scale = scale;
}

// 3. Browser ------------------------------------------------------------------------------------
function initialJsGzip(): number {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return files.reduce((a, f) => a + gzipSync(readFileSync(join(WEB_DIST, f))).length, 0);
}

async function browser(dbPath: string, port: number): Promise<void> {
  await viteBuild({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  const js = initialJsGzip();
  rows.push(['JS initial (gzip)', `${fmt(js / 1024, 0)} kB`, 'cible ≤ 300 kB', '']);
  const srv = await startProcess('server/main.ts', { PORT: String(port), OBSERVATOIRE_DB: dbPath });
  const b = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await b.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${srv.url}/carte`);
    const idf = await page.waitForFunction(
      () => performance.getEntriesByName('map-idf-painted')[0]?.startTime,
      null,
      { timeout: 60_000 },
    );
    const idfMs = Number(await idf.jsonValue());
    let franceMs = NaN;
    const toggle = page
      .getByRole('button', { name: /France entière|toute la France/i })
      .or(page.getByLabel(/France entière/i));
    if ((await toggle.count()) > 0) {
      const t = await page.evaluate(() => performance.now());
      await toggle.first().click();
      const fr = await page.waitForFunction(
        () => performance.getEntriesByName('map-france-painted')[0]?.startTime,
        null,
        { timeout: 120_000 },
      );
      franceMs = Number(await fr.jsonValue()) - t;
    }
    rows.push(['carte IDF peinte (chargement à froid)', `${fmt(idfMs, 0)} ms`, 'cible ≤ 1 000 ms', '']);
    rows.push([
      'carte France peinte (après bascule)',
      Number.isNaN(franceMs) ? 'bascule introuvable' : `${fmt(franceMs, 0)} ms`,
      'cible ≤ 1 500 ms',
      '',
    ]);
    results.browser = { idf_ms: idfMs, france_ms: franceMs, initial_js_gzip_bytes: js };
  } finally {
    await b.close();
    srv.child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const dbPath = join(dir, 'observatoire.duckdb');
  console.log(`Banc d’essai — ${results.machine as string} — miroir ${mirror}`);
  await ingest(dbPath);
  await api(dbPath, 18_700);
  await browser(dbPath, 18_710);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  console.log(rows.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join('  ')).join('\n'));
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify({ ...results, table: rows }, null, 2));
  console.log('Résultats écrits dans bench/results.json');
  if (!existsSync(dbPath)) process.exitCode = 1;
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
