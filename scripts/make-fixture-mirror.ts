/**
 * Generates the small committed fixture mirror (test/fixtures/mirror/) from the full offline mirror,
 * so that `npm test` runs from a clean clone. Real excerpts only: every kept line of a CSV is the
 * original line, byte for byte (encoding, delimiter, header and line ends untouched); JSON extracts
 * keep their structure and totals with fewer communes; map layers keep the selected communes'
 * geometries as they are (arcs shared, never recomputed); workbooks keep their sheets, title rows and
 * header rows with fewer data rows.
 *
 *   npx tsx scripts/make-fixture-mirror.ts [full mirror]   (default: OBSERVATOIRE_MIRROR, else ../shared/sources)
 *
 * What is kept is decided here, once (SELECTION below), and written to the fixture's PROVENANCE.md.
 * A file of the full mirror that no rule below describes stops the script: add a rule for it (a new
 * source family or file must be excerpted on purpose, never copied whole by accident).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ROOT } from '../core/paths.js';
import { extractObjects } from '../server/topology.js';

export const FIXTURE_DIR = join(ROOT, 'test', 'fixtures', 'mirror');

/** Fixture size limit (the issue asks for well under 2 MB). */
const MAX_BYTES = 1_900_000;

/**
 * The communes kept. Whole Hauts-de-Seine (the 36 communes the build checks), the first users'
 * communes elsewhere, cities whose figures are sums of arrondissements or carry associated communes,
 * and communes that tests name. Closures are added below: every commune of an EPT that has one of
 * them, and every commune with a defect row in the national SRU file.
 */
const WHOLE_DEPARTEMENTS = ['92'];
const COMMUNES: Record<string, string> = {
  '75056': 'Paris (EPT T1 ; arrondissements)',
  '13001': 'Aix-en-Provence (premiers utilisateurs)',
  '13055': 'Marseille (arrondissements)',
  '13103': 'Salon-de-Provence',
  '13101': 'Saint-Savournin (cellules vides du RPLS : petite commune)',
  '89387': 'Sens (premiers utilisateurs)',
  '89024': 'Auxerre',
  '89002': 'Aigremont (valeurs Filosofi non diffusées)',
  '89006': 'Ancy-le-Libre (petits effectifs : 5 foyers RSA, 75 ménages)',
  '95019': 'Arnouville (exemptée SRU : pas de logements manquants)',
  '74010': 'Annecy (commune nouvelle de 2017 : série SRU avant et après la fusion)',
  '89049': 'Bois-d’Arcy (effectifs CAF à 0 : masqués)',
  '89162': 'Évry (Yonne : homonyme dans la recherche)',
  '89191': 'Gland (année CAF absente)',
  '59350': 'Lille (communes associées Lomme, Hellemmes)',
  '59512': 'Roubaix',
  '59599': 'Tourcoing',
  '69123': 'Lyon (arrondissements)',
  '69266': 'Villeurbanne',
  '95018': 'Argenteuil (EPT T5 Boucle Nord de Seine, avec le 92)',
  '95446': 'Nesles-la-Vallée',
  '94081': 'Vitry-sur-Seine (EPT T12 Grand-Orly Seine Bièvre, à cheval sur le 94 et le 91)',
  '93066': 'Saint-Denis (EPT T6 Plaine Commune ; ancien code 93059, Pierrefitte-sur-Seine)',
  '91228': 'Évry-Courcouronnes (commune nouvelle : ancien code 91182)',
  '91477': 'Palaiseau (devient déficitaire SRU entre 2024 et 2025)',
  '77288': 'Melun (une commune SRU de Seine-et-Marne : les 8 départements franciliens couverts)',
  '77001': 'Achères-la-Forêt (demande de logement social : 0 attribution)',
  '77042': 'Boissy-le-Châtel (demande de logement social masquée)',
  '93015': 'Coubron (attributions masquées ; EPT T9 Grand Paris Grand Est)',
  '91247': 'La Forêt-le-Roi (plus de foyers RSA que de ménages recensés)',
  '78158': 'Le Chesnay-Rocquencourt (commune nouvelle : ancien code 78524)',
  '13083': 'Rognonas (carencée et exemptée dans la copie 2025 : statuts contradictoires)',
  '13045': 'Graveson (exemptée pour 2026–2028 : pas de trajectoire SRU)',
  '89028': 'Baon (petits effectifs : 5 foyers RSA arrondis, une trentaine de ménages)',
  '89374': 'Sambourg (petits effectifs : 5 foyers RSA arrondis, une trentaine de ménages)',
};

interface Selection {
  /** Current communes (COG 2025 COM rows) kept. */
  communes: Set<string>;
  /** Those communes' other codes: arrondissements, delegated and associated communes, 2018 codes. */
  codes: Set<string>;
  /** Communes drawn in the map layers (the selection without the SRU-defect-only communes). */
  drawn: Set<string>;
  /** Codes (all kinds) of the drawn communes. */
  drawnCodes: Set<string>;
  /** EPT (T1–T12) whose communes are all kept. */
  ept: Set<string>;
  departements: Set<string>;
  regions: Set<string>;
  epci: Set<string>;
  why: Map<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Delimited text, line by line, bytes untouched

interface Lines {
  /** Raw lines, each with its own line end. */
  raw: Buffer[];
  fields: string[][];
}

/** Fields of one CSV line (quotes honoured); throws on a record spanning several lines. */
function splitFields(text: string, delimiter: string, where: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur === '') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw new Error(`${where} : enregistrement sur plusieurs lignes, non pris en charge`);
  out.push(cur.replace(/\r$/, ''));
  return out;
}

function readLines(path: string, delimiter: string, encoding: 'utf8' | 'cp1252'): Lines {
  const buf = readFileSync(path);
  const raw: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++)
    if (buf[i] === 0x0a) {
      raw.push(buf.subarray(start, i + 1));
      start = i + 1;
    }
  if (start < buf.length) raw.push(buf.subarray(start));
  const fields = raw.map((line, i) => {
    let text = encoding === 'cp1252' ? iconv.decode(line, 'win1252') : line.toString('utf8');
    if (i === 0) text = text.replace(/^\uFEFF/, '');
    return splitFields(text.replace(/\r?\n$/, ''), delimiter, `${basename(path)}, ligne ${i + 1}`);
  });
  return { raw, fields };
}

/** Keeps the header line(s) and the lines `keep` accepts, as they are. */
function filterCsv(
  path: string,
  opts: {
    delimiter: string;
    encoding?: 'utf8' | 'cp1252';
    /** Lines before the first data line (header included); 0 for a file without header. */
    headerLines?: number;
    keep: (row: Record<string, string>, fields: string[]) => boolean;
  },
): { bytes: Buffer; kept: number; total: number } {
  const { raw, fields } = readLines(path, opts.delimiter, opts.encoding ?? 'utf8');
  const headerLines = opts.headerLines ?? 1;
  const header = headerLines > 0 ? fields[headerLines - 1]!.map((h) => h.trim().toLowerCase()) : [];
  const out = raw.slice(0, headerLines);
  let total = 0;
  for (let i = headerLines; i < raw.length; i++) {
    const f = fields[i]!;
    if (f.length === 1 && f[0] === '') {
      out.push(raw[i]!);
      continue;
    }
    total++;
    const row = Object.fromEntries(header.map((h, j) => [h, (f[j] ?? '').trim()]));
    if (opts.keep(row, f)) out.push(raw[i]!);
  }
  return { bytes: Buffer.concat(out), kept: out.length - headerLines, total };
}

// ---------------------------------------------------------------------------------------------
// The selection

function buildSelection(full: string): Selection {
  const why = new Map<string, string>();
  const communes = new Set<string>();
  const add = (code: string, reason: string) => {
    if (!communes.has(code)) why.set(code, reason);
    communes.add(code);
  };
  const cog = readLines(join(full, 'geo', 'insee-cog2025-communes.csv'), ',', 'utf8').fields;
  const cogHeader = cog[0]!.map((h) => h.toLowerCase());
  const col = (name: string) => cogHeader.indexOf(name);
  const cogRows = cog.slice(1).filter((f) => f.length > 1);
  for (const f of cogRows)
    if (f[col('typecom')] === 'COM' && WHOLE_DEPARTEMENTS.includes(f[col('dep')]!))
      add(f[col('com')]!, `département ${f[col('dep')]} entier`);
  const known = new Set(cogRows.filter((f) => f[col('typecom')] === 'COM').map((f) => f[col('com')]!));
  for (const [code, reason] of Object.entries(COMMUNES)) {
    if (!known.has(code)) throw new Error(`COMMUNES : ${code} n’est pas une commune du COG 2025`);
    add(code, reason);
  }

  // Whole EPT: an EPT-level figure of the fixture is the real one.
  const composition = readLines(join(full, 'geo', 'ept-mgp-composition-2025.csv'), ',', 'utf8').fields;
  const ch = composition[0]!.map((h) => h.toLowerCase());
  const ept = new Set<string>();
  for (const f of composition.slice(1))
    if (communes.has(f[ch.indexOf('codgeo')]!)) ept.add(f[ch.indexOf('territoire_mgp')]!);
  for (const f of composition.slice(1))
    if (f.length > 1 && ept.has(f[ch.indexOf('territoire_mgp')]!))
      add(f[ch.indexOf('codgeo')]!, `EPT ${f[ch.indexOf('territoire_mgp')]} entier`);
  const drawn = new Set(communes);

  // Every defect row of the national SRU file (its commune joins the COG, not the map layers).
  for (const code of sruDefects(join(full, 'sru', SRU_NATIONAL)).keys())
    add(code, 'ligne à défaut du fichier SRU national');

  const crosswalk = readLines(join(full, 'geo', 'crosswalk-communes-cog2018-cog2025.csv'), ',', 'utf8');
  const withOtherCodes = (set: Set<string>) => {
    const out = new Set(set);
    for (const f of cogRows)
      if (f[col('typecom')] !== 'COM' && set.has(f[col('comparent')]!)) out.add(f[col('com')]!);
    for (const f of crosswalk.fields.slice(1)) if (set.has(f[1]!)) out.add(f[0]!);
    return out;
  };
  const codes = withOtherCodes(communes);
  const drawnCodes = withOtherCodes(drawn);

  const departements = new Set<string>();
  const regions = new Set<string>();
  for (const f of cogRows)
    if (f[col('typecom')] === 'COM' && drawn.has(f[col('com')]!)) {
      departements.add(f[col('dep')]!);
      regions.add(f[col('reg')]!);
    }
  const epcicom = readLines(join(full, 'geo', 'dgcl-epcicom-2025.csv'), ',', 'utf8').fields;
  const eh = epcicom[0]!.map((h) => h.toLowerCase());
  const epci = new Set<string>();
  for (const f of epcicom.slice(1)) if (drawn.has(f[eh.indexOf('insee')]!)) epci.add(f[eh.indexOf('siren')]!);
  return { communes, codes, drawn, drawnCodes, ept, departements, regions, epci, why };
}

// ---------------------------------------------------------------------------------------------
// National SRU file: the selected communes and every line that is not a plain, well-formed row

const SRU_NATIONAL = 'donnees-sru-data-gouv-2025-v2.csv';

/** Lines of the national SRU file that a reader must not take as plain numbers, by commune code. */
function sruDefects(path: string): Map<string, string> {
  const { fields } = readLines(path, ';', 'cp1252');
  const header = fields[0]!;
  const at = (name: RegExp) => header.findIndex((h) => name.test(h));
  const code = at(/^Code_INSEE_commune$/i);
  const numeric = [
    [at(/^Population_municipale/i), /^\d+$/],
    [at(/^Nombre_lls/i), /^\d[\d ]*$/],
    [at(/^Taux_SRU/i), /^\d{1,2}(,\d+)?%$|^100(,0+)?%$/],
    [at(/^Taux_cible/i), /^\d+%$/],
    [at(/^Prélèvement/i), /^\d[\d\s\u00a0]*(,\d+)?\s*€$/],
  ] as const;
  const deficitaire = at(/^commune_deficitaire$/i);
  const [rate, target] = [numeric[2][0], numeric[3][0]];
  if (code < 0 || deficitaire < 0 || numeric.some(([i]) => i < 0))
    throw new Error(`${SRU_NATIONAL} : en-tête inattendu`);
  const pct = (s: string) => Number(s.replace('%', '').replace(',', '.').trim());
  const out = new Map<string, string>();
  for (const f of fields.slice(1)) {
    if (f.length === 1 && f[0] === '') continue;
    if (f.length !== header.length) out.set(f[code]!, `${f.length} champs au lieu de ${header.length}`);
    else
      for (const [i, re] of numeric)
        if (f[i]!.trim() !== '' && !re.test(f[i]!.trim())) out.set(f[code]!, `${header[i]} = « ${f[i]} »`);
    if (f.length !== header.length || out.has(f[code]!)) continue;
    // Well-formed but contradictory: a rate written as the target (« 20,00% »), a déficitaire commune
    // whose rate reaches its target.
    const [r, t] = [pct(f[rate]!), pct(f[target]!)];
    if (/^\d+,00%$/.test(f[rate]!.trim()) && r === t)
      out.set(f[code]!, `taux égal au taux cible (${f[rate]})`);
    if (f[deficitaire]!.trim() === '1' && r >= t)
      out.set(f[code]!, `déficitaire avec ${f[rate]} pour ${f[target]}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rules, file by file

interface Written {
  file: string;
  source: string;
  rule: string;
  kept?: string;
}

type Rule = {
  /** File name (exact or pattern) inside a family folder. */
  match: RegExp;
  describe: string;
  /** Output bytes, or null to leave the file out of the fixture. */
  make: (src: string, sel: Selection) => Promise<{ bytes: Buffer; kept?: string } | null>;
};

const whole: Rule['make'] = async (src) => ({ bytes: readFileSync(src) });

function csvRule(
  delimiter: string,
  keep: (row: Record<string, string>, sel: Selection, fields: string[]) => boolean,
  opts: { encoding?: 'utf8' | 'cp1252'; headerLines?: number } = {},
): Rule['make'] {
  return async (src, sel) => {
    const r = filterCsv(src, { delimiter, ...opts, keep: (row, f) => keep(row, sel, f) });
    return { bytes: r.bytes, kept: `${r.kept} lignes sur ${r.total}` };
  };
}

/** Third-party JSON extracts (rouages.fr): every key kept, the communes (`c`) cut to the selection. */
const rouagesJson: Rule['make'] = async (src, sel) => {
  const data = JSON.parse(readFileSync(src, 'utf8')) as { c?: Record<string, unknown> };
  if (!data.c) throw new Error(`${basename(src)} : clé « c » (communes) absente`);
  const total = Object.keys(data.c).length;
  const c = Object.fromEntries(Object.entries(data.c).filter(([code]) => sel.codes.has(code)));
  if (Object.keys(c).length === 0) return null;
  return {
    bytes: Buffer.from(JSON.stringify({ ...data, c })),
    kept: `${Object.keys(c).length} communes sur ${total}`,
  };
};

/** Map layer (GeoJSON): the selected communes' or EPT's features, geometry untouched. */
function geojsonRule(keep: (props: Record<string, unknown>, sel: Selection) => boolean): Rule['make'] {
  return async (src, sel) => {
    const fc = JSON.parse(readFileSync(src, 'utf8')) as {
      features: Array<{ properties: Record<string, unknown> }>;
    };
    const total = fc.features.length;
    fc.features = fc.features.filter((f) => keep(f.properties, sel));
    return { bytes: Buffer.from(JSON.stringify(fc)), kept: `${fc.features.length} entités sur ${total}` };
  };
}

/** National topology: the drawn communes, their départements and régions, and only the arcs they use. */
const topology: Rule['make'] = async (src, sel) => {
  const topo = JSON.parse(readFileSync(src, 'utf8')) as Topology;
  const keepIn = (name: string, keep: (code: string) => boolean) => {
    const obj = topo.objects[name] as GeometryCollection;
    const total = obj.geometries.length;
    obj.geometries = obj.geometries.filter((g) =>
      keep(String((g.properties as { code?: string } | undefined)?.code)),
    );
    return `${name} ${obj.geometries.length}/${total}`;
  };
  const counts = [
    keepIn('communes', (c) => sel.drawn.has(c)),
    keepIn('departements', (c) => sel.departements.has(c)),
    keepIn('regions', (c) => sel.regions.has(c)),
  ];
  const out = extractObjects(topo, Object.keys(topo.objects));
  return {
    bytes: Buffer.from(JSON.stringify(out)),
    kept: `${counts.join(', ')}, ${out.arcs.length} arcs sur ${topo.arcs.length}`,
  };
};

/**
 * INSEE « Fiche Revenus » workbooks (REVN): every sheet, its four title rows and its two header rows;
 * data rows of the drawn communes (QPV straddling several communes included), of their EPCI and EPT,
 * of the QPV of the whole départements, and the national rows. Values are copied, not styles.
 */
const revnWorkbook: Rule['make'] = async (src, sel) => {
  const input = new ExcelJS.Workbook();
  await input.xlsx.readFile(src);
  const output = new ExcelJS.Workbook();
  // The workbook's own dates, so that a regeneration from the same file gives the same bytes.
  output.creator = input.creator;
  const fixed = new Date('2000-01-01T00:00:00Z');
  output.created = input.created ?? input.modified ?? fixed;
  output.modified = input.modified ?? fixed;
  const kept: string[] = [];
  const eptSiren = new Set<string>();
  const composition = readLines(
    join(src, '..', '..', 'geo', 'ept-mgp-composition-2025.csv'),
    ',',
    'utf8',
  ).fields;
  for (const f of composition.slice(1)) if (sel.ept.has(f[6]!) && /^\d{9}$/.test(f[2]!)) eptSiren.add(f[2]!);
  for (const ws of input.worksheets) {
    const copy = output.addWorksheet(ws.name);
    const dataSheet = ws.getRow(6).getCell(1).text.trim().toUpperCase() === 'CODGEO';
    let n = 0;
    let total = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const code = row.getCell(1).text.trim();
      let keep = !dataSheet || r <= 6;
      if (!keep) {
        total++;
        keep =
          !/^[0-9AB]{5,}$/.test(code) && !/^QP/.test(code)
            ? true // national and regional summary rows
            : /^QP/.test(code)
              ? WHOLE_DEPARTEMENTS.includes(code.slice(2, 5).replace(/^0(?=\d\d$|2[AB]$)/, ''))
              : code.length > 9
                ? (code.match(/.{5}/g) ?? []).some((c) => sel.drawnCodes.has(c))
                : sel.drawnCodes.has(code) || sel.epci.has(code) || eptSiren.has(code);
        if (keep) n++;
      }
      if (!keep) return;
      const target = copy.getRow(dataSheet && r > 6 ? 6 + n : r);
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        target.getCell(c).value = cell.value;
      });
      target.commit();
    });
    if (dataSheet) kept.push(`${ws.name} ${n}/${total}`);
  }
  // Zip entries stamped with a fixed date: the same input always gives the same bytes.
  const entries = unzipSync(new Uint8Array(await output.xlsx.writeBuffer()));
  const bytes = Buffer.from(zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }));
  return { bytes, kept: kept.join(', ') };
};

const RULES: Record<string, Rule[]> = {
  geo: [
    {
      match: /^insee-cog2025-communes\.csv$/,
      describe: 'communes retenues, et leurs arrondissements, communes déléguées et associées',
      make: csvRule(
        ',',
        (r, s) => s.communes.has(r.com!) || (r.typecom !== 'COM' && s.communes.has(r.comparent!)),
      ),
    },
    {
      match: /^insee-cog2025-(departements|regions)\.csv$/,
      describe: 'entier',
      make: whole,
    },
    {
      match: /^dgcl-epcicom-2025\.csv$/,
      describe: 'lignes des communes retenues (un EPCI n’y a que ses communes retenues)',
      make: csvRule(',', (r, s) => s.communes.has(r.insee!)),
    },
    {
      match: /^ept-mgp-composition-2025\.csv$/,
      describe: 'EPT retenus, entiers',
      make: csvRule(',', (r, s) => s.ept.has(r.territoire_mgp!)),
    },
    {
      match: /^ept-mgp-liste-2025\.csv$/,
      describe: 'EPT retenus',
      make: csvRule(',', (r, s) => s.ept.has(r.territoire_mgp!)),
    },
    {
      match: /^crosswalk-communes-cog2018-cog2025\.csv$/,
      describe: 'codes 2018 des communes retenues',
      make: csvRule(',', (r, s) => s.communes.has(r.code_2025!)),
    },
    {
      match: /^france-communes-departements-regions-cog2025\.topojson$/,
      describe: 'communes dessinées, leurs départements et régions, arcs utilisés seulement (non recalculés)',
      make: topology,
    },
    {
      match: /^communes-idf-cog2025\.geojson$/,
      describe: 'toutes les communes retenues d’Île-de-France',
      make: geojsonRule((p, s) => s.communes.has(String(p.code))),
    },
    {
      match: /^ept-mgp-cog2025\.geojson$/,
      describe: 'EPT retenus',
      make: geojsonRule((p, s) => s.ept.has(String(p.territoire_mgp))),
    },
    {
      match: /^(communes-92-cog2025|departements-cog2025|regions-cog2025)\.geojson$|^original-/,
      describe: 'non lu par les pipelines ni par les tests : laissé de côté',
      make: async () => null,
    },
  ],
  insee: [
    {
      match: /^donnees_communes_poplegales_\d{4}\.csv$/,
      describe: 'communes retenues',
      make: csvRule(';', (r, s) => s.codes.has(r.com!)),
    },
    { match: /^derived_rouages_.*\.json$/, describe: 'communes retenues, totaux gardés', make: rouagesJson },
  ],
  sru: [
    {
      match: new RegExp(`^${SRU_NATIONAL.replace(/\./g, '\\.')}$`),
      describe: 'communes retenues et toutes les lignes à défaut (cp1252, en-tête d’origine)',
      make: csvRule(';', (r, s) => s.communes.has(r.code_insee_commune!), { encoding: 'cp1252' }),
    },
    {
      match: /^derived_Total_social_housing_2004_2022\.csv$/,
      describe: 'communes retenues',
      make: csvRule(',', (r, s) => s.codes.has(r.cod!)),
    },
    { match: /^derived_rouages_.*\.json$/, describe: 'communes retenues', make: rouagesJson },
    {
      match: /^legacy_idf_communes_carencees_sans_entete\.csv$/,
      describe: 'communes des départements retenus (fichier sans en-tête, par nom)',
      make: csvRule(';', (_r, s, f) => s.departements.has(f[1]!.trim()), { headerLines: 0 }),
    },
  ],
  rpls: [
    {
      match: /^export_parc_logements_sociaux_jan_\d{4}\.csv$/,
      describe: 'communes et arrondissements retenus',
      make: csvRule(',', (r, s) => s.codes.has(r.depcom_arm!)),
    },
    {
      match: /^derived_RPLS_departements_\d{4}_en\.csv$/,
      describe: 'entier (une ligne par département)',
      make: whole,
    },
  ],
  caf: [{ match: /^derived_rouages_.*\.json$/, describe: 'communes retenues', make: rouagesJson }],
  filosofi: [
    { match: /^derived_rouages_.*\.json$/, describe: 'communes retenues, totaux gardés', make: rouagesJson },
    {
      match: /^REVN_.*\.xlsx$/,
      describe: 'lignes des communes, EPCI, EPT et QPV retenus ; lignes nationales',
      make: revnWorkbook,
    },
  ],
  sne: [
    {
      match: /^derived_drihl_socle_demandes_attributions_\d{4}\.csv$/,
      describe: 'région et départements entiers, communes et arrondissements retenus',
      make: csvRule(';', (r, s) => r.niveau !== 'Commune' || s.codes.has(r.code!)),
    },
  ],
  'hebergement-dalo-expulsions': [],
};

// ---------------------------------------------------------------------------------------------

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

function fullMirror(): string {
  const arg = process.argv[2] ?? process.env.OBSERVATOIRE_MIRROR ?? join(ROOT, '..', 'shared', 'sources');
  const dir = resolve(arg);
  if (resolve(dir) === FIXTURE_DIR) throw new Error('le miroir complet est demandé, pas la fixture');
  if (!existsSync(join(dir, 'geo', 'insee-cog2025-communes.csv')))
    throw new Error(`miroir complet introuvable : ${dir} (argument, ou OBSERVATOIRE_MIRROR)`);
  return dir;
}

async function main(): Promise<void> {
  const full = fullMirror();
  const sel = buildSelection(full);
  rmSync(FIXTURE_DIR, { recursive: true, force: true });
  const written: Written[] = [];
  const unknown: string[] = [];
  for (const family of readdirSync(full).sort()) {
    if (!statSync(join(full, family)).isDirectory()) continue;
    const rules = RULES[family];
    if (!rules) {
      unknown.push(`${family}/ (famille)`);
      continue;
    }
    for (const file of readdirSync(join(full, family)).sort()) {
      const src = join(full, family, file);
      const rel = `${family}/${file}`;
      // The families' notes are not copied: they are read in the full mirror (`<mirror>/<family>/PROVENANCE.md`).
      if (file === 'PROVENANCE.md') continue;
      const rule = rules.find((r) => r.match.test(file));
      if (!rule) {
        unknown.push(rel);
        continue;
      }
      const out = await rule.make(src, sel);
      if (!out) continue;
      mkdirSync(join(FIXTURE_DIR, family), { recursive: true });
      writeFileSync(join(FIXTURE_DIR, rel), out.bytes);
      written.push({ file: rel, source: sha256(readFileSync(src)), rule: rule.describe, kept: out.kept });
    }
  }
  if (unknown.length)
    throw new Error(
      `fichiers du miroir sans règle dans scripts/make-fixture-mirror.ts (ajoutez-en une) :\n  ${unknown.join('\n  ')}`,
    );
  writeFileSync(join(FIXTURE_DIR, 'PROVENANCE.md'), provenance(sel, written));
  writeFileSync(join(FIXTURE_DIR, 'README.md'), README);
  const total = written.reduce((n, w) => n + statSync(join(FIXTURE_DIR, w.file)).size, 0);
  for (const w of written)
    console.log(
      `${String(statSync(join(FIXTURE_DIR, w.file)).size).padStart(9)}  ${w.file}  ${w.kept ?? ''}`,
    );
  console.log(
    `${String(total).padStart(9)}  total (${sel.communes.size} communes, ${sel.drawn.size} dessinées)`,
  );
  if (total > MAX_BYTES) throw new Error(`fixture trop lourde : ${total} octets (limite ${MAX_BYTES})`);
}

const README = `# Miroir de test (fixture)

Un petit miroir des fichiers officiels, versionné avec le code, pour que \`npm test\` passe depuis un
simple \`git clone\` sans le miroir complet (31 Mo, jamais versionné). Ce sont des **extraits réels** :
les Hauts-de-Seine entiers (les 36 communes que la construction contrôle), quelques communes des
Bouches-du-Rhône, de l’Yonne, du Nord et du Rhône, les EPT concernés entiers, et toutes les lignes à
défaut du fichier SRU national. La liste des communes, la règle appliquée à chaque fichier et
l’empreinte du fichier complet dont il est tiré sont dans \`PROVENANCE.md\` (généré).

## Utilisation

\`test/helpers.ts\` choisit le miroir : \`OBSERVATOIRE_MIRROR\` s’il est défini, sinon \`../shared/sources\`
s’il existe, sinon ce dossier. Sur ce dossier, \`FULL_MIRROR\` vaut \`false\` : les tests qui ont besoin de
plus (totaux nationaux, Île-de-France entière, autres départements) sont écrits
\`describe.runIf(FULL_MIRROR)\` / \`it.runIf(FULL_MIRROR)\` et tournent en CI (\`.ci/run\` pointe
\`OBSERVATOIRE_MIRROR\` vers le miroir complet). La base de test construite sur ce miroir est
\`data/test-fixture/observatoire.duckdb\` (celle du miroir complet : \`data/test/\`).

Pour lancer les tests sur ce miroir alors que le miroir complet est présent :
\`OBSERVATOIRE_MIRROR=test/fixtures/mirror npm test\`.

## Régénérer

\`\`\`sh
npx tsx scripts/make-fixture-mirror.ts ../shared/sources   # ou OBSERVATOIRE_MIRROR=… npx tsx scripts/make-fixture-mirror.ts
\`\`\`

Le script efface ce dossier et le réécrit. Il s’arrête sur tout fichier du miroir complet qu’aucune de ses
règles ne décrit : une nouvelle famille ou un nouveau fichier s’ajoute à \`RULES\` (extrait voulu, jamais
copie entière par accident) ; une commune utile à un test s’ajoute à \`COMMUNES\`. À relancer quand le
miroir complet change, puis vérifier que \`OBSERVATOIRE_MIRROR=test/fixtures/mirror npm test\` passe.

## Fidélité

- CSV : chaque ligne gardée est la ligne d’origine, octet pour octet (encodage — cp1252 pour le fichier
  SRU national —, séparateur, en-tête, fins de ligne, défauts compris) ;
- extraits JSON retraités (\`derived_rouages_*\`) : toutes les clés et tous les totaux (département,
  France) gardés, communes (\`c\`) réduites à la sélection, valeurs inchangées ;
- couches cartographiques : entités de la sélection, géométries inchangées (les arcs de la topologie
  nationale sont ceux du fichier complet, seuls les arcs inutilisés sont retirés) ;
- classeurs REVN (Filosofi QPV) : mêmes feuilles, lignes de titre et d’en-tête, lignes de données
  réduites ; les valeurs sont recopiées, pas la mise en forme ;
- \`PROVENANCE.md\` de chaque famille : non recopié ; il se lit dans le miroir complet
  (\`../shared/sources/<famille>/PROVENANCE.md\` : producteurs, adresses, licences, défauts connus).

Ce miroir ne remplace pas le miroir complet : un agrégat (EPCI, région, France) n’y porte que sur les
communes retenues, sauf les totaux publiés par les fichiers eux-mêmes.

## Licence

Les valeurs sont des données publiques ouvertes, sous Licence Ouverte / Etalab 2.0 : INSEE (COG,
populations légales, recensement, Filosofi), DGCL, IGN (ADMIN EXPRESS), DGALN/DHUP (inventaire SRU), SDES
(RPLS), Cnaf (Cafdata), DRIHL Île-de-France (socle demandes et attributions) ; attribution : le
producteur et le jeu de données nommés dans le \`PROVENANCE.md\` de chaque famille (miroir complet). Les fichiers
\`derived_*\` sont des remises en forme de ces données par des tiers (rouages.fr, Data4Good et d’autres
dépôts, voir chaque \`PROVENANCE.md\`) : les valeurs sont officielles, la licence de certains dépôts n’est
pas établie (signalé dans leur \`PROVENANCE.md\`).
`;

function provenance(sel: Selection, written: Written[]): string {
  const communes = [...sel.communes].sort();
  const byReason = new Map<string, string[]>();
  for (const c of communes) {
    const r = sel.why.get(c)!;
    byReason.set(r, [...(byReason.get(r) ?? []), c]);
  }
  return `# Miroir de test (fixture) — provenance

Extraits réels du miroir complet des fichiers officiels (\`OBSERVATOIRE_MIRROR\` ou \`../shared/sources\`), générés par
\`scripts/make-fixture-mirror.ts\` : ce fichier est réécrit à chaque génération, ne pas le modifier à la main.
Voir le README.md de ce dossier pour l’usage, la licence et la façon de régénérer.

## Communes retenues (${communes.length})

${[...byReason].map(([r, cs]) => `- ${r} : ${cs.join(', ')}`).join('\n')}

EPT retenus entiers : ${[...sel.ept].sort().join(', ')}. Départements et régions dessinés :
${[...sel.departements].sort().join(', ')} ; ${[...sel.regions].sort().join(', ')}.

## Fichiers

| fichier | extrait | gardé | sha256 du fichier complet |
| --- | --- | --- | --- |
${written.map((w) => `| \`${w.file}\` | ${w.rule} | ${w.kept ?? 'tout'} | \`${w.source.slice(0, 16)}…\` |`).join('\n')}
`;
}

await main();
