import { readFileSync } from 'node:fs';
import { geoArea } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import {
  PEER_CRITERIA,
  PEER_CRITERION_IDS,
  POPULATION_BANDS,
  bandOf,
  type PeerCriterionId,
} from '../../core/peers.js';
import { computePeers, type PeerCommune, type PeerInput } from '../../pipelines/peers.js';
import { FULL_MIRROR, mirrorFile, openTestDb, readMirrorCsv, readMirrorJson } from '../helpers.js';

/** A small deterministic pseudo-random generator (tests must not depend on Math.random). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function synthetic(n: number, seed: number): PeerInput {
  const r = rng(seed);
  const communes: PeerCommune[] = [];
  const values = Object.fromEntries(
    PEER_CRITERION_IDS.map((id) => [id, new Map<string, number>()]),
  ) as Record<PeerCriterionId, Map<string, number>>;
  for (let i = 0; i < n; i++) {
    const code = String(10000 + Math.floor(r() * 80000)).padStart(5, '0') + i;
    communes.push({
      code,
      departement: String(1 + (i % 5)).padStart(2, '0'),
      centroid: [r() * 8 - 4, 42 + r() * 8],
    });
    if (r() < 0.97) values.population.set(code, Math.round(10 ** (1 + r() * 4.5)));
    if (r() < 0.95) values.densite.set(code, 10 ** (r() * 4));
    if (r() < 0.6) values.parc_social.set(code, r() * 30);
    if (r() < 0.25) values.pauvrete.set(code, 5 + r() * 30);
    if (r() < 0.25) values.vacance.set(code, 3 + r() * 12);
  }
  return { communes, values };
}

/** Brute force: every candidate's distance, sorted by (distance, code). */
function bruteForce(
  input: PeerInput,
  z: Record<PeerCriterionId, Map<string, number>>,
  code: string,
  criteria: PeerCriterionId[],
  band: [number, number],
): string[] {
  const pop = input.values.population;
  const rows: [number, string][] = [];
  for (const c of input.communes) {
    if (c.code === code || !pop.has(c.code) || !z.population.has(c.code)) continue;
    const b = bandOf(pop.get(c.code)!);
    if (b < band[0] || b > band[1]) continue;
    if (!criteria.every((k) => z[k].has(c.code))) continue;
    const ss = criteria.reduce((acc, k) => acc + (z[k].get(code)! - z[k].get(c.code)!) ** 2, 0);
    rows.push([Math.sqrt(ss / criteria.length), c.code]);
  }
  rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  return rows.slice(0, 10).map((x) => x[1]);
}

describe('Communes comparables — méthode (données synthétiques)', () => {
  const input = synthetic(1500, 42);
  const out = computePeers(input);

  it('10 communes comparables pour chacune, jamais elle-même, sans doublon, distances croissantes', () => {
    expect(out.sets).toHaveLength(input.communes.length);
    for (const s of out.sets) {
      expect(s.peers).toHaveLength(10);
      expect(s.peers.map((p) => p.code)).not.toContain(s.code);
      expect(new Set(s.peers.map((p) => p.code)).size).toBe(10);
      const d = s.peers.map((p) => p.distance!);
      expect([...d].sort((a, b) => a - b)).toEqual(d);
    }
  });

  it('stable : mêmes données dans un autre ordre → mêmes comparables et mêmes distances', () => {
    const r = rng(7);
    const shuffled = [...input.communes].sort(() => r() - 0.5);
    const values = Object.fromEntries(
      PEER_CRITERION_IDS.map((id) => [id, new Map([...input.values[id]].reverse())]),
    ) as PeerInput['values'];
    const again = computePeers({ communes: shuffled, values });
    const key = (o: typeof out) => JSON.stringify([...o.sets].sort((a, b) => (a.code < b.code ? -1 : 1)));
    expect(key(again)).toBe(key(out));
  });

  it('égal à la recherche exhaustive (distance quadratique moyenne des écarts centrés-réduits)', () => {
    let checked = 0;
    for (const s of out.sets) {
      if (s.mode !== 'structure') continue;
      expect(s.peers.map((p) => p.code)).toEqual(bruteForce(input, out.z, s.code, s.criteria, s.band!));
      checked++;
    }
    expect(checked).toBeGreaterThan(1400);
  });

  it('valeurs manquantes : critères retenus = ceux de la commune, comparables qui les ont tous ; critère le moins couvert mis de côté d’abord', () => {
    for (const s of out.sets.filter((x) => x.mode === 'structure')) {
      expect(s.criteria[0]).toBe('population');
      for (const c of s.criteria) expect(out.z[c].has(s.code)).toBe(true);
      for (const c of s.missing) expect(out.z[c].has(s.code)).toBe(false);
      for (const p of s.peers) for (const c of s.criteria) expect(out.z[c].has(p.code)).toBe(true);
      // Set aside only from the end of the list (least covered first).
      const order = PEER_CRITERION_IDS;
      for (const c of s.setAside)
        for (const kept of s.criteria) expect(order.indexOf(c)).toBeGreaterThan(order.indexOf(kept));
    }
    // With 25 % coverage of poverty and vacancy, some communes have both in a sparse band.
    expect(out.sets.some((s) => s.setAside.length > 0)).toBe(true);
    expect(out.sets.some((s) => s.criteria.length === 5)).toBe(true);
  });

  it('tranche de population élargie seulement quand la tranche seule ne suffit pas', () => {
    const one = synthetic(300, 3);
    // Put a single commune alone in the 100 000+ band: it must borrow the neighbouring band.
    const lone = one.communes[0]!.code;
    for (const c of one.communes)
      one.values.population.set(c.code, 30_000 + (c.code.charCodeAt(3) % 7) * 1000);
    one.values.population.set(lone, 150_000);
    const res = computePeers(one);
    const s = res.sets.find((x) => x.code === lone)!;
    expect(s.band).toEqual([bandOf(40_000), POPULATION_BANDS.length - 1]);
    expect(s.criteria).toEqual(['population']);
    expect(s.peers).toHaveLength(10);
  });

  it('sans population : les communes les plus proches géographiquement (km)', () => {
    const one = synthetic(200, 9);
    const c0 = one.communes[0]!;
    one.values.population.delete(c0.code);
    const s = computePeers(one).sets.find((x) => x.code === c0.code)!;
    expect(s.mode).toBe('proximite');
    const km = (a: [number, number], b: [number, number]) => {
      const rad = Math.PI / 180;
      const h =
        Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 +
        Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
      return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
    };
    const expected = one.communes
      .filter((c) => c !== c0)
      .map((c) => [km(c0.centroid!, c.centroid!), c.code] as const)
      .sort((a, b) => a[0] - b[0])
      .slice(0, 10);
    expect(s.peers.map((p) => p.code)).toEqual(expected.map((e) => e[1]));
    s.peers.forEach((p, i) => expect(p.distance).toBeCloseTo(expected[i]![0], 6));
  });
});

describe('Communes comparables — base construite depuis le miroir', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it.runIf(FULL_MIRROR)(
    'chaque commune de France a ses comparables, jamais elle-même, rangs 1…10, critères indiqués',
    async () => {
      const [row] = await db.all<{
        communes: number;
        sets: number;
        bad: number;
        self: number;
        nocrit: number;
      }>(
        `SELECT (SELECT count(*) FROM territories WHERE level = 'commune') AS communes,
              (SELECT count(*) FROM peer_sets s JOIN territories t ON t.level = 'commune' AND t.code = s.code) AS sets,
              (SELECT count(*) FROM (SELECT code, count(*) n, min(rank) lo, max(rank) hi FROM peers GROUP BY code)
                WHERE n <> 10 OR lo <> 1 OR hi <> 10) AS bad,
              (SELECT count(*) FROM peers WHERE peer = code) AS self,
              (SELECT count(*) FROM peer_sets WHERE mode = 'structure' AND NOT list_contains(criteria, 'population')) AS nocrit`,
      );
      expect(row!.sets).toBe(row!.communes);
      expect(row!.bad).toBe(0);
      expect(row!.self).toBe(0);
      expect(row!.nocrit).toBe(0);
    },
  );

  it('Meudon : valeurs des critères recalculées depuis les fichiers bruts du miroir', async () => {
    const values = new Map(
      (
        await db.all<{ criterion: string; value: number }>(
          `SELECT criterion, value FROM peer_values WHERE code = '92048'`,
        )
      ).map((r) => [r.criterion, r.value]),
    );
    const pmun = Number(
      readMirrorCsv('insee', 'donnees_communes_poplegales_2023.csv', ';').find((r) => r.COM === '92048')!
        .PMUN,
    );
    const nbLs = Number(
      readMirrorCsv('rpls', 'export_parc_logements_sociaux_jan_2024.csv', ',').find(
        (r) => r.DEPCOM_ARM === '92048',
      )!.nb_ls,
    );
    const filo = readMirrorJson<{ c: Record<string, [number, number]> }>(
      'filosofi',
      'derived_rouages_92-revenus_filosofi2023.json',
    );
    const parc = readMirrorJson<{ millesimes: number[]; c: Record<string, number[][]> }>(
      'insee',
      'derived_rouages_92-parc_rp2023_rp2012.json',
    );
    const rp2023 = parc.c['92048']![parc.millesimes.indexOf(2023)]!;
    // Surface from the contour with d3-geo's spherical area (an independent computation).
    const topo = JSON.parse(
      readFileSync(mirrorFile('geo', 'france-communes-departements-regions-cog2025.topojson'), 'utf8'),
    ) as Topology;
    const geom = (topo.objects.communes as GeometryCollection).geometries.find(
      (g) => (g.properties as { code: string }).code === '92048',
    )!;
    const meudon = feature(topo, geom);
    const sr = geoArea(meudon);
    const km2 = (sr > 2 * Math.PI ? 4 * Math.PI - sr : sr) * 6371.0088 ** 2;

    expect(values.get('population')).toBe(pmun);
    expect(values.get('densite')! / (pmun / km2)).toBeCloseTo(1, 3);
    expect(values.get('parc_social')).toBeCloseTo((100 * nbLs) / pmun, 9);
    expect(values.get('pauvrete')).toBe(filo.c['92048']![1]);
    expect(values.get('vacance')).toBeCloseTo((100 * rp2023[3]!) / rp2023[0]!, 9);
  });

  it('Meudon : ses 10 comparables sont les plus proches de sa tranche sur ses critères (recherche exhaustive en SQL)', async () => {
    const [set] = await db.all<{ criteria: string[]; band_lo: number; band_hi: number; mode: string }>(
      `SELECT criteria, band_lo, band_hi, mode FROM peer_sets WHERE code = '92048'`,
    );
    expect(set!.mode).toBe('structure');
    expect(set!.criteria.length).toBeGreaterThanOrEqual(3);
    const lo = POPULATION_BANDS[set!.band_lo]!;
    const hi = POPULATION_BANDS[set!.band_hi + 1] ?? 1e12;
    // z recomputed from the stored raw values and the criterion's national mean and standard deviation.
    const logIds = JSON.stringify(PEER_CRITERIA.filter((c) => c.log).map((c) => c.id));
    const expected = await db.all<{ peer: string; distance: number }>(
      `WITH z AS (
         SELECT v.code, v.criterion,
           ((CASE WHEN list_contains($log::JSON::VARCHAR[], v.criterion) THEN log10(v.value) ELSE v.value END) - c.mean) / c.sd AS z
         FROM peer_values v JOIN peer_criteria c ON c.id = v.criterion
         WHERE list_contains($crit::JSON::VARCHAR[], v.criterion)),
       pop AS (SELECT code, value FROM peer_values WHERE criterion = 'population'),
       cand AS (
         SELECT z.code FROM z JOIN pop USING (code)
         WHERE pop.value >= $lo AND pop.value < $hi AND z.code <> '92048'
         GROUP BY z.code HAVING count(*) = $n)
       SELECT o.code AS peer, sqrt(avg((o.z - m.z) ^ 2)) AS distance
       FROM z o JOIN cand USING (code) JOIN z m ON m.code = '92048' AND m.criterion = o.criterion
       GROUP BY o.code ORDER BY distance, peer LIMIT 10`,
      { log: logIds, crit: JSON.stringify(set!.criteria), lo, hi, n: set!.criteria.length },
    );
    const stored = await db.all<{ peer: string; distance: number }>(
      `SELECT peer, distance FROM peers WHERE code = '92048' ORDER BY rank`,
    );
    expect(stored.map((s) => s.peer)).toEqual(expected.map((e) => e.peer));
    stored.forEach((s, i) => expect(s.distance).toBeCloseTo(expected[i]!.distance, 9));
  });
});
