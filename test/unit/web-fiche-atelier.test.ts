/**
 * Workshop pack helpers: the communes of an EPT on the map (checked against the raw EPT composition
 * file of the mirror), the choice of columns and chiffres clés from the registry, the sources list.
 */
import type { Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../core/registry.js';
import { createApp } from '../../server/app.js';
import type { Store } from '../../server/store.js';
import { eptGeometry } from '../../web/src/features/atelier/geometry.js';
import { labelWidth, placeLabels } from '../../web/src/features/atelier/labels.js';
import {
  communeColumns,
  keyFigureIds,
  mappable,
  MAX_COLUMNS,
  type RegistryIndicator,
} from '../../web/src/features/atelier/model.js';
import { yearless } from '../../core/text.js';
import { FULL_MIRROR, readMirrorCsv, openTestStore } from '../helpers.js';

let store: Store;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await openTestStore();
  app = createApp(store, { log: false });
});
afterAll(() => store.close());

describe('carte des communes d’un EPT', () => {
  it('une forme par commune du fichier de composition des EPT, pour chaque EPT de la Métropole', async () => {
    const topo = (await (await app.request('/api/geo/communes-idf')).json()) as Topology;
    const composition = readMirrorCsv('geo', 'ept-mgp-composition-2025.csv', ',');
    const epts = [...new Set(composition.map((r) => r.EPT!).filter((e) => /^\d{9}$/.test(e)))];
    expect(epts.length).toBeGreaterThanOrEqual(FULL_MIRROR ? 11 : 5);
    for (const ept of epts) {
      const expected = composition
        .filter((r) => r.EPT === ept)
        .map((r) => r.CODGEO!)
        .sort();
      const g = eptGeometry(topo, ept, 800, 560);
      expect(g.communes.map((c) => c.code).sort(), ept).toEqual(expected);
      for (const c of g.communes) {
        expect(c.d.startsWith('M'), c.code).toBe(true);
        // every centroid (label anchor) lies inside the drawing
        expect(c.centroid[0]).toBeGreaterThan(0);
        expect(c.centroid[0]).toBeLessThan(800);
        expect(c.centroid[1]).toBeGreaterThan(0);
        expect(c.centroid[1]).toBeLessThan(560);
      }
      expect(g.outline.length).toBeGreaterThan(0);
    }
    expect(eptGeometry(topo, '000000000', 800, 560).communes).toEqual([]);
  });
});

describe('étiquettes de la carte d’un EPT', () => {
  it('aucune étiquette affichée n’en chevauche une autre, pour chaque EPT (Bois-Colombes et Asnières compris)', async () => {
    const topo = (await (await app.request('/api/geo/communes-idf')).json()) as Topology;
    const composition = readMirrorCsv('geo', 'ept-mgp-composition-2025.csv', ',');
    const epts = [...new Set(composition.map((r) => r.EPT!).filter((e) => /^\d{9}$/.test(e)))];
    for (const ept of epts) {
      const g = eptGeometry(topo, ept, 800, 560);
      const size = g.communes.length > 14 ? 13 : 16;
      const requests = g.communes.map((c) => ({
        code: c.code,
        x: c.centroid[0],
        y: c.centroid[1],
        width: labelWidth([c.nom, '00,00 %'], size),
        height: size * 2.1,
        priority: c.area,
      }));
      const placed = placeLabels(requests, { width: 800, height: 560 });
      const boxes = placed
        .filter((p) => p.shown)
        .map((p) => {
          const r = requests.find((q) => q.code === p.code)!;
          return {
            code: p.code,
            x0: p.x - r.width / 2,
            x1: p.x + r.width / 2,
            y0: p.y - r.height / 2,
            y1: p.y + r.height / 2,
          };
        });
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
          expect(overlap, `${ept} : ${a.code} et ${b.code}`).toBe(false);
        }
      // most names stay on the map
      expect(boxes.length, ept).toBeGreaterThanOrEqual(Math.ceil(g.communes.length * 0.6));
    }
  });
  it('déplace ou masque une étiquette qui en chevauche une autre', () => {
    const req = (code: string, x: number, priority: number) => ({
      code,
      x,
      y: 100,
      width: 80,
      height: 30,
      priority,
    });
    const placed = placeLabels([req('a', 100, 2), req('b', 110, 1)], { width: 400, height: 400 });
    expect(placed[0]).toEqual({ code: 'a', x: 100, y: 100, shown: true });
    expect(placed[1]!.shown).toBe(true);
    expect(placed[1]!.y).not.toBe(100);
    const crowded = placeLabels([req('a', 40, 3), req('b', 45, 2), req('c', 50, 1)], {
      width: 100,
      height: 130,
    });
    expect(crowded.filter((p) => p.shown).length).toBeLessThan(3);
  });
});

describe('choix faits à partir du registre', () => {
  const registry: RegistryIndicator[] = INDICATORS.map((i) => ({
    ...i,
    levels: ['commune', 'ept'],
    years: [2025],
  })) as RegistryIndicator[];

  it('colonnes du tableau des communes : population et taux SRU d’abord, au plus 7, plus l’indicateur de la carte', () => {
    const cols = communeColumns(registry);
    expect(cols[0]!.id).toBe('population');
    expect(cols[1]!.id).toBe('sru_taux');
    expect(cols.length).toBeLessThanOrEqual(MAX_COLUMNS);
    expect(cols.every((c) => c.open)).toBe(true);
    const withMap = communeColumns(registry, 'sru_lls');
    expect(withMap.map((c) => c.id)).toContain('sru_lls');
    // an indicator without any commune value is neither a column nor mappable
    const none = registry.map((i) => (i.id === 'sru_taux' ? { ...i, years: [] } : i));
    expect(communeColumns(none).map((c) => c.id)).not.toContain('sru_taux');
    expect(mappable(none).map((c) => c.id)).not.toContain('sru_taux');
  });

  it('chiffres clés : par thème, ceux qui ont une valeur, SRU jusqu’à 5, population 2', () => {
    const withValues = INDICATORS.map((i) => ({
      ...i,
      value: i.id === 'sru_exemptee' ? null : { value: 1 },
    }));
    const ids = keyFigureIds(withValues);
    expect(ids).toContain('sru_taux');
    expect(ids).not.toContain('sru_exemptee');
    const sru = ids.filter((id) => INDICATORS.find((i) => i.id === id)!.theme === 'sru');
    expect(sru.length).toBeLessThanOrEqual(5);
    expect(
      ids.filter((id) => INDICATORS.find((i) => i.id === id)!.theme === 'population').length,
    ).toBeLessThanOrEqual(2);
    // registry order kept within a theme
    const order = INDICATORS.map((i) => i.id);
    expect([...sru].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(sru);
  });

  it('définitions sans année : « {year} » devient « N »', () => {
    expect(yearless('Demandes en cours au 31 décembre {year}, prélèvement {year+1}')).toBe(
      'Demandes en cours au 31 décembre N, prélèvement N+1',
    );
  });
});
