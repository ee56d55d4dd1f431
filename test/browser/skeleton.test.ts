import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mirrorCommunes } from '../helpers.js';
import { ARTIFACTS, launch } from './browser.js';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('carte et fiche commune', () => {
  it('la carte a un tracé par commune d’Île-de-France ; « Meudon » ouvre la fiche avec le taux SRU et sa source ; recharger garde la vue', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/`);
    await page.waitForSelector('path.commune');
    // One path per Île-de-France commune of the mirror's COG (1 266 in the full mirror).
    expect(await page.locator('path.commune').count()).toBe(mirrorCommunes('11').length);
    await expect.poll(() => page.locator('.legend li').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(ARTIFACTS, 'carte-idf.png') });

    const api = await (await fetch(`${base}/api/territories/commune/92048`)).json();
    const taux = api.data.indicators.find((i: { id: string }) => i.id === 'sru_taux').value;

    await page.getByRole('combobox', { name: /Rechercher/ }).fill('Meudon');
    // The header search box (the map page has its own list of communes, also made of options).
    await page
      .getByRole('banner')
      .getByRole('option', { name: /Meudon/ })
      .first()
      .click();
    await page.waitForURL(`${base}/commune/92048`);
    const card = page.locator('[data-indicator="sru_taux"]');
    await card.waitFor();
    const shown = new Intl.NumberFormat('fr-FR', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(taux.value);
    await expect.poll(() => card.locator('.value').textContent()).toBe(`${shown} %`);
    expect(await card.locator('.source').textContent()).toMatch(/DGALN\/DHUP.*inventaire SRU/i);
    expect(await page.locator('h1').textContent()).toBe('Meudon');
    await page.screenshot({ path: join(ARTIFACTS, 'fiche-meudon.png'), fullPage: true });

    await page.reload();
    await page.locator('[data-indicator="sru_taux"] .value').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Meudon');
    expect(await page.locator('[data-indicator="sru_taux"] .value').textContent()).toBe(`${shown} %`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
