/**
 * The map view's state lives in its address, so that reloading or sharing a link restores it:
 * `/carte?indicateur=sru_taux&annee=2025&perimetre=france&zoom=departement:92&commune=92048&limites=departement,ept`.
 */
import { parseZone } from '../../../../core/within';
import type { OutlineKind, Perimeter } from './geo';

export interface MapState {
  indicator: string;
  /** `latest` or a year. */
  year: string;
  perimeter: Perimeter;
  /** Zoom zone as `level:code` (département, EPT, EPCI, région), or null for the whole perimeter. */
  zoom: string | null;
  /** Selected commune (highlighted, details shown). */
  commune: string | null;
  outlines: OutlineKind[];
}

export const DEFAULT_INDICATOR = 'sru_taux';
const OUTLINES: OutlineKind[] = ['region', 'departement', 'ept', 'epci'];
export const DEFAULT_OUTLINES: Record<Perimeter, OutlineKind[]> = {
  idf: ['departement', 'ept'],
  france: ['region', 'departement'],
};

export function parseMapState(search: URLSearchParams): MapState {
  const perimeter: Perimeter = search.get('perimetre') === 'france' ? 'france' : 'idf';
  const year = search.get('annee');
  const zoom = search.get('zoom');
  const commune = search.get('commune');
  const limites = search.get('limites');
  return {
    indicator: search.get('indicateur') || DEFAULT_INDICATOR,
    year: year && /^\d{4}$/.test(year) ? year : 'latest',
    perimeter,
    zoom: zoom && parseZone(zoom) ? zoom : null,
    commune: commune && /^[0-9][0-9AB][0-9]{3}$/.test(commune) ? commune : null,
    outlines:
      limites === null
        ? DEFAULT_OUTLINES[perimeter]
        : limites.split(',').filter((x): x is OutlineKind => (OUTLINES as string[]).includes(x)),
  };
}

/** Query parameters of a state; defaults are left out so that addresses stay short. */
export function mapStateQuery(s: MapState): Record<string, string | null> {
  const outlines = [...s.outlines].sort().join(',');
  return {
    indicateur: s.indicator === DEFAULT_INDICATOR ? null : s.indicator,
    annee: s.year === 'latest' ? null : s.year,
    perimetre: s.perimeter === 'idf' ? null : s.perimeter,
    zoom: s.zoom,
    commune: s.commune,
    limites: outlines === [...DEFAULT_OUTLINES[s.perimeter]].sort().join(',') ? null : outlines || 'aucune',
  };
}

/** Scope of the values request for the whole perimeter. */
export function perimeterWithin(p: Perimeter): string {
  return p === 'idf' ? 'region:11' : 'france';
}
