/**
 * « One date at a time » on a fiche: a rubric whose figures from one source family are of different years
 * says so above them. Checked on synthetic rubrics and on the API's fiches of the 92, against the years
 * the database holds for each commune.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store.js';
import { openTestApp, type App } from '../api/fixture.js';
import { mixedYearsNote, type FicheIndicatorLike, type FicheLike } from '../../web/src/model/fiche.js';
import { HAUTS_DE_SEINE } from '../../pipelines/checks.js';

const item = (id: string, short_label: string, family: string, year: number | null): FicheIndicatorLike => ({
  id,
  label: short_label,
  short_label,
  unit: 'pct',
  theme: 'logement_social',
  decimals: 2,
  polarity: 'higher_better',
  reference: '',
  open: true,
  family,
  reference_text: null,
  value: year === null ? null : { year, value: 1, flags: [], note: null, source_id: 's' },
});

describe('une date à la fois', () => {
  it('règle : une famille, deux années → une phrase qui les nomme ; sinon rien', () => {
    expect(
      mixedYearsNote([item('a', 'Taux SRU', 'sru', 2025), item('b', 'Carencée', 'sru', 2025)]),
    ).toBeNull();
    // two families of different years: each has its own date, nothing to say
    expect(
      mixedYearsNote([item('a', 'Taux SRU', 'sru', 2025), item('c', 'Parc social RPLS', 'rpls', 2024)]),
    ).toBeNull();
    const note = mixedYearsNote([
      item('a', 'Taux SRU', 'sru', 2024),
      item('b', 'Carencée', 'sru', 2025),
      item('d', 'RSA / 100 ménages', 'sru', 2024),
      item('e', 'Sans valeur', 'sru', null),
    ]);
    expect(note).toBe(
      'Ces chiffres ne sont pas tous de la même année : 2024 pour taux SRU, RSA / 100 ménages ; 2025 pour carencée. Chacun porte sa date ; ne rapprocher que des chiffres de la même année.',
    );
  });

  describe('fiches des communes du 92 : la phrase paraît exactement quand la base mêle les années', () => {
    let store: Store;
    let app: App;
    beforeAll(async () => {
      ({ store, app } = await openTestApp());
    });
    afterAll(() => store.close());

    it.each(HAUTS_DE_SEINE)('%s', async (code) => {
      const res = await app.request(`/api/territories/commune/${code}`);
      const fiche = ((await res.json()) as { data: FicheLike }).data;
      const sru = fiche.indicators.filter((i) => i.family === 'sru' && i.open);
      // the years of the latest SRU values, read in the database
      const rows = await store.all<{ indicator: string; y: number }>(
        `SELECT indicator, max(year) AS y FROM observations
         WHERE level = 'commune' AND code = $code AND indicator LIKE 'sru_%' AND value IS NOT NULL GROUP BY indicator`,
        { code },
      );
      const years = new Set(rows.filter((r) => sru.some((i) => i.id === r.indicator)).map((r) => r.y));
      const note = mixedYearsNote(sru);
      if (years.size > 1) {
        expect(note, code).not.toBeNull();
        for (const y of years) expect(note, code).toContain(String(y));
      } else expect(note, code).toBeNull();
    });

    it('Neuilly-sur-Seine : taux au 1er janvier 2024 à côté des statuts 2025, dit en une phrase', async () => {
      const res = await app.request('/api/territories/commune/92051');
      const fiche = ((await res.json()) as { data: FicheLike }).data;
      const note = mixedYearsNote(fiche.indicators.filter((i) => i.family === 'sru'));
      expect(note).toMatch(/2024 pour [^;]*taux SRU/);
      expect(note).toMatch(/2025 pour [^;]*carencée/i);
    });
  });
});
