/**
 * The API resources compared with the database queried independently in the test (plain SQL on the
 * test build, ranks and orders recomputed here), never with figures copied from our own output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Db } from '../../core/db.js';
import { ROOT } from '../../core/paths.js';
import { INDICATORS, indicator } from '../../core/registry.js';
import { createApp } from '../../server/app.js';
import type { Store } from '../../server/store.js';
import { FULL_MIRROR } from '../helpers.js';
import { loadReferences } from '../../pipelines/reconcile.js';
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

interface Obs {
  code: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flags: string[];
  source_id: string;
}

describe('GET /api/indicators/:id', () => {
  it('registre, années par niveau, signalements utilisés avec leur sens, sources', async () => {
    const { status, body } = await get('/api/indicators/sru_lls');
    expect(status).toBe(200);
    expect(body.data.label).toBe(indicator('sru_lls').label);
    expect(body.data.caveats).toEqual(indicator('sru_lls').caveats);
    const years = await db.all<{ year: number }>(
      `SELECT DISTINCT year FROM observations WHERE indicator = 'sru_lls' AND level = 'commune' AND value IS NOT NULL ORDER BY year`,
    );
    expect(body.data.years_by_level.commune).toEqual(years.map((r) => r.year));
    const flags = await db.all<{ flag: string; n: number }>(
      `SELECT flag, count(*) AS n FROM (SELECT unnest(flags) AS flag FROM observations WHERE indicator = 'sru_lls') GROUP BY flag`,
    );
    for (const f of flags) {
      expect(body.data.flags[f.flag].observations).toBe(f.n);
      expect(body.data.flags[f.flag].meaning.length).toBeGreaterThan(10);
    }
    expect(body.data.source_ids.length).toBeGreaterThan(0);
    for (const id of body.data.source_ids) expect(body.meta.sources[id].id).toBe(id);
    expect(body.data.rankable).toBe(true);
    expect((await get('/api/indicators/sru_deficitaire')).body.data.rankable).toBe(false);
    const unknown = await get('/api/indicators/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.valid).toContain('sru_taux');
  });
});

describe('GET /api/territories (liste)', () => {
  it('recherche sans accents, avec codes et noms des parents', async () => {
    const { status, body } = await get('/api/territories?q=chatenay-malabry');
    expect(status).toBe(200);
    const hit = body.data[0];
    const raw = await db.all<{ name: string; ept: string; departement: string }>(
      `SELECT name, ept, departement FROM territories WHERE level = 'commune' AND code = '92019'`,
    );
    expect(hit).toMatchObject({ level: 'commune', code: '92019', name: raw[0]!.name });
    const ept = await db.all<{ name: string }>(
      `SELECT name FROM territories WHERE level = 'ept' AND code = $c`,
      { c: raw[0]!.ept },
    );
    expect(hit.ept).toBe(raw[0]!.ept);
    expect(hit.ept_name).toBe(ept[0]!.name);
    expect(hit.departement_name).toBe('Hauts-de-Seine');
    expect(hit.region_name).toBe('Île-de-France');
  });

  it('within=ept:… et epci:… listent les communes membres, limit et total', async () => {
    const members = await db.all<{ code: string }>(
      `SELECT code FROM territories WHERE level = 'commune' AND ept = '200057974' ORDER BY code`,
    );
    const { body } = await get('/api/territories?level=commune&within=ept:200057974&limit=1000');
    expect(body.data.map((t: { code: string }) => t.code).sort()).toEqual(members.map((r) => r.code));
    const mgp = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM territories WHERE level = 'commune' AND epci = '200054781'`,
    );
    const page = await get('/api/territories?level=commune&within=epci:200054781&limit=10');
    expect(page.body.data).toHaveLength(10);
    expect(page.body.meta.total).toBe(mgp[0]!.n);
    const rest = await get('/api/territories?level=commune&within=epci:200054781&limit=10&offset=10');
    expect(rest.body.data[0].code).not.toBe(page.body.data[0].code);
  });

  it('un département n’est pas son propre parent', async () => {
    const { body } = await get('/api/territories?level=departement&within=region:11');
    expect(body.data).toHaveLength(8);
    expect(body.data[0].departement).toBeNull();
    expect(body.data[0].region).toBe('11');
  });
});

describe('GET /api/territories/:level/:code — rangs', () => {
  it('rang de Meudon dans le 92 et dans son EPT, recalculé depuis la base, même année que la valeur', async () => {
    const { body } = await get('/api/territories/commune/92048');
    const t = body.data.territory;
    for (const id of ['sru_taux', 'sru_lls', 'population', 'sru_logements_manquants']) {
      const shown = body.data.indicators.find((i: { id: string }) => i.id === id).value;
      const r = body.data.ranks[id];
      if (!shown || shown.value === null) {
        expect(r).toBeUndefined();
        continue;
      }
      expect(r.year).toBe(shown.year);
      for (const [scope, col, code] of [
        ['departement', 'departement', t.departement],
        ['ept', 'ept', t.ept],
      ] as const) {
        const peers = await db.all<{ code: string; value: number }>(
          `SELECT o.code, o.value FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
           WHERE o.indicator = $id AND o.level = 'commune' AND o.year = $year AND o.value IS NOT NULL
             AND t.${col} = $code`,
          { id, year: shown.year, code },
        );
        const higher = peers.filter((p) => p.value > shown.value).length;
        expect(r[scope]).toEqual({
          rank: higher + 1,
          of: peers.length,
          ex_aequo: peers.filter((p) => p.value === shown.value && p.code !== '92048').length,
        });
      }
    }
    // Yes/no flags and indicators without aggregate are never ranked.
    for (const def of INDICATORS.filter((d) => d.unit === 'booleen' || d.aggregation === 'none'))
      expect(body.data.ranks[def.id]).toBeUndefined();
  });

  it('ex æquo : même rang pour des valeurs égales', async () => {
    // Two communes of the same département with the same number of missing social dwellings.
    const ties = await db.all<{ code: string; value: number; year: number; dep: string }>(
      `WITH v AS (
         SELECT o.code, o.value, o.year, t.departement AS dep FROM observations o
         JOIN territories t ON t.level = 'commune' AND t.code = o.code
         WHERE o.indicator = 'sru_logements_manquants' AND o.level = 'commune' AND o.year = 2025 AND o.value IS NOT NULL)
       SELECT a.code, a.value, a.year, a.dep FROM v a JOIN v b ON a.dep = b.dep AND a.value = b.value AND a.code < b.code
       ORDER BY a.code LIMIT 1`,
    );
    expect(ties.length).toBeGreaterThan(0);
    const { code, value, dep } = ties[0]!;
    const latest = await db.all<{ year: number }>(
      `SELECT max(year) AS year FROM observations WHERE indicator = 'sru_logements_manquants' AND level = 'commune' AND code = $code AND value IS NOT NULL`,
      { code },
    );
    expect(latest[0]!.year).toBe(2025);
    const { body } = await get(`/api/territories/commune/${code}`);
    const higher = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
       WHERE o.indicator = 'sru_logements_manquants' AND o.level = 'commune' AND o.year = 2025 AND t.departement = $dep AND o.value > $value`,
      { dep, value },
    );
    expect(body.data.ranks.sru_logements_manquants.departement.rank).toBe(higher[0]!.n + 1);
    expect(body.data.ranks.sru_logements_manquants.departement.ex_aequo).toBeGreaterThan(0);
  });
});

describe('GET /api/values', () => {
  it('within=epci:<siren> : les communes de la Métropole du Grand Paris, valeurs égales à la base', async () => {
    const { status, body } = await get(
      '/api/values?indicator=population&level=commune&within=epci:200054781',
    );
    expect(status).toBe(200);
    const raw = await db.all<Obs>(
      `SELECT o.code, o.value FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
       WHERE o.indicator = 'population' AND o.level = 'commune' AND t.epci = '200054781' AND o.year = $y`,
      { y: body.meta.year },
    );
    expect(body.data).toHaveLength(raw.length);
    const byCode = new Map(raw.map((r) => [r.code, r.value]));
    for (const r of body.data) expect(r.value).toBe(byCode.get(r.code));
  });

  it('périmètre inconnu : 404 avec les valeurs valides', async () => {
    const r = await get('/api/values?indicator=sru_taux&within=departement:99');
    expect(r.status).toBe(404);
    expect(r.body.error.valid).toContain('departement:92');
  });
});

describe('GET /api/series', () => {
  it('toutes les années de la base pour chaque territoire, sources en meta, segment 0 sans rupture', async () => {
    const { status, body } = await get('/api/series?indicator=sru_taux&level=commune&code=92048&code=92050');
    expect(status).toBe(200);
    expect(body.data.map((s: { code: string }) => s.code)).toEqual(['92048', '92050']);
    for (const s of body.data) {
      const raw = await db.all<Obs>(
        `SELECT year, value, numerator, denominator, flags, source_id FROM observations
         WHERE indicator = 'sru_taux' AND level = 'commune' AND code = $code ORDER BY year`,
        { code: s.code },
      );
      expect(
        s.points.map((p: Obs) => [p.year, p.value, p.numerator, p.denominator, p.flags, p.source_id]),
      ).toEqual(raw.map((p) => [p.year, p.value, p.numerator, p.denominator, p.flags, p.source_id]));
      for (const p of s.points) expect(body.meta.sources[p.source_id]).toBeDefined();
    }
    expect(body.meta.indicator.id).toBe('sru_taux');
    expect(Array.isArray(body.meta.breaks)).toBe(true);
  });

  it('codes séparés par des virgules et niveaux mêlés, code inconnu 404, 13 codes 400', async () => {
    const { body } = await get('/api/series?indicator=sru_lls&code=92048,departement:92');
    expect(body.data.map((s: { level: string }) => s.level)).toEqual(['commune', 'departement']);
    const dep = await db.all<{ value: number }>(
      `SELECT value FROM observations WHERE indicator = 'sru_lls' AND level = 'departement' AND code = '92' AND year = 2025`,
    );
    expect(body.data[1].points.find((p: Obs) => p.year === 2025).value).toBe(dep[0]!.value);
    expect((await get('/api/series?indicator=sru_lls&code=99999')).status).toBe(404);
    const many = Array.from({ length: 13 }, (_, i) => `code=${92002 + i}`).join('&');
    expect((await get(`/api/series?indicator=sru_lls&${many}`)).status).toBe(400);
  });

  it('une rupture déclarée au registre coupe la série (rupture synthétique)', async () => {
    const def = indicator('sru_taux');
    const saved = def.series_breaks;
    def.series_breaks = [{ year: 2024, label: 'rupture synthétique de test' }];
    try {
      const fresh = createApp(store, { log: false });
      const res = await fresh.request('/api/series?indicator=sru_taux&code=92048&csv_style=rfc');
      const body = (await res.json()) as {
        data: Array<{ points: Array<{ year: number; segment: number }> }>;
        meta: { breaks: Array<{ year: number; kind: string }> };
      };
      const pts = body.data[0]!.points;
      expect(pts.length).toBeGreaterThan(2);
      for (const p of pts) expect(p.segment).toBe(p.year >= 2024 ? 1 : 0);
      expect(body.meta.breaks).toContainEqual(expect.objectContaining({ year: 2024, kind: 'registry' }));
    } finally {
      def.series_breaks = saved;
    }
  });
});

describe('GET /api/compare', () => {
  it('dernière valeur de chaque indicateur par territoire, comme la fiche, égale à la base', async () => {
    const { status, body } = await get('/api/compare?level=commune&code=92048&code=92050&code=92012');
    expect(status).toBe(200);
    expect(body.data.territories.map((t: { key: string }) => t.key)).toEqual(['92048', '92050', '92012']);
    for (const ind of body.data.indicators) {
      for (const code of ['92048', '92050', '92012']) {
        const raw = await db.all<Obs>(
          `SELECT year, value FROM observations WHERE indicator = $id AND level = 'commune' AND code = $code
           ORDER BY (value IS NULL), year DESC LIMIT 1`,
          { id: ind.id, code },
        );
        const v = ind.values[code];
        if (!raw[0]) expect(v).toBeNull();
        else expect([v.year, v.value]).toEqual([raw[0].year, raw[0].value]);
      }
    }
    const fiche = await get('/api/territories/commune/92050');
    const taux = body.data.indicators.find((i: { id: string }) => i.id === 'sru_taux');
    expect(taux.values['92050']).toEqual(
      fiche.body.data.indicators.find((i: { id: string }) => i.id === 'sru_taux').value,
    );
  });

  it('niveaux mêlés : clés « niveau:code » ; un seul code : 400', async () => {
    const { body } = await get('/api/compare?code=commune:92048&code=departement:92&code=region:11');
    expect(body.meta.keyed_by).toBe('level:code');
    const pop = body.data.indicators.find((i: { id: string }) => i.id === 'population');
    const raw = await db.all<{ value: number }>(
      `SELECT value FROM observations WHERE indicator = 'population' AND level = 'region' AND code = '11' ORDER BY year DESC LIMIT 1`,
    );
    expect(pop.values['region:11'].value).toBe(raw[0]!.value);
    expect((await get('/api/compare?code=92048')).status).toBe(400);
    expect((await get('/api/compare?code=92048,92048')).status).toBe(400);
  });
});

describe('GET /api/rankings', () => {
  it('communes déficitaires du 92 classées par logements manquants = requête SQL indépendante', async () => {
    const { status, body } = await get(
      '/api/rankings?indicator=sru_logements_manquants&level=commune&within=departement:92&filter=sru_deficitaire:1&limit=100',
    );
    expect(status).toBe(200);
    const year = body.meta.year as number;
    const expected = await db.all<{ code: string; value: number | null; rk: number | null }>(
      `WITH d AS (SELECT code FROM observations WHERE indicator = 'sru_deficitaire' AND level = 'commune' AND year = $year AND value = 1),
       m AS (SELECT o.code, o.value FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
             WHERE o.indicator = 'sru_logements_manquants' AND o.level = 'commune' AND o.year = $year AND t.departement = '92')
       SELECT m.code, m.value, CASE WHEN m.value IS NULL THEN NULL ELSE rank() OVER (ORDER BY m.value DESC NULLS LAST) END AS rk
       FROM m JOIN d USING (code) ORDER BY m.value DESC NULLS LAST, m.code`,
      { year },
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(
      body.data.map((r: { code: string; value: number; rank: number }) => [r.code, r.value, r.rank]),
    ).toEqual(expected.map((r) => [r.code, r.value, r.rk]));
    expect(body.meta.sources[body.data[0].source_id]).toBeDefined();
  });

  it('ordre croissant, valeurs manquantes en fin sans rang, limit', async () => {
    const { body } = await get('/api/rankings?indicator=sru_taux&within=departement:92&order=asc&limit=50');
    const ranked = body.data.filter((r: { rank: number | null }) => r.rank !== null);
    const missing = body.data.filter((r: { rank: number | null }) => r.rank === null);
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i].value).toBeGreaterThanOrEqual(ranked[i - 1].value);
    for (const r of missing) expect(r.value).toBeNull();
    expect(body.data.indexOf(missing[0] ?? body.data.at(-1))).toBeGreaterThanOrEqual(ranked.length - 1);
    const raw = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
       WHERE o.indicator = 'sru_taux' AND o.level = 'commune' AND o.year = $y AND t.departement = '92' AND o.value IS NOT NULL`,
      { y: body.meta.year },
    );
    expect(ranked).toHaveLength(raw[0]!.n);
    expect(
      (await get('/api/rankings?indicator=sru_taux&within=departement:92&limit=3')).body.data,
    ).toHaveLength(3);
  });

  it('filtre invalide : 400 avec les indicateurs oui/non valides ; indicateur oui/non classé : 400', async () => {
    const bad = await get('/api/rankings?indicator=sru_taux&filter=sru_taux:1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('sru_deficitaire');
    expect((await get('/api/rankings?indicator=sru_taux&filter=sru_deficitaire:2')).status).toBe(400);
    expect((await get('/api/rankings?indicator=sru_deficitaire&level=commune')).status).toBe(400);
  });
});

describe('GET /api/sources', () => {
  it('liste et détail égaux à la table sources', async () => {
    const raw = await db.all<{ id: string; sha256: string; origin: string }>(
      `SELECT id, sha256, origin FROM sources`,
    );
    const { body } = await get('/api/sources');
    expect(body.data).toHaveLength(raw.length);
    const one = await get(`/api/sources/${raw[0]!.id}`);
    expect(one.body.data).toMatchObject({ sha256: raw[0]!.sha256, origin: raw[0]!.origin });
    const unknown = await get('/api/sources/inconnue');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.valid).toContain(raw[0]!.id);
  });
});

describe('GET /api/reconciliation', () => {
  it('chaque chiffre publié du fichier de référence, le nôtre relu dans la base, l’écart ; CSV jumeau', async () => {
    const refs = loadReferences();
    const { status, body } = await get('/api/reconciliation');
    expect(status).toBe(200);
    expect(body.data.map((r: { id: string }) => r.id)).toEqual(refs.map((r) => r.id));
    for (const [i, ref] of refs.entries()) {
      const row = body.data[i];
      expect(row).toMatchObject({ value: ref.value, publisher: ref.publisher, url: ref.url, year: ref.year });
      if (ref.measure !== 'value') continue;
      const obs = await db.all<{ value: number | null }>(
        `SELECT value FROM observations WHERE indicator = $i AND level = $l AND code = $c AND year = $y`,
        { i: ref.indicator, l: ref.level, c: ref.code, y: ref.year },
      );
      const ours = obs[0]?.value ?? null;
      expect(row.ours, ref.id).toBe(ours);
      if (ours !== null) expect(row.gap, ref.id).toBeCloseTo(ours - ref.value, 6);
      else expect(row.status, ref.id).toBe('non calculable');
    }
    const count = (st: string) => body.data.filter((r: { status: string }) => r.status === st).length;
    expect(body.meta).toMatchObject({
      ok: count('ok'),
      gaps: count('écart'),
      not_computable: count('non calculable'),
    });
    const csv = await app.request('/api/reconciliation.csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^Identifiant;Indicateur;/);
    expect(lines).toHaveLength(refs.length + 1);
  });
});

describe('GET /api/geo', () => {
  it('départements et régions extraits de la topologie nationale : mêmes géométries, arcs réduits', async () => {
    const list = await get('/api/geo');
    const ids = list.body.data.map((l: { id: string }) => l.id);
    expect(ids).toEqual(expect.arrayContaining(['france', 'departements', 'regions', 'communes-idf', 'ept']));
    for (const l of list.body.data) expect(l.hash).toMatch(/^[0-9a-f]{16}$/);
    const raw = await db.all<{ content: string }>(`SELECT content FROM geo_layers WHERE id = 'france'`);
    const france = JSON.parse(raw[0]!.content) as Topology;
    for (const name of ['departements', 'regions']) {
      const res = await app.request(`/api/geo/${name}`);
      expect(res.status).toBe(200);
      const topo = (await res.json()) as Topology;
      expect(Object.keys(topo.objects)).toEqual([name]);
      expect(topo.arcs.length).toBeLessThan(france.arcs.length);
      const a = feature(topo, topo.objects[name] as GeometryCollection) as FeatureCollection;
      const b = feature(france, france.objects[name] as GeometryCollection) as FeatureCollection;
      expect(a.features).toHaveLength(b.features.length);
      expect(a.features.map((f) => f.geometry)).toEqual(b.features.map((f) => f.geometry));
      expect(a.features.map((f) => f.properties)).toEqual(b.features.map((f) => f.properties));
    }
    const codes = await db.all<{ code: string }>(`SELECT code FROM territories WHERE level = 'departement'`);
    const deps = (await (await app.request('/api/geo/departements')).json()) as Topology;
    const depCodes = (deps.objects.departements as GeometryCollection<{ code: string }>).geometries.map(
      (g) => (g.properties as { code: string }).code,
    );
    // Every département is drawn (the fixture mirror draws only those of its communes).
    if (FULL_MIRROR) expect(depCodes.sort()).toEqual(codes.map((r) => r.code).sort());
    else expect(codes.map((r) => r.code)).toEqual(expect.arrayContaining(depCodes));
  });
});

describe('GET /api/openapi.json', () => {
  it('OpenAPI 3.x : chaque route GET documentée avec paramètres et réponses, tirés des schémas zod', async () => {
    const { status, body } = await get('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(body.info.title).toBeTruthy();
    expect(body.info.version).toBeTruthy();
    const documented = Object.keys(body.paths);
    const routes = app.routes
      .filter((r) => r.method === 'GET')
      .map((r) => r.path.replace(/\/$/, '').replace(/:([a-z]+)/g, '{$1}'))
      .map((p) => (p === '/api/openapi' ? '/api/openapi.json' : p));
    for (const p of new Set(routes)) expect(documented).toContain(p);
    for (const [path, item] of Object.entries(body.paths) as Array<
      [string, { get: Record<string, unknown> }]
    >) {
      const op = item.get;
      expect(Array.isArray(op.parameters), path).toBe(true);
      expect(op.responses, path).toHaveProperty('200');
      for (const name of path.match(/\{(\w+)\}/g) ?? [])
        expect(
          (op.parameters as Array<{ name: string; in: string }>).some(
            (p) => p.in === 'path' && `{${p.name}}` === name,
          ),
          `${path} ${name}`,
        ).toBe(true);
    }
    const values = body.paths['/api/values'].get;
    const names = values.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['indicator', 'level', 'within', 'year', 'format', 'csv_style']),
    );
    const ind = values.parameters.find((p: { name: string }) => p.name === 'indicator');
    expect(ind.required).toBe(true);
    expect(ind.schema.enum).toEqual(INDICATORS.map((i) => i.id));
    expect(values.responses['200'].content).toHaveProperty('text/csv');
    expect(values.responses['200'].content).toHaveProperty('application/vnd.apache.arrow.stream');
    expect(values.responses['400'].content['application/json'].schema.properties.error).toBeDefined();
  });
});

describe('README', () => {
  it('les adresses d’exemple de la section API répondent 200 avec des données', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## API'), readme.indexOf('## Organisation du code'));
    const urls = [...section.matchAll(/http:\/\/localhost:8080(\/api\/\S+?)(?=\s|$)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      const text = await res.text();
      expect(text.length, url).toBeGreaterThan(200);
    }
  });
});
