/**
 * The argument card built on comparable communes: « Parmi les 10 communes les plus proches de Meudon
 * par la taille et la structure, 7 ont un taux SRU plus élevé ». Pure, unit-tested. Only values of
 * the same inventory are compared; a missing, masked, incoherent or to-be-checked rate is left out
 * and said so.
 */
import { formatNumber } from '../../format';
import {
  fillYear,
  quantityText,
  refText,
  type FicheIndicatorLike,
  type Obs,
  type SourceLike,
  type TerritoryRef,
} from '../../model/fiche';
import { sourceLine } from '../../model/sources';
import type { ArgumentCard } from '../arguments';

/** Flags that keep a rate out of the comparison (same rule as the argument cards). */
const UNUSABLE = ['masked', 'suspect', 'incoherent', 'small_count', 'not_applicable'];

function comparable(o: Obs | null | undefined): o is Obs & { value: number } {
  return !!o && o.value !== null && Number.isFinite(o.value) && !o.flags.some((f) => UNUSABLE.includes(f));
}

export interface PeerArgumentInput {
  territory: TerritoryRef;
  /** The registry entry of `sru_taux`, as the fiche carries it. */
  indicator: FicheIndicatorLike;
  own: Obs | null;
  peers: { code: string; name: string; sru_taux: Obs | null }[];
  criteria: { phrase: string }[];
  sources: Record<string, SourceLike>;
  origin: string;
}

export function peerSruArgument(input: PeerArgumentInput): ArgumentCard | null {
  const { territory: t, indicator: ind, own } = input;
  if (t.level !== 'commune' || !comparable(own)) return null;
  const same = input.peers.filter((p) => comparable(p.sru_taux) && p.sru_taux.year === own.year);
  if (same.length < 5) return null;
  const higher = same.filter((p) => p.sru_taux!.value! > own.value);
  const lower = same.filter((p) => p.sru_taux!.value! < own.value);
  const n = input.peers.length;
  const ref = refText(fillYear(ind.reference, own.year), own.year);
  const x = quantityText(ind, own.value);
  const criteria = input.criteria.map((c) => c.phrase).join(', ');
  const counted =
    same.length === n
      ? ''
      : ` (${formatNumber(same.length)} d’entre elles ont un taux publié à cet inventaire)`;
  const verb = (k: number) => (k > 1 ? 'ont' : 'a');
  const text =
    `Parmi les ${formatNumber(n)} communes les plus proches de ${t.name} par la taille et la structure${counted}, ` +
    `${formatNumber(higher.length)} ${verb(higher.length)} un taux de logements sociaux SRU plus élevé que ${t.name} (${x}) et ` +
    `${formatNumber(lower.length)} un taux plus faible (${ref}).`;
  return {
    id: 'communes-comparables',
    indicator: ind.id,
    text,
    figure: {
      value: higher.length,
      text: `${formatNumber(higher.length)} sur ${formatNumber(same.length)}`,
      year: own.year,
    },
    comparison: same.map((p) => `${p.name} : ${quantityText(ind, p.sru_taux!.value!)}`).join(' ; '),
    caveats: [
      `communes comparables calculées par l’observatoire (critères : ${criteria} ; méthode sur la page Méthodologie)`,
      ...(own.flags.includes('estimated') ? ['estimation'] : []),
    ],
    source: sourceLine(input.sources[own.source_id], fillYear(input.indicator.reference, own.year)),
    source_id: own.source_id,
    permalink: `${input.origin}/${t.level}/${t.code}#argument-communes-comparables`,
  };
}
