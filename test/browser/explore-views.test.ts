import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe.js';
import { ARTIFACTS, launch } from './browser.js';
import { api, frenchValue, norm, watchErrors, type IndicatorLike } from './explore-helpers.js';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Latest {
  value: number | null;
  year: number;
  flags: string[];
}
interface CompareApi {
  data: {
    territories: { key: string; name: string; level: string; code: string }[];
    indicators: (IndicatorLike & { values: Record<string, Latest | null> })[];
  };
}

const INTENSIVE = ['pct', 'ratio', 'pour_100', 'euros_m2', 'euros_an', 'mois'];

describe('comparer', () => {
  it('trois communes : trois colonnes aux valeurs de /api/compare, meilleure et moins bonne selon le sens', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const codes = ['92048', '92050', '92051'];
    const cmp = await api<CompareApi>(base, `/api/compare?code=${codes.join(',')}`);
    await page.goto(`${base}/comparer?codes=${codes.join(',')}`);
    const table = page.locator('table.compare-table');
    await table.waitFor();
    const heads = table.locator('thead th[data-key]');
    expect(await heads.evaluateAll((ths) => ths.map((t) => t.getAttribute('data-key')))).toEqual(codes);
    expect(norm(await heads.first().textContent())).toContain('Meudon');

    let checked = 0;
    for (const ind of cmp.data.indicators) {
      const present = codes.map((c) => ind.values[c]?.value ?? null);
      if (present.every((v) => v === null)) {
        expect(await table.locator(`tr[data-indicator="${ind.id}"]`).count()).toBe(0);
        continue;
      }
      const row = table.locator(`tr[data-indicator="${ind.id}"]`);
      const cells = await row.locator('td').evaluateAll((tds) =>
        tds.map((td) => ({
          key: td.getAttribute('data-key'),
          text: td.querySelector('.value')?.textContent,
          cls: td.className,
        })),
      );
      expect(cells.map((c) => c.key)).toEqual(codes);
      cells.forEach((c, i) => expect(norm(c.text)).toBe(norm(frenchValue(present[i]!, ind))));
      // Best / worst computed here from the polarity, for rates and ratios of one same year only.
      const nums = present.filter((v): v is number => v !== null);
      const max = Math.max(...nums);
      const min = Math.min(...nums);
      const years = new Set(
        codes.filter((c) => ind.values[c]?.value != null).map((c) => ind.values[c]!.year),
      );
      const judged =
        ind.polarity !== 'neutral' &&
        (ind.aggregation === 'ratio' || INTENSIVE.includes(ind.unit)) &&
        years.size === 1;
      cells.forEach((c, i) => {
        const v = present[i];
        let want = '';
        if (judged && nums.length > 1 && max !== min && v !== null) {
          if (v === max) want = ind.polarity === 'higher_better' ? 'cell-best' : 'cell-worst';
          else if (v === min) want = ind.polarity === 'higher_better' ? 'cell-worst' : 'cell-best';
        }
        if (want) expect(c.cls).toContain(want);
        else expect(c.cls).not.toMatch(/cell-(best|worst)/);
      });
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
    await page.locator('.chart-card svg').first().waitFor();
    const values = (i: CompareApi['data']['indicators'][number]) =>
      codes.map((c) => i.values[c]?.value ?? null).filter((v): v is number => v !== null);
    const charted = cmp.data.indicators.filter((i) => i.unit !== 'booleen' && values(i).length >= 2);
    const equal = charted.filter((i) => new Set(values(i)).size === 1);
    // a chart compares: when every value is the same, one line says so instead
    await expect.poll(() => page.locator('.chart-card svg').count()).toBe(charted.length - equal.length);
    expect(await page.locator('.chart-card .all-equal').count()).toBe(equal.length);
    // charts take the full width of the page
    const widths = await page.locator('.chart-card').evaluateAll((cs) => cs.map((c) => c.clientWidth));
    const main = await page.locator('main').evaluate((m) => m.clientWidth);
    for (const w of widths) expect(w).toBeGreaterThan(main * 0.85);
    await page.screenshot({ path: join(ARTIFACTS, 'explore-comparer.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Neuilly et Nanterre : aucun ▲ ▼ sur un effectif (foyers RSA), les taux de la même année le sont', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const codes = ['92051', '92050'];
    const cmp = await api<CompareApi>(base, `/api/compare?code=${codes.join(',')}`);
    const rsa = cmp.data.indicators.find((i) => i.id === 'caf_foyers_rsa')!;
    expect(rsa.unit).toBe('foyers');
    expect(rsa.polarity).toBe('higher_worse');
    const counts = codes.map((c) => rsa.values[c]?.value ?? null);
    expect(counts.every((v) => v !== null)).toBe(true);
    expect(counts[0]).toBeLessThan(counts[1]!); // Neuilly has fewer foyers: a size effect, not a merit
    await page.goto(`${base}/comparer?codes=${codes.join(',')}`);
    const row = page.locator('table.compare-table tr[data-indicator="caf_foyers_rsa"]');
    await row.waitFor();
    expect(await row.locator('.mark').count()).toBe(0);
    expect(await row.locator('td.cell-best, td.cell-worst').count()).toBe(0);
    const chart = page.locator('.chart-card[data-indicator="caf_foyers_rsa"]');
    expect(norm(await chart.locator('figcaption').textContent())).toContain('taille des territoires');
    expect(await chart.locator('text').allTextContents()).not.toContain('▲');
    // a rate of the same year for both is marked
    const taux = cmp.data.indicators.find((i) => i.id === 'sru_taux')!;
    if (taux.values['92051']?.year === taux.values['92050']?.year)
      expect(await page.locator('table.compare-table tr[data-indicator="sru_taux"] .mark').count()).toBe(2);
    else
      expect(
        norm(await page.locator('.chart-card[data-indicator="sru_taux"] .chart-title').textContent()),
      ).toContain('années différentes');
    await page.screenshot({ path: join(ARTIFACTS, 'explore-comparer-neuilly-nanterre.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ajouter par la recherche, retirer, recharger : l’adresse garde la sélection', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${base}/comparer?codes=92048,92050,92051`);
    await page.locator('table.compare-table').waitFor();
    await page.getByRole('combobox', { name: 'Ajouter un territoire à la comparaison' }).fill('Clamart');
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /Clamart/ })
      .first()
      .click();
    await page.waitForURL(/codes=92048,92050,92051,92023/);
    await expect.poll(() => page.locator('table.compare-table thead th[data-key]').count()).toBe(4);
    await page.getByRole('button', { name: 'Retirer Nanterre de la comparaison' }).click();
    await page.waitForURL(/codes=92048,92051,92023$/);
    await page.reload();
    await page.locator('table.compare-table').waitFor();
    expect(
      await page
        .locator('table.compare-table thead th[data-key]')
        .evaluateAll((t) => t.map((x) => x.getAttribute('data-key'))),
    ).toEqual(['92048', '92051', '92023']);
    const csv = await page.getByRole('link', { name: 'Données CSV' }).getAttribute('href');
    expect(csv).toBe('/api/compare.csv?code=92048,92051,92023&level=commune');
    expect(errors).toEqual([]);
    await page.close();
  });
});

interface RankingApi {
  data: { code: string; rank: number | null; value: number | null }[];
  meta: { total: number; year: number };
}
interface ValuesApi {
  data: { code: string; name: string; value: number | null }[];
}

describe('classements', () => {
  it('communes déficitaires SRU du 92 par logements manquants : l’ordre de l’API, recalculé ici depuis /api/values', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(
      `${base}/classements?dans=departement:92&filtre=sru_deficitaire:1&indicateur=sru_logements_manquants`,
    );
    const table = page.locator('table.rankings-table');
    await table.locator('tbody tr').first().waitFor();
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((t) => t.getAttribute('data-code')));

    const ranking = await api<RankingApi>(
      base,
      '/api/rankings?indicator=sru_logements_manquants&within=departement:92&filter=sru_deficitaire:1&limit=1000',
    );
    expect(shown).toEqual(ranking.data.map((r) => r.code));
    const year = ranking.meta.year;
    const manquants = await api<ValuesApi>(
      base,
      `/api/values?indicator=sru_logements_manquants&within=departement:92&year=${year}`,
    );
    const deficit = await api<ValuesApi>(
      base,
      `/api/values?indicator=sru_deficitaire&within=departement:92&year=${year}`,
    );
    const keep = new Set(deficit.data.filter((r) => r.value === 1).map((r) => r.code));
    const rows = manquants.data.filter((r) => keep.has(r.code));
    const withValue = rows
      .filter((r) => r.value !== null)
      .sort((a, b) => b.value! - a.value! || a.code.localeCompare(b.code));
    const expected = [...withValue, ...rows.filter((r) => r.value === null)].map((r) => r.code);
    expect(shown).toEqual(expected);
    expect(shown.length).toBeGreaterThan(5);
    const first = norm(await table.locator('tbody tr').first().locator('td.value').textContent());
    expect(first).toBe(norm(new Intl.NumberFormat('fr-FR').format(withValue[0]!.value!)));
    await page.screenshot({ path: join(ARTIFACTS, 'explore-classements.png'), fullPage: true });

    // Sort by name, reload: same order restored.
    await page.getByRole('button', { name: /^commune/ }).click();
    await page.waitForURL(/tri=nom-asc/);
    const byName = await table
      .locator('tbody tr th')
      .evaluateAll((ths) => ths.map((t) => t.textContent ?? ''));
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'fr')));
    await page.reload();
    await table.locator('tbody tr').first().waitFor();
    expect(
      await table.locator('tbody tr th').evaluateAll((ths) => ths.map((t) => t.textContent ?? '')),
    ).toEqual(byName);
    expect(await page.getByLabel('Statut').inputValue()).toBe('sru_deficitaire:1');
    const csv = await page.getByRole('link', { name: 'Données CSV' }).getAttribute('href');
    expect(csv).toMatch(/^\/api\/rankings\.csv\?.*filter=sru_deficitaire:1/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('le rang suit l’ordre affiché et la phrase le dit : tri croissant, rang 1 = valeur la plus faible', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(
      `${base}/classements?dans=departement:92&filtre=aucun&indicateur=sru_taux&tri=valeur-asc`,
    );
    const table = page.locator('table.rankings-table');
    await table.locator('tbody tr').first().waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((t) => ({
        rank: t.querySelector('td')?.textContent ?? '',
        value: Number(
          (t.querySelector('td.value')?.textContent ?? '').replace(/[\s\u202f%]/g, '').replace(',', '.'),
        ),
      })),
    );
    const ranked = rows.filter((r) => /^\d+$/.test(r.rank));
    expect(ranked.length).toBeGreaterThan(5);
    expect(ranked[0]!.rank).toBe('1');
    for (let i = 1; i < ranked.length; i++) {
      expect(Number(ranked[i]!.rank)).toBeGreaterThanOrEqual(Number(ranked[i - 1]!.rank));
      expect(ranked[i]!.value).toBeGreaterThanOrEqual(ranked[i - 1]!.value);
    }
    expect(norm(await page.locator('[data-rank-rule]').textContent())).toBe(
      'Tri par valeur croissante : rang 1 = valeur la plus faible.',
    );
    await page.getByRole('button', { name: /^Taux SRU/ }).click();
    await page.waitForURL(/tri=valeur-desc|indicateur=sru_taux(?!.*tri=)/);
    await expect
      .poll(async () => norm(await page.locator('[data-rank-rule]').textContent()))
      .toBe('Tri par valeur décroissante : rang 1 = valeur la plus élevée.');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('sources et méthodologie', () => {
  it('chaque fichier chargé avec producteur, licence, millésime, empreinte et lignes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const sources = await api<{
      data: { id: string; producer: string; licence: string; sha256: string; rows_read: number | null }[];
    }>(base, '/api/sources');
    await page.goto(`${base}/sources`);
    await page.locator('.sources-table').first().waitFor();
    expect(await page.locator('tr[data-source]').count()).toBe(sources.data.length);
    for (const s of sources.data) {
      const row = page.locator(`tr[data-source="${s.id}"]`);
      const text = norm(await row.textContent());
      expect(text).toContain(norm(s.producer));
      expect(text).toContain(s.licence);
      expect(text).toContain(s.sha256);
      if (s.rows_read !== null)
        expect(text).toContain(norm(new Intl.NumberFormat('fr-FR').format(s.rows_read)));
    }
    await page.screenshot({ path: join(ARTIFACTS, 'explore-sources.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('le rapprochement avec les chiffres publiés : une ligne par chiffre, le nôtre et le leur, le verdict', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const rec = await api<{
      data: { id: string; value: number; ours: number | null; status: string }[];
    }>(base, '/api/reconciliation');
    expect(rec.data.length).toBeGreaterThan(0);
    await page.goto(`${base}/sources#rapprochement`);
    await page.locator('.reconciliation-table').waitFor();
    expect(await page.locator('tr[data-reconciliation]').count()).toBe(rec.data.length);
    const fr = (n: number) => norm(new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n));
    for (const r of rec.data) {
      const row = page.locator(`tr[data-reconciliation="${r.id}"]`);
      expect(await row.getAttribute('data-status')).toBe(r.status);
      const text = norm(await row.textContent());
      expect(text).toContain(fr(r.value));
      if (r.ours !== null) expect(text).toContain(fr(r.ours));
      expect(text).toMatch(
        r.status === 'ok' ? /conforme/ : r.status === 'écart' ? /écart/ : /non calculable/,
      );
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('un article par indicateur du registre, les signalements expliqués, l’ancre restaurée', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const reg = await api<{
      data: { id: string; label: string; caveats: string[] }[];
      meta: { flags: Record<string, { badge: string; meaning: string }> };
    }>(base, '/api/indicators');
    await page.goto(`${base}/methodologie#sru_taux`);
    await page.locator('article.method-entry').first().waitFor();
    expect(await page.locator('article.method-entry').count()).toBe(reg.data.length);
    for (const ind of reg.data) {
      const text = norm(await page.locator(`article[id="${ind.id}"]`).textContent());
      expect(text).toContain(norm(ind.label));
      for (const c of ind.caveats) expect(text).toContain(norm(c));
    }
    for (const [code, f] of Object.entries(reg.meta.flags))
      expect(norm(await page.locator(`#signalement-${code}`).textContent())).toContain(norm(f.meaning));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sru_taux');
    await page.screenshot({ path: join(ARTIFACTS, 'explore-methodologie.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('ensemble', () => {
  it('une navigation vers toutes les vues, atteignable au clavier', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/sources`);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.waitFor();
    const links = await nav.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of ['/carte', '/comparer', '/classements', '/methodologie', '/sources'])
      expect(links).toContain(href);
    // Tab from the top of the page reaches every navigation link.
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      if (href) reached.add(href);
    }
    for (const href of ['/carte', '/comparer', '/classements', '/methodologie', '/sources'])
      expect(reached).toContain(href);
    await page.close();
  });

  it('sur un téléphone, pas de défilement horizontal de la page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    for (const [path, sel] of [
      ['/carte', 'path.commune'],
      ['/comparer?codes=92048,92050,92051', 'table.compare-table'],
      ['/classements', 'table.rankings-table'],
      ['/sources', 'table.sources-table'],
      ['/methodologie', 'article.method-entry'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await page.locator(sel).first().waitFor({ timeout: 60_000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.goto(`${base}/carte`);
    await page.locator('path.commune').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'explore-carte-telephone.png'), fullPage: true });
    await page.close();
  });

  it('aucune violation WCAG 2.1 A/AA détectée par axe-core sur chaque vue (contraste, noms, rôles)', async () => {
    // The page's CSP forbids injected scripts: the test context bypasses it to load axe.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    for (const [path, sel] of [
      ['/carte', 'path.commune'],
      ['/carte?perimetre=france', 'canvas[data-painted]'],
      ['/comparer?codes=92048,92050,92051', '.chart-card svg'],
      ['/classements', 'table.rankings-table'],
      ['/sources', 'table.sources-table'],
      ['/methodologie', 'article.method-entry'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await page.locator(sel).first().waitFor({ timeout: 120_000 });
      const violations = await axeViolations(page);
      expect(violations, path).toEqual([]);
    }
    await context.close();
  });

  it('JavaScript initial ≤ 300 ko compressé (gzip) : Plot, les vues et la géométrie sont chargés à la demande', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const scripts = [
      ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g),
    ].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    let total = 0;
    for (const s of new Set(scripts))
      total += gzipSync(Buffer.from(await (await fetch(`${base}${s}`)).arrayBuffer())).length;
    expect(total).toBeLessThanOrEqual(300 * 1024);
    expect(scripts.some((s) => /bars|plot/i.test(s))).toBe(false);
  });
});
