/**
 * Demand views (web/src/features/demande) on fiches served by the API from the test database, checked
 * against the raw rows of the mirror's DRIHL extract: the sentence of Meudon's block, the comparison
 * columns, the argument cards and questions (with their source), and the coverage rule (Aix, France:
 * a « donnée non ouverte », never a figure).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fiche, FicheResponse } from '../../web/src/api.js';
import { generateArguments } from '../../web/src/features/arguments/generate.js';
import { demandSummary, outsideCoverage } from '../../web/src/features/demande/model.js';
import { generateQuestions } from '../../web/src/features/questions/generate.js';
import { closeApiFixture, openApiFixture } from '../api/fixture.js';
import { readMirrorCsv } from '../helpers.js';

const raw = readMirrorCsv('sne', 'derived_drihl_socle_demandes_attributions_2025.csv', ';');
const row = (niveau: string, code: string) => raw.find((r) => r.niveau === niveau && r.code === code)!;
/** French number as the web app writes it (narrow no-break space between thousands, comma). */
const fr = (s: string, decimals = 0) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    Number(s),
  );
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

let api: Awaited<ReturnType<typeof openApiFixture>>;
const fiches = new Map<string, FicheResponse>();
async function fiche(level: string, code: string): Promise<FicheResponse> {
  const key = `${level}/${code}`;
  if (!fiches.has(key)) {
    const res = await api.app.request(`/api/territories/${key}`);
    expect(res.status).toBe(200);
    fiches.set(key, (await res.json()) as FicheResponse);
  }
  return fiches.get(key)!;
}
beforeAll(async () => {
  api = await openApiFixture();
});
afterAll(() => closeApiFixture(api?.store, api?.db));

const FLAGS = {
  derived: { badge: 'copie d’un tiers', meaning: '' },
  partial: { badge: 'partiel', meaning: '' },
};

describe('bloc « Demande de logement social » d’une fiche', () => {
  it('Meudon : la phrase de l’issue, chiffres relus dans l’extrait DRIHL', async () => {
    const f = (await fiche('commune', '92048')).data as Fiche;
    const m = row('Commune', '92048');
    const s = demandSummary(f)!;
    expect(plain(s.sentence)).toBe(
      plain(
        `À Meudon, ${fr(m.demandes!)} demandes de logement social visaient la commune en premier choix fin 2025, pour ${fr(m.attributions!)} logements attribués en 2025 : ${fr(m.tension!, 1)} demandes pour une attribution ; délai médian d’attribution ${fr(m.delaiMoisExact!)} mois.`,
      ),
    );
    expect(plain(s.sentence)).toBe(
      'À Meudon, 2 436 demandes de logement social visaient la commune en premier choix fin 2025, pour 274 logements attribués en 2025 : 8,9 demandes pour une attribution ; délai médian d’attribution 27 mois.',
    );
    // comparison columns: GPSO (Meudon's EPT), the 92, the région — same year
    expect(s.columns.map((t) => `${t.level}:${t.code}`)).toEqual([
      'commune:92048',
      'ept:200057974',
      'departement:92',
      'region:11',
    ]);
    const dem = s.rows.find((r) => r.ind.id === 'sne_demandes_choix1')!;
    expect(dem.cells.map((c) => c.obs?.value)).toEqual([
      2436,
      expect.any(Number),
      Number(row('Département', '92').demandes),
      Number(row('Région', '11').demandes),
    ]);
    const delay = s.rows.find((r) => r.ind.id === 'sne_delai_median_mois')!;
    expect(delay.cells[1]!.obs).toBeNull(); // no median for an EPT
  });

  it('commune aux demandes masquées : la phrase le dit, sans chiffre inventé', async () => {
    const f = (await fiche('commune', '77042')).data as Fiche;
    expect(row('Commune', '77042').demandes).toBe('');
    const s = demandSummary(f)!;
    expect(s.sentence).toMatch(/le nombre de demandes .* est masqué par la DRIHL/);
    expect(plain(s.sentence)).toContain(
      `pour ${row('Commune', '77042').attributions} logements attribués en 2025`,
    );
  });

  it('département 92 et EPT Vallée Sud-Grand Paris : sommes et lignes du producteur', async () => {
    const d = demandSummary((await fiche('departement', '92')).data as Fiche)!;
    expect(plain(d.sentence)).toMatch(
      /^Dans le département Hauts-de-Seine \(92\), 134 049 demandes .* pour 9 900 logements attribués en 2025 : 13,5 demandes pour une attribution ; délai médian d’attribution 32 mois\.$/,
    );
    const ept = (await fiche('ept', '200057966')).data as Fiche;
    const e = demandSummary(ept)!;
    const sum = ept.indicators.find((i) => i.id === 'sne_demandes_choix1')!.value!.value!;
    expect(plain(e.sentence)).toMatch(
      new RegExp(
        `^Dans l’EPT Vallée Sud-Grand Paris, ${plain(fr(String(sum)))} demandes de logement social visaient en premier choix une commune de l’EPT fin 2025`,
      ),
    );
    expect(e.sentence).not.toMatch(/délai médian/); // not published for an EPT
    expect(e.columns.map((t) => t.level)).toEqual(['ept', 'departement', 'region']);
  });

  it('hors Île-de-France (Aix, France) : pas de bloc, une « donnée non ouverte »', async () => {
    const aix = (await fiche('commune', '13001')).data as Fiche;
    expect(demandSummary(aix)).toBeNull();
    const ind = aix.indicators.find((i) => i.id === 'sne_demandes_choix1')!;
    expect(ind.value).toBeNull();
    expect(outsideCoverage(ind, aix)).toBe(true);
    const fr = (await fiche('france', 'FR')).data as Fiche;
    expect(outsideCoverage(ind, fr)).toBe(true);
    const meudon = (await fiche('commune', '92048')).data as Fiche;
    expect(outsideCoverage(ind, meudon)).toBe(false);
    const q = generateQuestions({ fiche: aix, sources: {} });
    expect(q.find((x) => x.id === 'donnees')?.basis).toMatch(/Demandes \(1er choix\)/);
    expect(q.some((x) => x.id.startsWith('demande-'))).toBe(false);
  });
});

describe('arguments et questions sur la demande', () => {
  it('Meudon : carte « pression » (rapport, comparaison même année, source DRIHL) et carte « attente »', async () => {
    const p = await fiche('commune', '92048');
    const cards = generateArguments({
      fiche: p.data as Fiche,
      sources: p.meta.sources,
      flags: FLAGS,
      origin: 'https://obs.example',
    });
    const pression = cards.find((c) => c.id === 'demande-pression')!;
    expect(pression.figure.value).toBe(Number(row('Commune', '92048').tension));
    expect(plain(pression.text)).toContain(
      `${fr(row('Département', '92').tension!, 1)} dans le département Hauts-de-Seine (92)`,
    );
    expect(pression.text).toMatch(/n’est pas une durée d’attente/);
    expect(pression.source).toMatch(/^DRIHL Île-de-France/);
    expect(pression.permalink).toBe('https://obs.example/commune/92048#argument-demande-pression');
    const attente = cards.find((c) => c.id === 'demande-attente')!;
    expect(plain(attente.text)).toContain(`plus de ${fr(row('Commune', '92048').delaiMoisExact!)} mois`);
    expect(plain(attente.text)).toContain(`${fr(row('Commune', '92048').partAnc5ans!, 1)} % des demandes`);
    // no generic card repeats a socle figure
    expect(
      cards
        .filter((c) => c.indicator.startsWith('sne_'))
        .map((c) => c.id)
        .sort(),
    ).toEqual(['demande-attente', 'demande-pression']);
  });

  it('Meudon : questions sur le contingent communal, le délai et les demandes anciennes, avec leurs chiffres', async () => {
    const p = await fiche('commune', '92048');
    const q = generateQuestions({ fiche: p.data as Fiche, sources: p.meta.sources });
    const contingent = q.find((x) => x.id === 'demande-contingent')!;
    expect(plain(contingent.text)).toContain(
      'En 2025, 274 logements sociaux ont été attribués à Meudon pour 2 436 demandes',
    );
    expect(contingent.text).toMatch(/contingent de la commune/);
    expect(contingent.basis).toMatch(/DRIHL Île-de-France/);
    expect(plain(q.find((x) => x.id === 'demande-delai')!.text)).toContain(
      `est de 27 mois (${fr(row('Département', '92').delaiMoisExact!)} mois dans le département Hauts-de-Seine (92))`,
    );
    expect(q.find((x) => x.id === 'demande-anciennes')).toBeDefined();
    expect(q.some((x) => x.id === 'demande')).toBe(false); // the generic question gives way
  });
});
