/**
 * Bad-input suite. For each source family, a small fixture is cut from the mirror file inside the
 * test, then mutated the ways real files go wrong (truncated, re-encoded, header shifted, column
 * renamed or removed, masked markers, French number formats, duplicated code, text in a count).
 * Each mutation must end in either a clear InputError naming the file and a line/column/path, or in
 * observations where every value equals the unmutated run or is a documented masked value (null with
 * a reason). None may crash with a raw error, none may load a different number silently.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { loadTerritoryIndex } from '../../pipelines/build.js';
import { PIPELINES } from '../../pipelines/index.js';
import { InputError } from '../../pipelines/lib/errors.js';
import type { ObservationRow, TerritoryIndex } from '../../pipelines/lib/pipeline.js';
import { resolveResource, type ResolvedResource } from '../../pipelines/lib/resources.js';
import { MIRROR, mirrorFile, openTestDb } from '../helpers.js';

let db: Db;
let index: TerritoryIndex;
const dir = mkdtempSync(join(tmpdir(), 'obs-bad-input-'));
beforeAll(async () => {
  db = await openTestDb();
  index = await loadTerritoryIndex(db);
});
afterAll(() => db.close());

type Outcome = { error: Error } | { observations: ObservationRow[] };

/** Runs one family's pipeline with one resource replaced by `path` (all other optional resources absent). */
async function runFamily(family: string, resourceId: string, path: string): Promise<Outcome> {
  const p = PIPELINES.find((x) => x.family === family)!;
  const inputs = new Map<string, ResolvedResource>();
  for (const r of p.resources) {
    if (r.id === resourceId) {
      inputs.set(r.id, { ...r, path, origin: 'mirror', sha256: 'test', bytes: 0, retrievedAt: '' });
    } else if (r.required) {
      const resolved = await resolveResource(r, { mirror: MIRROR, cacheDir: dir });
      if (resolved) inputs.set(r.id, resolved);
    }
  }
  try {
    const out = await p.run(
      {
        territories: index,
        log: () => {},
        resolve: (r) => resolveResource(r, { mirror: MIRROR, cacheDir: dir }),
      },
      inputs,
    );
    return { observations: out.observations ?? [] };
  } catch (error) {
    return { error: error as Error };
  }
}

/** Flags that document a missing value: masked, or a source defect parsed into a state. */
const NULL_STATES = ['masked', 'incoherent', 'not_inventoried', 'not_applicable'];

const key = (o: ObservationRow) => `${o.indicator}|${o.level}|${o.code}|${o.year}`;

/** The rule every mutation must satisfy. Returns what happened, for the per-case expectations. */
function judge(file: string, baseline: ObservationRow[], outcome: Outcome): 'error' | 'same' | 'masked' {
  if ('error' in outcome) {
    expect(outcome.error, String(outcome.error.stack)).toBeInstanceOf(InputError);
    expect(outcome.error.message).toContain(file);
    expect(outcome.error.message).toMatch(/ligne \d+|colonne|entité|structure|en-tête/);
    return 'error';
  }
  const base = new Map(baseline.map((o) => [key(o), o]));
  let masked = false;
  for (const o of outcome.observations) {
    const b = base.get(key(o));
    if (o.value === null) {
      // a documented state: masked, or a defect of the source parsed as such (never a silent gap)
      expect(
        o.flags.some((f) => NULL_STATES.includes(f)),
        `${key(o)} : ${o.flags.join(', ')}`,
      ).toBe(true);
      expect(o.note, key(o)).toBeTruthy();
      if (b && b.value !== null) masked = true;
    } else {
      expect(b, `valeur nouvelle ${key(o)} = ${o.value}`).toBeDefined();
      expect(o.value, key(o)).toBe(b!.value);
    }
  }
  return masked ? 'masked' : 'same';
}

function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

interface CsvCase {
  family: string;
  resource: string;
  file: string;
  delimiter: string;
  /** How many data lines the fixture keeps. */
  lines: number;
  /** A column holding a count, and whether blanks there are legitimately masked. */
  count: string;
  countMaskable: boolean;
  /** Encoding of the mirror file (default UTF-8). */
  encoding?: 'cp1252';
  /** The key column (a commune code). */
  keyColumn: string;
}

const CSV_CASES: CsvCase[] = [
  {
    family: 'insee',
    resource: 'insee-poplegales-2023',
    file: 'donnees_communes_poplegales_2023.csv',
    delimiter: ';',
    lines: 40,
    count: 'PMUN',
    countMaskable: false,
    keyColumn: 'COM',
  },
  {
    family: 'rpls',
    resource: 'rpls-communes-2024-extrait',
    file: 'export_parc_logements_sociaux_jan_2024.csv',
    delimiter: ',',
    lines: 40,
    count: 'nb_ls',
    countMaskable: true,
    keyColumn: 'DEPCOM_ARM',
  },
  {
    family: 'sru',
    resource: 'sru-officiel-2025-v2',
    file: 'donnees-sru-data-gouv-2025-v2.csv',
    encoding: 'cp1252',
    delimiter: ';',
    lines: 30,
    count: 'Nombre_lls_ Inventaire_au_01_01_2024',
    countMaskable: true,
    keyColumn: 'Code_INSEE_commune',
  },
  {
    family: 'sru',
    resource: 'sru-serie-2004-2022',
    file: 'derived_Total_social_housing_2004_2022.csv',
    delimiter: ',',
    lines: 30,
    count: 'social_units_2022',
    countMaskable: true,
    keyColumn: 'cod',
  },
];

const familyOf: Record<string, string> = { insee: 'insee', rpls: 'rpls', sru: 'sru' };

describe.each(CSV_CASES)('$file', (c) => {
  const buf = readFileSync(mirrorFile(familyOf[c.family]!, c.file));
  const raw = (c.encoding ? iconv.decode(buf, 'win1252') : buf.toString('utf8')).replace(/^\ufeff/, '');
  const allLines = raw.split(/\r?\n/);
  const fixture = allLines.slice(0, c.lines + 1).join('\n') + '\n';
  const header = allLines[0]!.split(c.delimiter);
  const col = header.indexOf(c.count);
  const keyCol = header.indexOf(c.keyColumn);
  let baseline: ObservationRow[];

  function write(name: string, content: string | Buffer): string {
    const p = join(dir, `${name}-${c.file}`);
    writeFileSync(p, content);
    return p;
  }
  /** The first data line whose count is a plain number (a mask there must turn a value into a gap). */
  const countRow =
    allLines.slice(1, c.lines + 1).findIndex((l) => /^\s*\d+\s*$/.test(l.split(c.delimiter)[col] ?? '')) + 1;
  function withCell(row: number, value: string): string {
    const lines = fixture.split('\n');
    const cells = lines[row]!.split(c.delimiter);
    cells[col] = value;
    lines[row] = cells.join(c.delimiter);
    return lines.join('\n');
  }

  beforeAll(async () => {
    expect(col).toBeGreaterThanOrEqual(0);
    expect(countRow).toBeGreaterThan(0);
    const out = await runFamily(c.family, c.resource, write('base', fixture));
    if ('error' in out) throw out.error;
    baseline = out.observations;
    expect(baseline.length).toBeGreaterThan(0);
  });

  it('tronqué au milieu d’une ligne : erreur (fichier, ligne)', async () => {
    const rand = seeded(c.file.length);
    const cut = Math.floor(fixture.length * (0.5 + rand() * 0.4));
    // Cut inside a cell that is followed by others on its line: the row then lacks columns.
    const lineEnd = fixture.indexOf('\n', cut);
    const lastDelim = fixture.lastIndexOf(c.delimiter, lineEnd === -1 ? fixture.length : lineEnd);
    const at = Math.min(fixture[cut] === '\n' ? cut - 1 : cut, lastDelim - 1);
    const out = await runFamily(c.family, c.resource, write('trunc', fixture.slice(0, at)));
    expect(judge(c.file, baseline, out)).toBe('error');
  });

  it('ré-encodé en latin-1, ou doublement encodé en UTF-8 : erreur ou valeurs identiques', async () => {
    judge(
      c.file,
      baseline,
      await runFamily(c.family, c.resource, write('latin1', iconv.encode(fixture, 'latin1'))),
    );
    const double = Buffer.from(Buffer.from(fixture, 'utf8').toString('latin1'), 'utf8');
    judge(c.file, baseline, await runFamily(c.family, c.resource, write('double', double)));
  });

  it('en-tête décalé d’une ligne : erreur ou valeurs identiques', async () => {
    const shifted = `Export du ${new Date(0).toISOString()}${c.delimiter}${c.delimiter}\n${fixture}`;
    judge(c.file, baseline, await runFamily(c.family, c.resource, write('shift', shifted)));
  });

  it('colonne clé renommée : erreur qui nomme l’en-tête attendu', async () => {
    const lines = fixture.split('\n');
    const h = lines[0]!.split(c.delimiter);
    h[keyCol] = 'code_commune_xyz';
    lines[0] = h.join(c.delimiter);
    expect(
      judge(c.file, baseline, await runFamily(c.family, c.resource, write('rename', lines.join('\n')))),
    ).toBe('error');
  });

  it('colonne de comptage supprimée : erreur', async () => {
    const lines = fixture.split('\n').map((l) =>
      l
        ? l
            .split(c.delimiter)
            .filter((_x, i) => i !== col)
            .join(c.delimiter)
        : l,
    );
    expect(
      judge(c.file, baseline, await runFamily(c.family, c.resource, write('drop', lines.join('\n')))),
    ).toBe('error');
  });

  it.each(['s', 'nd', 'n.d.', '-', ''])(
    'comptage « %s » : valeur masquée documentée (ou erreur si la colonne ne peut l’être)',
    async (marker) => {
      const out = await runFamily(
        c.family,
        c.resource,
        write(`mask${marker.length}`, withCell(countRow, marker)),
      );
      const verdict = judge(c.file, baseline, out);
      expect(verdict).toBe(c.countMaskable ? 'masked' : 'error');
    },
  );

  it.each(['1 234,5', 'abc', '12 logements'])(
    'comptage « %s » : erreur qui nomme la ligne et la colonne',
    async (text) => {
      const out = await runFamily(c.family, c.resource, write('text', withCell(5, text)));
      expect(judge(c.file, baseline, out)).toBe('error');
      expect((out as { error: Error }).error.message).toMatch(/ligne 6/);
    },
  );

  it('« 35,28 % » dans un comptage : erreur, jamais 35,28 logements', async () => {
    const out = await runFamily(c.family, c.resource, write('pct', withCell(5, '35,28 %')));
    expect(judge(c.file, baseline, out)).toBe('error');
  });

  it('code commune en double : erreur', async () => {
    const lines = fixture.split('\n');
    lines.splice(8, 0, lines[7]!);
    expect(
      judge(c.file, baseline, await runFamily(c.family, c.resource, write('dup', lines.join('\n')))),
    ).toBe('error');
  });
});

interface JsonCase {
  family: string;
  /** `null` is the file's documented marker of a missing value (otherwise it must be an error). */
  nullIsMask: boolean;
  resource: string;
  file: string;
  /** Replaces one numeric value of the first commune with `v`. */
  setValue(json: Record<string, unknown>, v: unknown): void;
}

const firstCode = (j: Record<string, unknown>) => Object.keys(j.c as object).sort()[3]!;

const JSON_CASES: JsonCase[] = [
  {
    family: 'sru',
    nullIsMask: true,
    resource: 'sru-rouages-92',
    file: 'derived_rouages_92-sru.json',
    setValue: (j, v) => ((j.c as Record<string, Record<string, unknown>>)[firstCode(j)]!.lls = v),
  },
  {
    family: 'caf',
    nullIsMask: false, // only whole years are null in these files
    resource: 'caf-rouages-92',
    file: 'derived_rouages_92-caf_s_ben_com_f_2020-2024.json',
    setValue: (j, v) => ((j.c as Record<string, [unknown[][], number]>)[firstCode(j)]![0][0]![2] = v),
  },
  {
    family: 'filosofi',
    nullIsMask: true,
    resource: 'filosofi-rouages-92',
    file: 'derived_rouages_92-revenus_filosofi2023.json',
    setValue: (j, v) => ((j.c as Record<string, unknown[]>)[firstCode(j)]![1] = v),
  },
  {
    family: 'insee',
    nullIsMask: true,
    resource: 'insee-rp-logement-92',
    file: 'derived_rouages_92-parc_rp2023_rp2012.json',
    setValue: (j, v) => ((j.c as Record<string, unknown[][]>)[firstCode(j)]![0]![6] = v),
  },
];

describe.each(JSON_CASES)('$file', (c) => {
  const text = readFileSync(mirrorFile(c.family, c.file), 'utf8');
  let baseline: ObservationRow[];
  const write = (name: string, content: string) => {
    const p = join(dir, `${name}-${c.file}`);
    writeFileSync(p, content);
    return p;
  };
  beforeAll(async () => {
    const out = await runFamily(c.family, c.resource, write('base', text));
    if ('error' in out) throw out.error;
    baseline = out.observations;
  });

  it('tronqué : erreur qui nomme le fichier et la ligne', async () => {
    const out = await runFamily(
      c.family,
      c.resource,
      write('trunc', text.slice(0, Math.floor(text.length * 0.6))),
    );
    expect(judge(c.file, baseline, out)).toBe('error');
  });

  it.each(['s', 'nd', '1 234,5', '35,28 %', true, { v: 1 }])(
    'valeur %j au lieu d’un nombre : erreur qui nomme le chemin',
    async (v) => {
      const j = JSON.parse(text) as Record<string, unknown>;
      c.setValue(j, v);
      const out = await runFamily(c.family, c.resource, write('val', JSON.stringify(j)));
      expect(judge(c.file, baseline, out)).toBe('error');
    },
  );

  it('valeur null : masquée avec sa raison là où le format le prévoit, erreur sinon', async () => {
    const j = JSON.parse(text) as Record<string, unknown>;
    c.setValue(j, null);
    const out = await runFamily(c.family, c.resource, write('null', JSON.stringify(j)));
    expect(judge(c.file, baseline, out)).toBe(c.nullIsMask ? 'masked' : 'error');
  });

  it('ré-encodé en latin-1 avec un accent : erreur d’encodage', async () => {
    const j = JSON.parse(text) as Record<string, unknown>;
    j.maj = `${String(j.maj)} — mise à jour`;
    const out = await runFamily(
      c.family,
      c.resource,
      write('latin1', iconv.encode(JSON.stringify(j), 'latin1') as unknown as string),
    );
    expect(judge(c.file, baseline, out)).toBe('error');
  });
});

describe('GeoJSON cassé (couche des communes d’Île-de-France)', () => {
  const file = 'communes-idf-cog2025.geojson';
  const fc = JSON.parse(readFileSync(mirrorFile('geo', file), 'utf8')) as {
    features: {
      properties: { code: string };
      geometry: { type: string; coordinates: number[][][] | number[][][][] };
    }[];
  };
  const ring = (f: (typeof fc.features)[number]) =>
    (f.geometry.type === 'Polygon'
      ? f.geometry.coordinates[0]
      : (f.geometry.coordinates as number[][][][])[0]![0]) as number[][];

  it.each([
    ['anneau non fermé', (r: number[][]) => r.pop()],
    ['anneau de deux points', (r: number[][]) => r.splice(2)],
    ['coordonnée non numérique', (r: number[][]) => (r[1] = [Number.NaN, 48.8])],
    ['coordonnée hors du globe', (r: number[][]) => (r[1] = [2.3, 148.8])],
  ])('%s : erreur qui nomme l’entité et son code', async (_label, breakRing) => {
    const copy = structuredClone(fc);
    const target = copy.features[10]!;
    breakRing(ring(target));
    const p = join(dir, `broken-${file}`);
    writeFileSync(p, JSON.stringify(copy));
    const out = await runFamily('geo', 'geo-communes-idf-2025', p);
    expect('error' in out).toBe(true);
    const err = (out as { error: Error }).error;
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain(file);
    expect(err.message).toContain(`entité 11 (code ${target.properties.code})`);
  });
});
