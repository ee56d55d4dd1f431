/**
 * Territory fiches in a real browser: values equal the API's, argument cards quote the API's figures,
 * series charts never draw across a break, questions are editable and survive a reload, EPT and
 * département fiches load, printing works.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, launch } from './browser.js';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const nf = (n: number, d: number) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: d, maximumFractionDigits: d }).format(n);

interface ApiIndicator {
  id: string;
  decimals: number;
  reference_text: string | null;
  value: { value: number | null; year: number; source_id: string } | null;
}

async function apiFiche(level: string, code: string) {
  const body = (await (await fetch(`${base}/api/territories/${level}/${code}`)).json()) as {
    data: { territory: { name: string }; indicators: ApiIndicator[] };
    meta: { sources: Record<string, { producer: string; title: string; file_name: string }> };
  };
  const get = (id: string) => body.data.indicators.find((i) => i.id === id)!;
  return { body, get };
}

async function open(path: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}${path}`);
  await page.locator('h1').waitFor();
  return { page, errors };
}

/** x coordinates of the vertices of every series line, and of every break rule, in each chart. */
async function chartGeometry(page: Page) {
  return page.$$eval('svg.series-chart', (svgs) =>
    svgs.map((svg) => ({
      id: svg.closest('[data-series]')?.getAttribute('data-series') ?? '',
      rules: [...svg.querySelectorAll('.series-break line')].map((l) => Number(l.getAttribute('x1'))),
      paths: [...svg.querySelectorAll('.series-line path')].map((p) =>
        [...(p.getAttribute('d') ?? '').matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) =>
          Number(m[1]),
        ),
      ),
    })),
  );
}

function crossings(g: { rules: number[]; paths: number[][] }): number {
  let n = 0;
  for (const xs of g.paths) {
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    for (const r of g.rules) if (lo < r && r < hi) n++;
  }
  return n;
}

describe('fiche commune', () => {
  it('Meudon : taux SRU et source comme l’API, carte d’argument au chiffre de l’API, graphique et tableau, rechargement', async () => {
    const { get, body } = await apiFiche('commune', '92048');
    const taux = get('sru_taux');
    const src = body.meta.sources[taux.value!.source_id]!;
    const { page, errors } = await open('/commune/92048');
    const card = page.locator('[data-indicator="sru_taux"]').first();
    const shown = `${nf(taux.value!.value!, 2)} %`;
    await expect.poll(() => card.locator('.value').textContent()).toBe(shown);
    // the source in plain French: producer, dataset and date; the file one click away
    expect(src.producer).toMatch(/^Ministère chargé du logement/);
    expect(await card.locator('.source').first().textContent()).toContain(
      `Source : Ministère du Logement, ${taux.reference_text}.`,
    );
    expect(taux.reference_text).toMatch(/^inventaire SRU au 1er janvier \d{4}$/);
    expect(await card.locator('.source-detail li').first().isVisible()).toBe(false);
    await card.locator('.source-detail summary').click();
    expect(await card.locator('.source-detail').textContent()).toContain(src.file_name);
    expect(await card.locator('.ref').textContent()).toContain(String(taux.value!.year));

    // argument card: same figure as the API, with its source, sentence and permalink
    const arg = page.locator('[data-argument="sru-taux"]');
    await arg.waitFor();
    expect(Number(await arg.locator('.figure').getAttribute('data-value'))).toBe(taux.value!.value);
    expect(await arg.locator('.figure').textContent()).toBe(shown);
    expect(await arg.locator('blockquote').textContent()).toContain(
      `À Meudon, ${shown} des résidences principales`,
    );
    expect(await arg.locator('.source').textContent()).toContain(
      'Source : Ministère du Logement, inventaire SRU',
    );
    expect(await arg.locator('a.permalink').getAttribute('href')).toBe(
      `${base}/commune/92048#argument-sru-taux`,
    );

    // the series chart of the SRU rate and its data table (one row per year served by /api/series)
    const series = (await (
      await fetch(`${base}/api/series?indicator=sru_taux&level=commune&code=92048`)
    ).json()) as { data: { points: { year: number; value: number | null }[] }[] };
    const fig = card.locator('figure.series');
    await fig.locator('svg.series-chart').waitFor();
    expect(await fig.locator('svg').getAttribute('aria-label')).toContain('Meudon');
    expect(await fig.locator('.series-table tbody tr').count()).toBe(series.data[0]!.points.length);
    expect(await fig.locator('.series-dot circle').count()).toBe(
      series.data[0]!.points.filter((p) => p.value !== null).length,
    );
    for (const g of await chartGeometry(page)) expect(crossings(g), g.id).toBe(0);

    // definition opens on tap (a real button) and shows the registry definition
    const def = card.locator('.def-toggle');
    await def.click();
    expect(await def.getAttribute('aria-expanded')).toBe('true');
    expect(await card.locator('.def-pop').textContent()).toContain('résidences principales');

    // ranks, as the API gives them
    const ranks = (
      body.data as unknown as { ranks: Record<string, { departement: { rank: number; of: number } }> }
    ).ranks;
    if (ranks.sru_taux) {
      expect(await card.locator('.rank').textContent()).toContain(
        `sur ${ranks.sru_taux.departement.of} communes`,
      );
    }
    await page.screenshot({ path: join(ARTIFACTS, 'fiche-meudon-complete.png'), fullPage: true });

    await page.reload();
    await page.locator('[data-indicator="sru_taux"] .value').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Meudon');
    expect(await page.locator('[data-argument="sru-taux"] .figure').textContent()).toBe(shown);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('commune déficitaire : carte « logements manquants » au chiffre de l’API ; copie avec la source ; permalien', async () => {
    const list = (await (
      await fetch(`${base}/api/values?indicator=sru_logements_manquants&level=commune&within=departement:92`)
    ).json()) as { data: { code: string; name: string; value: number | null }[] };
    const target = list.data
      .filter((r) => r.value !== null && r.value > 0)
      .sort((a, b) => b.value! - a.value!)[0]!;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    await page.goto(`${base}/commune/${target.code}#argument-sru-manquants`);
    const arg = page.locator('[data-argument="sru-manquants"]');
    await arg.waitFor();
    expect(Number(await arg.locator('.figure').getAttribute('data-value'))).toBe(target.value);
    const perYear = Math.ceil(target.value! / 6);
    const text = (await arg.locator('blockquote').textContent())!;
    expect(text).toContain(`${nf(perYear, 0)} logements sociaux de plus par an pendant 6 ans`);
    await expect.poll(() => arg.evaluate((e) => e.classList.contains('targeted'))).toBe(true);

    await arg.getByRole('button', { name: /Copier l’argument/ }).click();
    await expect.poll(() => page.locator('.arguments [role="status"]').textContent()).toContain('copié');
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(clip).toContain(text.trim());
    expect(clip).toMatch(/Source : Ministère du Logement, inventaire SRU au 1er janvier \d{4}\./);
    expect(clip).toContain(`/commune/${target.code}#argument-sru-manquants`);

    // the questions: one rests on the same missing dwellings
    const q = page.locator('[data-question="sru-manquants"]');
    expect(await q.locator('textarea').inputValue()).toContain(`environ ${nf(perYear, 0)} par an`);
    await page.screenshot({ path: join(ARTIFACTS, 'fiche-commune-deficitaire.png'), fullPage: true });
    await context.close();
  });

  it('questions aux candidats : modifiables, gardées au rechargement, rétablies sur demande', async () => {
    const { page, errors } = await open('/commune/92014');
    const first = page.locator('.question textarea').first();
    await first.waitFor();
    const proposed = await first.inputValue();
    const count = await page.locator('.question').count();
    expect(count).toBeGreaterThanOrEqual(2);
    await first.fill('Ma question modifiée sur le logement social ?');
    await page.getByRole('button', { name: 'Ajouter une question' }).click();
    await expect.poll(() => page.locator('.question').count()).toBe(count + 1);
    await page.reload();
    await page.locator('.question textarea').first().waitFor();
    expect(await page.locator('.question textarea').first().inputValue()).toBe(
      'Ma question modifiée sur le logement social ?',
    );
    expect(await page.locator('.question').count()).toBe(count + 1);
    await page.getByRole('button', { name: 'Rétablir les questions proposées' }).click();
    expect(await page.locator('.question textarea').first().inputValue()).toBe(proposed);
    expect(await page.locator('.question').count()).toBe(count);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('impression de la fiche : PDF A4 sans barre d’outils ni champs de saisie', async () => {
    const { page } = await open('/commune/92048');
    await page.locator('[data-argument="sru-taux"]').waitFor();
    // the questions appear once the SRU path is read (they never grow under the reader's cursor)
    await page.locator('.question .print-text').first().waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.export-bar').first().isVisible()).toBe(false);
    expect(await page.locator('.question textarea').first().isVisible()).toBe(false);
    expect(await page.locator('.question .print-text').first().isVisible()).toBe(true);
    expect(await page.locator('header.site').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});

describe('série rompue', () => {
  it('avec une rupture déclarée par l’API, aucun tracé ne la traverse et le tableau la signale', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // the real series of Meudon, with a method break declared from 2015 on (as the API does for Filosofi)
    await page.route('**/api/series?*', async (route) => {
      const url = new URL(route.request().url());
      const res = await route.fetch();
      const body = (await res.json()) as {
        data: { points: { year: number; segment: number }[] }[];
        meta: { breaks: { year: number; label: string; kind: string }[] };
      };
      if (url.searchParams.get('indicator') === 'sru_taux') {
        for (const p of body.data[0]!.points) p.segment = p.year >= 2015 ? 1 : 0;
        body.meta.breaks = [{ year: 2015, label: 'changement de méthode (test)', kind: 'registry' }];
      }
      await route.fulfill({ status: 200, contentType: 'application/json', json: body });
    });
    await page.goto(`${base}/commune/92048`);
    const fig = page.locator('[data-indicator="sru_taux"] figure.series');
    await fig.locator('svg.series-chart').waitFor();
    const g = (await chartGeometry(page)).find((x) => x.id === 'sru_taux')!;
    expect(g.rules).toHaveLength(1);
    expect(g.paths.length).toBeGreaterThanOrEqual(2);
    expect(crossings(g)).toBe(0);
    // the dots on each side of the rule: the break sits between 2014 and 2015
    const dots = await fig
      .locator('.series-dot circle')
      .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cx'))));
    expect(dots.some((x) => x < g.rules[0]!)).toBe(true);
    expect(dots.some((x) => x > g.rules[0]!)).toBe(true);
    expect(await fig.locator('.series-table').textContent()).toContain(
      'rupture de série : changement de méthode (test)',
    );
    await fig.screenshot({ path: join(ARTIFACTS, 'fiche-serie-rompue.png') });
    await page.close();
  });
});

describe('série rompue réelle', () => {
  it('taux de pauvreté de Nanterre (Filosofi 2023 rompt la série) : rupture tracée, aucun tracé ne la traverse', async () => {
    const api = (await (
      await fetch(`${base}/api/series?indicator=filosofi_taux_pauvrete&level=commune&code=92050`)
    ).json()) as { data: { points: { year: number; value: number | null; segment: number }[] }[] };
    const pts = api.data[0]!.points.filter((p) => p.value !== null);
    const segments = new Set(pts.map((p) => p.segment));
    expect(segments.size).toBeGreaterThanOrEqual(2);
    const { page, errors } = await open('/commune/92050');
    const fig = page.locator('[data-indicator="filosofi_taux_pauvrete"] figure.series');
    await fig.locator('svg.series-chart').waitFor();
    const all = await chartGeometry(page);
    const g = all.find((x) => x.id === 'filosofi_taux_pauvrete')!;
    expect(g.rules.length).toBe(segments.size - 1);
    expect(crossings(g)).toBe(0);
    for (const other of all) expect(crossings(other), other.id).toBe(0);
    expect(await fig.locator('.series-table').textContent()).toContain('rupture de série');
    await fig.screenshot({ path: join(ARTIFACTS, 'fiche-nanterre-pauvrete-rupture.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'fiche-nanterre.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('fiches EPT et département', () => {
  it('EPT Vallée Sud Grand Paris : chiffres agrégés comme l’API, lien vers le dossier d’atelier, rechargement', async () => {
    const { get } = await apiFiche('ept', '200057966');
    const { page, errors } = await open('/ept/200057966');
    const taux = get('sru_taux').value!;
    const card = page.locator('[data-indicator="sru_taux"]').first();
    await expect.poll(() => card.locator('.value').textContent()).toBe(`${nf(taux.value!, 2)} %`);
    expect(await page.locator('[data-argument="sru-taux"]').count()).toBe(1);
    expect(await page.locator('.questions').count()).toBe(0);
    const link = page.getByRole('link', { name: /Dossier d’atelier/ });
    expect(await link.getAttribute('href')).toBe('/atelier/ept/200057966');
    await page.screenshot({ path: join(ARTIFACTS, 'fiche-ept-vsgp.png'), fullPage: true });
    await page.reload();
    await expect
      .poll(() => page.locator('[data-indicator="sru_taux"] .value').first().textContent())
      .toBe(`${nf(taux.value!, 2)} %`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('département des Hauts-de-Seine : fiche chargée, nombre de communes déficitaires comme l’API', async () => {
    const { get } = await apiFiche('departement', '92');
    const { page, errors } = await open('/departement/92');
    expect(await page.locator('h1').textContent()).toBe('Hauts-de-Seine');
    const def = get('sru_deficitaire').value!;
    await expect
      .poll(() => page.locator('[data-indicator="sru_deficitaire"] .big').first().textContent())
      .toBe(`${nf(def.value!, 0)} ${def.value! < 2 ? 'commune déficitaire' : 'communes déficitaires'}`);
    await page.screenshot({ path: join(ARTIFACTS, 'fiche-departement-92.png'), fullPage: true });
    await page.reload();
    await page.locator('[data-indicator="sru_deficitaire"] .value').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Hauts-de-Seine');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('données non ouvertes : où demander, par territoire', () => {
  it('Roubaix (Nord) : les cartes envoient aux organismes du Nord et des Hauts-de-France, jamais à ceux du 92', async () => {
    const { body } = await apiFiche('commune', '59512');
    expect(body.data.territory.name).toBe('Roubaix');
    const { page, errors } = await open('/commune/59512');
    const section = page.locator('.closed-data');
    await section.waitFor();
    const cards = section.locator('.card.closed');
    expect(await cards.count()).toBeGreaterThan(0);
    // « à qui la demander » and « quoi demander » of every card (definitions may cite other publications)
    const text = (await section.locator('.where').allTextContents()).join('\n');
    expect(text).toContain('Préfecture du Nord');
    expect(text).toContain('CCAPEX du Nord');
    expect(text).toContain('Commission de médiation DALO du Nord');
    expect(text).toContain('SIAO du Nord');
    expect(text).toContain('DREAL Hauts-de-France');
    expect(text).not.toMatch(/Hauts-de-Seine|COMED 92|CCAPEX 92|DRIHL|\{[a-z_]+\}/);
    await section.screenshot({ path: join(ARTIFACTS, 'fiche-roubaix-ou-demander.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
