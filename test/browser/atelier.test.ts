/**
 * The EPT workshop pack: its communes (checked against the raw EPT composition file of the mirror),
 * its map, A4 printing on at most two pages, the indicator selector and the « plein écran » mode kept
 * in the URL, links from the fiches.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readMirrorCsv } from '../helpers.js';
import { ARTIFACTS, launch } from './browser.js';

let browser: Browser;
const base = inject('baseUrl');
const VSGP = '200057966';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Pages of a PDF written by Chromium: page objects are `/Type /Page` (the tree root is `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

function communesOf(ept: string): Record<string, string>[] {
  return readMirrorCsv('geo', 'ept-mgp-composition-2025.csv', ',').filter((r) => r.EPT === ept);
}

describe('dossier d’atelier EPT', () => {
  it('Boucle Nord de Seine (92 et 95) : une colonne par département, des étiquettes qui ne se chevauchent pas, 2 pages', async () => {
    const BNS = '200057990';
    const raw = communesOf(BNS);
    const deps = [...new Set(raw.map((r) => r.CODGEO!.slice(0, 2)))].sort();
    expect(deps).toEqual(['92', '95']); // Argenteuil is in the Val-d'Oise
    const fiche = (await (await fetch(`${base}/api/territories/ept/${BNS}`)).json()) as {
      data: { context: { territory: { level: string; code: string; name: string } }[] };
    };
    const ctxDeps = fiche.data.context.filter((c) => c.territory.level === 'departement');
    expect(ctxDeps.map((c) => c.territory.code).sort()).toEqual(deps);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/atelier/ept/${BNS}`);
    await page.locator('.atelier-key tbody tr').first().waitFor();
    const heads = await page
      .locator('.atelier-key thead th[data-col]')
      .evaluateAll((ths) => ths.map((t) => t.getAttribute('data-col')));
    for (const d of deps) expect(heads).toContain(d);
    const names = await page.locator('.atelier-key thead th').allTextContents();
    expect(names.join(' ')).toContain('Hauts-de-Seine (92)');
    expect(names.join(' ')).toMatch(/Val-d.Oise \(95\)/);

    // labels: the drawn boxes of the labels shown never overlap
    await page.locator('.ept-map g.ept-label').first().waitFor();
    const boxes = await page.locator('.ept-map g.ept-label').evaluateAll((gs) =>
      gs.map((g) => {
        const b = (g as SVGGraphicsElement).getBBox();
        const m = (g as SVGGraphicsElement).transform.baseVal.consolidate()?.matrix;
        return {
          code: g.getAttribute('data-label'),
          x0: b.x + (m?.e ?? 0),
          y0: b.y + (m?.f ?? 0),
          w: b.width,
          h: b.height,
        };
      }),
    );
    expect(boxes.length).toBeGreaterThan(raw.length / 2);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x0 < b.x0 + b.w && b.x0 < a.x0 + a.w && a.y0 < b.y0 + b.h && b.y0 < a.y0 + a.h;
        expect(overlap, `${a.code} / ${b.code}`).toBe(false);
      }
    await page
      .locator('.ept-map')
      .screenshot({ path: join(ARTIFACTS, 'atelier-boucle-nord-de-seine-carte.png') });
    await page.emulateMedia({ media: 'print' });
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBeLessThanOrEqual(2);
    await page.close();
  });

  it('Vallée Sud Grand Paris : ses 11 communes (fichier de composition), carte, taux comme l’API, PDF A4 de 2 pages au plus', async () => {
    const raw = communesOf(VSGP);
    expect(raw).toHaveLength(11);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/atelier/ept/${VSGP}`);
    await page.locator('.atelier-communes tbody tr').first().waitFor();
    const rows = page.locator('.atelier-communes tbody tr');
    expect(await rows.count()).toBe(11);
    const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
    expect(codes.sort()).toEqual(raw.map((r) => r.CODGEO).sort());
    const names = await rows.locator('th').allTextContents();
    expect(names.sort()).toEqual(raw.map((r) => r.LIBGEO!).sort());
    expect(await page.locator('h1').textContent()).toContain('Vallée Sud');

    // the map: one path per commune of the EPT, coloured for the SRU rate by default
    await page.locator('.ept-map path.ept-commune').first().waitFor();
    expect(await page.locator('.ept-map path.ept-commune').count()).toBe(11);
    expect(await page.locator('.ept-map').getAttribute('data-indicator')).toBe('sru_taux');

    // the EPT's SRU rate in the chiffres clés is the API's
    const api = (await (await fetch(`${base}/api/territories/ept/${VSGP}`)).json()) as {
      data: {
        indicators: {
          id: string;
          value: { value: number; low: number | null; high: number | null } | null;
        }[];
      };
    };
    const v = api.data.indicators.find((i) => i.id === 'sru_taux')!.value!;
    const f2 = (n: number) =>
      new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
    const cell = await page.locator('.atelier-key tr[data-indicator="sru_taux"] td.value').textContent();
    // A total of rates deduced from rounded ones carries its interval, compact in the pack (« ≈ … (…–… %) »).
    if (v.low !== null && v.high !== null && f2(v.low) !== f2(v.high))
      expect(cell).toBe(`≈ ${f2(v.value)} % (${f2(v.low)}–${f2(v.high)} %)`);
    else expect(cell).toBe(`${f2(v.value)} %`);
    expect(await page.locator('.atelier-sources li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'atelier-vsgp.png'), fullPage: true });

    // print: no controls, A4, at most two pages
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.atelier-controls').isVisible()).toBe(false);
    expect(await page.locator('header.site').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await page.screenshot({ path: join(ARTIFACTS, 'atelier-vsgp-impression.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('chaque EPT de la base : dossier imprimé sur 2 pages A4 au plus, une ligne par commune', async () => {
    const list = (await (await fetch(`${base}/api/territories?level=ept`)).json()) as {
      data: { code: string; name: string }[];
    };
    expect(list.data.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const counts: Record<string, number> = {};
    for (const ept of list.data) {
      const communes = (await (
        await fetch(`${base}/api/territories?level=commune&within=ept:${ept.code}`)
      ).json()) as { data: unknown[] };
      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${base}/atelier/ept/${ept.code}`);
      await page.locator('.atelier-communes tbody tr').first().waitFor();
      expect(await page.locator('.atelier-communes tbody tr').count(), ept.name).toBe(communes.data.length);
      await page.locator('.ept-map path.ept-commune').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.emulateMedia({ media: 'print' });
      counts[ept.name] = pdfPages(await page.pdf({ format: 'A4' }));
    }
    expect(Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 2))).toEqual({});
    await page.close();
  });

  it('le compteur de pages du PDF sait compter plus de deux pages', async () => {
    const page = await browser.newPage();
    await page.setContent(
      `<div style="height:290mm">1</div><div style="height:290mm">2</div><div style="height:290mm">3</div>`,
    );
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(3);
    await page.close();
  });

  it('choix de l’indicateur et plein écran gardés dans l’adresse et au rechargement', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${base}/atelier/ept/${VSGP}`);
    await page.locator('.ept-map path.ept-commune').first().waitFor();
    await page.getByLabel('Indicateur de la carte').selectOption('sru_lls');
    await page.waitForURL(/indicateur=sru_lls/);
    await expect.poll(() => page.locator('.ept-map').getAttribute('data-indicator')).toBe('sru_lls');
    // the table gets the mapped indicator as a column
    expect(await page.locator('.atelier-communes thead').textContent()).toContain('Logements sociaux SRU');

    await page.getByRole('button', { name: /Plein écran/ }).click();
    await page.waitForURL(/mode=projection/);
    expect(await page.locator('article.atelier').getAttribute('class')).toContain('projection');
    expect(await page.locator('header.site').isVisible()).toBe(false);
    const size = await page.locator('.atelier h1').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(36);
    await page.screenshot({ path: join(ARTIFACTS, 'atelier-vsgp-projection.png') });

    await page.reload();
    await page.locator('.ept-map path.ept-commune').first().waitFor();
    expect(await page.locator('.ept-map').getAttribute('data-indicator')).toBe('sru_lls');
    expect(await page.locator('article.atelier').getAttribute('class')).toContain('projection');
    await page.getByRole('button', { name: /Quitter le plein écran/ }).click();
    await expect.poll(() => page.url()).not.toContain('mode=projection');
    expect(await page.locator('header.site').isVisible()).toBe(true);
    await page.close();
  });

  it('liens : fiche commune → dossier de son EPT ; liste des dossiers ; EPT Paris Ouest La Défense', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/commune/92048`);
    await page.getByRole('link', { name: /Dossier d’atelier de l’EPT Grand Paris Seine Ouest/ }).click();
    await page.waitForURL(`${base}/atelier/ept/200057974`);
    await page.locator('.atelier-communes tbody tr').first().waitFor();
    expect(await page.locator('.atelier-communes tbody tr').count()).toBe(communesOf('200057974').length);

    await page.goto(`${base}/atelier`);
    await page.locator('.atelier-list li').first().waitFor();
    const eptList = (await (
      await fetch(`${base}/api/values?indicator=population&level=ept&within=france`)
    ).json()) as {
      data: unknown[];
    };
    expect(await page.locator('.atelier-list li').count()).toBe(eptList.data.length);
    await page.getByRole('link', { name: 'Paris Ouest La Défense' }).click();
    await page.waitForURL(`${base}/atelier/ept/200057982`);
    await page.locator('.atelier-communes tbody tr').first().waitFor();
    expect(await page.locator('.atelier-communes tbody tr').count()).toBe(communesOf('200057982').length);
    await page.screenshot({ path: join(ARTIFACTS, 'atelier-pold.png'), fullPage: true });
    await page.close();
  });
});
