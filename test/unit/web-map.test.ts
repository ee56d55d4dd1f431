import type { Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { INDICATORS } from '../../core/registry.js';
import {
  classCounts,
  classIndex,
  classify,
  classLabels,
  colorFor,
  quantileBreaks,
} from '../../web/src/model/classes.js';
import { buildBase, fitBox, type MapBase } from '../../web/src/features/map/geo.js';
import { packBase, unpack } from '../../web/src/features/map/packed.js';
import { ABSENT, HATCH, fillsFor } from '../../web/src/features/map/paint.js';
import { mapStateQuery, parseMapState } from '../../web/src/features/map/state.js';
import { FULL_MIRROR, openTestDb } from '../helpers.js';

describe('classes de la carte', () => {
  it('reprend les seuils du registre quand il en donne (taux SRU)', () => {
    const def = INDICATORS.find((i) => i.id === 'sru_taux')!;
    const c = classify([1, 50, 99], { thresholds: def.thresholds });
    expect(c.kind).toBe('seuils');
    expect(c.breaks).toEqual(def.thresholds);
    expect(c.colors).toHaveLength(def.thresholds!.length + 1);
    expect(classIndex(24.99, c.breaks)).toBe(3);
    expect(classIndex(25, c.breaks)).toBe(4);
    expect(colorFor(null, c)).toBeNull();
    expect(colorFor(Number.NaN, c)).toBeNull();
  });

  it('fait des quantiles d’effectifs proches sinon, avec des limites arrondies', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const c = classify(values, { k: 5 });
    expect(c.kind).toBe('quantiles');
    expect(c.breaks).toHaveLength(4);
    const counts = classCounts(values, c);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    for (const n of counts) expect(Math.abs(n - 200)).toBeLessThanOrEqual(10);
    expect(quantileBreaks([5, 5, 5, 5], 4)).toEqual([5]);
  });

  it('n’ouvre pas une classe vide quand la plupart des valeurs sont égales au minimum', () => {
    const values = [...Array(80).fill(0), 1, 2, 3, 50, 100];
    const c = classify(values);
    expect(classCounts(values, c).every((n) => n > 0)).toBe(true);
  });

  it('réserve l’échelle divergente aux indicateurs signés, symétrique autour de zéro', () => {
    const c = classify([-40, -3, 0, 12, 90], { diverging: true });
    expect(c.kind).toBe('divergent');
    expect(c.breaks.map((b) => -b).reverse()).toEqual(c.breaks);
    expect(c.colors[classIndex(0, c.breaks)]).toBe('#f7f7f7');
  });

  it('met les indicateurs oui/non en deux catégories', () => {
    const c = classify([0, 1, 1], { boolean: true });
    expect(classLabels(c, String)).toEqual(['non', 'oui']);
    expect(classCounts([0, 1, 1], c)).toEqual([1, 2]);
  });

  it('écrit les limites des classes en français, bornées par les valeurs extrêmes', () => {
    const c = classify([], { thresholds: [10, 25] });
    const fmt = (v: number) => `${String(v).replace('.', ',')} %`;
    expect(classLabels(c, fmt, [0.31, 79.77])).toEqual([
      'de 0,31 % à moins de 10 %',
      'de 10 % à moins de 25 %',
      'de 25 % à 79,77 %',
    ]);
    expect(classLabels(c, fmt)).toEqual(['moins de 10 %', 'de 10 % à moins de 25 %', '25 % et plus']);
  });

  it('hachure les valeurs masquées et grise les communes absentes de la source', () => {
    const c = classify([], { thresholds: [10] });
    const byCode = new Map([
      ['1', { value: 5, source_id: 's' }],
      ['2', { value: null, source_id: 's' }],
      ['3', { value: null, source_id: null }],
    ]);
    expect(fillsFor(['1', '2', '3', '4'], byCode, c)).toEqual([c.colors[0], HATCH, ABSENT, ABSENT]);
  });
});

describe('adresse de la carte', () => {
  it('restaure exactement l’état écrit dans l’adresse, valeurs par défaut omises', () => {
    const q = new URLSearchParams(
      'indicateur=sru_logements_manquants&annee=2024&perimetre=france&zoom=departement:92&commune=92048&limites=epci',
    );
    const s = parseMapState(q);
    expect(s).toEqual({
      indicator: 'sru_logements_manquants',
      year: '2024',
      perimeter: 'france',
      zoom: 'departement:92',
      commune: '92048',
      outlines: ['epci'],
    });
    const back = parseMapState(
      new URLSearchParams(
        Object.entries(mapStateQuery(s)).filter((e): e is [string, string] => e[1] !== null),
      ),
    );
    expect(back).toEqual(s);
    expect(mapStateQuery(parseMapState(new URLSearchParams()))).toEqual({
      indicateur: null,
      annee: null,
      perimetre: null,
      zoom: null,
      commune: null,
      limites: null,
    });
  });

  it('ignore les valeurs mal formées', () => {
    const s = parseMapState(
      new URLSearchParams('annee=20x5&zoom=departement:92;drop&commune=abc&limites=aucune'),
    );
    expect(s.year).toBe('latest');
    expect(s.zoom).toBeNull();
    expect(s.commune).toBeNull();
    expect(s.outlines).toEqual([]);
  });
});

describe('géométrie projetée (couches de la base de test)', () => {
  let db: Db;
  const layers = new Map<string, Topology>();
  beforeAll(async () => {
    db = await openTestDb();
    for (const r of await db.all<{ id: string; content: string }>(
      `SELECT id, content FROM geo_layers WHERE id IN ('communes-idf', 'france')`,
    ))
      layers.set(r.id, JSON.parse(r.content) as Topology);
  });
  afterAll(() => db?.close());

  const inside = (b: MapBase, i: number) => {
    const [[x0, y0], [x1, y1]] = b.boundsOf(i);
    return x0 >= -0.5 && y0 >= -0.5 && x1 <= b.width + 0.5 && y1 <= b.height + 0.5;
  };

  it.runIf(FULL_MIRROR)(
    'Île-de-France : un tracé par commune, tous dans le cadre, le 92 zoomable',
    async () => {
      const topo = layers.get('communes-idf')!;
      const n = (topo.objects.communes as { geometries: unknown[] }).geometries.length;
      const b = buildBase(topo, 'idf');
      expect(b.features).toHaveLength(n);
      expect(b.features.every((_, i) => b.pathOf(i).startsWith('M') && inside(b, i))).toBe(true);
      expect(b.outline('departement').length).toBeGreaterThan(1000);
      expect(b.outline('ept').length).toBeGreaterThan(100);
      // The 36 communes of the 92 (from the territories table) fit in the zoom box.
      const codes = (
        await db.all<{ code: string }>(
          `SELECT code FROM territories WHERE level = 'commune' AND departement = '92'`,
        )
      ).map((r) => r.code);
      expect(codes).toHaveLength(36);
      const idx = codes.map((c) => b.index.get(c)!);
      expect(idx.every((i) => i !== undefined)).toBe(true);
      const box = fitBox(
        idx.map((i) => b.boundsOf(i)),
        b.width,
        b.height,
      )!;
      expect((box[1][0] - box[0][0]) / (box[1][1] - box[0][1])).toBeCloseTo(b.width / b.height, 6);
      for (const i of idx) {
        const [[x0, y0], [x1, y1]] = b.boundsOf(i);
        expect(x0 >= box[0][0] && y0 >= box[0][1] && x1 <= box[1][0] && y1 <= box[1][1]).toBe(true);
      }
      expect(box[1][0] - box[0][0]).toBeLessThan(b.width / 4);
    },
  );

  it('la couche transmise par le worker redonne les mêmes tracés, cadres et limites', async () => {
    const b = buildBase(layers.get('communes-idf')!, 'idf');
    const packed = packBase(b, ['departement']);
    const asked: string[] = [];
    const u = unpack(packed, async (kind) => {
      asked.push(kind);
      return b.outline(kind);
    });
    expect(u.features.map((f) => f.properties)).toEqual(b.features.map((f) => f.properties));
    const nums = (d: string) => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    for (const i of [0, 1, b.features.length >> 1, b.features.length - 1]) {
      const a = nums(b.pathOf(i, 2));
      const c = nums(u.pathOf(i, 2));
      expect(c).toHaveLength(a.length);
      c.forEach((v, k) => expect(Math.abs(v - a[k]!)).toBeLessThan(0.02));
      u.boundsOf(i)
        .flat()
        .forEach((v, k) => expect(Math.abs(v - b.boundsOf(i).flat()[k]!)).toBeLessThan(0.01));
    }
    expect(u.outline('departement')).toBe(b.outline('departement'));
    expect(u.outline('ept')).toBe('');
    await u.loadOutline!('ept');
    expect(u.outline('ept')).toBe(b.outline('ept'));
    expect(asked).toEqual(['ept']);
  });

  it.runIf(FULL_MIRROR)(
    'France : 34 868 communes dans le cadre, cinq encarts d’outre-mer qui ne chevauchent pas la métropole',
    () => {
      const topo = layers.get('france')!;
      const b = buildBase(topo, 'france');
      const n = (topo.objects.communes as { geometries: unknown[] }).geometries.length;
      expect(b.features).toHaveLength(n);
      expect(n).toBeGreaterThan(34_000);
      expect(b.insets.map((i) => i.dep)).toEqual(['971', '972', '973', '974', '976']);
      let metroMinX = Infinity;
      for (let i = 0; i < b.features.length; i++) {
        expect(inside(b, i)).toBe(true);
        if (!b.features[i]!.properties.dep.startsWith('97'))
          metroMinX = Math.min(metroMinX, b.boundsOf(i)[0][0]);
      }
      for (const inset of b.insets) expect(inset.box[1][0]).toBeLessThan(metroMinX);
    },
  );
});
