/**
 * Argument cards: short French sentences, ready to quote, generated from a fiche. Each card carries
 * its figure, its comparison, its source and a permalink. Pure functions, unit-tested.
 *
 * What a card never does: claim a value that is missing, masked or flagged suspect; compare two
 * values of different years; hide a quality flag (partial coverage, approximate value, rounding…:
 * they are listed in `caveats` and in the copied text).
 */
import { formatNumber } from '../../format';
import { sourceLine } from '../../model/sources';
import { oldFigureText } from '../../model/figures';
import { countText } from '../../model/plural';
import {
  MANDATE,
  byId,
  fillYear,
  forTerritory,
  inTerritory,
  lowerFirst,
  quantityText,
  refText,
  sameYearContext,
  spansSeveralDepartements,
  usable,
  valueText,
  type FicheIndicatorLike,
  type FicheLike,
  type FlagMeanings,
  type Obs,
  type SourceLike,
} from '../../model/fiche';
import { demandArguments } from '../demande/advocacy';
import { isDemandIndicator } from '../demande/model';

export interface ArgumentCard {
  id: string;
  /** The indicator whose figure the card quotes. */
  indicator: string;
  text: string;
  figure: { value: number; text: string; year: number };
  comparison: string | null;
  caveats: string[];
  source: string;
  source_id: string;
  permalink: string;
}

export interface ArgumentInput {
  fiche: FicheLike;
  sources: Record<string, SourceLike>;
  flags: FlagMeanings;
  /** e.g. `https://observatoire.example` — permalinks are absolute. */
  origin: string;
}

/** Units whose values can be compared between territories of different sizes. */
const INTENSIVE = new Set(['pct', 'pour_100', 'ratio', 'mois', 'euros_an', 'euros_m2']);
/** Themes whose indicators make generic cards, in order of interest for housing advocacy. */
const GENERIC_THEMES = ['demande', 'precarite', 'revenus', 'logement_social', 'population'];
const MAX_CARDS = 6;

/** Quality caveats of an observation, worded from the registry's flag badges. */
export function caveatsOf(o: Obs, flags: FlagMeanings, level: string): string[] {
  const out: string[] = [];
  const old = oldFigureText(o.year);
  if (old) out.push(old);
  for (const f of o.flags) {
    // masked values are never quoted; a third-party copy is a provenance detail, told with the source
    if (f === 'masked' || f === 'derived') continue;
    if (f === 'partial') {
      out.push(
        o.n_units != null && o.n_units_expected != null
          ? `calculé sur ${formatNumber(o.n_units)} des ${countText(o.n_units_expected, 'communes')} du territoire`
          : `${flags[f]?.badge ?? 'calculé sur une partie des communes'}`,
      );
    } else out.push(flags[f]?.badge ?? f);
  }
  if (o.last_year !== undefined && o.last_year > o.year) {
    out.push(
      `valeur ${o.last_year} non disponible${o.last_note ? ` (${o.last_note})` : ''} : chiffre ${o.year}, le plus récent publié`,
    );
  }
  void level;
  return out;
}

function permalink(input: ArgumentInput, id: string): string {
  const t = input.fiche.territory;
  return `${input.origin}/${t.level}/${t.code}#argument-${id}`;
}

function card(
  input: ArgumentInput,
  id: string,
  ind: FicheIndicatorLike,
  o: Obs & { value: number },
  text: string,
  comparison: string | null,
  extraCaveats: string[] = [],
): ArgumentCard {
  const level = input.fiche.territory.level;
  return {
    id,
    indicator: ind.id,
    text,
    figure: { value: o.value, text: valueText(ind, o, level), year: o.year },
    comparison,
    caveats: [...extraCaveats, ...caveatsOf(o, input.flags, level)],
    source: sourceLine(input.sources[o.source_id], ind.reference_text ?? fillYear(ind.reference, o.year)),
    source_id: o.source_id,
    permalink: permalink(input, id),
  };
}

function comparisonText(
  input: ArgumentInput,
  ind: FicheIndicatorLike,
  year: number,
  levels?: string[],
): string | null {
  const ctx = sameYearContext(input.fiche, ind.id, year, levels);
  if (!ctx.length) return null;
  const parts = ctx.map(
    (c) =>
      `${valueText(ind, c.obs, c.territory.level)} ${forTerritory(c.territory)}${c.obs.flags.includes('partial') ? ' (calculé sur une partie des communes)' : ''}`,
  );
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}` : parts[0]!;
  return list;
}

/** SRU rate against the commune's legal target (same year), or the aggregated rate elsewhere. */
function sruRate(input: ArgumentInput, m: Map<string, FicheIndicatorLike>): ArgumentCard | null {
  const ind = m.get('sru_taux');
  const o = ind?.value;
  if (!ind || !usable(o)) return null;
  const t = input.fiche.territory;
  const ref = refText(ind.reference_text, o.year);
  const x = valueText(ind, o, 'commune');
  if (t.level === 'commune') {
    const cibleInd = m.get('sru_taux_cible');
    const cible = cibleInd?.value;
    const exempt = m.get('sru_exemptee')?.value;
    let text = `${inTerritory(t)}, ${x} des résidences principales sont des logements sociaux (${ref})`;
    const extra: string[] = [];
    if (usable(exempt) && exempt.year === o.year && exempt.value === 1) {
      text += `. La commune est exemptée des obligations SRU pour la période en cours.`;
    } else if (usable(cible) && cible.year === o.year && cibleInd) {
      const pos =
        o.value > cible.value ? 'au-dessus de' : o.value < cible.value ? 'en dessous de' : 'au niveau de';
      text += `, ${pos} l’objectif légal de ${quantityText(cibleInd, cible.value)}.`;
    } else if (usable(cible) && cibleInd) {
      text += `. L’objectif légal de la commune est de ${quantityText(cibleInd, cible.value)} (${refText(cibleInd.reference_text, cible.year)}).`;
      extra.push(
        `taux (${o.year}) et objectif (${cible.year}) ne portent pas sur la même année : pas de comparaison`,
      );
    } else text += '.';
    const comparison = comparisonText(input, ind, o.year);
    if (comparison) text += ` Pour comparaison, la même année : ${comparison}.`;
    return card(input, 'sru-taux', ind, o, text, comparison, extra);
  }
  const comparison = comparisonText(input, ind, o.year, ['departement', 'region', 'france']);
  const text =
    `${inTerritory(t)}, ${x} des résidences principales des communes soumises à la loi SRU sont des logements sociaux (${ref}).` +
    (comparison ? ` Pour comparaison, la même année : ${comparison}.` : '');
  return card(input, 'sru-taux', ind, o, text, comparison);
}

/** Missing social dwellings and the yearly pace the 2026-2032 mandate would need. */
function sruMissing(input: ArgumentInput, m: Map<string, FicheIndicatorLike>): ArgumentCard | null {
  const ind = m.get('sru_logements_manquants');
  const o = ind?.value;
  if (!ind || !usable(o) || o.value <= 0) return null;
  const t = input.fiche.territory;
  const n = o.value;
  const perYear = Math.ceil(n / MANDATE.years);
  const ref = refText(ind.reference_text, o.year);
  const assumption = `hypothèse : nombre de résidences principales constant ; chaque résidence principale construite en plus relève l’objectif`;
  if (t.level === 'commune') {
    const cible = m.get('sru_taux_cible');
    const cv = cible?.value;
    const target = cible && usable(cv) && cv.year === o.year ? ` de ${quantityText(cible, cv.value)}` : '';
    const text =
      `${inTerritory(t)}, il manque ${formatNumber(n)} logements sociaux pour atteindre l’objectif légal${target} (${ref}). ` +
      `Pour l’atteindre d’ici la fin du mandat ${MANDATE.from}-${MANDATE.to}, il faudrait ${formatNumber(perYear)} logements sociaux de plus par an pendant ${MANDATE.years} ans (${assumption}).`;
    return card(input, 'sru-manquants', ind, o, text, null);
  }
  const def = m.get('sru_deficitaire');
  const dv = def?.value;
  const communes =
    def && usable(dv) && dv.year === o.year && dv.value > 0
      ? ` des ${formatNumber(dv.value)} communes déficitaires`
      : ' des communes déficitaires';
  const text =
    `${inTerritory(t)}, il manque ${formatNumber(n)} logements sociaux pour que chacune${communes} atteigne son objectif légal (${ref} ; somme des déficits communaux). ` +
    `Les combler d’ici ${MANDATE.to} demanderait ${formatNumber(perYear)} logements sociaux de plus par an pendant ${MANDATE.years} ans (${assumption}).`;
  return card(input, 'sru-manquants', ind, o, text, null);
}

/** Carence (commune) or number of carencées communes (aggregates), with the SRU levy if published. */
function sruCarence(input: ArgumentInput, m: Map<string, FicheIndicatorLike>): ArgumentCard | null {
  const ind = m.get('sru_carencee');
  const o = ind?.value;
  if (!ind || !usable(o) || o.value <= 0) return null;
  const t = input.fiche.territory;
  const prel = m.get('sru_prelevement');
  const pv = prel?.value;
  // the levy is quoted only when the source gives a positive one for the same inventory: a carence
  // with a 0 € levy (or a levy flagged incoherent) says nothing about a « majoration »
  const paid = !!prel && usable(pv) && pv.year === o.year && pv.value > 0;
  const levy = paid
    ? ` Prélèvement SRU net : ${valueText(prel, pv, t.level)} (${refText(prel.reference_text, pv.year)}).`
    : '';
  if (t.level === 'commune') {
    const text =
      `${t.name} fait l’objet d’un arrêté de carence SRU (${refText(ind.reference_text, o.year)}) : faute d’avoir tenu ses objectifs triennaux de logements sociaux, ` +
      `le préfet peut s’y substituer (préemption, attributions)${paid ? ' et le prélèvement de la commune est majoré' : ''}.${levy}`;
    return card(input, 'sru-carence', ind, o, text, null);
  }
  const n = o.value > 1 ? `${formatNumber(o.value)} communes sont` : 'une commune est';
  const text = `${inTerritory(t)}, ${n} sous arrêté de carence SRU (${refText(ind.reference_text, o.year)}).${levy}`;
  return card(input, 'sru-carence', ind, o, text, null);
}

/** « À Nanterre, on compte 8,2 foyers allocataires du RSA pour 100 ménages » or « À X, taux … : 19,5 % ». */
function figureSentence(
  where: string,
  ind: FicheIndicatorLike,
  value: number,
  level: string,
  ref: string,
): string {
  if (ind.unit === 'pour_100' && /pour 100/.test(ind.label)) {
    return `${where}, on compte ${formatNumber(value, ind.decimals)} ${lowerFirst(ind.label)} (${ref})`;
  }
  if (ind.reading && !ind.reading.startsWith('{value}'))
    return `${where}, ${quantityText(ind, value, level)} (${lowerFirst(ind.short_label)}, ${ref})`;
  return `${where}, ${lowerFirst(ind.label)} : ${quantityText(ind, value, level)} (${ref})`;
}

/** A generic card for any other indicator: its figure, and a same-year comparison for rates. */
function generic(input: ArgumentInput, ind: FicheIndicatorLike): ArgumentCard | null {
  const o = ind.value;
  if (!usable(o) || ind.unit === 'booleen') return null;
  const t = input.fiche.territory;
  const ref = refText(ind.reference_text, o.year);
  const comparable = INTENSIVE.has(ind.unit);
  const comparison = comparable ? comparisonText(input, ind, o.year) : null;
  const text = `${figureSentence(inTerritory(t), ind, o.value, t.level, ref)}${comparison ? `, contre ${comparison} la même année` : ''}.`;
  return card(input, ind.id.replace(/_/g, '-'), ind, o, text, comparison);
}

const WAITING_UNITS = ['menages', 'demandes', 'personnes'];

/**
 * How many households wait for a social dwelling: the territory's own figure when there is one, else
 * the département's (or région's) — often a published figure (`curated`), quoted with its publication.
 */
function demand(input: ArgumentInput): ArgumentCard | null {
  const f = input.fiche;
  const candidates = f.indicators
    .filter(
      (i) =>
        i.theme === 'demande' &&
        i.polarity === 'higher_worse' &&
        WAITING_UNITS.includes(i.unit) &&
        !/evolution/.test(i.id),
    )
    .sort((a, b) => WAITING_UNITS.indexOf(a.unit) - WAITING_UNITS.indexOf(b.unit));
  const scopes: { territory: typeof f.territory; get: (id: string) => Obs | null | undefined }[] = [
    { territory: f.territory, get: (id) => f.indicators.find((i) => i.id === id)?.value },
    ...(spansSeveralDepartements(f.territory) ? ['region'] : ['departement', 'region'])
      .map((level) => f.context.find((c) => c.territory.level === level))
      .filter((c) => c !== undefined)
      .map((c) => ({ territory: c.territory, get: (id: string) => c.values[id] })),
  ];
  for (const scope of scopes) {
    for (const ind of candidates) {
      const o = scope.get(ind.id);
      if (!usable(o)) continue;
      const ref = refText(fillYear(ind.reference, o.year), o.year);
      const text = `${figureSentence(inTerritory(scope.territory), ind, o.value, 'commune', ref)}.`;
      return card(input, 'demande', { ...ind, reference_text: ref }, o, text, null);
    }
  }
  return null;
}

export function generateArguments(input: ArgumentInput): ArgumentCard[] {
  const m = byId(input.fiche);
  const cards: ArgumentCard[] = [];
  for (const make of [sruRate, sruMissing, sruCarence]) {
    const c = make(input, m);
    if (c) cards.push(c);
  }
  const drihl = demandArguments(input, card);
  const d = drihl.length ? null : demand(input);
  cards.push(...drihl);
  if (d) cards.push(d);
  const rest = input.fiche.indicators
    .filter(
      (i) =>
        i.open && GENERIC_THEMES.includes(i.theme) && i.polarity !== 'neutral' && !isDemandIndicator(i.id),
    )
    .sort(
      (a, b) =>
        GENERIC_THEMES.indexOf(a.theme) - GENERIC_THEMES.indexOf(b.theme) ||
        Number(!INTENSIVE.has(a.unit)) - Number(!INTENSIVE.has(b.unit)),
    );
  for (const ind of rest) {
    if (cards.length >= MAX_CARDS) break;
    if (cards.some((c) => c.indicator === ind.id)) continue;
    const c = generic(input, ind);
    if (c) cards.push(c);
  }
  return cards.slice(0, MAX_CARDS);
}

/** What the copy button puts on the clipboard: the sentence, its caveats, its source, its link. */
export function copyText(c: ArgumentCard): string {
  const lines = [c.text];
  if (c.caveats.length) lines.push(`Précautions : ${c.caveats.join(' ; ')}.`);
  lines.push(`Source : ${c.source}.`);
  lines.push(c.permalink);
  return lines.join('\n');
}
