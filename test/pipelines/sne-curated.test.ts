/**
 * Published figures (pipelines/curated/figures.csv): the database is compared with the CSV rows parsed
 * here with csv-parse, and with the figures quoted in the mirror's PROVENANCE.md notes (parsed here from
 * the markdown). Bad rows are synthetic copies of the real file with one defect each.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { ROOT } from '../../core/paths.js';
import { INDICATORS, indicator } from '../../core/registry.js';
import { loadTerritoryIndex } from '../../pipelines/build.js';
import { readCuratedFile } from '../../pipelines/lib/curated.js';
import type { TerritoryIndex } from '../../pipelines/lib/pipeline.js';
import { createApp } from '../../server/app.js';
import type { Store } from '../../server/store.js';
import { mirrorFile, openTestDb, openTestStore, FULL_MIRROR } from '../helpers.js';

const CSV_PATH = join(ROOT, 'pipelines', 'curated', 'figures.csv');
const CSV_TEXT = readFileSync(CSV_PATH, 'utf8');
type CsvRow = Record<string, string>;
const csvRows = parse(CSV_TEXT, { columns: true, bom: true, skip_empty_lines: true }) as CsvRow[];

interface DbObs {
  indicator: string;
  level: string;
  code: string;
  year: number;
  value: number | null;
  flags: string[];
  note: string | null;
  source_id: string;
  aggregated: boolean;
}
interface DbSource {
  id: string;
  family: string;
  title: string;
  producer: string;
  url: string | null;
  dataset_url: string | null;
  published: string | null;
  page: string | null;
  kind: string;
  origin: string;
  file_name: string;
}

let db: Db;
let index: TerritoryIndex;
let curated: DbObs[];
let sources: Map<string, DbSource>;
beforeAll(async () => {
  db = await openTestDb();
  index = await loadTerritoryIndex(db);
  curated = await db.all<DbObs>(`SELECT * FROM observations WHERE list_contains(flags, 'curated')`);
  sources = new Map((await db.all<DbSource>(`SELECT * FROM sources`)).map((s) => [s.id, s]));
});
afterAll(() => db.close());

const find = (ind: string, level: string, code: string, year: number) =>
  curated.find((o) => o.indicator === ind && o.level === level && o.code === code && o.year === year);
const NOT_GIVEN = 'non précisée';

describe('chiffres publiés : base = fichier CSV, ligne par ligne', () => {
  it('le fichier a une ligne par chiffre et la base autant de chiffres publiés', () => {
    expect(csvRows.length).toBeGreaterThanOrEqual(50);
    expect(curated).toHaveLength(csvRows.length);
  });

  it('chaque chiffre revient avec sa valeur, le drapeau « chiffre publié », sa définition et sa citation', () => {
    for (const r of csvRows) {
      const o = find(r.indicator!, r.level!, r.code!, Number(r.year));
      expect(o, `${r.indicator} ${r.code} ${r.year}`).toBeDefined();
      expect(o!.value).toBe(Number(r.value));
      expect(o!.flags).toContain('curated');
      for (const f of r.flags ? r.flags.split(' ') : []) expect(o!.flags).toContain(f);
      expect(o!.note).toContain(r.definition);
      expect(o!.aggregated).toBe(false);
      expect(o!.source_id).toBe(r.source_id);
      const s = sources.get(o!.source_id)!;
      expect(s.kind).toBe('curated');
      expect(s.origin).toBe('repository');
      expect(s.file_name).toBe('pipelines/curated/figures.csv');
      expect(s.family).toBe(indicator(r.indicator!).family);
      expect(s.title).toBe(r.source_title);
      expect(s.producer).toBe(r.publisher);
      expect(s.url).toBe(r.url === NOT_GIVEN ? null : r.url);
      expect(s.published).toBe(r.published === NOT_GIVEN ? null : r.published);
      expect(s.page).toBe(r.page === NOT_GIVEN ? null : r.page);
      expect(s.dataset_url).toBeNull();
    }
  });

  it('une ligne « sources » par citation distincte', () => {
    const ids = new Set(csvRows.map((r) => r.source_id));
    const curatedSources = [...sources.values()].filter((s) => s.kind === 'curated');
    expect(new Set(curatedSources.map((s) => s.id))).toEqual(ids);
  });

  it('CCF 92 : 73 610 / 79 416 personnes en recherche et 7 153 / 8 026 attributions, sans adresse inventée', () => {
    const ccf = csvRows.filter((r) => r.source_id === 'ccf92-rapport-2024');
    expect(ccf.map((r) => [r.indicator, r.year, Number(r.value)])).toEqual([
      ['ccf92_personnes_recherche_logement', '2019', 73610],
      ['ccf92_personnes_recherche_logement', '2022', 79416],
      ['ccf92_attributions', '2019', 7153],
      ['ccf92_attributions', '2022', 8026],
    ]);
    for (const r of ccf)
      expect(find(r.indicator!, 'departement', '92', Number(r.year))?.value).toBe(Number(r.value));
    const s = sources.get('ccf92-rapport-2024')!;
    expect(s.producer).toBe('Collectif Citoyens Fraternels 92');
    expect(s.url).toBeNull();
  });

  it('aucune série ne mélange deux éditeurs ; les séries du socle DRIHL ne reçoivent que les chiffres DRIHL de même définition', async () => {
    const byInd = new Map<string, Set<string>>();
    for (const o of curated) {
      const set = byInd.get(o.indicator) ?? new Set<string>();
      set.add(sources.get(o.source_id)!.producer);
      byInd.set(o.indicator, set);
    }
    for (const [ind, producers] of byInd) expect(producers.size, ind).toBe(1);
    const intoOpen = curated.filter((o) => !indicator(o.indicator).curated);
    expect(intoOpen.map((o) => `${o.indicator} ${o.code} ${o.year}`).sort()).toEqual([
      'sne_attributions 92 2023',
      'sne_delai_median_mois 92 2023',
      'sne_demandes_par_attribution 92 2023',
    ]);
    for (const o of intoOpen) {
      expect(indicator(o.indicator).published_points, o.indicator).toBe(true);
      expect(sources.get(o.source_id)!.producer).toBe('DRIHL Île-de-France');
    }
    // the socle itself is not a published figure: its values carry no « curated » flag
    const socle = await db.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM observations WHERE indicator LIKE 'sne\\_%' ESCAPE '\\'
       AND list_contains(flags, 'curated') AND source_id LIKE 'drihl-socle%'`,
    );
    expect(socle[0]!.n).toBe(0);
  });

  it('l’API sert le chiffre CCF 92 avec sa citation sur la fiche du 92', async () => {
    const store: Store = await openTestStore();
    try {
      const res = await createApp(store, { log: false }).request('/api/territories/departement/92');
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        data: {
          indicators: { id: string; value: { value: number; year: number; source_id: string } | null }[];
        };
        meta: { sources: Record<string, { title: string; producer: string }> };
      };
      const i = body.data.indicators.find((x) => x.id === 'ccf92_personnes_recherche_logement')!;
      expect(i.value?.value).toBe(79416);
      expect(i.value?.year).toBe(2022);
      expect(body.meta.sources[i.value!.source_id]!.producer).toBe('Collectif Citoyens Fraternels 92');
    } finally {
      store.close();
    }
  });
});

/** Numbers as the (English-written) provenance notes write them: `10,498`, `30.1`, `8,826 (peak)`. */
function nums(text: string): number[] {
  return [...text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)].map((m) =>
    Number(m[0].replace(/,/g, '')),
  );
}

/** Rows of the first markdown table after `heading` (cells trimmed, header and rule lines dropped). */
function markdownTable(md: string, heading: string): { header: string[]; rows: string[][] } {
  const start = md.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const lines = md.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const table: string[][] = [];
  for (const l of lines.slice(first)) {
    if (!l.startsWith('|')) break;
    table.push(
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim().replace(/\*\*/g, '')),
    );
  }
  return { header: table[0]!, rows: table.slice(2) };
}

type Expect = [indicator: string, level: string, code: string, year: number, value: number];

// The provenance notes are read from the full mirror only (the fixture mirror does not copy them).
describe.runIf(FULL_MIRROR)('chiffres publiés : base = chiffres cités dans les notes de provenance', () => {
  const sneMd = readFileSync(mirrorFile('sne', 'PROVENANCE.md'), 'utf8');
  const hdeMd = readFileSync(mirrorFile('hebergement-dalo-expulsions', 'PROVENANCE.md'), 'utf8');

  it('sne/PROVENANCE.md, tableau « Published figures » : chaque ligne est chargée sous sa propre définition', () => {
    const { rows } = markdownTable(sneMd, '## Published figures');
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const expected: Expect[] = [];
    for (const [territory, yearCell, figure, definition] of rows as [string, string, string, string][]) {
      const n = nums(figure);
      const year = nums(yearCell).at(-1)!;
      const dep = (ind: string, v: number, y = year): Expect => [ind, 'departement', '92', y, v];
      const defNums = nums(definition).filter((x) => x !== year);
      if (/personnes à la recherche/.test(definition)) {
        const years = nums(yearCell);
        expected.push(...years.map((y, i) => dep('ccf92_personnes_recherche_logement', n[i]!, y)));
      } else if (/^attributions de logements sociaux$/.test(definition)) {
        const years = nums(yearCell);
        expected.push(...years.map((y, i) => dep('ccf92_attributions', n[i]!, y)));
      } else if (/attributions de logement social in the 36 communes/.test(definition)) {
        expected.push(dep('sne_attributions', n[0]!));
      } else if (/ménages reconnus prioritaires/.test(definition)) {
        expected.push(
          dep('drihl_attributions_prioritaires_part', n[0]!),
          dep('drihl_attributions_prioritaires', n[1]!),
        );
      } else if (/attributions per demandes/.test(definition)) {
        expect(n[0]).toBe(1); // « 1 for 12 »
        expected.push(dep('sne_demandes_par_attribution', n[1]!));
      } else if (/délai médian d'obtention/.test(definition)) {
        expect(figure).toMatch(/years .* months/);
        expected.push(dep('sne_delai_median_mois', n[0]! * 12 + n[1]!));
      } else if (/ménages demandeurs/.test(definition)) {
        expected.push(
          dep('opml92_menages_demandeurs', n[0]!),
          dep('opml92_menages_demandeurs_mutation', defNums[0]!),
        );
      } else if (/logements sociaux attribués/.test(definition)) {
        expected.push(
          dep('opml92_logements_attribues', n[0]!),
          dep('opml92_attributions_mutation', defNums[0]!),
          dep('opml92_attributions_hors_mutation', defNums[1]!),
        );
      } else if (/délai médian d'attente/.test(definition)) {
        expected.push(
          dep('opml92_delai_median_attente_mois', n[0]!),
          dep('opml92_delai_median_attente_mutation_mois', n[1]!),
        );
      } else if (/indicateur de difficulté/.test(definition)) {
        const codes: Record<string, [string, string]> = {
          'Hauts-de-Seine': ['departement', '92'],
          IDF: ['region', '11'],
          Paris: ['departement', '75'],
          Essonne: ['departement', '91'],
        };
        territory.split('/').forEach((t, i) => {
          const [level, code] = codes[t.trim()]!;
          expected.push(['opml92_indicateur_difficulte', level, code, year, n[i]!]);
        });
      } else if (/change over the period/.test(definition)) {
        expect(yearCell).toMatch(/2018.*2022/);
        expected.push(
          dep('opml92_menages_demandeurs_evolution_2018', n[0]!),
          dep('opml92_menages_demandeurs_evolution_2018_pct', n[1]!),
          dep('opml92_attributions_evolution_2018', n[2]!),
        );
      } else {
        throw new Error(`ligne de la provenance sans correspondance dans le test : ${definition}`);
      }
    }
    expect(expected.length).toBe(23);
    for (const [ind, level, code, year, value] of expected)
      expect(find(ind, level, code, year)?.value, `${ind} ${code} ${year}`).toBe(value);
    // The seed check table labels the CCF 92 figures; they are loaded under the CCF 92 wording only.
    const seed = markdownTable(sneMd, '## Seed check').rows;
    expect(nums(seed[0]![1]!)[0]).toBe(
      find('ccf92_personnes_recherche_logement', 'departement', '92', 2019)?.value,
    );
    expect(nums(seed[1]![2]!)[0]).toBe(find('ccf92_attributions', 'departement', '92', 2022)?.value);
  });

  it('§5 COMED 92 : la série DALO 2016–2021 est chargée ; « ≈ 43 % » (2019) ne l’est pas', () => {
    const { header, rows } = markdownTable(hdeMd, '## 5. Published DALO figures');
    const years = header.slice(1).map(Number);
    const ids: [RegExp, string][] = [
      [/recours received by the COMED/, 'comed92_recours_recus'],
      [/recours DALO \(logement\) received/, 'comed92_recours_dalo_recus'],
      [/prioritaires urgents \(PU\) DALO/, 'comed92_menages_pu_dalo'],
      [/favourable decision/, 'comed92_decisions_favorables_part'],
      [/rehoused/, 'comed92_pu_dalo_reloges'],
      [/still waiting/, 'comed92_pu_dalo_a_reloger'],
    ];
    let checked = 0;
    for (const [label, ...cells] of rows as [string, ...string[]][]) {
      const id = ids.find(([re]) => re.test(label))?.[1];
      expect(id, label).toBeDefined();
      cells.forEach((cell, i) => {
        const o = find(id!, 'departement', '92', years[i]!);
        if (!cell || cell.startsWith('≈')) expect(o, `${id} ${years[i]}`).toBeUndefined();
        else {
          expect(o?.value, `${id} ${years[i]}`).toBe(nums(cell)[0]);
          checked++;
        }
      });
    }
    expect(checked).toBe(14);
    const dalo = curated
      .filter((o) => o.indicator === 'comed92_recours_dalo_recus')
      .map((o) => o.year)
      .sort();
    expect(dalo).toEqual([2016, 2019, 2020, 2021]);
  });

  it('§2 Infocentre DALO 2014 (92 et Île-de-France) et §1 places d’hébergement 2014', () => {
    const { rows } = markdownTable(hdeMd, '**Hauts-de-Seine check figures, 2014**');
    let section = 'logement';
    const loaded: Record<string, Record<string, string>> = {
      logement: {
        'recours « logement » reçus': 'dalo_infocentre_recours_logement_recus',
        'dont favorables': 'dalo_infocentre_recours_logement_favorables',
      },
      hebergement: {
        'recours « hébergement » reçus': 'dalo_infocentre_recours_hebergement_recus',
        'dont favorables': 'dalo_infocentre_recours_hebergement_favorables',
      },
      total: {
        'total recours reçus': 'dalo_infocentre_recours_recus',
        'total favorables': 'dalo_infocentre_recours_favorables',
      },
    };
    let checked = 0;
    for (const [label, v92, vIdf] of rows as [string, string, string][]) {
      if (/hébergement/.test(label)) section = 'hebergement';
      if (/^total/.test(label)) section = 'total';
      const id = loaded[section]![label];
      if (!id) continue; // rejets, sans objet, réorientés: not loaded (no indicator)
      expect(find(id, 'departement', '92', 2014)?.value, id).toBe(nums(v92)[0]);
      checked++;
      if (vIdf) {
        expect(find(id, 'region', '11', 2014)?.value, `${id} IDF`).toBe(nums(vIdf)[0]);
        checked++;
      }
    }
    expect(checked).toBe(7);

    const m =
      /\*\*([\d,]+) places\*\* funded by the State in the 92, of which \*\*([\d,]+) urgence \(about ([\d,]+) in hotels\)\*\*, ([\d,]+) insertion, ([\d,]+) logement adapté/.exec(
        hdeMd,
      );
    expect(m).not.toBeNull();
    const [total, urgence, hotel, insertion, adapte] = m!.slice(1).map((x) => nums(x)[0]!);
    expect(find('drihl92_places_hebergement_logement_adapte', 'departement', '92', 2014)?.value).toBe(total);
    expect(find('drihl92_places_urgence', 'departement', '92', 2014)?.value).toBe(urgence);
    expect(find('drihl92_places_urgence_hotel', 'departement', '92', 2014)?.value).toBe(hotel);
    expect(find('drihl92_places_insertion', 'departement', '92', 2014)?.value).toBe(insertion);
    expect(find('drihl92_places_logement_adapte', 'departement', '92', 2014)?.value).toBe(adapte);
  });
});

describe('registre : lacunes documentées et séries publiées', () => {
  const GAPS = [
    'hebergement_places_commune',
    'hebergement_hotel_commune',
    'dalo_recours_commune',
    'expulsions_decisions_justice',
    'expulsions_commandements',
    'expulsions_concours_force_publique',
    'jeunes_neet',
  ];

  it('les lacunes existent avec open: false, qui demander et quoi demander, et aucune valeur', async () => {
    for (const id of GAPS) {
      const def = indicator(id);
      expect(def.open, id).toBe(false);
      expect(def.where_to_ask?.publisher.length, id).toBeGreaterThan(5);
      expect(def.where_to_ask?.ask.length, id).toBeGreaterThan(20);
      if (def.where_to_ask?.url) expect(def.where_to_ask.url).toMatch(/^https?:\/\//);
      const n = await db.all<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM observations WHERE indicator = $id`,
        {
          id,
        },
      );
      expect(n[0]!.n, id).toBe(0);
    }
    const stored = await db.all<{ id: string; open: boolean }>(
      `SELECT id, open FROM indicators WHERE id IN (SELECT unnest($ids::JSON::VARCHAR[]))`,
      { ids: JSON.stringify(GAPS) },
    );
    expect(stored).toHaveLength(GAPS.length);
    expect(stored.every((s) => s.open === false)).toBe(true);
  });

  it('toute entrée non ouverte dit où demander ; toute série publiée est non agrégée et sans agrégat en base', async () => {
    for (const def of INDICATORS.filter((i) => !i.open)) expect(def.where_to_ask, def.id).toBeDefined();
    const published = INDICATORS.filter((i) => i.curated);
    for (const def of published) expect(def.aggregation, def.id).toBe('none');
    const ids = new Set(csvRows.map((r) => r.indicator));
    for (const id of ids) expect(indicator(id!).curated || indicator(id!).published_points, id).toBe(true);
    const agg = await db.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM observations WHERE aggregated AND indicator IN (SELECT unnest($ids::JSON::VARCHAR[]))`,
      { ids: JSON.stringify(published.map((i) => i.id)) },
    );
    expect(agg[0]!.n).toBe(0);
  });
});

describe('chiffres publiés : une ligne fautive arrête la construction en nommant fichier, ligne et colonne', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obs-curated-'));
  const lines = CSV_TEXT.trimEnd().split('\n');
  const header = lines[0]!.split(',');
  /** Writes a copy of the real file where `edit` changes data row `i` (0-based); returns its line number. */
  function copyWith(i: number, edit: (cells: string[]) => string[] | string, extra?: string): string {
    const row = parse(lines[i + 1]!, {})[0] as string[];
    const edited = edit([...row]);
    const text =
      typeof edited === 'string' ? edited : edited.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
    const out = [...lines];
    out[i + 1] = text;
    if (extra) out.push(extra);
    const p = join(dir, 'figures-test.csv');
    writeFileSync(p, out.join('\n') + '\n');
    return p;
  }
  const col = (name: string) => header.indexOf(name);
  const set = (name: string, v: string) => (cells: string[]) => {
    cells[col(name)] = v;
    return cells;
  };
  const expectError = (path: string, line: number, column: string, message: RegExp) =>
    expect(() => readCuratedFile(path, 'figures-test.csv', index)).toThrowError(
      new RegExp(`^figures-test\\.csv, ligne ${line}, colonne « ${column} » : .*${message.source}`),
    );

  it('le fichier réel passe', () => {
    const { figures, citations } = readCuratedFile(CSV_PATH, 'figures.csv', index);
    expect(figures).toHaveLength(csvRows.length);
    expect(citations.size).toBe(new Set(csvRows.map((r) => r.source_id)).size);
  });

  it('indicateur inconnu du registre', () => {
    expectError(
      copyWith(3, set('indicator', 'sne_demandes_inconnues')),
      5,
      'indicator',
      /indicateur .* inconnu/,
    );
  });

  it('indicateur qui n’est pas une série de chiffres publiés (taux SRU)', () => {
    expectError(
      copyWith(0, set('indicator', 'sru_taux')),
      2,
      'indicator',
      /n’est pas un indicateur de chiffres publiés/,
    );
  });

  it('territoire absent du COG', () => {
    expectError(copyWith(2, set('code', '99')), 4, 'code', /territoire departement « 99 » inconnu du COG/);
  });

  it('chiffre en double (indicateur, territoire, année)', () => {
    const p = copyWith(0, (c) => c, lines[1]);
    expectError(p, lines.length + 1, 'year', /chiffre en double .* déjà donné ligne 2/);
  });

  it.each([
    ['publisher', ''],
    ['source_title', ''],
    ['url', ''],
    ['url', 'www.exemple.fr'],
    ['published', ''],
    ['page', ''],
    ['recorded_on', ''],
    ['definition', ''],
  ])('citation incomplète : colonne %s = « %s »', (name, v) => {
    expectError(copyWith(5, set(name, v)), 7, name, /.+/);
  });

  it('une citation écrite de deux façons', () => {
    expectError(
      copyWith(5, set('source_title', 'Autre titre')),
      7,
      'source_title',
      /écrite autrement ligne 6/,
    );
  });

  it('unité différente du registre, nombre à la française, drapeau inconnu', () => {
    expectError(copyWith(4, set('unit', 'menages')), 6, 'unit', /unité « attributions » attendue/);
    expectError(copyWith(5, set('value', '30,1')), 7, 'value', /nombre attendu/);
    expectError(copyWith(5, set('flags', 'arrondi')), 7, 'flags', /drapeaux possibles/);
  });

  it('colonne manquante : l’en-tête est refusé', () => {
    const p = join(dir, 'sans-colonne.csv');
    writeFileSync(p, CSV_TEXT.replace('recorded_on', 'releve'));
    expect(() => readCuratedFile(p, 'sans-colonne.csv', index)).toThrowError(
      /^sans-colonne\.csv, ligne 1 : en-tête attendu introuvable .*recorded_on/,
    );
  });
});
