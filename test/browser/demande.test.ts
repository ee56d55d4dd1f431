/**
 * Demand and allocations (DRIHL socle) in the dashboard: the « Demande de logement social » block of
 * Meudon's fiche and of the 92's (next to the earlier published figures), the workshop pack's
 * per-commune table of Vallée Sud-Grand Paris, the « donnée non ouverte » card of Aix-en-Provence, and
 * the map of Île-de-France — each figure compared with the raw rows of the mirror's extract.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readMirrorCsv } from '../helpers.js';
import { ARTIFACTS, launch } from './browser.js';

let browser: Browser;
const base = inject('baseUrl');
const raw = readMirrorCsv('sne', 'derived_drihl_socle_demandes_attributions_2025.csv', ';');
const row = (niveau: string, code: string) => raw.find((r) => r.niveau === niveau && r.code === code)!;
const fr = (s: string, decimals = 0) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    Number(s),
  );
const plain = (s: string | null) => (s ?? '').replace(/[\u202f\u00a0]/g, ' ').trim();

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, ready: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}${path}`);
  await page.locator(ready).first().waitFor();
  return { page, errors };
}

describe('fiches : bloc « Demande de logement social »', () => {
  it('Meudon : la phrase, le tableau comparé à GPSO, au 92 et à l’Île-de-France, la source DRIHL', async () => {
    const { page, errors } = await open('/commune/92048', '[data-demand-block]');
    const m = row('Commune', '92048');
    const block = page.locator('[data-demand-block="92048"]');
    expect(plain(await block.locator('.demand-sentence').textContent())).toBe(
      plain(
        `À Meudon, ${fr(m.demandes!)} demandes de logement social visaient la commune en premier choix fin 2025, pour ${fr(m.attributions!)} logements attribués en 2025 : ${fr(m.tension!, 1)} demandes pour une attribution ; délai médian d’attribution ${fr(m.delaiMoisExact!)} mois.`,
      ),
    );
    const cells = (id: string) =>
      block
        .locator(`tr[data-indicator="${id}"] td`)
        .allTextContents()
        .then((t) => t.map(plain));
    const dep = row('Département', '92');
    const reg = row('Région', '11');
    const dem = await cells('sne_demandes_choix1');
    expect([dem[0], dem[2], dem[3]]).toEqual(
      [fr(m.demandes!), fr(dep.demandes!), fr(reg.demandes!)].map(plain),
    );
    expect((await cells('sne_delai_median_mois'))[1]).toBe('non publié'); // no median for the EPT
    expect((await cells('sne_part_anciennete_5ans'))[0]).toBe(plain(fr(m.partAnc5ans!, 1)));
    expect(await block.locator('.source').first().textContent()).toMatch(/DRIHL Île-de-France/);
    // the block replaces the single cards of these indicators
    expect(await page.locator('.key-figure[data-indicator^="sne_"]').count()).toBe(0);
    // arguments and questions built on it
    expect(await page.locator('[data-argument="demande-pression"] .source').textContent()).toMatch(/DRIHL/);
    expect(await page.locator('[data-question="demande-contingent"] textarea').inputValue()).toMatch(
      /contingent de la commune/,
    );
    await block.screenshot({ path: join(ARTIFACTS, 'demande-meudon.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Hauts-de-Seine : 134 049 demandes et 9 900 attributions, le point 2023 publié par la DRIHL, et les chiffres OPML 92 à part', async () => {
    const { page, errors } = await open('/departement/92', '[data-demand-block]');
    const block = page.locator('[data-demand-block="92"]');
    const first = (id: string) => block.locator(`tr[data-indicator="${id}"] td`).first().textContent();
    expect(plain(await first('sne_demandes_choix1'))).toBe('134 049');
    expect(plain(await first('sne_attributions'))).toBe('9 900');
    await block.locator('[data-history="sne_attributions"]').waitFor();
    expect(plain(await block.locator('[data-history="sne_attributions"]').textContent())).toBe(
      'Attributions : 10 498 en 2023 (chiffre publié : DRIHL Île-de-France) ; 9 900 en 2025',
    );
    // the OPML 92 and CCF 92 figures keep their own rows and definitions
    expect(
      plain(await page.locator('[data-published="opml92_menages_demandeurs"] .value').textContent()),
    ).toBe('116 228 ménages'); // every figure with its unit
    expect(await page.locator('[data-published="ccf92_attributions"]').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'demande-92.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Aix-en-Provence : aucun chiffre, une carte « donnée non ouverte » qui renvoie aux services des Bouches-du-Rhône', async () => {
    const { page, errors } = await open('/commune/13001', '#non-ouvertes');
    expect(await page.locator('[data-demand-block]').count()).toBe(0);
    const card = page.locator('.card.closed', {
      has: page.locator('[data-indicator-gap="sne_demandes_choix1"]'),
    });
    expect(await card.locator('.coverage-note').textContent()).toMatch(/Île-de-France seulement/);
    const text = plain(await card.textContent());
    expect(text).toMatch(/DDETS des Bouches-du-Rhône/);
    expect(text).not.toMatch(/Hauts-de-Seine/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('dossier d’atelier et carte', () => {
  it('Vallée Sud-Grand Paris : tableau par commune (demandes, attributions, rapport, délai) et ligne de l’EPT', async () => {
    const { page, errors } = await open('/atelier/ept/200057966', '[data-demand-table] tbody tr');
    const table = page.locator('[data-demand-table="200057966"]');
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(11);
    let sumD = 0;
    let sumA = 0;
    for (const tr of await rows.all()) {
      const code = (await tr.getAttribute('data-code'))!;
      const r = row('Commune', code);
      const tds = (await tr.locator('td').allTextContents()).map(plain);
      expect(tds, code).toEqual(
        [fr(r.demandes!), fr(r.attributions!), fr(r.tension!, 1), fr(r.delaiMoisExact!)].map(plain),
      );
      sumD += Number(r.demandes);
      sumA += Number(r.attributions);
    }
    const total = (await table.locator('tfoot td').allTextContents()).map(plain);
    expect(total).toEqual(
      [fr(String(sumD)), fr(String(sumA)), fr(String(sumD / sumA), 1), 'non publié'].map(plain),
    );
    // the demand row of the key figures
    expect(
      plain(
        await page.locator('.atelier-key tr[data-indicator="sne_demandes_choix1"] td.value').textContent(),
      ),
    ).toBe(`${plain(fr(String(sumD)))} demandes`); // every figure with its unit
    await table.screenshot({ path: join(ARTIFACTS, 'atelier-vsgp-demande.png') });
    // on paper: the same rows in two halves, and the pack still on two A4 pages
    await page.emulateMedia({ media: 'print' });
    expect(await table.isVisible()).toBe(false);
    expect(await page.locator('.demand-print tbody tr').count()).toBe(11);
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect((pdf.match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('carte d’Île-de-France des demandes pour une attribution : Meudon coloré, valeur de l’extrait', async () => {
    const { page, errors } = await open(
      '/carte?indicateur=sne_demandes_par_attribution&commune=92048',
      '.legend',
    );
    await expect
      .poll(async () => plain(await page.locator('body').textContent()))
      .toContain('Demandes pour une attribution');
    expect(plain(await page.locator('body').textContent())).toContain(
      fr(row('Commune', '92048').tension!, 1),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'carte-demande.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
