/**
 * Issue 13 in a real browser: Meudon's comparable communes and the « comparer » link, the peers
 * argument card, /nouveautes listing the SRU changes between the inventories at 01/01/2024 and
 * 01/01/2025, « suivre » and « intégrer » on the fiche, and Meudon's card framed by a page served
 * from another origin (while the rest of the site refuses to be framed).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe.js';
import { ARTIFACTS, launch } from './browser.js';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}${path}`);
  await page.locator('h1').waitFor();
  return { page, errors };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API bodies checked field by field
const api = async (path: string): Promise<any> => (await fetch(`${base}${path}`)).json();

describe('communes comparables sur la fiche', () => {
  it('Meudon : tableau des 10 communes de l’API, lien « comparer » vers /comparer avec elles, argument', async () => {
    const peers = (await api('/api/territories/commune/92048/peers')).data;
    const { page, errors } = await open('/commune/92048');
    const section = page.locator('section.peers');
    await section.locator('h2', { hasText: 'Meudon parmi 10 communes comparables' }).waitFor();
    await section.locator('tr[data-peer]').first().waitFor();
    const rows = await section
      .locator('tr[data-peer]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-peer')));
    expect(rows).toEqual(peers.peers.map((p: { code: string }) => p.code));
    for (const c of peers.criteria)
      await expect(section.locator('thead').textContent()).resolves.toContain(c.label);
    const link = section.getByRole('link', { name: /^Comparer Meudon/ });
    const href = await link.getAttribute('href');
    expect(href).toBe(
      `/comparer?codes=92048,${peers.peers
        .slice(0, 5)
        .map((p: { code: string }) => p.code)
        .join(',')}`,
    );
    await link.click();
    await page.waitForURL(/\/comparer\?codes=/);
    await page.locator('h1').waitFor();
    for (const p of peers.peers.slice(0, 5))
      await page.getByRole('columnheader', { name: p.name }).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'features-compare-peers.png') });
    // The argument card counts the peers whose SRU rate of the same inventory is higher.
    await page.goBack();
    const card = page.locator('[data-argument="communes-comparables"]');
    await card.waitFor();
    const own = peers.sru_taux;
    const same = peers.peers.filter(
      (p: { sru_taux: { year: number; value: number | null } | null }) =>
        p.sru_taux && p.sru_taux.value !== null && p.sru_taux.year === own.year,
    );
    const higher = same.filter((p: { sru_taux: { value: number } }) => p.sru_taux.value > own.value).length;
    await expect(card.textContent()).resolves.toContain(
      `Parmi les 10 communes les plus proches de Meudon par la taille et la structure`,
    );
    await expect(card.textContent()).resolves.toMatch(
      new RegExp(`${higher} (a|ont) un taux de logements sociaux SRU plus élevé`),
    );
    await section.screenshot({ path: join(ARTIFACTS, 'features-peers-meudon.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('trajectoire SRU sur la fiche', () => {
  it('Boulogne-Billancourt : objectif 2026–2028 et rythme nécessaire d’ici 2032 comme l’API, graphique et tableau, argument', async () => {
    const sru = (await api('/api/territories/commune/92012/sru')).data;
    const cur = sru.periods.find((p: { start: number }) => p.start === 2026);
    expect(cur.objective.value).toBeGreaterThan(0);
    const nf = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
    const { page, errors } = await open('/commune/92012');
    const section = page.locator('section.sru-path');
    await section.locator('h2', { hasText: 'trajectoire du mandat 2026–2032' }).waitFor();
    const row = section.locator('tr[data-period="2026–2028"]');
    await expect(row.locator('[data-objective]').getAttribute('data-objective')).resolves.toBe(
      String(cur.objective.value),
    );
    const text = (await section.locator('.sru-path-summary').textContent())!.replace(/\s/g, ' ');
    expect(text).toContain(
      `l’objectif légal de rattrapage est d’environ ${nf(cur.objective.value)}`.replace(/\s/g, ' '),
    );
    expect(text).toContain(
      `Pour atteindre 25 % d’ici le 1er janvier 2032, il faudrait ${nf(sru.paces.required_by_2032.value)}`.replace(
        /\s/g,
        ' ',
      ),
    );
    await section.locator('svg.sru-path-chart').waitFor();
    expect(await section.locator('svg.sru-path-chart .sru-required path').count()).toBe(1);
    await expect(section.locator('details.series-table tbody tr').count()).resolves.toBeGreaterThan(5);
    const card = page.locator('[data-argument="trajectoire-sru"]');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(
      'Pour la période 2026–2028, l’objectif légal de rattrapage de Boulogne-Billancourt',
    );
    await page.locator('[data-question="sru-trajectoire"]').waitFor();
    await section.screenshot({ path: join(ARTIFACTS, 'features-sru-path-boulogne.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('/nouveautes', () => {
  it('liste les changements de statut entre les inventaires SRU au 1er janvier 2024 et 2025, avec liens vers les fiches', async () => {
    const vintages = (await api('/api/changes/vintages')).data;
    const sru = vintages.find((v: { id: string }) => v.id === 'sru-2025');
    const { page, errors } = await open('/nouveautes');
    const section = page.locator('#sru-2025');
    await section.locator('h2', { hasText: 'Inventaire SRU au 1er janvier 2025' }).waitFor();
    await expect(section.textContent()).resolves.toContain('inventaire SRU au 1er janvier 2024');
    const codes = await section
      .locator('table[data-statuses] tr[data-code]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
    expect(codes).toEqual(sru.statuses.map((s: { code: string }) => s.code));
    const palaiseau = section.locator('tr[data-code="91477"]');
    await expect(palaiseau.textContent()).resolves.toContain('devient déficitaire');
    await palaiseau.getByRole('link').click();
    await page.waitForURL(/\/commune\/91477$/);
    await page.locator('h1', { hasText: 'Palaiseau' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('suivre et intégrer', () => {
  let other: Server;
  let otherUrl = '';
  beforeAll(async () => {
    // A page on another origin (another port) that frames Meudon's card, and tries to frame the fiche.
    other = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="fr"><head><title>Site d’une association</title></head><body>
        <h1>Notre commune en chiffres</h1>
        <iframe id="carte" src="${base}/embed/commune/92048?indicateurs=sru_taux,sru_logements_manquants" title="Meudon" width="560" height="320"></iframe>
        <iframe id="fiche" src="${base}/commune/92048" title="Fiche" width="560" height="320"></iframe>
      </body></html>`);
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    // Same host name, another port: another origin.
    otherUrl = `http://localhost:${(other.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => other.close(() => r())));

  it('la carte de Meudon s’affiche dans une page d’un autre site ; la fiche, elle, refuse d’y être encadrée', async () => {
    const raw = (await api('/api/territories/commune/92048')).data.indicators.find(
      (i: { id: string }) => i.id === 'sru_taux',
    ).value;
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => blocked.push(m.text()));
    await page.goto(otherUrl);
    expect(new URL(page.url()).origin).not.toBe(new URL(base).origin);
    const frame = page.frameLocator('#carte');
    await frame.locator('h1', { hasText: 'Meudon' }).waitFor();
    const fig = frame.locator('[data-indicator="sru_taux"]');
    await expect(fig.getAttribute('data-value')).resolves.toBe(String(raw.value));
    await expect(fig.textContent()).resolves.toContain(`inventaire SRU au 1er janvier ${raw.year}`);
    await expect(frame.locator('a').first().getAttribute('href')).resolves.toBe(`${base}/commune/92048`);
    // The fiche (frame-ancestors 'none') is not rendered inside the other site.
    await page.waitForTimeout(500);
    const ficheFrame = page.frames().find((f) => f.url().endsWith('/commune/92048'));
    const ficheHasContent = ficheFrame ? await ficheFrame.locator('h1').count() : 0;
    expect(ficheHasContent).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'features-embed-other-origin.png') });
    await page.close();
  });

  it('la fiche offre le flux « suivre » et le code d’intégration avec son aperçu', async () => {
    const { page, errors } = await open('/commune/92048');
    const section = page.locator('section.follow-embed');
    await section.waitFor();
    await expect(section.locator('a[data-feed]').getAttribute('href')).resolves.toBe(
      `${base}/feeds/commune/92048.atom`,
    );
    const snippet = await section.locator('textarea').inputValue();
    expect(snippet).toContain(
      `<iframe src="${base}/embed/commune/92048?indicateurs=sru_taux,sru_logements_manquants"`,
    );
    await section.getByLabel('Logements sociaux SRU', { exact: true }).check();
    await expect(section.locator('textarea').inputValue()).resolves.toContain(
      'indicateurs=sru_taux,sru_logements_manquants,sru_lls',
    );
    await page.frameLocator('iframe.embed-preview').locator('[data-indicator="sru_lls"]').waitFor();
    const feed = await fetch(`${base}/feeds/commune/92048.atom`);
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('accessibilité (axe-core, WCAG 2.1 A/AA)', () => {
  it('/nouveautes, les sections « communes comparables » et « suivre et intégrer », la carte à intégrer', async () => {
    // The pages' CSP forbids injected scripts: the test context bypasses it to load axe.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    for (const [path, wait, include] of [
      ['/nouveautes', '#sru-2025 table', 'article.nouveautes'],
      ['/commune/92048', 'tr[data-peer]', 'section.peers'],
      ['/commune/92048', 'section.follow-embed textarea', 'section.follow-embed'],
      ['/embed/commune/92048?indicateurs=sru_taux,sru_logements_manquants', 'article.card', 'article.card'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await page.locator(wait).first().waitFor({ timeout: 120_000 });
      const violations = await axeViolations(page, [include]);
      expect(violations, `${path} ${include}`).toEqual([]);
    }
    await context.close();
  });
});
