/**
 * A failed refresh never takes the observatory down: the last good database stays, the failure is
 * recorded next to it (date, file, reason), `/api/health` reports it; a successful build clears it.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearFailedRefresh, failurePath, readFailedRefresh } from '../../core/refresh.js';
import { buildCli } from '../../pipelines/build.js';
import { createApp } from '../../server/app.js';
import { openStore, type Store } from '../../server/store.js';
import { TEST_DB } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'obs-refresh-'));
const dbPath = join(dir, 'observatoire.duckdb');
let store: Store | undefined;
afterAll(() => store?.close());

describe('mise à jour échouée', () => {
  it('la base précédente reste, l’échec est consigné (date, fichier, raison) et /api/health le dit', async () => {
    copyFileSync(TEST_DB, dbPath);
    const before = readFileSync(dbPath);
    const emptyMirror = join(dir, 'miroir-vide');
    mkdirSync(emptyMirror);
    const t0 = Date.now();
    const code = await buildCli(['--force'], {
      dbPath,
      mirror: emptyMirror,
      cacheDir: join(dir, 'cache'),
      log: () => {},
    });
    expect(code).toBe(1);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    const f = readFailedRefresh(dbPath);
    expect(f).not.toBeNull();
    expect(Date.parse(f!.at)).toBeGreaterThanOrEqual(t0 - 1000);
    // The first file the build needs names the failure (its official address, or its mirror path).
    expect(f!.file).toMatch(/communes\.csv/);
    expect(f!.reason).toMatch(/absent du miroir/);

    store = await openStore(dbPath);
    const app = createApp(store, { log: false });
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control') ?? '').not.toMatch(/max-age=600/);
    const body = (await res.json()) as {
      data: {
        status: string;
        built_at: string;
        refresh: { at: string; file: string; reason: string } | null;
      };
    };
    expect(body.data.status).toBe('ok');
    expect(body.data.refresh).toEqual(f);
  });

  it('sans base, rien n’est consigné (npm start refuse alors avec sa phrase) ; un succès efface l’échec', async () => {
    const other = join(dir, 'sans-base.duckdb');
    const code = await buildCli([], { dbPath: other, mirror: join(dir, 'miroir-vide'), log: () => {} });
    expect(code).toBe(1);
    expect(existsSync(other)).toBe(false);
    expect(existsSync(failurePath(other))).toBe(false);
    clearFailedRefresh(dbPath);
    expect(readFailedRefresh(dbPath)).toBeNull();
  });
});
