/**
 * SRU path, pure part (server/services/sru-path.ts) on hand-made inventories, and its chart
 * (web/src/charts/sru-path.ts): stable SVG (snapshot), the required path never drawn before the
 * latest inventory, the observed line cut where an inventory is missing.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  catchUpRule,
  missingDwellings,
  sruPath,
  type InventoryPoint,
} from '../../server/services/sru-path.js';
import { sruPathChart, sruPathTable } from '../../web/src/charts/sru-path.js';
import { sruPathArgument, sruPathQuestion } from '../../web/src/features/sru-path/argument.js';
import type { SruPath } from '../../web/src/features/sru-path/data.js';
import { ofName, summarySentences } from '../../web/src/features/sru-path/text.js';

const doc = new JSDOM('<!doctype html><html><body></body></html>').window.document;
const pt = (year: number, value: number | null, extra: Partial<InventoryPoint> = {}): InventoryPoint => ({
  year,
  value,
  low: null,
  high: null,
  flags: [],
  source_id: year >= 2024 ? 'officiel' : 'historique',
  ...extra,
});

describe('règle de rattrapage (L302-8 après la loi 3DS)', () => {
  it('33 % en règle générale, 50 % à 4 points ou moins du taux légal, 100 % à 2 points ou moins', () => {
    expect(catchUpRule(15.95, 25).share).toBe(0.33);
    expect(catchUpRule(20.99, 25).share).toBe(0.33);
    expect(catchUpRule(21, 25).share).toBe(0.5);
    expect(catchUpRule(22.99, 25).share).toBe(0.5);
    expect(catchUpRule(23, 25).share).toBe(1);
    expect(catchUpRule(17, 20).share).toBe(0.5);
  });

  it('logements manquants arrondis au logement supérieur, jamais négatifs, avec leur fourchette', () => {
    expect(missingDwellings(9399, { value: 58928, low: 58928, high: 58928 }, 25)).toEqual({
      value: 5333,
      low: 5333,
      high: 5333,
    });
    expect(missingDwellings(100, { value: 1000, low: 990, high: 1010 }, 25)).toEqual({
      value: 150,
      low: 148,
      high: 153,
    });
    expect(missingDwellings(300, { value: 1000, low: 1000, high: 1000 }, 25).value).toBe(0);
  });
});

describe('trajectoire sur des inventaires faits à la main', () => {
  // A commune at 16 % far from 25 %: 2021 from the historical series, 2024 and 2025 official.
  const far = {
    lls: [pt(2019, 1500), pt(2020, 1550), pt(2021, 1600), pt(2024, 1640), pt(2025, 1700)],
    rp: [
      pt(2019, 10000),
      pt(2020, 10050),
      pt(2021, 10100),
      pt(2024, 10250, { low: 10240, high: 10260 }),
      pt(2025, 10300, { low: 10290, high: 10310 }),
    ],
    taux: [pt(2021, 15.84), pt(2024, 16), pt(2025, 16.5)],
    cible: [pt(2024, 25), pt(2025, 25)],
    exemptee: [pt(2024, 0), pt(2025, 0)],
    carencee: [pt(2024, 0), pt(2025, 0)],
  };

  it('périodes 2023–2025 (base approchée 2021), 2026–2028 (base 2025, fourchette), 2029–2031 (projection)', () => {
    const out = sruPath(far);
    expect(out.situation).toBe('deficitaire');
    const [p1, p2, p3] = out.periods;
    // 2023–2025: base 1 January 2022 missing, 2021 used: 25 % × 10 100 − 1 600 = 925; 33 % → 306.
    expect(p1!.basis.year).toBe(2021);
    expect(p1!.basis.note).toMatch(/base approchée/);
    expect(p1!.objective).toEqual({
      value: Math.ceil(925 * 0.33),
      low: Math.ceil(925 * 0.33),
      high: Math.ceil(925 * 0.33),
    });
    expect(p1!.observed).toEqual({ from_year: 2024, to_year: 2025, change: 60, per_year: 60 });
    // 2026–2028: 25 % × 10 300 − 1 700 = 875 (interval 873–878); 33 %.
    expect(p2!.basis.year).toBe(2025);
    expect(p2!.basis.missing).toEqual({ value: 875, low: 873, high: 878 });
    expect(p2!.objective).toEqual({ value: 289, low: 289, high: 290 });
    expect(p2!.share).toBe(0.33);
    // 2029–2031: projection from 1 700 + 289 = 1 989 on 10 300 (19,31 %): 586 missing, 33 % → 194.
    expect(p3!.status).toBe('projection');
    expect(p3!.basis.missing!.value).toBe(Math.ceil(0.25 * 10300 - 1989));
    expect(p3!.objective!.value).toBe(Math.ceil(p3!.basis.missing!.value * 0.33));
    // Pace needed by 2032: 875 over 7 years; legal pace: 289 / 3.
    expect(out.paces.required_by_2032).toMatchObject({
      value: 125,
      low: 125,
      high: 126,
      years: 7,
      from_year: 2025,
    });
    expect(out.paces.legal_current).toMatchObject({ value: 97, period: '2026–2028' });
    expect(out.paces.observed.map((o) => [o.from_year, o.to_year, o.per_year])).toEqual([
      [2024, 2025, 60],
      [2021, 2025, 25],
    ]);
    // The required path starts at the latest inventory and ends on the target in 2032.
    expect(out.trajectory.required[0]).toMatchObject({ year: 2025, lls: 1700 });
    expect(out.trajectory.required.at(-1)).toMatchObject({ year: 2032, lls: 2575, low: 2573, high: 2578 });
  });

  it('exemptée : pas d’objectif ; à 2 points : 100 % ; au-dessus : aucun ; valeur incohérente : non calculable', () => {
    const exempt = sruPath({ ...far, exemptee: [pt(2024, 0), pt(2025, 1)] });
    expect(exempt.situation).toBe('exemptee');
    expect(exempt.periods[1]!.status).toBe('exemptee');
    expect(exempt.periods[1]!.objective).toBeNull();
    expect(exempt.paces.required_by_2032).toBeNull();
    const close = sruPath({ ...far, lls: [pt(2025, 2380)], rp: [pt(2025, 10000)], taux: [pt(2025, 23.8)] });
    expect(close.periods[1]!.share).toBe(1);
    expect(close.periods[1]!.objective!.value).toBe(120);
    const above = sruPath({ ...far, lls: [pt(2025, 2600)], rp: [pt(2025, 10000)], taux: [pt(2025, 26)] });
    expect(above.situation).toBe('taux_atteint');
    expect(above.periods[1]!.status).toBe('taux_atteint');
    const bad = sruPath({
      ...far,
      rp: far.rp.map((p) => (p.year === 2025 ? { ...p, flags: ['incoherent'] } : p)),
    });
    expect(bad.periods[1]!.basis.year).toBe(2024);
    expect(bad.periods[1]!.basis.note).toMatch(/base approchée/);
  });
});

describe('graphique de la trajectoire', () => {
  const t = sruPath({
    lls: [pt(2019, 1500), pt(2020, 1550), pt(2021, 1600), pt(2024, 1640), pt(2025, 1700)],
    rp: [
      pt(2019, 10000),
      pt(2020, 10050),
      pt(2021, 10100),
      pt(2024, 10250),
      pt(2025, 10300, { low: 10290, high: 10310 }),
    ],
    taux: [pt(2025, 16.5)],
    cible: [pt(2025, 25)],
    exemptee: [pt(2025, 0)],
    carencee: [pt(2025, 0)],
  }).trajectory;
  const fmt = (v: number) => new Intl.NumberFormat('fr-FR').format(v);

  it('SVG stable, ligne constatée coupée au trou 2021–2024, chemin requis de 2025 à 2032', async () => {
    const svg = sruPathChart(t, {
      format: fmt,
      title: 'Trajectoire test',
      targetLabel: 'taux légal 25 %',
      document: doc,
    });
    expect(svg.getAttribute('aria-label')).toBe('Trajectoire test');
    expect(svg.querySelectorAll('.sru-actual path')).toHaveLength(2);
    expect(svg.querySelectorAll('.sru-required path')).toHaveLength(1);
    expect(
      svg.querySelectorAll('.sru-objective path, .sru-objective circle, .sru-objective *').length,
    ).toBeGreaterThan(0);
    await expect(svg.outerHTML).toMatchFileSnapshot('__snapshots__/sru-path.svg');
  });

  it('tableau des données : chaque année, constaté, chemin et objectif', () => {
    const rows = sruPathTable(t);
    expect(rows.map((r) => r.year)).toEqual([
      2019, 2020, 2021, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032,
    ]);
    expect(rows.find((r) => r.year === 2025)).toMatchObject({ actual: 1700, required: { value: 1700 } });
    expect(rows.find((r) => r.year === 2029)!.objective).toEqual(t.objective_2028!.lls);
  });
});

describe('phrases de la trajectoire (fiche, argument, question)', () => {
  const input = {
    lls: [pt(2021, 1600), pt(2024, 1640), pt(2025, 1700)],
    rp: [
      pt(2021, 10100),
      pt(2024, 10250, { low: 10240, high: 10260 }),
      pt(2025, 10300, { low: 10290, high: 10310 }),
    ],
    taux: [pt(2024, 16), pt(2025, 16.5)],
    cible: [pt(2024, 25), pt(2025, 25)],
    exemptee: [pt(2024, 0), pt(2025, 0)],
    carencee: [pt(2024, 0), pt(2025, 0)],
  };
  const path = {
    commune: { code: '99999', name: 'Exempleville', departement: '92' },
    law: 'article L302-8',
    ...sruPath(input),
  } as unknown as SruPath;
  const nb = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

  it('résumé : manquants avec fourchette, objectif 2026–2028, rythme d’ici 2032, variation constatée', () => {
    const s = summarySentences('Exempleville', path).join(' ');
    expect(s).toContain(`il en manque 875 (entre 873 et 878)`);
    expect(s).toContain(
      'Pour la période 2026–2028, l’objectif légal de rattrapage est d’environ 289 (entre 289 et 290) logements sociaux (33 % des logements manquants, règle générale)',
    );
    expect(s).toContain('il faudrait 125 (entre 125 et 126) logements sociaux de plus par an pendant 7 ans');
    expect(s).toContain(`le nombre de logements sociaux a varié de +${nb(60)}`);
  });

  it('carte d’argument et question pour une commune déficitaire ; rien pour une commune exemptée', () => {
    const card = sruPathArgument({
      territory: { level: 'commune', code: '99999', name: 'Exempleville' },
      path,
      sources: { officiel: { producer: 'DGALN/DHUP', title: 'Inventaire SRU', vintage: '2025' } },
      origin: 'https://obs.example',
    })!;
    expect(card.text).toMatch(
      /^Pour la période 2026–2028, l’objectif légal de rattrapage d’Exempleville est/,
    );
    expect(
      ['Meudon', 'Le Pecq', 'Les Mureaux', 'Aix-en-Provence', 'La Celle-Saint-Cloud'].map(ofName),
    ).toEqual(['de Meudon', 'du Pecq', 'des Mureaux', 'd’Aix-en-Provence', 'de La Celle-Saint-Cloud']);
    expect(card.text).toContain('environ 289 (entre 289 et 290) logements sociaux');
    expect(card.figure).toMatchObject({ value: 289, year: 2025 });
    expect(card.caveats.join(' ')).toContain('l’objectif notifié par le préfet fait foi');
    expect(card.source).toMatch(/^Ministère du Logement, inventaire SRU/);
    const q = sruPathQuestion('Exempleville', path, {})!;
    expect(q.id).toBe('sru-trajectoire');
    expect(q.text).toContain(
      'Combien de logements sociaux vous engagez-vous à faire financer chaque année du mandat',
    );
    const exempt = {
      ...path,
      ...sruPath({ ...input, exemptee: [pt(2024, 0), pt(2025, 1)] }),
    } as unknown as SruPath;
    expect(sruPathQuestion('Exempleville', exempt, {})).toBeNull();
    expect(summarySentences('Exempleville', exempt)[0]).toContain('exemptée des obligations SRU');
  });
});
