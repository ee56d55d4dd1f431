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
import {
  communeColumns,
  keyFigureIds,
  mappable,
  MAX_COLUMNS,
  type RegistryIndicator,
} from '../../web/src/features/atelier/model.js';
import { yearless } from '../../core/text.js';
import { readMirrorCsv, openTestStore } from '../helpers.js';

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
    expect(epts.length).toBeGreaterThanOrEqual(11);
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
