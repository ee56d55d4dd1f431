/**
 * One SRU record per commune, inventory year and file, and the observations it gives: logements
 * sociaux, résidences principales (published, or deduced from the rounded rate with their interval),
 * taux, taux cible, logements manquants (never for an exempted commune), statuses and levy, with the
 * contradictions of the source flagged `incoherent` in plain French.
 */
import type { Flag } from '../../core/registry.js';
import type { Location } from '../lib/errors.js';
import type { ObservationRow } from '../lib/pipeline.js';
import { parseFrenchNumber } from '../lib/values.js';

/** One cell: a number, or a missing value with its reason, and the states the source gave it. */
export interface Cell {
  value: number | null;
  /** Why the value is missing (when null). */
  mask?: string;
  flags?: Flag[];
  /** The producer's own text, kept when it was not a plain number. */
  raw?: string;
  note?: string;
}

export interface SruRecord {
  code: string;
  /** Inventory at 1 January of this year. */
  year: number;
  sourceId: string;
  lls: Cell;
  taux?: Cell;
  /** Published résidences principales (history file only). */
  rp?: Cell;
  cible?: Cell;
  deficitaire?: boolean | null;
  carencee?: boolean | null;
  exemptee?: boolean | null;
  prelevement?: Cell;
  /** Flags of every observation of the record (e.g. `derived`). */
  flags: Flag[];
  note?: string;
}

export const NOT_INVENTORIED =
  'au-dessus de 25 % (non inventoriée) : la commune dépasse le taux légal et n’est pas inventoriée, le taux exact n’est pas publié';

/** Texts the official SRU files write instead of a number, and the documented state each one means. */
const SRU_TEXTS: Record<string, { mask: string; flags?: Flag[] }> = {
  "pasd'inventaire": { mask: '« Pas d’inventaire » dans la source (commune non inventoriée cette année-là)' },
  nc: { mask: '« NC » dans la source (non communiqué)' },
  horssru: { mask: '« Hors SRU » dans la source (commune hors du champ de l’inventaire)' },
  '>25%': { mask: NOT_INVENTORIED, flags: ['not_inventoried'] },
};

/** One LLS or rate cell of an official SRU file: a number, or one of the producer's documented states. */
export function parseSruCell(raw: string, loc: Location, kind: 'lls' | 'taux'): Cell {
  const text = raw.trim();
  const key = text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, '');
  const known = SRU_TEXTS[key];
  if (known) return { value: null, mask: known.mask, flags: known.flags, raw: text };
  // A rate typed with a semicolon instead of a decimal comma (« 38;62% », Évin-Malmaison): read as 38,62 %.
  if (kind === 'taux' && /^\d{1,3};\d{1,2}\s*%$/.test(text)) {
    const fixed = parseFrenchNumber(text.replace(';', ','), loc);
    return {
      value: fixed.value,
      flags: ['corrected'],
      raw: text,
      note: `taux écrit « ${text} » dans la source, lu ${text.replace(';', ',')} (coquille évidente)`,
    };
  }
  const p = parseFrenchNumber(text, loc, kind === 'lls' ? { integer: true } : {});
  if (p.value === null) return { value: null, mask: p.mask, raw: text };
  if (kind === 'taux' && p.value > 100)
    return {
      value: null,
      flags: ['incoherent'],
      raw: text,
      mask: `taux publié « ${text} » impossible (plus de 100 % des résidences principales) : valeur écartée, à vérifier auprès de la DDT`,
    };
  return { value: p.value, raw: text };
}

/** Résidences principales deduced from LLS and a rate rounded to 0.01 point: value and interval. */
export function deduceRp(lls: number, taux: number): { value: number; low: number; high: number } | null {
  if (!(taux > 0.005) || lls <= 0) return null;
  const value = Math.round((lls * 100) / taux);
  const low = Math.ceil((lls * 100) / (taux + 0.005) - 1e-9);
  const high = Math.floor((lls * 100) / (taux - 0.005) + 1e-9);
  return { value, low: Math.min(low, value), high: Math.max(high, value) };
}

/** Missing dwellings for a target rate (%), never negative, rounded up. */
export function missingDwellings(cible: number, rp: number, lls: number): number {
  return Math.max(0, Math.ceil((cible / 100) * rp - lls - 1e-9));
}

function cellRow(
  r: SruRecord,
  indicator: string,
  cell: Cell,
  extra: Partial<ObservationRow> = {},
  flags: Flag[] = [],
): ObservationRow {
  return {
    indicator,
    level: 'commune',
    code: r.code,
    year: r.year,
    source_id: r.sourceId,
    value: cell.value,
    flags: [...new Set([...r.flags, ...(cell.flags ?? []), ...flags])],
    note:
      [cell.value === null ? cell.mask : undefined, cell.note, r.note].filter(Boolean).join(' ; ') || null,
    // The producer's text travels only where it says more than the number (a state, a correction, a gap).
    raw: cell.value === null || cell.flags?.length ? (cell.raw ?? null) : null,
    ...extra,
  };
}

const flagCell = (v: boolean | null): Cell =>
  v === null ? { value: null, mask: 'non renseigné dans la source' } : { value: v ? 1 : 0 };

/** Turns one commune-year record into observations, with the source's contradictions flagged. */
export function sruObservations(r: SruRecord): ObservationRow[] {
  const out: ObservationRow[] = [];
  const lls = r.lls.value;
  const tauxCell = r.taux;
  const notInventoried = !!tauxCell?.flags?.includes('not_inventoried');
  out.push(cellRow(r, 'sru_lls', r.lls));

  // Résidences principales: published (history), or deduced from the rounded rate with its interval.
  let rp: number | null = r.rp?.value ?? null;
  let rpLow: number | null = null;
  let rpHigh: number | null = null;
  let rpEstimated = false;
  if (r.rp) {
    out.push(cellRow(r, 'sru_residences_principales', r.rp));
  } else if (tauxCell) {
    const d = lls !== null && tauxCell.value !== null ? deduceRp(lls, tauxCell.value) : null;
    if (d) {
      rp = d.value;
      rpLow = d.low;
      rpHigh = d.high;
      rpEstimated = true;
      out.push(
        cellRow(
          r,
          'sru_residences_principales',
          {
            value: d.value,
            note: `déduites du taux arrondi (${lls} ÷ ${tauxCell.value} %) : entre ${d.low} et ${d.high}`,
          },
          { low: d.low, high: d.high },
          ['estimated'],
        ),
      );
    } else {
      out.push(
        cellRow(r, 'sru_residences_principales', {
          value: null,
          mask: notInventoried
            ? 'non calculable : commune non inventoriée (au-dessus du taux légal)'
            : 'non calculable : taux ou logements sociaux absents de la source',
        }),
      );
    }
  }

  // Rate: as published when the source gives one (or its documented state), otherwise LLS ÷ RP.
  if (tauxCell) {
    out.push(
      cellRow(r, 'sru_taux', tauxCell, {
        numerator: tauxCell.value !== null ? lls : null,
        denominator: tauxCell.value !== null ? rp : null,
      }),
    );
  } else if (r.rp) {
    const computable = lls !== null && rp !== null && rp > 0;
    out.push(
      cellRow(
        r,
        'sru_taux',
        computable
          ? { value: Math.round((lls! / rp!) * 10000) / 100 }
          : r.lls.flags?.includes('not_inventoried')
            ? { value: null, mask: NOT_INVENTORIED, flags: ['not_inventoried'] }
            : {
                value: null,
                mask: 'non calculable : logements sociaux ou résidences principales absents',
              },
        { numerator: computable ? lls : null, denominator: computable ? rp : null },
      ),
    );
  }

  const cible = r.cible?.value ?? null;
  if (r.cible) out.push(cellRow(r, 'sru_taux_cible', r.cible));

  // Missing dwellings: none for an exempted commune (not summed), none above the legal rate.
  if (r.cible) {
    let cell: Cell;
    let extra: Partial<ObservationRow> = {};
    let flags: Flag[] = [];
    if (r.exemptee) {
      cell = {
        value: null,
        mask: 'sans objet : commune exemptée des obligations SRU pour la période triennale',
        flags: ['not_applicable'],
      };
    } else if (notInventoried) {
      cell = { value: 0, note: 'au-dessus du taux légal (non inventoriée) : aucun logement manquant' };
    } else if (cible !== null && lls !== null && rp !== null) {
      cell = { value: missingDwellings(cible, rp, lls) };
      extra = { numerator: lls, denominator: rp };
      if (rpEstimated) {
        extra.low = missingDwellings(cible, rpLow!, lls);
        extra.high = missingDwellings(cible, rpHigh!, lls);
        flags = ['estimated'];
        if (extra.low !== extra.high)
          cell.note = `résidences principales déduites d’un taux arrondi : entre ${extra.low} et ${extra.high} logements`;
      }
    } else {
      cell = {
        value: null,
        mask: 'non calculable : taux cible, logements sociaux ou résidences principales absents',
      };
    }
    out.push(cellRow(r, 'sru_logements_manquants', cell, extra, flags));
  }

  // Statuses and levy, with the contradictions of the source flagged in plain French.
  const taux = tauxCell?.value ?? null;
  const levy = r.prelevement?.value ?? null;
  const incoherent = (cell: Cell, why: string): Cell => ({
    ...cell,
    flags: [...(cell.flags ?? []), 'incoherent'],
    note: [cell.note, why].filter(Boolean).join(' ; '),
  });
  if (r.deficitaire !== undefined) {
    let cell = flagCell(r.deficitaire);
    if (r.deficitaire === true && taux !== null && cible !== null && taux - 0.005 >= cible)
      cell = incoherent(
        cell,
        `la source dit la commune déficitaire avec un taux de ${String(taux).replace('.', ',')} %, au-dessus de son taux cible de ${cible} %`,
      );
    if (r.deficitaire === false && taux !== null && cible !== null && taux + 0.005 < cible && !r.exemptee)
      cell = incoherent(
        cell,
        `la source dit la commune non déficitaire avec un taux de ${String(taux).replace('.', ',')} %, sous son taux cible de ${cible} %`,
      );
    out.push(cellRow(r, 'sru_deficitaire', cell));
  }
  const both = r.carencee === true && r.exemptee === true;
  const bothWhy = 'la source dit la commune à la fois carencée et exemptée, ce qui est contradictoire';
  if (r.carencee !== undefined) {
    const cell = flagCell(r.carencee);
    out.push(cellRow(r, 'sru_carencee', both ? incoherent(cell, bothWhy) : cell));
  }
  if (r.exemptee !== undefined) {
    const cell = flagCell(r.exemptee);
    out.push(cellRow(r, 'sru_exemptee', both ? incoherent(cell, bothWhy) : cell));
  }
  if (r.prelevement) {
    let cell = r.prelevement;
    if (r.carencee === true && levy === 0)
      cell = incoherent(
        cell,
        'commune carencée mais prélèvement net nul dans la source : la majoration de carence n’apparaît pas (possible si les dépenses déductibles couvrent le prélèvement ; à vérifier auprès de la DDT)',
      );
    else if (r.deficitaire === false && levy !== null && levy > 0)
      cell = incoherent(
        cell,
        'prélèvement sur une commune que la source dit non déficitaire : l’un des deux est erroné, à vérifier auprès de la DDT',
      );
    out.push(cellRow(r, 'sru_prelevement', cell));
  }
  return out;
}
