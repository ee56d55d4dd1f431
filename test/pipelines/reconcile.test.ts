/** Reconciliation of our figures with the totals the producers publish (pipelines/reference). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { InputError } from '../../pipelines/lib/errors.js';
import { loadReferences, reconcile, type Reconciled } from '../../pipelines/reconcile.js';
import { FULL_MIRROR, openTestDb } from '../helpers.js';

let db: Db;
let stored: Reconciled[];
beforeAll(async () => {
  db = await openTestDb();
  const rows = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'reconciliation'`);
  stored = JSON.parse(rows[0]!.value) as Reconciled[];
});
afterAll(() => db.close());

describe('rapprochement avec les chiffres publiés', () => {
  it.runIf(FULL_MIRROR)(
    'chaque ligne du fichier de référence est rapprochée à la construction ; aucun écart au-delà de la tolérance',
    () => {
      expect(stored.map((r) => r.id)).toEqual(loadReferences().map((r) => r.id));
      const gaps = stored.filter((r) => r.status === 'écart');
      expect(gaps.map((r) => `${r.id} : nous ${r.ours}, eux ${r.value}`)).toEqual([]);
      for (const r of stored.filter((x) => x.status === 'non calculable')) expect(r.why, r.id).toBeTruthy();
    },
  );

  it.runIf(FULL_MIRROR)(
    'les chiffres que le miroir permet de recompter sont recomptés (pas « non calculable »)',
    () => {
      const ok = new Set(stored.filter((r) => r.status === 'ok').map((r) => r.id));
      for (const id of [
        'sru-deficitaires-2024',
        'sru-carencees-2024',
        'sru-paris-lls-2020',
        'sru-paris-lls-2025',
        'rpls-france-2024',
        'rpls-loyer-france-2023',
        'caf-rsa-paris-2024',
        'drihl-92-demandes-2025',
        'drihl-92-attributions-2025',
      ])
        expect(ok.has(id), id).toBe(true);
      // The mirror's CAF extracts cover ten départements: the national total cannot be recounted.
      expect(stored.find((r) => r.id === 'caf-rsa-france-2024-serie-nationale')?.status).toBe(
        'non calculable',
      );
    },
  );

  it.runIf(FULL_MIRROR)(
    'un écart au-delà de la tolérance est détecté (le contrôle peut échouer)',
    async () => {
      const refs = loadReferences().filter((r) => r.id === 'sru-deficitaires-2024');
      const [bad] = await reconcile(db, [{ ...refs[0]!, value: refs[0]!.value + 1 }]);
      expect(bad!.status).toBe('écart');
      expect(bad!.gap).toBe(-1);
    },
  );

  it('une ligne de référence mal formée arrête la construction en nommant la ligne et la colonne', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obs-ref-'));
    const file = join(dir, 'ref.csv');
    writeFileSync(
      file,
      'id,measure,indicator,level,code,year,value,tolerance,publisher,title,url,published,notes\n' +
        'x,value,indicateur_inconnu,france,FR,2024,1,0,P,T,u,2024,\n',
    );
    expect(() => loadReferences(file)).toThrowError(InputError);
    expect(() => loadReferences(file)).toThrowError(/ligne 2, colonne « indicator »/);
  });
});
