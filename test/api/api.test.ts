import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import type { Store } from '../../server/store.js';
import { chooseLatest } from '../../server/services/observations.js';
import { FULL_MIRROR } from '../helpers.js';
import { closeApiFixture, openApiFixture, type App } from './fixture.js';

let store: Store;
let db: Db;
let app: App;
beforeAll(async () => ({ store, db, app } = await openApiFixture()));
afterAll(() => closeApiFixture(store, db));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
async function get<T = any>(path: string): Promise<{ status: number; body: T; res: Response }> {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as T, res };
}

describe('API', () => {
  it('GET /api/health compte les sources chargées', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    const n = await db.all<{ n: number }>(`SELECT count(*) AS n FROM sources`);
    expect(body.data).toMatchObject({ status: 'ok', sources: n[0]!.n });
    expect(body.data.built_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('GET /api/indicators renvoie le registre avec années disponibles', async () => {
    const { body } = await get('/api/indicators');
    const taux = body.data.find((i: { id: string }) => i.id === 'sru_taux');
    expect(taux.label).toBe('Taux de logements sociaux SRU');
    expect(taux.years).toContain(2025);
    expect(body.meta.flags.derived.badge).toBeTruthy();
  });

  it('GET /api/values : une ligne par commune du 92, valeurs égales à la base, total = agrégat départemental', async () => {
    const { status, body } = await get(
      '/api/values?indicator=sru_lls&level=commune&within=departement:92&year=latest',
    );
    expect(status).toBe(200);
    expect(body.data).toHaveLength(36);
    expect(body.meta.year).toBe(2025);
    const sum = body.data.reduce((a: number, r: { value: number | null }) => a + (r.value ?? 0), 0);
    const dep = await get('/api/values?indicator=sru_lls&level=departement&within=region:11&year=2025');
    expect(dep.body.data.find((r: { code: string }) => r.code === '92').value).toBe(sum);
    const meudon = body.data.find((r: { code: string }) => r.code === '92048');
    const raw = await db.all<{ value: number }>(
      `SELECT value FROM observations WHERE indicator='sru_lls' AND level='commune' AND code='92048' AND year=2025`,
    );
    expect(meudon.value).toBe(raw[0]!.value);
    expect(body.meta.sources[meudon.source_id].producer).toMatch(/DHUP/);
  });

  it.runIf(FULL_MIRROR)(
    'GET /api/values sur l’Île-de-France : 1 266 communes, valeurs manquantes à null (jamais 0)',
    async () => {
      const { body } = await get('/api/values?indicator=sru_taux&level=commune&within=region:11');
      expect(body.data).toHaveLength(1266);
      const neuilly = body.data.find((r: { code: string }) => r.code === '92051');
      expect(neuilly.value).toBeNull();
      expect(neuilly.flags).toContain('masked');
    },
  );

  it('GET /api/territories/commune/92048 : la fiche de Meudon avec sources et contexte', async () => {
    const { status, body } = await get('/api/territories/commune/92048');
    expect(status).toBe(200);
    expect(body.data.territory.name).toBe('Meudon');
    const taux = body.data.indicators.find((i: { id: string }) => i.id === 'sru_taux');
    expect(taux.value.value).toBe(28.18);
    expect(taux.value.year).toBe(2025);
    expect(body.meta.sources[taux.value.source_id].file_name).toBe('derived_rouages_92-sru.json');
    const levels = body.data.context.map((c: { territory: { level: string } }) => c.territory.level);
    expect(levels).toEqual(['ept', 'epci', 'departement', 'region', 'france']);
    const ept = body.data.context[0];
    expect(ept.territory.name).toBe('Grand Paris Seine Ouest');
    const eptRate = await db.all<{ value: number }>(
      `SELECT value FROM observations WHERE indicator='sru_taux' AND level='ept' AND code='200057974' AND year=2025`,
    );
    expect(ept.values.sru_taux.value).toBe(eptRate[0]!.value);
  });

  it.runIf(FULL_MIRROR)(
    'un EPT à cheval sur deux départements a les deux pour parents, le plus peuplé en communes d’abord',
    async () => {
      const { body } = await get('/api/territories/ept/200058014'); // T12 Grand-Orly Seine Bièvre
      const counts = await db.all<{ departement: string; n: number }>(
        `SELECT departement, count(*) AS n FROM territories WHERE level = 'commune' AND ept = '200058014' GROUP BY ALL ORDER BY n DESC`,
      );
      expect(counts.map((c) => c.departement)).toEqual(['94', '91']);
      const deps = body.data.parents
        .filter((p: { level: string }) => p.level === 'departement')
        .map((p: { code: string }) => p.code);
      expect(deps).toEqual(['94', '91']);
      expect(body.data.territory.departement).toBe('94');
    },
  );

  it('un ancien code (Évry 91182) mène à la commune actuelle', async () => {
    const { status, body } = await get('/api/territories/commune/91182');
    expect(status).toBe(200);
    expect(body.data.territory.code).toBe('91228');
    expect(body.meta.resolved_from).toBe('91182');
  });

  it('GET /api/search : préfixe sans accents, code, ancien code', async () => {
    expect((await get('/api/search?q=meud')).body.data[0]).toMatchObject({ code: '92048', name: 'Meudon' });
    // Among names starting with the text, the most populous first: Évry-Courcouronnes before Évry (Yonne).
    const evry = (await get('/api/search?q=evry')).body.data.map((h: { code: string }) => h.code);
    expect(evry[0]).toBe('91228');
    expect(evry).toContain('89162');
    expect((await get('/api/search?q=evry-cour')).body.data[0]).toMatchObject({ code: '91228' });
    expect((await get('/api/search?q=92050')).body.data[0]).toMatchObject({ name: 'Nanterre' });
    expect((await get('/api/search?q=chatenay')).body.data[0]).toMatchObject({ code: '92019' });
    expect((await get('/api/search?q=vallee sud')).body.data[0]).toMatchObject({
      level: 'ept',
      code: '200057966',
    });
  });

  it('paramètres invalides : 400 avec la liste des valeurs valides ; code inconnu : 404', async () => {
    const bad = await get('/api/values?indicator=nope&level=commune');
    expect(bad.status).toBe(400);
    expect(bad.body.error.valid).toContain('sru_taux');
    const lvl = await get('/api/territories/canton/92048');
    expect(lvl.status).toBe(400);
    expect(lvl.body.error.valid).toEqual(['commune', 'ept', 'epci', 'departement', 'region', 'france']);
    expect((await get('/api/territories/commune/99999')).status).toBe(404);
    expect((await get('/api/values?indicator=sru_taux&year=1990')).status).toBe(400);
  });

  it('injection SQL dans les paramètres texte : 400 ou résultat vide, base intacte', async () => {
    const before = await db.all<{ n: number }>(`SELECT count(*) AS n FROM observations`);
    expect(
      (await get(`/api/search?q=${encodeURIComponent("x'; DROP TABLE observations; --")}`)).body.data,
    ).toEqual([]);
    expect((await get(`/api/territories/commune/${encodeURIComponent("1' OR '1'='1")}`)).status).toBe(400);
    expect(
      (await get(`/api/values?indicator=sru_taux&within=${encodeURIComponent("region:11' OR 1=1")}`)).status,
    ).toBe(400);
    const after = await db.all<{ n: number }>(`SELECT count(*) AS n FROM observations`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('en-têtes de sécurité et CORS limité à GET', async () => {
    const res = await app.request('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const post = await app.request('/api/health', { method: 'POST' });
    expect(post.status).toBe(405);
  });

  describe('« dernière année » : la plus récente qui couvre le périmètre', () => {
    const depOf = (code: string) => (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));
    const valued = (rows: Array<{ code: string; value: number | null }>) =>
      rows.filter((r) => r.value !== null);

    it('règle : une année plus récente couvrant moins de la moitié du périmètre ne masque pas la précédente', () => {
      expect(chooseLatest([])).toEqual({ year: null, newer: [] });
      const national = { year: 2024, territories: 2080 };
      const extracts = { year: 2025, territories: 719 };
      expect(chooseLatest([extracts, national])).toEqual({ year: 2024, newer: [extracts] });
      expect(chooseLatest([national, { year: 2025, territories: 1040 }]).year).toBe(2025); // half: enough
      expect(chooseLatest([national, { year: 2025, territories: 1039 }]).year).toBe(2024);
      expect(
        chooseLatest([
          { year: 2024, territories: 36 },
          { year: 2025, territories: 36 },
        ]).newer,
      ).toEqual([]);
    });

    it('Hauts-de-Seine : le dernier inventaire (2025), sans année plus récente', async () => {
      const { body } = await get('/api/values?indicator=sru_taux&level=commune&within=departement:92');
      expect(body.meta.year).toBe(Math.max(...body.meta.years));
      expect(body.meta.newer_years).toEqual([]);
    });

    it.runIf(FULL_MIRROR)(
      'France : la carte par défaut est l’inventaire national au 1er janvier 2024, 2025 signalée comme partielle',
      async () => {
        const latest = await get('/api/values?indicator=sru_taux&level=commune&within=france');
        const y2025 = await get('/api/values?indicator=sru_taux&level=commune&within=france&year=2025');
        expect(latest.body.meta.year).toBe(2024);
        const v2024 = valued(latest.body.data);
        const v2025 = valued(y2025.body.data);
        // the national file: about 2 080 communes with a rate, in every département of metropolitan France
        expect(v2024.length).toBeGreaterThan(2000);
        expect(new Set(v2024.map((r) => depOf(r.code))).size).toBeGreaterThanOrEqual(90);
        // the 2025 extracts: the mirror's ten départements only
        expect(new Set(v2025.map((r) => depOf(r.code))).size).toBeLessThanOrEqual(10);
        expect(latest.body.meta.newer_years).toEqual([{ year: 2025, territories: v2025.length }]);
        // the national ranking follows the same rule
        const rk = await get('/api/rankings?indicator=sru_taux&level=commune&within=france&limit=1');
        expect(rk.body.meta.year).toBe(2024);
        expect(rk.body.meta.newer_years).toEqual([{ year: 2025, territories: v2025.length }]);
      },
    );
  });
});
