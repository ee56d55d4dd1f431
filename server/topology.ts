/**
 * Extraction of some objects of a TopoJSON topology into a smaller topology: the objects are kept as
 * they are, only the arcs they use are kept (renumbered), the quantization transform is unchanged.
 * Geometry is not recomputed, so borders stay exactly shared with the source topology.
 */
import type { Topology } from 'topojson-specification';

type GeometryObject = Topology['objects'][string];

type ArcRef = number;

/** Applies `f` to every arc index of a geometry object (TopoJSON: ~i = arc i reversed). */
function mapArcs(g: GeometryObject, f: (i: ArcRef) => ArcRef): GeometryObject {
  switch (g.type) {
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((x) => mapArcs(x, f)) };
    case 'LineString':
      return { ...g, arcs: g.arcs.map(f) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, arcs: g.arcs.map((ring) => ring.map(f)) } as GeometryObject;
    case 'MultiPolygon':
      return { ...g, arcs: g.arcs.map((poly) => poly.map((ring) => ring.map(f))) };
    default:
      return g;
  }
}

export function extractObjects(topo: Topology, names: string[]): Topology {
  const used = new Map<number, number>();
  const arcs: Topology['arcs'] = [];
  const objects: Topology['objects'] = {};
  for (const name of names) {
    const obj = topo.objects[name];
    if (!obj) throw new Error(`objet « ${name} » absent de la topologie`);
    objects[name] = mapArcs(obj, (ref) => {
      const i = ref < 0 ? ~ref : ref;
      let j = used.get(i);
      if (j === undefined) {
        const arc = topo.arcs[i];
        if (!arc) throw new Error(`arc ${i} absent de la topologie`);
        j = arcs.length;
        arcs.push(arc);
        used.set(i, j);
      }
      return ref < 0 ? ~j : j;
    });
  }
  const out: Topology = { type: 'Topology', objects, arcs };
  if (topo.transform) out.transform = topo.transform;
  if (topo.bbox) out.bbox = topo.bbox;
  return out;
}
