/**
 * « Où demander » — whom to ask for data that are not open, per territory. The registry's
 * `where_to_ask` entries are templates: `{prefecture}`, `{ddets}`, `{comed}`, `{ccapex}`, `{siao}`,
 * `{dreal}`… (acronyms explained in the glossary of the web app) are replaced by the bodies of the territory's own département(s) and région (« Préfecture
 * du Nord », « DREAL Hauts-de-France »), or by a generic wording (« préfecture de votre département »)
 * when the territory has none (France). Never another département's bodies.
 *
 * Usage (API, web app, anyone): `resolveWhereToAsk(def.where_to_ask, { departements: ['59'] })`.
 * No dependency but the COG table (`places.ts`): the web app imports it directly.
 */
import { DEPARTEMENTS, REGIONS, type DepartementPlace, type RegionPlace } from './places.js';

export interface WhereToAsk {
  /** Who holds the data (service, administration, association). */
  publisher: string;
  /** What to ask for, in words a volunteer can reuse in a request. */
  ask: string;
  /** A page to start from (publisher's site or the closest published table), if one is known. */
  url?: string;
}

/** A registry entry: texts may hold `{body}` placeholders; a région may have its own starting page. */
export interface WhereToAskTemplate extends WhereToAsk {
  url_by_region?: Record<string, string>;
}

/** The territory the request is about: its département(s) (most communes first) and région. */
export interface Place {
  departements?: readonly string[];
  region?: string | null;
}

/** Île-de-France: the State's housing and shelter services of Paris and the petite couronne are DRIHL units. */
const DRIHL_UNITS = new Set(['75', '92', '93', '94']);
const OVERSEAS_REGIONS = new Set(['01', '02', '03', '04', '06']);

type Scope = { deps: DepartementPlace[]; region: RegionPlace | null };

/** One body: its wording for a département, for a région seen as a whole, and with no territory. */
interface Body {
  dep: (d: DepartementPlace) => string;
  region: (r: RegionPlace) => string;
  none: string;
}

function stateServices(d: DepartementPlace): string {
  if (DRIHL_UNITS.has(d.code)) return `DRIHL Île-de-France, unité départementale ${d.of}`;
  if (OVERSEAS_REGIONS.has(d.region)) return `DEETS ${d.of}`;
  return `DDETS ${d.of}`;
}

function regionalServices(r: RegionPlace): string {
  if (r.code === '11') return 'DRIHL Île-de-France';
  if (OVERSEAS_REGIONS.has(r.code)) return `DEAL ${r.of}`;
  return `DREAL ${r.name}`;
}

/** The bodies a template may name, and how each reads. */
export const BODIES: Record<string, Body> = {
  prefecture: {
    dep: (d) => `Préfecture ${d.of}`,
    region: (r) => `préfectures des départements de la région ${r.name}`,
    none: 'préfecture de votre département',
  },
  ddets: {
    dep: stateServices,
    region: (r) =>
      r.code === '11'
        ? 'DRIHL Île-de-France (unités départementales) et DDETS de la grande couronne'
        : `DDETS des départements de la région ${r.name}`,
    none: 'DDETS de votre département (en Île-de-France : DRIHL)',
  },
  comed: {
    dep: (d) => `commission de médiation DALO ${d.of} (COMED)`,
    region: (r) => `commissions de médiation DALO des départements de la région ${r.name}`,
    none: 'commission de médiation DALO de votre département (COMED)',
  },
  ccapex: {
    dep: (d) => `CCAPEX ${d.of}`,
    region: (r) => `CCAPEX des départements de la région ${r.name}`,
    none: 'CCAPEX de votre département',
  },
  siao: {
    dep: (d) => `SIAO ${d.of} (115)`,
    region: (r) => `SIAO des départements de la région ${r.name}`,
    none: 'SIAO de votre département (115)',
  },
  conseil_departemental: {
    dep: (d) => (d.code === '75' ? 'Ville de Paris' : `Conseil départemental ${d.of}`),
    region: (r) => `conseils départementaux de la région ${r.name}`,
    none: 'conseil départemental de votre département',
  },
  departement: {
    dep: (d) => `${d.name} (${d.code})`,
    region: (r) => `départements de la région ${r.name}`,
    none: 'votre département',
  },
  du_departement: {
    dep: (d) => d.of,
    region: (r) => `des départements de la région ${r.name}`,
    none: 'de votre département',
  },
};

/** Région-level bodies: one per territory, never per département. */
export const REGION_BODIES: Record<string, { region: (r: RegionPlace) => string; none: string }> = {
  dreal: {
    region: regionalServices,
    none: 'DREAL de votre région (en Île-de-France : DRIHL ; outre-mer : DEAL)',
  },
  region: { region: (r) => r.name, none: 'votre région' },
};

function scopeOf(place: Place): Scope {
  const deps = [...new Set(place.departements ?? [])]
    .map((c) => DEPARTEMENTS[c])
    .filter((d): d is DepartementPlace => d !== undefined);
  const regionCode = place.region ?? deps[0]?.region ?? null;
  return { deps, region: regionCode ? (REGIONS[regionCode] ?? null) : null };
}

function fill(text: string, s: Scope): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const body = BODIES[name];
    if (body) {
      if (s.deps.length) return [...new Set(s.deps.map(body.dep))].join(' ou ');
      return s.region ? body.region(s.region) : body.none;
    }
    const reg = REGION_BODIES[name];
    if (reg) {
      const regions = [...new Set(s.deps.map((d) => d.region))].map((c) => REGIONS[c]).filter(Boolean);
      const list = regions.length ? (regions as RegionPlace[]) : s.region ? [s.region] : [];
      return list.length ? list.map(reg.region).join(' ou ') : reg.none;
    }
    return whole;
  });
}

/** A template with its placeholders replaced for a territory (no territory: generic wording). */
export function resolveWhereToAsk(t: WhereToAskTemplate, place: Place = {}): WhereToAsk {
  const s = scopeOf(place);
  const regional = s.region ? t.url_by_region?.[s.region.code] : undefined;
  const url = regional ?? t.url;
  return {
    publisher: capitalize(fill(t.publisher, s)),
    ask: fill(t.ask, s),
    ...(url ? { url } : {}),
  };
}

/** Placeholders of a text that no body answers (a typo in the registry); empty when all are known. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{([a-z_]+)\}/g)]
    .map((m) => m[1]!)
    .filter((n) => !(n in BODIES) && !(n in REGION_BODIES));
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
