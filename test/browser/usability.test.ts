/**
 * Usable in a meeting, on a phone and on paper (issue 12): printed fiches of 4 A4 pages at most, the
 * map on the first screen of a 390 × 844 phone, a legend whose classes ignore a suspect value, French
 * plurals, plain-French badges and glossary links, search by Enter, a plain sentence for an unknown
 * code, tables that say they scroll. Screenshots of desktop and phone views go to test/artifacts/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, launch } from './browser.js';
import { api, norm, watchErrors } from './explore-helpers.js';

let browser: Browser;
const base = inject('baseUrl');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const fmtInt = (n: number) => norm(new Intl.NumberFormat('fr-FR').format(n));

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

async function open(path: string, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors = watchErrors(page);
  await page.goto(`${base}${path}`);
  await page.locator('h1').first().waitFor();
  return { page, errors };
}

interface ValueRow {
  code: string;
  value: number | null;
  flags: string[];
  source_id: string | null;
}

describe('impression', () => {
  for (const [what, path] of [
    ['commune (Meudon)', '/commune/92048'],
    ['commune (Boulogne-Billancourt)', '/commune/92012'],
    ['EPT (Grand Paris Seine Ouest)', '/ept/200057974'],
  ] as const) {
    it(`fiche ${what} : 4 pages A4 au plus, chiffres clés, arguments, questions et sources ; la fiche complète en dit plus`, async () => {
      const { page, errors } = await open(path);
      await page.locator('[data-argument]').first().waitFor();
      // a commune's questions come once its SRU path is read: count the pages with them
      if (path.startsWith('/commune'))
        await page.locator('.question .print-text').first().waitFor({ state: 'attached' });
      await page.emulateMedia({ media: 'print' });
      // no controls, no toggles, the key figures as one table with dates
      for (const sel of ['.export-bar', '.print-choice', '.fiche-toc', '.def-toggle', 'header.site'])
        expect(await page.locator(sel).first().isVisible(), sel).toBe(false);
      expect(await page.locator('.collapsible-toggle .chevron').first().isVisible()).toBe(false);
      expect(await page.locator('.print-key-figures').isVisible()).toBe(true);
      expect(await page.locator('.print-key-figures tbody tr[data-print-indicator]').count()).toBeGreaterThan(
        5,
      );
      expect(await page.locator('.key-figures').isVisible()).toBe(false);
      expect(await page.locator('.arguments').isVisible()).toBe(true);
      expect(await page.locator('.fiche-sources').isVisible()).toBe(true);
      if (path.startsWith('/commune')) expect(await page.locator('.questions').isVisible()).toBe(true);
      const short = pdfPages(await page.pdf({ format: 'A4' }));
      expect(short).toBeGreaterThanOrEqual(1);
      expect(short).toBeLessThanOrEqual(4);
      // « fiche complète »: the cards, charts and the rest come as an annex
      await page.evaluate(() => document.body.classList.add('print-full'));
      expect(await page.locator('.key-figures').isVisible()).toBe(true);
      expect(await page.locator('.annex-start').isVisible()).toBe(true);
      const full = pdfPages(await page.pdf({ format: 'A4' }));
      expect(full).toBeGreaterThan(short);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('téléphone (390 × 844)', () => {
  it('la carte est sur le premier écran, les réglages repliés, de grandes cibles dans la liste', async () => {
    const { page, errors } = await open('/carte', PHONE);
    await page.locator('path.commune').first().waitFor({ timeout: 60_000 });
    const map = await page.locator('.map-frame svg').boundingBox();
    expect(map).not.toBeNull();
    expect(map!.y).toBeLessThan(PHONE.height * 0.5); // the map starts in the upper half
    expect(map!.y + map!.height * 0.5).toBeLessThan(PHONE.height); // and most of it is visible
    expect(await page.locator('.map-controls .controls').isVisible()).toBe(false);
    const toggle = page.getByRole('button', { name: /réglages/i }); // « Réglages », then « Fermer les réglages »
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await page.getByLabel('Indicateur').isVisible()).toBe(true);
    await toggle.click();
    // the commune list: targets of 44 px at least
    const li = page.locator('.commune-list li').first();
    await li.waitFor();
    expect((await li.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: join(ARTIFACTS, 'telephone-carte.png') });
    // a tap selects the commune and the panel under the map names it; no tooltip over the legend
    const meudon = page.locator('path.commune[data-code="92048"]');
    await meudon.dispatchEvent('click');
    await page.waitForURL(/commune=92048/);
    expect(norm(await page.locator('.panel').textContent())).toContain('Meudon');
    expect(await page.locator('.tooltip').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fiche : les chiffres clés dans les premiers écrans, sections repliables, tableaux qui disent qu’ils défilent', async () => {
    const { page, errors } = await open('/commune/92048', PHONE);
    const first = page.locator('.key-figure').first();
    await first.waitFor();
    expect((await first.boundingBox())!.y).toBeLessThan(PHONE.height * 1.5);
    // heavy parts of each card fold on a phone
    expect(await page.locator('.key-figure .card-more').first().isVisible()).toBe(false);
    // sections other than the key figures are folded, the reader opens them
    const args = page.getByRole('button', { name: /Arguments à citer/ });
    expect(await args.getAttribute('aria-expanded')).toBe('false');
    await args.click();
    expect(await page.locator('[data-argument]').first().isVisible()).toBe(true);
    const height = await page.evaluate(() => document.body.scrollHeight);
    expect(height).toBeLessThan(20_000);
    // the comparison table: wider than the screen, it says so
    await page.getByRole('button', { name: /Comparaison avec les territoires/ }).click();
    const wrap = page.locator('.context-table .table-wrap');
    const overflow = await wrap.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(overflow).toBe(true);
    expect(await page.locator('.context-table [data-scroll-hint]').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'telephone-fiche-meudon.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'telephone-fiche-meudon-longue.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('carte : légende et pluriels', () => {
  it('RSA pour 100 ménages : les classes ignorent la valeur « à vérifier » de 228,5, dessinée à part', async () => {
    const { data: rows, meta } = await api<{ data: ValueRow[]; meta: { year: number } }>(
      base,
      '/api/values?indicator=caf_rsa_pour_100_menages&level=commune&within=region:11',
    );
    const flagged = rows.filter(
      (r) => r.value !== null && r.flags.some((f) => ['suspect', 'incoherent', 'small_count'].includes(f)),
    );
    expect(flagged.length).toBeGreaterThan(0);
    const worst = Math.max(...flagged.map((r) => r.value!));
    const trusted = rows.filter((r) => r.value !== null && !flagged.includes(r)).map((r) => r.value!);
    const top = Math.max(...trusted);
    expect(worst).toBeGreaterThan(top);
    const { page, errors } = await open('/carte?indicateur=caf_rsa_pour_100_menages');
    await page.locator('path.commune').first().waitFor({ timeout: 60_000 });
    const legend = page.getByRole('group', { name: 'Légende de la carte' });
    await legend.waitFor();
    const fmt = (v: number) =>
      new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
    const classes = norm((await legend.locator('li[data-kind="class"]').allTextContents()).join(' | '));
    expect(classes).not.toContain(norm(fmt(worst)));
    expect(classes).toContain(norm(fmt(top))); // the last class ends at the largest trusted value
    const item = legend.locator('li[data-kind="flagged"]');
    expect(Number(await item.getAttribute('data-count'))).toBe(flagged.length);
    for (const r of flagged)
      expect(await page.locator(`path.commune[data-code="${r.code}"]`).getAttribute('fill')).toBe(
        'url(#map-flagged)',
      );
    expect(norm(await legend.textContent())).toContain(`${meta.year}`);
    await page.screenshot({ path: join(ARTIFACTS, 'bureau-carte-rsa-sans-valeur-suspecte.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pluriels français partout : ni « (1 communes) », ni « 0 logements », ni « commune(s) »', async () => {
    // a whole 0 or 1 (not the end of « 2,1 » or « 1 001 ») with a plural noun, « (s) », or a plural count with a singular noun
    const bad =
      /(?<![\d,] ?)[01] (communes|logements|foyers|ménages|valeurs)\b|\(s\)|(?<![\d,])(\d{2,}|[2-9]) commune\b/;
    const around = (t: string) => {
      const m = bad.exec(t);
      return m ? t.slice(Math.max(0, m.index - 40), m.index + 40) : undefined;
    };
    for (const path of [
      '/carte?zoom=departement:92',
      '/carte?perimetre=france',
      '/commune/92048',
      '/ept/200057990',
    ]) {
      const { page, errors } = await open(path);
      if (path.startsWith('/carte')) await page.locator('.legend').waitFor({ timeout: 60_000 });
      else await page.locator('[data-argument]').first().waitFor();
      const text = norm(await page.locator('main').textContent());
      expect(around(text), path).toBeUndefined();
      expect(errors).toEqual([]);
      await page.close();
    }
    // the France view states its coverage in one line
    const { page } = await open('/carte?perimetre=france');
    const line = page.locator('.coverage-line');
    await line.waitFor({ timeout: 60_000 });
    // the France map shows the latest year that covers France; a newer, partial year is offered
    const values = await api<{
      data: { value: number | null }[];
      meta: { year: number; newer_years: { year: number; territories: number }[] };
    }>(base, '/api/values?indicator=sru_taux&level=commune&within=france');
    const withValue = values.data.filter((r) => r.value !== null).length;
    expect(norm(await line.textContent())).toMatch(
      new RegExp(
        `^Valeurs pour ${fmtInt(withValue)} communes? sur ${fmtInt(values.data.length)} ; (tous les )?départements`,
      ),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'bureau-carte-france-couverture.png') });
    const newer = page.locator('.newer-year');
    expect(await newer.count()).toBe(values.meta.newer_years.length);
    for (const n of values.meta.newer_years) {
      const text = norm(await page.locator(`.newer-year[data-year="${n.year}"]`).textContent());
      expect(text).toContain(`${n.year} : valeurs pour ${fmtInt(n.territories)} communes seulement`);
    }
    if (values.meta.newer_years.length) {
      const y = values.meta.newer_years.at(-1)!;
      await page.getByRole('button', { name: `Voir ${y.year}` }).click();
      await page.waitForURL(new RegExp(`annee=${y.year}`));
      await page.locator(`figure.map[data-year="${y.year}"]`).waitFor();
      expect(Number(await line.getAttribute('data-values'))).toBe(y.territories);
    }
    await page.close();
  });
});

describe('français simple', () => {
  it('pastilles en mots simples expliquées au survol et au clavier ; termes reliés au glossaire une fois', async () => {
    const { page, errors } = await open('/commune/92048');
    await page.locator('.key-figure').first().waitFor();
    const badges = await page.locator('.key-figures .badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    for (const b of badges)
      expect(b).not.toMatch(/extrait retraité|valeur approchée|série rompue|couverture partielle/);
    const badge = page.locator('.key-figures a.badge').first();
    const tip = page.locator(`#${await badge.getAttribute('aria-describedby')}`);
    expect(await tip.isVisible()).toBe(false);
    await badge.focus();
    expect(await tip.isVisible()).toBe(true);
    expect((await tip.textContent())!.length).toBeGreaterThan(30);
    // « SRU » links to the glossary the first time only
    const sru = page.locator('a.term[data-term="sru"]');
    expect(await sru.count()).toBe(1);
    expect(await sru.getAttribute('href')).toBe('/glossaire#sru');
    await sru.click();
    await page.waitForURL(/\/glossaire#sru$/);
    await expect.poll(() => page.locator('#sru').isVisible()).toBe(true);
    for (const id of ['sru', 'rpls', 'qpv', 'dalo', 'taux-cible', 'carence', 'tension'])
      expect(await page.locator(`#${id}`).count(), id).toBe(1);
    expect(await page.locator('#signalement-estimated').textContent()).toContain('estimation');
    await page.screenshot({ path: join(ARTIFACTS, 'bureau-glossaire.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ni « null = secret statistique » ni « fichier derived_* du miroir » dans les pages', async () => {
    for (const path of ['/sources', '/methodologie', '/glossaire']) {
      const { page } = await open(path);
      await page.waitForLoadState('networkidle');
      const text = norm(await page.locator('main').textContent());
      expect(text, path).not.toMatch(/null = secret|derived_\*|du miroir\)/);
      await page.close();
    }
  });
});

describe('recherche', () => {
  it('Entrée ouvre le meilleur résultat sans attendre les suggestions', async () => {
    const { page, errors } = await open('/');
    const box = page.getByRole('combobox', { name: 'Rechercher une commune ou un territoire', exact: true });
    await box.fill('Meudon');
    await box.press('Enter');
    await page.waitForURL(/\/commune\/92048$/);
    expect(await page.locator('h1').textContent()).toBe('Meudon');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('un code inconnu reçoit une phrase simple, sans adresse d’API', async () => {
    const { page } = await open('/commune/99999');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = norm(await alert.textContent());
    expect(text).toContain('Aucune commune ne porte le code « 99999 »');
    expect(text).not.toMatch(/\/api\/|recherche :/);
    const box = page.getByRole('combobox', { name: 'Rechercher une commune ou un territoire', exact: true });
    await box.fill('zzqx');
    await box.press('Enter');
    await expect
      .poll(async () => norm(await page.locator('header .search-message').textContent()))
      .toContain('Aucune commune ni aucun territoire ne correspond à « zzqx »');
    await page.close();
  });
});

describe('captures bureau et téléphone', () => {
  it('vues principales en 1280 × 900 et 390 × 844', async () => {
    for (const [name, path, wait] of [
      ['carte', '/carte', 'path.commune'],
      ['fiche-meudon', '/commune/92048', '.key-figure'],
      ['fiche-roubaix', '/commune/59512', '.closed-data'],
      ['comparer', '/comparer?codes=92048,92050,92051', '.chart-card'],
      ['classements', '/classements', 'table.rankings-table'],
      ['atelier-boucle-nord', '/atelier/ept/200057990', '.ept-map'],
    ] as const) {
      for (const [size, viewport] of [
        ['bureau', DESKTOP],
        ['telephone', PHONE],
      ] as const) {
        const page = await browser.newPage({ viewport });
        await page.goto(`${base}${path}`);
        await page.locator(wait).first().waitFor({ timeout: 60_000 });
        await page.screenshot({ path: join(ARTIFACTS, `vue-${name}-${size}.png`) });
        await page.close();
      }
    }
  });
});
