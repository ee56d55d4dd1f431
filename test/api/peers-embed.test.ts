import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { PEER_CRITERION_IDS } from '../../core/peers.js';
import type { Store } from '../../server/store.js';
import { readMirrorJson } from '../helpers.js';
import { closeApiFixture, openApiFixture, type App } from './fixture.js';
import { request } from './request.js';

let store: Store;
let db: Db;
let app: App;
beforeAll(async () => ({ store, db, app } = await openApiFixture()));
afterAll(() => closeApiFixture(store, db));

const get = (path: string, init?: RequestInit) => request(app, path, init);

describe('GET /api/territories/commune/:code/peers', () => {
  it('Meudon : 10 communes comparables, jamais elle-même, critères et méthode, valeurs égales à la base', async () => {
    const { status, body } = await get('/api/territories/commune/92048/peers');
    expect(status).toBe(200);
    const d = body.data;
    expect(d.territory).toMatchObject({ code: '92048', name: 'Meudon', departement: '92' });
    expect(d.method).toMatch(/tranche de population/);
    expect(d.criteria.map((c: { id: string }) => c.id)).toContain('population');
    for (const c of d.criteria) {
      expect(PEER_CRITERION_IDS).toContain(c.id);
      expect(c.label).toBeTruthy();
      expect(c.n_communes).toBeGreaterThan(0);
    }
    expect(d.peers).toHaveLength(10);
    expect(d.peers.map((p: { code: string }) => p.code)).not.toContain('92048');
    const stored = await db.all<{ peer: string; distance: number }>(
      `SELECT peer, distance FROM peers WHERE code = '92048' ORDER BY rank`,
    );
    expect(d.peers.map((p: { code: string }) => p.code)).toEqual(stored.map((s) => s.peer));
    d.peers.forEach((p: { distance: number; name: string; rank: number }, i: number) => {
      expect(p.distance).toBe(stored[i]!.distance);
      expect(p.rank).toBe(i + 1);
      expect(p.name).toBeTruthy();
    });
    // The SRU rate of each peer is its latest observation in the base.
    const first = d.peers[0];
    const [sru] = await db.all<{ year: number; value: number }>(
      `SELECT year, value FROM observations WHERE indicator = 'sru_taux' AND level = 'commune' AND code = $code
       AND value IS NOT NULL ORDER BY year DESC LIMIT 1`,
      { code: first.code },
    );
    expect(first.sru_taux.value).toBe(sru!.value);
    expect(body.meta.sources['insee-poplegales-2023']).toBeDefined();
  });

  it('ancien code, CSV, commune inconnue, code invalide ; méthode sur /api/peers', async () => {
    const csv = await get('/api/territories/commune/92048/peers.csv');
    expect(csv.status).toBe(200);
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(11);
    expect((await get('/api/territories/commune/00000/peers')).status).toBe(404);
    expect((await get('/api/territories/commune/92%2F48/peers')).status).toBe(400);
    const method = await get('/api/peers');
    expect(method.body.data.criteria.map((c: { id: string }) => c.id)).toEqual(PEER_CRITERION_IDS);
  });
});

describe('Cartes à intégrer /embed/…', () => {
  it('seule /embed/ relâche frame-ancestors et X-Frame-Options ; le reste garde ses en-têtes', async () => {
    const embed = await get('/embed/commune/92048');
    expect(embed.status).toBe(200);
    expect(embed.res.headers.get('X-Frame-Options')).toBeNull();
    expect(embed.res.headers.get('Content-Security-Policy')).toContain('frame-ancestors *');
    expect(embed.res.headers.get('Content-Security-Policy')).not.toContain('script-src');
    for (const path of [
      '/api/territories/commune/92048',
      '/api/territories/commune/92048/peers',
      '/feeds/commune/92048.atom',
      '/api/embed/commune/92048',
    ]) {
      const res = await app.request(path);
      expect(res.headers.get('X-Frame-Options'), path).toBe('SAMEORIGIN');
      expect(res.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('Meudon : taux SRU et logements sociaux manquants, dates, source et lien vers la fiche (extrait brut 2025)', async () => {
    const { body } = await get('/embed/commune/92048?indicateurs=sru_taux,sru_lls');
    const doc = new JSDOM(body).window.document;
    const raw = readMirrorJson<{ c: Record<string, { taux: number; lls: number }> }>(
      'sru',
      'derived_rouages_92-sru.json',
    ).c['92048']!;
    const fig = (id: string) => doc.querySelector(`[data-indicator="${id}"]`)!;
    expect(Number(fig('sru_taux').getAttribute('data-value'))).toBe(raw.taux);
    expect(fig('sru_taux').textContent).toContain(new Intl.NumberFormat('fr-FR').format(raw.taux));
    expect(fig('sru_taux').textContent).toContain('inventaire SRU au 1er janvier 2025');
    expect(Number(fig('sru_lls').getAttribute('data-value'))).toBe(raw.lls);
    expect(doc.querySelector('.src')!.textContent).toMatch(/DGALN\/DHUP/);
    expect(doc.querySelector('a')!.getAttribute('href')).toBe('http://localhost/commune/92048');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('EPT et département ; indicateur inconnu ou trop nombreux : 400', async () => {
    expect((await get('/embed/ept/200057966?indicateurs=sru_taux')).status).toBe(200);
    const dep = await get('/embed/departement/92?indicateurs=sru_deficitaire');
    expect(dep.body).toMatch(/communes déficitaires/);
    expect((await get('/embed/commune/92048?indicateurs=inconnu')).status).toBe(400);
    expect((await get('/embed/commune/92048?indicateurs=a,b,c,d,e,f,g')).status).toBe(400);
  });
});
