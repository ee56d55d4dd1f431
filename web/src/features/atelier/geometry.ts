/** The communes of one EPT, projected with d3-geo from the `communes-idf` TopoJSON layer. */
import { geoConicConformal, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type CommuneProps = { code: string; nom: string; dep: string; ept: string | null };

export interface EptGeometry {
  communes: { code: string; nom: string; d: string; centroid: [number, number]; area: number }[];
  /** Outline of the EPT (outer border of its communes). */
  outline: string;
}

export function eptGeometry(topo: Topology, ept: string, width: number, height: number): EptGeometry {
  const all = feature(topo, topo.objects.communes as GeometryCollection<CommuneProps>) as FeatureCollection<
    Geometry,
    CommuneProps
  >;
  const features = all.features.filter((f) => f.properties.ept === ept);
  const fc: FeatureCollection<Geometry, CommuneProps> = { type: 'FeatureCollection', features };
  if (!features.length) return { communes: [], outline: '' };
  const projection = geoConicConformal()
    .parallels([44, 49])
    .rotate([-3, 0])
    .fitExtent(
      [
        [8, 8],
        [width - 8, height - 8],
      ],
      fc,
    );
  const path = geoPath(projection);
  const geoms = (topo.objects.communes as GeometryCollection<CommuneProps>).geometries.filter(
    (g) => (g.properties as CommuneProps | undefined)?.ept === ept,
  );
  const outline =
    path(
      mesh(topo, { type: 'GeometryCollection', geometries: geoms } as GeometryCollection, (a, b) => a === b),
    ) ?? '';
  return {
    communes: features.map((f: Feature<Geometry, CommuneProps>) => ({
      code: f.properties.code,
      nom: f.properties.nom,
      d: path(f) ?? '',
      centroid: path.centroid(f) as [number, number],
      area: path.area(f),
    })),
    outline,
  };
}
