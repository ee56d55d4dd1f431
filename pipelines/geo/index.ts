/**
 * Geography: COG 2025 communes, départements and régions (INSEE), EPCI à fiscalité propre (DGCL),
 * EPT of the Métropole du Grand Paris (INSEE), the 2018→2025 commune crosswalk, and map layers.
 * See `OBSERVATOIRE_MIRROR/geo/PROVENANCE.md`.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { mergeArcs } from 'topojson-client';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';
import { readCsvFile } from '../lib/csv.js';
import { InputError } from '../lib/errors.js';
import { parseFeatureCollection, parseTopology, rewindTopologyForD3, toTopology } from '../lib/geometry.js';
import {
  emptyStats,
  type AliasRow,
  type GeoLayerRow,
  type Pipeline,
  type PipelineOutput,
  type SourceStats,
  type TerritoryRow,
} from '../lib/pipeline.js';
import type { Resource, ResolvedResource } from '../lib/resources.js';

const DA = 'https://raw.githubusercontent.com/datagouv/decoupage-administratif/v5.3.0/sources';

export const GEO_RESOURCES = {
  communes: {
    id: 'geo-cog2025-communes',
    family: 'geo',
    title: 'Code officiel géographique 2025 — communes, communes déléguées et arrondissements',
    file: 'insee-cog2025-communes.csv',
    url: `${DA}/communes.csv`,
    kind: 'official',
    vintage: 'COG 2025 (1er janvier 2025)',
    required: true,
    expect: 'csv',
    producer: 'INSEE',
  },
  departements: {
    id: 'geo-cog2025-departements',
    family: 'geo',
    title: 'Code officiel géographique — départements',
    file: 'insee-cog2025-departements.csv',
    url: `${DA}/departements.csv`,
    kind: 'official',
    vintage: 'COG 2024, identique en 2025',
    required: true,
    expect: 'csv',
    producer: 'INSEE',
  },
  regions: {
    id: 'geo-cog2025-regions',
    family: 'geo',
    title: 'Code officiel géographique — régions',
    file: 'insee-cog2025-regions.csv',
    url: `${DA}/regions.csv`,
    kind: 'official',
    vintage: 'COG 2024, identique en 2025',
    required: true,
    expect: 'csv',
    producer: 'INSEE',
  },
  epcicom: {
    id: 'geo-dgcl-epcicom-2025',
    family: 'geo',
    title: 'Liste et composition des EPCI à fiscalité propre 2025 (converti de XLSX en CSV)',
    file: 'dgcl-epcicom-2025.csv',
    kind: 'derived',
    vintage: 'EPCI au 1er janvier 2025',
    required: true,
    producer: 'DGCL',
    notes: 'Feuille Epcicom2025 de epcicom2025.xlsx convertie en CSV, valeurs inchangées.',
  },
  eptComposition: {
    id: 'geo-insee-ept-2025',
    family: 'geo',
    title: 'Établissements publics territoriaux — composition communale au 1er janvier 2025',
    file: 'ept-mgp-composition-2025.csv',
    kind: 'derived',
    vintage: 'EPT au 1er janvier 2025',
    required: true,
    producer: 'INSEE',
    notes:
      'Feuille Composition_communale de ept_au_01-01-2025 ; colonnes TERRITOIRE_MGP, EPCI et SIREN ajoutées ; Paris ajouté (T1).',
  },
  eptListe: {
    id: 'geo-ept-liste-2025',
    family: 'geo',
    title: 'Liste des 12 territoires de la Métropole du Grand Paris (T1–T12)',
    file: 'ept-mgp-liste-2025.csv',
    kind: 'derived',
    vintage: 'EPT au 1er janvier 2025',
    required: true,
    producer: 'INSEE',
  },
  crosswalk: {
    id: 'geo-crosswalk-2018-2025',
    family: 'geo',
    title: 'Table de passage des codes communes COG 2018 → COG 2025',
    file: 'crosswalk-communes-cog2018-cog2025.csv',
    kind: 'derived',
    vintage: 'mouvements de communes du 1er janvier 2018 au 1er janvier 2025',
    required: true,
    producer: 'INSEE (fichier des mouvements de communes)',
  },
  france: {
    id: 'geo-france-topojson-2025',
    family: 'geo',
    title: 'Contours des communes, départements et régions de France (TopoJSON, COG 2025)',
    file: 'france-communes-departements-regions-cog2025.topojson',
    kind: 'derived',
    vintage: 'géométrie IGN ADMIN EXPRESS COG 2018 regroupée au COG 2025',
    required: true,
    producer: 'IGN ADMIN EXPRESS COG 2018 (via gregoiredavid/france-geojson), INSEE COG 2025, DGCL',
    notes: 'Simplifiée (Visvalingam, 30 %) ; 7 communes rétablies après 2018 n’ont pas de contour propre.',
  },
  idf: {
    id: 'geo-communes-idf-2025',
    family: 'geo',
    title: 'Contours des 1 266 communes d’Île-de-France (GeoJSON, COG 2025)',
    file: 'communes-idf-cog2025.geojson',
    kind: 'derived',
    vintage: 'géométrie IGN ADMIN EXPRESS COG 2018 regroupée au COG 2025',
    required: true,
    producer: 'IGN ADMIN EXPRESS COG 2018 (via gregoiredavid/france-geojson), INSEE COG 2025, DGCL',
  },
  ept: {
    id: 'geo-ept-mgp-2025',
    family: 'geo',
    title: 'Contours des territoires T1–T12 de la Métropole du Grand Paris',
    file: 'ept-mgp-cog2025.geojson',
    kind: 'derived',
    vintage: 'EPT au 1er janvier 2025',
    required: true,
    producer: 'IGN ADMIN EXPRESS COG 2018 regroupé par l’observatoire du miroir ; INSEE EPT 2025',
  },
} satisfies Record<string, Resource>;

function rewound(t: Topology): Topology {
  rewindTopologyForD3(t);
  return t;
}

export const PARIS_EPT_CODE = '217500016';

function need(inputs: Map<string, ResolvedResource>, res: Resource): ResolvedResource {
  const r = inputs.get(res.id);
  if (!r) throw new Error(`ressource ${res.id} non résolue`);
  return r;
}

export const geoPipeline: Pipeline = {
  family: 'geo',
  resources: Object.values(GEO_RESOURCES),
  async run(_ctx, inputs): Promise<PipelineOutput> {
    const R = GEO_RESOURCES;
    const stats: Record<string, SourceStats> = {};
    const st = (res: Resource) => (stats[res.id] ??= emptyStats());
    const territories: TerritoryRow[] = [];
    const aliases: AliasRow[] = [];

    // Régions
    const reg = readCsvFile(need(inputs, R.regions).path, {
      encoding: 'utf-8',
      required: ['reg', 'libelle'],
    });
    const regions = new Map<string, string>();
    for (const row of reg.rows) {
      st(R.regions).rows_read++;
      const code = row.get('reg').trim();
      if (!/^\d{2}$/.test(code))
        throw new InputError(
          { file: reg.file, line: row.line, column: 'REG' },
          `code région à 2 chiffres attendu, trouvé « ${code} »`,
        );
      if (regions.has(code))
        throw new InputError(
          { file: reg.file, line: row.line, column: 'REG' },
          `code région ${code} en double`,
        );
      regions.set(code, row.get('libelle'));
      territories.push({ level: 'region', code, name: row.get('libelle'), region: code });
      st(R.regions).rows_kept++;
    }
    territories.push({ level: 'france', code: 'FR', name: 'France' });

    // Départements
    const dep = readCsvFile(need(inputs, R.departements).path, {
      encoding: 'utf-8',
      required: ['dep', 'reg', 'libelle'],
    });
    const departements = new Map<string, { name: string; region: string }>();
    for (const row of dep.rows) {
      st(R.departements).rows_read++;
      const code = row.get('dep').trim();
      const region = row.get('reg').trim();
      if (!/^(\d{2}|2A|2B|97\d)$/.test(code))
        throw new InputError(
          { file: dep.file, line: row.line, column: 'DEP' },
          `code département inattendu « ${code} »`,
        );
      if (!regions.has(region))
        throw new InputError(
          { file: dep.file, line: row.line, column: 'REG' },
          `région inconnue « ${region} »`,
        );
      if (departements.has(code))
        throw new InputError(
          { file: dep.file, line: row.line, column: 'DEP' },
          `département ${code} en double`,
        );
      departements.set(code, { name: row.get('libelle'), region });
      territories.push({ level: 'departement', code, name: row.get('libelle'), departement: code, region });
      st(R.departements).rows_kept++;
    }

    // EPCI membership (DGCL)
    const epci = readCsvFile(need(inputs, R.epcicom).path, {
      encoding: 'utf-8',
      required: ['siren', 'raison_sociale', 'nature_juridique', 'insee'],
    });
    const epciOf = new Map<string, string>();
    const epcis = new Map<
      string,
      { name: string; nature: string; regions: Set<string>; deps: Set<string>; members: number }
    >();
    for (const row of epci.rows) {
      st(R.epcicom).rows_read++;
      const commune = row.get('insee').trim();
      const siren = row.get('siren').trim();
      if (!/^\d{9}$/.test(siren))
        throw new InputError(
          { file: epci.file, line: row.line, column: 'siren' },
          `SIREN à 9 chiffres attendu, trouvé « ${siren} »`,
        );
      if (epciOf.has(commune))
        throw new InputError(
          { file: epci.file, line: row.line, column: 'insee' },
          `commune ${commune} rattachée à deux EPCI`,
        );
      epciOf.set(commune, siren);
      if (!epcis.has(siren)) {
        epcis.set(siren, {
          name: row.get('raison_sociale'),
          nature: row.get('nature_juridique'),
          regions: new Set(),
          deps: new Set(),
          members: 0,
        });
      }
      st(R.epcicom).rows_kept++;
    }

    // EPT (MGP)
    const liste = readCsvFile(need(inputs, R.eptListe).path, {
      encoding: 'utf-8',
      required: ['territoire_mgp', 'ept', 'libept', 'nb_com'],
    });
    const eptByT = new Map<string, { code: string; name: string; deps: string }>();
    for (const row of liste.rows) {
      st(R.eptListe).rows_read++;
      const t = row.get('territoire_mgp').trim();
      const siren = row.get('ept').trim();
      const code = t === 'T1' ? PARIS_EPT_CODE : siren;
      const name = t === 'T1' ? 'Paris' : row.get('libept');
      if (!/^\d{9}$/.test(code))
        throw new InputError(
          { file: liste.file, line: row.line, column: 'EPT' },
          `SIREN attendu, trouvé « ${siren} »`,
        );
      eptByT.set(t, { code, name, deps: row.get('deps') });
      st(R.eptListe).rows_kept++;
    }
    const comp = readCsvFile(need(inputs, R.eptComposition).path, {
      encoding: 'utf-8',
      required: ['codgeo', 'ept', 'libept', 'territoire_mgp'],
    });
    const eptOf = new Map<string, string>();
    for (const row of comp.rows) {
      st(R.eptComposition).rows_read++;
      const t = row.get('territoire_mgp').trim();
      const e = eptByT.get(t);
      if (!e)
        throw new InputError(
          { file: comp.file, line: row.line, column: 'TERRITOIRE_MGP' },
          `territoire inconnu « ${t} »`,
        );
      const commune = row.get('codgeo').trim();
      if (eptOf.has(commune))
        throw new InputError(
          { file: comp.file, line: row.line, column: 'CODGEO' },
          `commune ${commune} en double`,
        );
      eptOf.set(commune, e.code);
      st(R.eptComposition).rows_kept++;
    }

    // Communes (COG): COM rows are communes; COMD/COMA/ARM become aliases of their parent.
    const cog = readCsvFile(need(inputs, R.communes).path, {
      encoding: 'utf-8',
      required: ['typecom', 'com', 'reg', 'dep', 'libelle', 'comparent'],
    });
    const communeCodes = new Set<string>();
    const pending: AliasRow[] = [];
    for (const row of cog.rows) {
      st(R.communes).rows_read++;
      const type = row.get('typecom').trim();
      const code = row.get('com').trim();
      const name = row.get('libelle');
      if (!/^(\d{5}|2[AB]\d{3})$/.test(code))
        throw new InputError(
          { file: cog.file, line: row.line, column: 'COM' },
          `code commune à 5 caractères attendu, trouvé « ${code} »`,
        );
      if (type === 'COM') {
        if (communeCodes.has(code))
          throw new InputError(
            { file: cog.file, line: row.line, column: 'COM' },
            `commune ${code} en double`,
          );
        const d = row.get('dep').trim();
        const depInfo = departements.get(d);
        if (!depInfo)
          throw new InputError(
            { file: cog.file, line: row.line, column: 'DEP' },
            `département inconnu « ${d} »`,
          );
        communeCodes.add(code);
        const e = epciOf.get(code) ?? null;
        if (e) {
          const info = epcis.get(e)!;
          info.regions.add(depInfo.region);
          info.deps.add(d);
          info.members++;
        }
        const ept = eptOf.get(code) ?? null;
        territories.push({
          level: 'commune',
          code,
          name,
          departement: d,
          region: depInfo.region,
          epci: e,
          ept,
        });
        st(R.communes).rows_kept++;
      } else if (type === 'COMD' || type === 'COMA' || type === 'ARM') {
        const parent = row.get('comparent').trim();
        if (parent) {
          const kind =
            type === 'ARM' ? 'arrondissement' : type === 'COMD' ? 'commune_deleguee' : 'commune_associee';
          pending.push({ level: 'commune', alias: code, alias_name: name, code: parent, kind });
        }
        st(R.communes).rows_kept++;
      } else {
        throw new InputError(
          { file: cog.file, line: row.line, column: 'TYPECOM' },
          `type de commune inattendu « ${type} »`,
        );
      }
    }
    for (const a of pending) {
      if (!communeCodes.has(a.code))
        throw new InputError(
          { file: cog.file, column: 'COMPARENT' },
          `commune parente ${a.code} de ${a.alias} absente`,
        );
      aliases.push(a);
    }
    for (const [commune] of epciOf) {
      if (!communeCodes.has(commune))
        st(R.epcicom).notes = [...(st(R.epcicom).notes ?? []), `commune ${commune} hors COG 2025`];
    }
    for (const [commune] of eptOf) {
      if (!communeCodes.has(commune))
        throw new InputError({ file: comp.file, column: 'CODGEO' }, `commune ${commune} absente du COG 2025`);
    }

    for (const [code, info] of epcis) {
      const regionsList = [...info.regions];
      territories.push({
        level: 'epci',
        code,
        name: info.name,
        region: regionsList.length === 1 ? regionsList[0] : null,
        departement: info.deps.size === 1 ? [...info.deps][0] : null,
        epci: code,
        extra: { nature_juridique: info.nature, departements: [...info.deps].sort(), membres: info.members },
      });
    }
    // An EPT's département is the one holding most of its communes (T12 Grand-Orly Seine Bièvre: 94,
    // not 91); all of them are kept in `extra.departements`, most communes first.
    const depOfCommune = new Map(
      territories.filter((x) => x.level === 'commune').map((x) => [x.code, x.departement ?? '']),
    );
    for (const [t, e] of eptByT) {
      const counts = new Map<string, number>();
      for (const [commune, ept] of eptOf) {
        if (ept !== e.code) continue;
        const d = depOfCommune.get(commune) ?? '';
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
      const listed = e.deps.split(/\s+/).filter(Boolean);
      const deps = [...listed].sort(
        (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
      );
      territories.push({
        level: 'ept',
        code: e.code,
        name: e.name,
        region: '11',
        departement: deps[0] ?? null,
        ept: e.code,
        epci: '200054781',
        extra: { territoire_mgp: t, departements: deps },
      });
      aliases.push({ level: 'ept', alias: t, alias_name: e.name, code: e.code, kind: 'territoire_mgp' });
    }

    // Crosswalk 2018 → 2025
    const cw = readCsvFile(need(inputs, R.crosswalk).path, {
      encoding: 'utf-8',
      required: ['code_2018', 'code_2025', 'changed'],
    });
    const seenAlias = new Set(aliases.filter((a) => a.level === 'commune').map((a) => a.alias));
    for (const row of cw.rows) {
      st(R.crosswalk).rows_read++;
      const from = row.get('code_2018').trim();
      const to = row.get('code_2025').trim();
      if (!communeCodes.has(to))
        throw new InputError(
          { file: cw.file, line: row.line, column: 'code_2025' },
          `code ${to} absent du COG 2025`,
        );
      if (from !== to && !seenAlias.has(from) && !communeCodes.has(from)) {
        aliases.push({ level: 'commune', alias: from, alias_name: null, code: to, kind: 'ancien_code' });
        seenAlias.add(from);
      }
      st(R.crosswalk).rows_kept++;
    }

    // Layers
    const geoLayers: GeoLayerRow[] = [];
    const franceRes = need(inputs, R.france);
    const franceText = readFileSync(franceRes.path, 'utf8');
    const france = parseTopology(franceText, R.france.file, ['communes', 'departements', 'regions']);
    const franceCount = (france.objects.communes as GeometryCollection).geometries.length;
    for (const g of (france.objects.communes as GeometryCollection).geometries) {
      const code = String((g.properties as { code?: string } | undefined)?.code ?? '');
      if (!communeCodes.has(code))
        throw new InputError({ file: R.france.file }, `commune ${code} du fond de carte absente du COG 2025`);
    }
    rewindTopologyForD3(france);
    st(R.france).rows_read = franceCount;
    st(R.france).rows_kept = franceCount;
    geoLayers.push({
      id: 'france',
      title: 'Communes, départements et régions de France',
      source_ids: [R.france.id],
      features: franceCount,
      content: JSON.stringify(france),
    });

    const idf = parseFeatureCollection(readFileSync(need(inputs, R.idf).path, 'utf8'), R.idf.file, 'code');
    const slim: FeatureCollection = { type: 'FeatureCollection', features: [] };
    for (const f of idf.features) {
      const p = f.properties as Record<string, string>;
      if (!communeCodes.has(p.code ?? ''))
        throw new InputError({ file: R.idf.file }, `commune ${p.code} absente du COG 2025`);
      slim.features.push({
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          code: p.code,
          nom: p.nom,
          dep: p.departement,
          ept: eptOf.get(p.code!) ?? null,
          epci: p.epci || null,
        },
      });
    }
    st(R.idf).rows_read = idf.features.length;
    st(R.idf).rows_kept = slim.features.length;
    const idfTopo = toTopology({ communes: slim }, 1e5);
    rewindTopologyForD3(idfTopo);
    const communesObj = idfTopo.objects.communes as GeometryCollection<{ dep: string; ept: string | null }>;
    const group = (key: 'dep' | 'ept') => {
      const by = new Map<string, Array<Polygon | MultiPolygon>>();
      for (const g of communesObj.geometries) {
        const k = (g.properties as { dep?: string; ept?: string | null } | undefined)?.[key];
        if (!k) continue;
        if (!by.has(k)) by.set(k, []);
        by.get(k)!.push(g as Polygon | MultiPolygon);
      }
      return {
        type: 'GeometryCollection' as const,
        geometries: [...by].map(([code, geoms]) => ({ ...mergeArcs(idfTopo, geoms), properties: { code } })),
      };
    };
    idfTopo.objects.departements = group('dep');
    idfTopo.objects.ept = group('ept');
    geoLayers.push({
      id: 'communes-idf',
      title: 'Communes d’Île-de-France, avec départements et EPT',
      source_ids: [R.idf.id, R.eptComposition.id],
      features: slim.features.length,
      content: JSON.stringify(idfTopo),
    });

    const eptFc = parseFeatureCollection(
      readFileSync(need(inputs, R.ept).path, 'utf8'),
      R.ept.file,
      'territoire_mgp',
    );
    for (const f of eptFc.features) {
      const p = f.properties as Record<string, unknown>;
      const e = eptByT.get(String(p.territoire_mgp));
      if (!e)
        throw new InputError({ file: R.ept.file }, `territoire inconnu « ${String(p.territoire_mgp)} »`);
      f.properties = { code: e.code, nom: e.name, territoire_mgp: p.territoire_mgp };
    }
    st(R.ept).rows_read = st(R.ept).rows_kept = eptFc.features.length;
    geoLayers.push({
      id: 'ept',
      title: 'Territoires de la Métropole du Grand Paris (T1–T12)',
      source_ids: [R.ept.id],
      features: eptFc.features.length,
      content: JSON.stringify(rewound(toTopology({ ept: eptFc }, 1e5))),
    });

    return { territories, aliases, geoLayers, stats };
  },
};
