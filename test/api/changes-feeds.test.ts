import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import type { Store } from '../../server/store.js';
import { FULL_MIRROR, readMirrorCsv, readMirrorJson } from '../helpers.js';
import { closeApiFixture, openApiFixture, type App } from './fixture.js';
import { request } from './request.js';

let store: Store;
let db: Db;
let app: App;
beforeAll(async () => ({ store, db, app } = await openApiFixture()));
afterAll(() => closeApiFixture(store, db));

const get = (path: string, init?: RequestInit) => request(app, path, init);

type Rouages = {
  c: Record<string, { taux: number | null; lls: number | null; deficitaire: boolean | null }>;
};
const SRU_DEPS = ['75', '77', '78', '91', '92', '93', '94', '95', '13', '89'];
const national = () => readMirrorCsv('sru', 'donnees-sru-data-gouv-2025-v2.csv', ';', 'cp1252');
const rouages = (dep: string) => readMirrorJson<Rouages>('sru', `derived_rouages_${dep}-sru.json`);
const frRate = (s: string) => Number(s.replace('%', '').replace(',', '.'));

/** Codes whose observation of an indicator is flagged `incoherent` (kept out of status changes). */
async function incoherent(indicator: string): Promise<Set<string>> {
  const rows = await db.all<{ code: string }>(
    `SELECT code FROM observations WHERE indicator = $indicator AND level = 'commune' AND list_contains(flags, 'incoherent')`,
    { indicator },
  );
  return new Set(rows.map((r) => r.code));
}

describe('GET /api/changes — inventaires SRU au 1er janvier 2024 et 2025', () => {
  it('taux SRU du 92 : précédent (fichier national), courant (extrait 2025), différence, recalculés des lignes brutes', async () => {
    const { status, body } = await get('/api/changes?indicator=sru_taux&level=commune&within=departement:92');
    expect(status).toBe(200);
    expect(body.meta.year).toBe(2025);
    expect(body.meta.previous_year).toBe(2024);
    const nat = new Map(national().map((r) => [r.Code_INSEE_commune!, r]));
    const r92 = rouages('92');
    let checked = 0;
    for (const [code, c] of Object.entries(r92.c)) {
      const prevText = nat.get(code)?.Taux_SRU_au_01_01_2024;
      if (c.taux === null || !prevText || !/^\d+(,\d+)?%$/.test(prevText)) continue;
      const row = body.data.find((r: { code: string }) => r.code === code);
      expect(row.previous.value, code).toBeCloseTo(frRate(prevText), 9);
      expect(row.current.value, code).toBeCloseTo(c.taux, 9);
      expect(row.difference, code).toBeCloseTo(c.taux - frRate(prevText), 6);
      expect(row.previous.reference_text).toBe('inventaire SRU au 1er janvier 2024');
      expect(row.current.reference_text).toBe('inventaire SRU au 1er janvier 2025');
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
    // Boulogne-Billancourt: 15,68 % → 15,95 %.
    const boulogne = body.data.find((r: { code: string }) => r.code === '92012');
    expect(boulogne.difference).toBeCloseTo(0.27, 6);
  });

  it.runIf(FULL_MIRROR)(
    'changements de statut « déficitaire » entre les deux fichiers bruts = ceux de l’API, partout où les deux inventaires existent',
    async () => {
      const nat = new Map(national().map((r) => [r.Code_INSEE_commune!, r]));
      const skip = new Set([...(await incoherent('sru_deficitaire'))]);
      const expected = new Map<string, string>();
      for (const dep of SRU_DEPS)
        for (const [code, c] of Object.entries(rouages(dep).c)) {
          const prev = nat.get(code)?.commune_deficitaire;
          if (c.deficitaire === null || (prev !== '0' && prev !== '1') || skip.has(code)) continue;
          if (prev === '0' && c.deficitaire) expected.set(code, 'newly_deficitaire');
          if (prev === '1' && !c.deficitaire) expected.set(code, 'no_longer_deficitaire');
        }
      expect(expected.size).toBeGreaterThan(10);
      const { body } = await get('/api/changes?indicator=sru_deficitaire&level=commune&within=france');
      const got = new Map<string, string>();
      for (const r of body.data as { code: string; statuses: { id: string }[] }[])
        for (const s of r.statuses)
          if (s.id === 'newly_deficitaire' || s.id === 'no_longer_deficitaire') got.set(r.code, s.id);
      expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...expected].sort()));
      // Outside the 10 départements of the 2025 extracts there is nothing to compare: no status change.
      expect([...got.keys()].every((code) => SRU_DEPS.some((d) => code.startsWith(d)))).toBe(true);
    },
  );

  it('CSV pour Excel et paramètres invalides', async () => {
    const csv = await get('/api/changes.csv?indicator=sru_taux&within=departement:92');
    expect(csv.status).toBe(200);
    expect(csv.res.headers.get('Content-Type')).toMatch(/text\/csv/);
    expect(csv.body).toContain('Millésime précédent');
    expect(csv.body.split('\r\n').find((l: string) => l.startsWith('92012;'))).toContain(';0,27;');
    expect((await get('/api/changes?indicator=inconnu')).status).toBe(400);
    expect((await get('/api/changes?indicator=sru_taux&year=2025&since=2025')).status).toBe(400);
    expect((await get('/api/changes?indicator=sru_taux&since=1990&within=departement:92')).status).toBe(400);
  });

  it.runIf(FULL_MIRROR)(
    'GET /api/changes/vintages : l’inventaire 2025 comparé à 2024 dans les 10 départements, statuts du fichier',
    async () => {
      const { body } = await get('/api/changes/vintages');
      const sru = body.data.find((v: { id: string }) => v.id === 'sru-2025');
      expect(sru.previous_year).toBe(2024);
      expect(sru.departements).toEqual([...SRU_DEPS].sort());
      const codes = sru.statuses.map((s: { code: string }) => s.code);
      for (const code of ['77146', '78501', '91477', '92047', '13108']) expect(codes).toContain(code);
      const taux = sru.moves.find((m: { indicator: string }) => m.indicator === 'sru_taux');
      expect(taux.up).toHaveLength(5);
      expect(taux.up[0].difference).toBeGreaterThanOrEqual(taux.up[4].difference);
    },
  );
});

/** Atom 1.0 (RFC 4287) checks on a parsed document. */
function checkAtom(xml: string): Document {
  const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  const NS = 'http://www.w3.org/2005/Atom';
  const feed = doc.documentElement;
  expect(feed.localName).toBe('feed');
  expect(feed.namespaceURI).toBe(NS);
  const kids = (el: Element, name: string) =>
    [...el.children].filter((c) => c.localName === name && c.namespaceURI === NS);
  const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
  for (const name of ['id', 'title', 'updated']) expect(kids(feed, name), `feed/${name}`).toHaveLength(1);
  expect(kids(feed, 'author').length).toBeGreaterThanOrEqual(1);
  expect(kids(kids(feed, 'author')[0]!, 'name')).toHaveLength(1);
  const self = kids(feed, 'link').filter((l) => l.getAttribute('rel') === 'self');
  expect(self).toHaveLength(1);
  expect(kids(feed, 'id')[0]!.textContent).toMatch(
    /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  const feedUpdated = kids(feed, 'updated')[0]!.textContent!;
  expect(feedUpdated).toMatch(RFC3339);
  const ids = new Set<string>();
  for (const entry of kids(feed, 'entry')) {
    for (const name of ['id', 'title', 'updated']) expect(kids(entry, name), `entry/${name}`).toHaveLength(1);
    const id = kids(entry, 'id')[0]!.textContent!;
    expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(ids.has(id)).toBe(false);
    ids.add(id);
    const updated = kids(entry, 'updated')[0]!.textContent!;
    expect(updated).toMatch(RFC3339);
    expect(Date.parse(updated)).toBeLessThanOrEqual(Date.parse(feedUpdated));
    // Content or an alternate link (RFC 4287 § 4.1.1.1); here both.
    expect(
      kids(entry, 'link').some(
        (l) => l.getAttribute('rel') === 'alternate' && /^https?:\/\//.test(l.getAttribute('href')!),
      ),
    ).toBe(true);
    const content = kids(entry, 'content');
    expect(content).toHaveLength(1);
    expect(content[0]!.getAttribute('type')).toBe('html');
    expect(kids(entry, 'summary')).toHaveLength(1);
  }
  return doc;
}

describe('Flux Atom', () => {
  it('/feeds/nouveautes.atom : Atom 1.0 valide, une entrée par millésime, inventaire SRU 2025 avec ses changements de statut', async () => {
    const { status, body, res } = await get('/feeds/nouveautes.atom');
    expect(status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    const doc = checkAtom(body);
    const entries = [...doc.getElementsByTagName('entry')];
    const sru = entries.find((e) =>
      e.getElementsByTagName('title')[0]!.textContent!.startsWith('inventaire SRU au 1er janvier 2025'),
    )!;
    expect(sru).toBeDefined();
    const html = new JSDOM(sru.getElementsByTagName('content')[0]!.textContent!).window.document;
    const links = [...html.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    // Palaiseau devient déficitaire (0 → 1 entre les deux fichiers), with a link to its fiche.
    expect(links).toContain('http://localhost/commune/91477');
    expect(html.body.textContent).toMatch(/Palaiseau[^:]*: devient déficitaire/);
  });

  it('ids stables : mêmes ids d’une requête à l’autre et quel que soit l’hôte', async () => {
    const a = await get('/feeds/commune/92012.atom');
    const b = await get('http://observatoire.example/feeds/commune/92012.atom');
    const ids = (xml: string) => [...xml.matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids(a.body).length).toBeGreaterThan(2);
    expect(ids(b.body)).toEqual(ids(a.body));
    expect(b.body).toContain('href="http://observatoire.example/commune/92012"');
    // Conditional requests: the ETag depends on the build, the host and the address.
    const etag = a.res.headers.get('ETag')!;
    expect(b.res.headers.get('ETag')).not.toBe(etag);
    const again = await app.request('/feeds/commune/92012.atom', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('/feeds/commune/92012.atom : Boulogne-Billancourt, entrée de l’inventaire 2025 avec 9 324 → 9 399 logements sociaux (fichiers bruts)', async () => {
    const { body } = await get('/feeds/commune/92012.atom');
    const doc = checkAtom(body);
    const nat = national().find((r) => r.Code_INSEE_commune === '92012')!;
    const lls2024 = Number(nat['Nombre_lls_ Inventaire_au_01_01_2024']);
    const lls2025 = rouages('92').c['92012']!.lls!;
    const entry = [...doc.getElementsByTagName('entry')].find((e) =>
      e.getElementsByTagName('title')[0]!.textContent!.includes('inventaire SRU au 1er janvier 2025'),
    )!;
    const text = entry.getElementsByTagName('summary')[0]!.textContent!.replace(/\s/g, ' ');
    const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n).replace(/\s/g, ' ');
    expect(text).toContain(
      `${fr(lls2024)} logements (inventaire SRU au 1er janvier 2024) → ${fr(lls2025)} logements (inventaire SRU au 1er janvier 2025), soit +${fr(lls2025 - lls2024)} logements`,
    );
  });

  it('flux d’un EPT et d’un département ; 404 et 400 sur un territoire ou un nom de fichier faux', async () => {
    checkAtom((await get('/feeds/departement/92.atom')).body);
    checkAtom((await get('/feeds/ept/200057966.atom')).body);
    expect((await get('/feeds/commune/00000.atom')).status).toBe(404);
    expect((await get('/feeds/commune/92048.xml')).status).toBe(400);
    expect((await get('/feeds/france/FR.atom')).status).toBe(400);
  });
});
