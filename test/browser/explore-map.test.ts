import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FULL_MIRROR, mirrorCommunes } from '../helpers.js';
import { ARTIFACTS, launch } from './browser.js';

/** Île-de-France communes of the mirror's COG (1 266 in the full mirror): the IDF layer draws each. */
const IDF = mirrorCommunes('11').length;
import {
  api,
  downloadOf,
  frenchValue,
  norm,
  pngSize,
  watchErrors,
  type IndicatorLike,
} from './explore-helpers.js';

let browser: Browser;
const base = inject('baseUrl');

interface ValueRow {
  code: string;
  name: string;
  value: number | null;
  year: number | null;
  source_id: string | null;
  flags: string[];
}
interface Layer {
  id: string;
  features: number;
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function openMap(page: Page, query: string) {
  await page.goto(`${base}/carte${query}`);
  await page.locator('path.commune').first().waitFor({ timeout: 60_000 });
}

const OUT_OF_CLASSES = ['suspect', 'incoherent', 'small_count'];
const dep = (code: string) => (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));

/**
 * Class counts and the count of every other legend entry, computed here from the API values and the
 * registry thresholds: flagged values are out of the classes; a commune absent from the source is
 * « non soumise » when the source covers its département that year, « non couvert » otherwise.
 */
function expectedCounts(rows: ValueRow[], thresholds: number[]) {
  const counts = Array(thresholds.length + 1).fill(0) as number[];
  const flagged = (r: ValueRow) => r.flags.some((f) => OUT_OF_CLASSES.includes(f));
  for (const r of rows)
    if (r.value !== null && !flagged(r)) counts[thresholds.filter((t) => r.value! >= t).length]!++;
  const covered = new Set(rows.filter((r) => r.source_id).map((r) => dep(r.code)));
  const absent = rows.filter((r) => !r.source_id);
  return {
    counts,
    flagged: rows.filter((r) => r.value !== null && flagged(r)).length,
    above: rows.filter((r) => r.source_id && r.flags.includes('not_inventoried')).length,
    masked: rows.filter((r) => r.value === null && r.source_id && !r.flags.includes('not_inventoried'))
      .length,
    not_listed: absent.filter((r) => covered.has(dep(r.code))).length,
    absent: absent.filter((r) => !covered.has(dep(r.code))).length,
  };
}

describe('carte : Île-de-France', () => {
  it('un tracé par commune, une légende dont les effectifs sont ceux de l’API, hachures pour les valeurs masquées', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const layers = (await api<{ data: Layer[] }>(base, '/api/geo')).data;
    const idf = layers.find((l) => l.id === 'communes-idf')!;
    const { data: rows, meta } = await api<{
      data: ValueRow[];
      meta: { year: number; indicator: IndicatorLike };
    }>(base, '/api/values?indicator=sru_taux&level=commune&within=region:11');
    await openMap(page, '?indicateur=sru_taux');
    expect(await page.locator('path.commune').count()).toBe(idf.features);
    expect(idf.features).toBe(IDF);
    if (FULL_MIRROR) expect(IDF).toBe(1266);
    expect(await page.evaluate(() => performance.getEntriesByName('map-idf-painted').length)).toBeGreaterThan(
      0,
    );

    const exp = expectedCounts(rows, meta.indicator.thresholds!);
    const legend = page.getByRole('group', { name: 'Légende de la carte' });
    const classItems = legend.locator('li[data-kind="class"]');
    expect(await classItems.count()).toBe(meta.indicator.thresholds!.length + 1);
    expect(
      await classItems.evaluateAll((lis) => lis.map((l) => Number(l.getAttribute('data-count')))),
    ).toEqual(exp.counts);
    // every other legend entry: present with its count when it occurs, absent otherwise
    for (const kind of ['flagged', 'above', 'masked', 'not_listed', 'absent'] as const) {
      const li = legend.locator(`li[data-kind="${kind}"]`);
      expect(await li.count(), kind).toBe(exp[kind] > 0 ? 1 : 0);
      if (exp[kind] > 0) expect(Number(await li.getAttribute('data-count')), kind).toBe(exp[kind]);
    }
    expect(exp.not_listed).toBeGreaterThan(0);
    expect(norm(await legend.locator('li[data-kind="not_listed"]').textContent())).toContain(
      'non soumise à la loi SRU',
    );
    expect(norm(await legend.textContent())).toContain(`Taux SRU (pourcentage), ${meta.year}`);
    expect(norm(await legend.textContent())).toMatch(/Source : Ministère du Logement, inventaire SRU/);

    // Colours: each commune with a value has the colour of its class, masked ones are hatched.
    const colors = await classItems.evaluateAll((lis) => lis.map((l) => l.getAttribute('data-color')));
    const fills = new Map(
      await page
        .locator('path.commune')
        .evaluateAll((ps) => ps.map((p) => [p.getAttribute('data-code')!, p.getAttribute('fill')!] as const)),
    );
    for (const r of rows) {
      if (!fills.has(r.code)) continue; // communes without a contour
      if (r.value !== null && !r.flags.some((f) => OUT_OF_CLASSES.includes(f)))
        expect(fills.get(r.code)).toBe(
          colors[meta.indicator.thresholds!.filter((t) => r.value! >= t).length],
        );
      else if (r.value !== null) expect(fills.get(r.code)).toBe('url(#map-flagged)');
      else if (r.source_id && r.flags.includes('not_inventoried'))
        expect(fills.get(r.code)).toBe('url(#map-above)');
      else if (r.source_id) expect(fills.get(r.code)).toBe('url(#map-hatch)');
      else expect(fills.get(r.code)).not.toMatch(/^url/);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'explore-carte-idf.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('zoom sur le 92 : 36 communes en avant, restauré au rechargement', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const in92 = await api<{ data: { code: string }[]; meta: { total: number } }>(
      base,
      '/api/territories?level=commune&within=departement:92&limit=1000',
    );
    await openMap(page, '');
    await page.getByLabel('Zoomer sur').selectOption('departement:92');
    await page.waitForURL(/zoom=departement:92/);
    await expect
      .poll(() => page.locator('path.commune.dans-zone').count(), { timeout: 30_000 })
      .toBe(in92.meta.total);
    expect(in92.meta.total).toBe(36);
    const zone = await page
      .locator('path.dans-zone')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-code')));
    expect(zone.sort()).toEqual(in92.data.map((t) => t.code).sort());
    // The legend counts the communes of the view.
    const counted = await page
      .getByRole('group', { name: 'Légende de la carte' })
      .locator('li[data-count]')
      .evaluateAll((lis) => lis.reduce((n, l) => n + Number(l.getAttribute('data-count')), 0));
    expect(counted).toBe(36);
    const vb = (await page.locator('svg.map-svg').getAttribute('viewBox'))!.split(' ').map(Number);
    expect(vb[2]).toBeLessThan(800 / 3);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-carte-zoom-92.png') });

    await page.reload();
    await page.locator('path.commune').first().waitFor();
    await expect.poll(() => page.locator('path.commune.dans-zone').count(), { timeout: 30_000 }).toBe(36);
    expect(await page.getByLabel('Zoomer sur').inputValue()).toBe('departement:92');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('au clavier : la liste met la commune en avant sur la carte, Entrée la sélectionne, l’adresse la garde', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const fiche = await api<{
      data: { indicators: (IndicatorLike & { value: { value: number; year: number } | null })[] };
    }>(base, '/api/territories/commune/92048');
    const taux = fiche.data.indicators.find((i) => i.id === 'sru_taux')!;
    await openMap(page, '?zoom=departement:92');
    const input = page.getByRole('combobox', { name: /Communes de la carte/ });
    await input.focus();
    await page.keyboard.type('meudon');
    await page.keyboard.press('ArrowDown');
    const option = page
      .getByRole('listbox', { name: /Communes de la carte/ })
      .getByRole('option', { selected: true });
    expect(norm(await option.textContent())).toContain('Meudon');
    // Highlighted on the map: the outline drawn over the commune is Meudon's path.
    const meudonPath = await page.locator('path.commune[data-code="92048"]').getAttribute('d');
    await expect.poll(() => page.locator('path.active-commune').getAttribute('d')).toBe(meudonPath);
    const panel = page.locator('.panel');
    expect(norm(await panel.textContent())).toContain(
      `Taux SRU : ${norm(frenchValue(taux.value!.value, taux))}`,
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/commune=92048/);
    await page.reload();
    await page.locator('path.selected-commune').waitFor();
    expect(await page.locator('path.selected-commune').getAttribute('d')).toBe(meudonPath);
    expect(norm(await panel.textContent())).toContain('Meudon');
    expect(norm(await panel.textContent())).toContain(norm(frenchValue(taux.value!.value, taux)));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports : PNG 1600 × 1000 valide, SVG avec titre, légende et source, CSV et lien API de l’API', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const errors = watchErrors(page);
    await openMap(page, '?zoom=departement:92');
    await expect.poll(() => page.locator('path.commune.dans-zone').count(), { timeout: 30_000 }).toBe(36);
    const bar = page.getByRole('group', { name: 'Exporter la carte et ses données' });

    const png = await downloadOf(page, () => bar.getByRole('button', { name: 'Image PNG' }).click());
    expect(png.d.suggestedFilename()).toMatch(/^carte-sru-taux-\d{4}-departement-92\.png$/);
    expect(pngSize(png.bytes)).toEqual({ width: 1600, height: 1000 });
    expect(png.bytes.length).toBeGreaterThan(20_000);

    const svg = await downloadOf(page, () => bar.getByRole('button', { name: 'Image SVG' }).click());
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*width="1600" height="1000"/);
    expect(text).toContain('Taux de logements sociaux SRU');
    expect(text).toContain('Source : ');
    expect(text).toContain('de 25 % à moins de 35 %');
    expect((text.match(/data-code=/g) ?? []).length).toBe(IDF);

    const csv = await bar.getByRole('link', { name: 'Données CSV' }).getAttribute('href');
    expect(csv).toMatch(/^\/api\/values\.csv\?/);
    expect(csv).toContain('within=departement:92');
    const raw = Buffer.from(await (await fetch(`${base}${csv}`)).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM for Excel
    const lines = raw.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toContain(';');
    expect(lines.filter((l) => /^92\d{3};/.test(l))).toHaveLength(36);
    const apiHref = await bar.getByRole('link', { name: 'Lien API' }).getAttribute('href');
    const viaApi = await api<{ data: unknown[] }>(base, apiHref!);
    expect(viaApi.data).toHaveLength(36);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('carte : France entière', () => {
  it('toutes les communes de la couche nationale peintes sur le canevas, état gardé au rechargement', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const france = (await api<{ data: Layer[] }>(base, '/api/geo')).data.find((l) => l.id === 'france')!;
    await openMap(page, '');
    await page.getByRole('radio', { name: 'France entière' }).check();
    await page.waitForURL(/perimetre=france/);
    const canvas = page.locator('canvas.map-canvas-main[data-painted]');
    await canvas.waitFor({ timeout: 120_000 });
    expect(Number(await canvas.getAttribute('data-painted'))).toBe(france.features);
    if (FULL_MIRROR) expect(france.features).toBe(34_868);
    expect(
      await page.evaluate(() => performance.getEntriesByName('map-france-painted').length),
    ).toBeGreaterThan(0);
    const legend = page.getByRole('group', { name: 'Légende de la carte' });
    const total = await legend
      .locator('li[data-count]')
      .evaluateAll((lis) => lis.reduce((n, l) => n + Number(l.getAttribute('data-count')), 0));
    const all = await api<{ meta: { total: number } }>(base, '/api/territories?level=commune&limit=1');
    expect(total).toBe(all.meta.total);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-carte-france.png') });

    await page.reload();
    await page.locator('canvas.map-canvas-main[data-painted]').waitFor({ timeout: 120_000 });
    expect(await page.getByRole('radio', { name: 'France entière' }).isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
