// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { BAR_COLORS, barsChart, type Bar } from '../../web/src/charts/bars.js';
import { prettySvg } from '../svg.js';

const fr = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fmt = (v: number) => `${fr.format(v)} %`;
const BARS: Bar[] = [
  { label: 'Meudon', value: 28.18, mark: null },
  { label: 'Nanterre', value: 56.82, mark: 'best' },
  { label: 'Neuilly-sur-Seine', value: 6.58, mark: 'worst' },
  { label: 'Commune sans valeur', value: null, missing: 'masqué' },
];

describe('graphique en barres (Observable Plot)', () => {
  const svg = barsChart(BARS, {
    format: fmt,
    width: 400,
    target: { value: 25, label: 'objectif légal 25 %' },
    title: 'Taux SRU 2025',
  });

  it('dessine une barre par valeur présente, colorée selon la meilleure et la moins bonne', () => {
    expect(svg.tagName.toLowerCase()).toBe('svg');
    const bars = [...svg.querySelectorAll('rect')].filter((r) => r.closest('g[aria-label="bar"]'));
    expect(bars).toHaveLength(3);
    expect(bars.map((r) => r.getAttribute('fill'))).toEqual([
      BAR_COLORS.plain,
      BAR_COLORS.best,
      BAR_COLORS.worst,
    ]);
    // Bar lengths are proportional to the values.
    const widths = bars.map((r) => Number(r.getAttribute('width')));
    expect(widths[1]! / widths[0]!).toBeCloseTo(56.82 / 28.18, 1);
  });

  it('écrit les valeurs en français, marque ▲/▼, nomme la valeur manquante et le repère', () => {
    const text = svg.textContent ?? '';
    expect(text).toContain('56,82 % ▲');
    expect(text).toContain('6,58 % ▼');
    expect(text).toContain('28,18 %');
    expect(text).toContain('masqué');
    expect(text).toContain('objectif légal 25 %');
    for (const b of BARS) expect(text).toContain(b.label);
    expect(svg.getAttribute('aria-label')).toBe('Taux SRU 2025');
  });

  it('reste identique à l’instantané SVG', async () => {
    await expect(prettySvg(svg.outerHTML)).toMatchFileSnapshot('./__snapshots__/bars.svg');
  });

  it('sans échelle quand toutes les valeurs sont égales', () => {
    const flat = barsChart(
      [
        { label: 'A', value: 0 },
        { label: 'B', value: 0 },
      ],
      { format: String },
    );
    expect(
      flat.querySelectorAll('g[aria-label="x-axis tick"] path, g[aria-label="x-axis tick label"] text'),
    ).toHaveLength(0);
  });
});
