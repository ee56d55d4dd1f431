/**
 * Plain French: plurals, figures with their units and intervals, old figures, glossary links, source
 * lines read from the real sources table, and the map's reasons for a commune without class.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { FLAGS, INDICATORS, UNITS } from '../../core/registry.js';
import { coverageOf, coverageText } from '../../web/src/model/coverage.js';
import {
  compactFigure,
  figureParts,
  figureText,
  figureWithInterval,
  oldFigureText,
} from '../../web/src/model/figures.js';
import { GLOSSARY, glossParts } from '../../web/src/model/glossary.js';
import { countText, plural, singular } from '../../web/src/model/plural.js';
import { sourceGroups, sourceLine } from '../../web/src/model/sources.js';
import { classifiable, coveredDepartements, fillKind } from '../../web/src/features/map/paint.js';
import { openTestDb } from '../helpers.js';

const def = (id: string) => {
  const d = INDICATORS.find((i) => i.id === id)!;
  return { ...d, unit_symbol: UNITS[d.unit].symbol };
};
const nbsp = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('pluriels', () => {
  it('0 et 1 au singulier, le reste au pluriel (Intl.PluralRules)', () => {
    expect(plural(0, 'commune', 'communes')).toBe('commune');
    expect(plural(1, 'commune', 'communes')).toBe('commune');
    expect(plural(2, 'commune', 'communes')).toBe('communes');
    expect(countText(1, 'communes')).toBe('1 commune');
    expect(countText(0, 'logements')).toBe('0 logement');
    expect(nbsp(countText(2083, 'communes'))).toBe('2 083 communes');
  });
  it('met au singulier les groupes nominaux des unités du registre', () => {
    expect(singular('logements sociaux')).toBe('logement social');
    expect(singular('foyers allocataires')).toBe('foyer allocataire');
    expect(singular('communes déficitaires')).toBe('commune déficitaire');
    expect(singular('pour 100 ménages')).toBe('pour 100 ménages');
    expect(singular('mois')).toBe('mois');
    expect(singular('recours')).toBe('recours');
    expect(singular('commandements')).toBe('commandement');
    expect(countText(1, 'territoires sans valeur')).toBe('1 territoire sans valeur');
  });
});

describe('chiffres avec leur unité', () => {
  it('chaque unité du registre se lit avec le chiffre, au bon nombre', () => {
    expect(figureText(def('sru_logements_manquants'), 0)).toBe('0 logement');
    expect(nbsp(figureText(def('sru_logements_manquants'), 5797))).toBe('5 797 logements');
    expect(nbsp(figureText(def('sru_taux'), 28.18))).toBe('28,18 %');
    expect(figureText(def('sru_deficitaire'), 1, 'departement')).toBe('1 commune déficitaire');
    expect(figureText(def('sru_deficitaire'), 14, 'departement')).toBe('14 communes déficitaires');
    expect(figureText(def('sru_deficitaire'), 1, 'commune')).toBe('oui');
    for (const d of INDICATORS.filter((i) => i.unit !== 'booleen' && i.unit !== 'ratio')) {
      const text = figureText({ ...d, unit_symbol: UNITS[d.unit].symbol }, 12);
      expect(text, d.id).toMatch(/\D/); // never a bare number
    }
  });
  it('les rapports disent ce qu’ils mesurent', () => {
    expect(nbsp(figureText(def('opml92_indicateur_difficulte'), 10.2))).toBe(
      '10,2 ménages demandeurs pour un ménage qui obtient un logement',
    );
    expect(figureParts(def('sne_demandes_par_attribution'), 13.5).unit).toBe(
      'demandes pour une attribution dans l’année',
    );
    expect(figureText(def('filosofi_rapport_interdecile'), 3.1)).toContain('au moins 3,1 fois plus élevé');
    for (const d of INDICATORS.filter((i) => i.unit === 'ratio')) expect(d.reading, d.id).toBeTruthy();
  });
  it('une valeur déduite d’un chiffre arrondi se lit « environ » avec son intervalle', () => {
    const d = def('sru_residences_principales');
    expect(nbsp(figureWithInterval(d, { value: 5330, low: 5329, high: 5338 }))).toBe(
      'environ 5 330 logements (entre 5 329 et 5 338)',
    );
    expect(nbsp(figureWithInterval(d, { value: 5330, low: null, high: null }))).toBe('5 330 logements');
  });
  it('dans un tableau dense (dossier d’atelier), l’intervalle reste, en moins de mots', () => {
    const d = def('sru_residences_principales');
    expect(nbsp(compactFigure(d, { value: 741, low: 740, high: 743 }, 'ept'))).toBe(
      '≈ 741 logements (740–743)',
    );
    expect(nbsp(compactFigure(d, { value: 360, low: 360, high: 361 }, 'commune', false))).toBe(
      '≈ 360 (360–361)',
    );
    expect(nbsp(compactFigure(d, { value: 5797, low: 5797, high: 5797 }, 'commune', false))).toBe('5 797');
    const taux = def('sru_taux');
    expect(nbsp(compactFigure(taux, { value: 38.58, low: 38.58, high: 38.59 }, 'ept'))).toBe(
      '≈ 38,58 % (38,58–38,59 %)',
    );
    expect(compactFigure(taux, { value: null })).toBe('n.d.');
  });
  it('un chiffre de plus de cinq ans le dit', () => {
    expect(oldFigureText(2014, 2026)).toBe('chiffre de 2014');
    expect(oldFigureText(2021, 2026)).toBeNull();
    expect(oldFigureText(2020, 2026)).toBe('chiffre de 2020');
  });
});

describe('pastilles et glossaire', () => {
  it('chaque pastille est en mots simples, sans code ni nom de fichier', () => {
    for (const [code, f] of Object.entries(FLAGS)) {
      expect(f.badge, code).not.toMatch(/_|derived|extrait retraité|valeur approchée|série rompue|\*/);
      expect(f.meaning, code).not.toMatch(/derived_|`/);
    }
    expect(FLAGS.series_break.badge).toBe('comparaison impossible avec les années d’avant');
    expect(FLAGS.estimated.badge).toBe('estimation');
  });
  it('relie la première apparition de chaque terme, une seule fois', () => {
    const seen = new Set<string>();
    const take = (id: string) => (seen.has(id) ? false : (seen.add(id), true));
    const parts = glossParts('La commune est carencée au titre de la loi SRU ; carence et SRU encore.', take);
    const linked = parts.filter((p) => typeof p !== 'string').map((p) => (p as { text: string }).text);
    expect(linked).toEqual(['carencée', 'SRU']);
    expect(parts.map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe(
      'La commune est carencée au titre de la loi SRU ; carence et SRU encore.',
    );
    const again = glossParts('Une autre carence, hors SRU.', take);
    expect(again.every((p) => typeof p === 'string')).toBe(true);
  });
  it('trouve les sigles de l’issue (SRU, RPLS, QPV, DALO, taux cible, carence, tension) et pas dans un mot', () => {
    const found = (text: string) =>
      glossParts(text, () => true)
        .filter((p) => typeof p !== 'string')
        .map((p) => (p as { entry: { id: string } }).entry.id);
    expect(found('SRU RPLS QPV DALO taux cible carence tension')).toEqual([
      'sru',
      'rpls',
      'qpv',
      'dalo',
      'taux-cible',
      'carence',
      'tension',
    ]);
    expect(found('SRUX SOCRPLS')).toEqual([]);
    expect(new Set(GLOSSARY.map((g) => g.id)).size).toBe(GLOSSARY.length);
  });
});

describe('lignes de source (table sources de la base de test)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db?.close());

  it('nomment le producteur, le jeu de données et la date, sans nom de fichier', async () => {
    const sources = await db.all<{
      id: string;
      producer: string;
      title: string;
      vintage: string;
      family: string;
      kind: string;
      file_name: string;
    }>(`SELECT id, producer, title, vintage, family, kind, file_name FROM sources`);
    const sru = sources.find((s) => s.family === 'sru' && s.kind === 'official')!;
    expect(sru).toBeDefined();
    const year = /(\d{4})/.exec(sru.vintage)![1];
    expect(sourceLine(sru, `inventaire SRU au 1er janvier ${year}`)).toBe(
      `Ministère du Logement, inventaire SRU au 1er janvier ${year}`,
    );
    for (const s of sources) {
      const line = sourceLine(s);
      expect(line, s.id).not.toContain(s.file_name);
      expect(line, s.id).not.toMatch(/rouages|déduit|\.xlsx|\.csv|\.json/);
    }
    const groups = sourceGroups(sources.filter((s) => s.family === 'sru'));
    expect(groups.every((g) => g.startsWith('Ministère du Logement, '))).toBe(true);
  });
});

describe('carte : raisons d’une commune sans classe', () => {
  const rows = [
    { code: '92048', value: 28.1, source_id: 's', flags: [] },
    { code: '92050', value: 228.5, source_id: 's', flags: ['suspect'] },
    { code: '92051', value: null, source_id: 's', flags: ['not_inventoried'] },
    { code: '92052', value: null, source_id: 's', flags: ['masked'] },
    { code: '92053', value: null, source_id: null, flags: [] },
    { code: '59512', value: null, source_id: null, flags: [] },
  ];
  it('écarte des classes les valeurs signalées, distingue non soumise et non couverte', () => {
    const covered = coveredDepartements(rows);
    expect([...covered]).toEqual(['92']);
    expect(rows.map((r) => fillKind(r, covered, r.code))).toEqual([
      'class',
      'flagged',
      'above',
      'masked',
      'not_listed',
      'absent',
    ]);
    expect(rows.filter(classifiable).map((r) => r.value)).toEqual([28.1]);
  });
  it('dit la couverture en une ligne, au bon nombre', () => {
    const c = coverageOf(rows);
    expect(c.values).toBe(2);
    expect(nbsp(coverageText(c))).toBe(
      'Valeurs pour 2 communes sur 6 ; départements couverts (1 sur 2) : Hauts-de-Seine (92).',
    );
    expect(coverageText(coverageOf(rows.slice(0, 1)))).toBe(
      'Valeurs pour 1 commune sur 1 ; tous les départements du périmètre sont couverts.',
    );
  });
});
