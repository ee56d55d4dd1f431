/**
 * Geometry checks and TopoJSON building. A broken ring (unclosed, too few points, non-finite or
 * out-of-range coordinates) is an InputError naming the file, the feature and its code.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { geoArea } from 'd3-geo';
import { feature as topoFeature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { InputError } from './errors.js';

function checkRing(ring: Position[], file: string, label: string): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    throw new InputError({ file }, `${label} : anneau de ${ring?.length ?? 0} points (4 au minimum)`);
  }
  for (const p of ring) {
    const [x, y] = p as [number, number];
    if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) {
      throw new InputError({ file }, `${label} : coordonnée invalide [${String(x)}, ${String(y)}]`);
    }
  }
  const a = ring[0]!;
  const b = ring[ring.length - 1]!;
  if (a[0] !== b[0] || a[1] !== b[1]) throw new InputError({ file }, `${label} : anneau non fermé`);
}

export function checkGeometry(g: Geometry | null, file: string, label: string): void {
  if (!g) throw new InputError({ file }, `${label} : géométrie absente`);
  if (g.type === 'Polygon') {
    if (!g.coordinates.length) throw new InputError({ file }, `${label} : polygone vide`);
    g.coordinates.forEach((r) => checkRing(r, file, label));
  } else if (g.type === 'MultiPolygon') {
    if (!g.coordinates.length) throw new InputError({ file }, `${label} : multipolygone vide`);
    g.coordinates.forEach((poly) => poly.forEach((r) => checkRing(r, file, label)));
  } else {
    throw new InputError(
      { file },
      `${label} : type de géométrie inattendu ${g.type} (Polygon ou MultiPolygon attendu)`,
    );
  }
}

/** Parses a GeoJSON FeatureCollection and checks every feature. */
export function parseFeatureCollection(text: string, file: string, codeProp: string): FeatureCollection {
  let fc: FeatureCollection;
  try {
    fc = JSON.parse(text) as FeatureCollection;
  } catch (err) {
    throw new InputError({ file }, `GeoJSON illisible (${(err as Error).message})`);
  }
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new InputError({ file }, 'FeatureCollection GeoJSON attendue');
  }
  fc.features.forEach((f: Feature, i) => {
    const code = String(f.properties?.[codeProp] ?? '?');
    checkGeometry(f.geometry, file, `entité ${i + 1} (${codeProp} ${code})`);
  });
  return fc;
}

/** Parses a TopoJSON topology and checks the named objects decode to valid polygons. */
export function parseTopology(text: string, file: string, objects: string[]): Topology {
  let topo: Topology;
  try {
    topo = JSON.parse(text) as Topology;
  } catch (err) {
    throw new InputError({ file }, `TopoJSON illisible (${(err as Error).message})`);
  }
  if (topo?.type !== 'Topology' || !topo.objects)
    throw new InputError({ file }, 'Topology TopoJSON attendue');
  for (const name of objects) {
    const obj = topo.objects[name] as GeometryCollection | undefined;
    if (!obj) throw new InputError({ file }, `objet « ${name} » absent de la topologie`);
    const fc = topoFeature(topo, obj) as FeatureCollection;
    fc.features.forEach((f, i) =>
      checkGeometry(f.geometry, file, `${name}, entité ${i + 1} (code ${String(f.properties?.code ?? '?')})`),
    );
  }
  return topo;
}

export function toTopology(objects: Record<string, FeatureCollection>, quantization = 1e5): Topology {
  return topology(objects, quantization) as unknown as Topology;
}

type ArcRings = number[][];

/**
 * d3-geo draws spherical polygons and expects exterior rings clockwise; RFC 7946 GeoJSON (and the
 * mapshaper output in the mirror) winds them counter-clockwise, which d3 reads as « the whole globe
 * minus the commune ». A polygon whose spherical area exceeds a hemisphere is inverted: its rings
 * are reversed in place (arc order reversed, each arc index complemented). Returns how many were fixed.
 */
export function rewindTopologyForD3(topo: Topology): number {
  let fixed = 0;
  const reverseRings = (rings: ArcRings) =>
    rings.forEach((ring, i) => (rings[i] = ring.reverse().map((a) => ~a)));
  for (const obj of Object.values(topo.objects)) {
    const geoms = obj.type === 'GeometryCollection' ? obj.geometries : [obj];
    for (const g of geoms) {
      if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
      const f = topoFeature(topo, g) as Feature;
      if (geoArea(f) <= 2 * Math.PI) continue;
      if (g.type === 'Polygon') reverseRings(g.arcs as ArcRings);
      else (g.arcs as ArcRings[]).forEach(reverseRings);
      fixed++;
    }
  }
  return fixed;
}
