/**
 * Crash-safe builds: a build killed (SIGKILL) while writing leaves the previous database intact and
 * serving; the next build cleans up and succeeds; a server reading the file keeps answering while a
 * new build replaces it, then switches to the new build.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../core/paths.js';
import { build } from '../../pipelines/build.js';
import { openStore } from '../../server/store.js';
import { MIRROR, TEST_DB, mirrorCommunes } from '../helpers.js';

/** Communes of the mirror's COG (COM rows): what every build holds. */
const COMMUNES = mirrorCommunes().length;

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('délai dépassé');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('construction interrompue', () => {
  it('SIGKILL pendant l’écriture : base précédente intacte et lisible, construction suivante réussie, lecteurs servis pendant le remplacement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'obs-crash-'));
    const dbPath = join(dir, 'observatoire.duckdb');
    copyFileSync(TEST_DB, dbPath);
    const sum = () => createHash('sha256').update(readFileSync(dbPath)).digest('hex');
    const before = sum();
    const store = await openStore(dbPath, { checkEveryMs: 50 });
    const oldBuild = store.buildId();

    const marker = join(dir, 'parked');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/reliability/build-child.ts'), dbPath, MIRROR, marker],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    await waitFor(() => existsSync(marker), 150_000);
    const temps = readdirSync(dir).filter((f) => f.startsWith('observatoire.duckdb.tmp-'));
    expect(temps.length).toBeGreaterThan(0); // the half-written database exists…
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(sum()).toBe(before); // …but never replaced the published one
    const rows = await store.all<{ n: number }>(
      `SELECT count(*) AS n FROM territories WHERE level = 'commune'`,
    );
    expect(rows[0]!.n).toBe(COMMUNES);
    expect(store.buildId()).toBe(oldBuild);

    // The next build succeeds while the server keeps answering.
    let answered = 0;
    let failed = 0;
    let building = true;
    const readers = (async () => {
      while (building) {
        try {
          const r = await store.all<{ n: number }>(
            `SELECT count(*) AS n FROM observations WHERE indicator = 'population'`,
          );
          if (r[0]!.n > 0) answered++;
        } catch {
          failed++;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const res = await build({ dbPath, mirror: MIRROR, force: true, log: () => {} });
    building = false;
    await readers;
    expect(res.status).toBe('built');
    expect(failed).toBe(0);
    expect(answered).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    await store.refresh();
    expect(store.buildId()).toBe(res.buildId);
    expect(store.buildId()).not.toBe(oldBuild);
    const after = await store.all<{ n: number }>(
      `SELECT count(*) AS n FROM territories WHERE level = 'commune'`,
    );
    expect(after[0]!.n).toBe(COMMUNES);
    store.close();
  }, 300_000);
});
