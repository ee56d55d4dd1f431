/**
 * Map geometry: TopoJSON layers turned into projected shapes once per perimeter. Île-de-France uses a
 * Lambert conformal conic projection; France adds insets for the five overseas départements. Shapes
 * are projected once into a fixed base frame (`width × height`); zooming only changes the view box
 * (SVG) or the canvas transform, never the projection.
 */
import { geoConicConformal, geoMercator, geoPath, type GeoContext, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';

export type Perimeter = 'idf' | 'france';
export type OutlineKind = 'departement' | 'region' | 'ept' | 'epci';

export interface CommuneProps {
  code: string;
  nom: string;
  dep: string;
  region: string | null;
  epci: string | null;
  ept: string | null;
}
export type CommuneFeature = Feature<Geometry, CommuneProps>;
export type Box = [[number, number], [number, number]];

export interface Inset {
  dep: string;
  name: string;
  box: Box;
}

export interface MapBase {
  perimeter: Perimeter;
  width: number;
  height: number;
  /** Communes in drawing order (only their properties: shapes come through the methods below). */
  features: { properties: CommuneProps }[];
  index: Map<string, number>;
  /** Overseas insets (France only), framed and labelled on the map. */
  insets: Inset[];
  /** Outline kinds this layer can draw. */
  outlineKinds: OutlineKind[];
  /** Projected SVG path of a commune (strings, for SVG maps and exports). */
  pathOf(i: number, digits?: number): string;
  /** Projected outline mesh as an SVG path string ('' until `loadOutline` resolved, for a packed layer). */
  outline(kind: OutlineKind): string;
  /** Makes an outline available (computed elsewhere, e.g. in the worker); absent when `outline` is synchronous. */
  loadOutline?(kind: OutlineKind): Promise<void>;
  /** Bounding box of a commune in the base frame. */
  boundsOf(i: number): Box;
  /** Streams a projected commune into a canvas-like context (e.g. a Path2D). */
  renderInto(i: number, context: GeoContext): void;
}

const INSET_NAMES: Record<string, string> = {
  '971': 'Guadeloupe',
  '972': 'Martinique',
  '973': 'Guyane',
  '974': 'La Réunion',
  '976': 'Mayotte',
};

type RawProps = Record<string, string | null | undefined>;

function normalise(p: RawProps, region: string | null): CommuneProps {
  return {
    code: String(p.code ?? ''),
    nom: String(p.nom ?? p.code ?? ''),
    dep: String(p.dep ?? p.departement ?? ''),
    region: p.region ?? region,
    epci: p.epci || null,
    ept: p.ept || null,
  };
}

/**
 * What a projection is fitted to: the zone's départements when the layer has them (a few hundred
 * points instead of every commune vertex), else the communes themselves.
 */
function coarse(topo: Topology, zone: string, communes: CommuneFeature[]): FeatureCollection {
  const deps = topo.objects.departements;
  if (deps && deps.type === 'GeometryCollection') {
    const fc = feature(topo, {
      ...deps,
      geometries: deps.geometries.filter((g) => zoneOf(depOfGeom(g)) === zone),
    }) as FeatureCollection;
    if (fc.features.length) return fc;
  }
  return { type: 'FeatureCollection', features: communes };
}

function lambert(): GeoProjection {
  return geoConicConformal().parallels([44, 49]).rotate([-3, 0]).precision(0);
}

const depOfGeom = (g: { properties?: unknown }): string => {
  const p = (g.properties ?? {}) as RawProps;
  return String(p.dep ?? p.departement ?? p.code ?? '');
};
const zoneOf = (dep: string): string => (dep.startsWith('97') ? dep : 'metro');

/** Builds the projected base of a perimeter from its TopoJSON layer. */
export function buildBase(topo: Topology, perimeter: Perimeter): MapBase {
  const communesObj = topo.objects.communes as GeometryCollection<RawProps>;
  const fc = feature(topo, communesObj) as FeatureCollection<Geometry, RawProps>;
  const features: CommuneFeature[] = fc.features.map((f) => ({
    type: 'Feature',
    geometry: f.geometry,
    properties: normalise(f.properties ?? {}, perimeter === 'idf' ? '11' : null),
  }));
  const index = new Map(features.map((f, i) => [f.properties.code, i]));

  let width: number;
  let height: number;
  const projections = new Map<string, GeoProjection>();
  const insets: Inset[] = [];
  if (perimeter === 'idf') {
    width = 800;
    height = 640;
    projections.set('metro', lambert().fitSize([width, height], coarse(topo, 'metro', features)));
  } else {
    width = 800;
    height = 700;
    const byZone = new Map<string, CommuneFeature[]>();
    for (const f of features) {
      const z = zoneOf(f.properties.dep);
      if (!byZone.has(z)) byZone.set(z, []);
      byZone.get(z)!.push(f);
    }
    const metro = byZone.get('metro') ?? [];
    projections.set(
      'metro',
      lambert().fitExtent(
        [
          [150, 8],
          [width - 8, height - 8],
        ],
        coarse(topo, 'metro', metro),
      ),
    );
    const overseas = [...byZone.keys()].filter((z) => z !== 'metro').sort();
    const side = Math.min(128, (height - 16) / Math.max(1, overseas.length) - 22);
    overseas.forEach((dep, i) => {
      const y0 = 8 + i * (side + 22);
      const box: Box = [
        [8, y0],
        [8 + side, y0 + side],
      ];
      projections.set(
        dep,
        geoMercator()
          .precision(0)
          .fitExtent(
            [
              [box[0][0] + 4, box[0][1] + 4],
              [box[1][0] - 4, box[1][1] - 4],
            ],
            coarse(topo, dep, byZone.get(dep)!),
          ),
      );
      insets.push({ dep, name: INSET_NAMES[dep] ?? dep, box });
    });
  }
  const metro = projections.get('metro')!;
  const projOf = (dep: string) => projections.get(zoneOf(dep)) ?? metro;
  const paths = new Map<string, ReturnType<typeof geoPath>>();
  const pathFn = (dep: string, digits: number) => {
    const key = `${zoneOf(dep)}|${digits}`;
    let p = paths.get(key);
    if (!p) {
      p = geoPath(projOf(dep)).digits(digits);
      paths.set(key, p);
    }
    return p;
  };

  const streams = new Map<string, ReturnType<typeof geoPath>>();
  const bounds: (Box | undefined)[] = [];
  const outlines = new Map<OutlineKind, string>();

  // One mesh per projection zone, each over that zone's geometries only.
  const meshPath = (
    obj: Topology['objects'][string] | undefined,
    filter: (a: GeometryObject, b: GeometryObject) => boolean,
  ): string => {
    if (!obj || obj.type !== 'GeometryCollection') return '';
    const byZone = new Map<string, (typeof obj.geometries)[number][]>();
    for (const g of obj.geometries) {
      const z = zoneOf(depOfGeom(g));
      if (!byZone.has(z)) byZone.set(z, []);
      byZone.get(z)!.push(g);
    }
    return [...byZone]
      .map(([z, geometries]) => {
        const sub = { type: 'GeometryCollection', geometries } as Parameters<typeof mesh>[1];
        const proj = projections.get(z);
        return proj ? (geoPath(proj).digits(2)(mesh(topo, sub, filter)) ?? '') : '';
      })
      .join('');
  };
  const prop = (g: GeometryObject, k: string) => ((g.properties ?? {}) as RawProps)[k] ?? null;

  const outlineKinds: OutlineKind[] =
    perimeter === 'idf' ? ['departement', 'ept', 'epci'] : ['region', 'departement', 'epci'];

  return {
    perimeter,
    width,
    height,
    features,
    index,
    insets,
    outlineKinds,
    pathOf(i, digits = 2) {
      const f = features[i]!;
      return pathFn(f.properties.dep, digits)(f) ?? '';
    },
    renderInto(i, context) {
      const f = features[i]!;
      const z = zoneOf(f.properties.dep);
      let p = streams.get(z);
      if (!p) {
        p = geoPath(projOf(f.properties.dep));
        streams.set(z, p);
      }
      p.context(context)(f);
    },
    boundsOf(i) {
      let b = bounds[i];
      if (!b) {
        const f = features[i]!;
        b = pathFn(f.properties.dep, 2).bounds(f) as Box;
        bounds[i] = b;
      }
      return b;
    },
    outline(kind) {
      let d = outlines.get(kind);
      if (d === undefined) {
        const o = topo.objects;
        if (kind === 'departement') d = meshPath(o.departements, () => true);
        else if (kind === 'region')
          d = o.regions ? meshPath(o.regions, (a, b) => a !== b) : meshPath(o.departements, () => true);
        else if (kind === 'ept') d = meshPath(o.ept, () => true);
        else d = meshPath(o.communes, (a, b) => a !== b && prop(a, 'epci') !== prop(b, 'epci'));
        outlines.set(kind, d);
      }
      return d;
    },
  };
}

/** Union of boxes, padded and stretched to the aspect ratio of the base frame. */
export function fitBox(boxes: Box[], width: number, height: number, pad = 0.06): Box | null {
  if (!boxes.length) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [[a, b], [c, d]] of boxes) {
    if (!Number.isFinite(a + b + c + d)) continue;
    x0 = Math.min(x0, a);
    y0 = Math.min(y0, b);
    x1 = Math.max(x1, c);
    y1 = Math.max(y1, d);
  }
  if (!Number.isFinite(x0)) return null;
  let w = Math.max(x1 - x0, 4) * (1 + 2 * pad);
  let h = Math.max(y1 - y0, 4) * (1 + 2 * pad);
  const ratio = width / height;
  if (w / h > ratio) h = w / ratio;
  else w = h * ratio;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return [
    [cx - w / 2, cy - h / 2],
    [cx + w / 2, cy + h / 2],
  ];
}
