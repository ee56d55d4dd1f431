/**
 * Argument cards and questions for candidates built on the DRIHL socle (Île-de-France): pressure of
 * the demand (demands per allocation, with the counts), the median delay, the share of demands at
 * least 5 years old — each compared with the EPT, the département and the région of the same year,
 * each with its source. The allocations a commune controls through its reservation quota are not in
 * the file: the question asks for them rather than stating them. Pure functions, unit-tested.
 */
import type { ArgumentCard, ArgumentInput } from '../arguments/generate';
import { formatNumber } from '../../format';
import {
  forTerritory,
  inTerritory,
  quantityText,
  sameYearContext,
  usable,
  type FicheIndicatorLike,
  type FicheLike,
  type Obs,
  type SourceLike,
} from '../../model/fiche';
import { demandSentence } from './model';

type Usable = Obs & { value: number };
type MakeCard = (
  input: ArgumentInput,
  id: string,
  ind: FicheIndicatorLike,
  o: Usable,
  text: string,
  comparison: string | null,
) => ArgumentCard;

const LEVELS = ['ept', 'departement', 'region'];

function own(f: FicheLike, id: string): { ind: FicheIndicatorLike; o: Usable } | null {
  const ind = f.indicators.find((i) => i.id === id);
  return ind && usable(ind.value) ? { ind, o: ind.value } : null;
}

/** « 13,5 dans le département Hauts-de-Seine (92) et 13,9 en région Île-de-France ». */
function versus(f: FicheLike, ind: FicheIndicatorLike, o: Usable, unit = ''): string | null {
  const levels = f.territory.level === 'commune' ? LEVELS : LEVELS.filter((l) => l !== 'ept');
  const ctx = sameYearContext(f, ind.id, o.year, levels);
  if (!ctx.length) return null;
  const parts = ctx.map(
    (c) =>
      `${formatNumber(c.obs.value, ind.decimals)}${unit} ${forTerritory(c.territory)}${c.obs.flags.includes('partial') ? ' (somme partielle)' : ''}`,
  );
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}` : parts[0]!;
}

/** The demand cards of a fiche (none outside Île-de-France or without values). */
export function demandArguments(input: ArgumentInput, card: MakeCard): ArgumentCard[] {
  const f = input.fiche;
  const out: ArgumentCard[] = [];
  const sentence = demandSentence(f);
  const ratio = own(f, 'sne_demandes_par_attribution');
  if (sentence && ratio && ratio.o.year === sentence.year) {
    const cmp = versus(f, ratio.ind, ratio.o);
    const text = `${sentence.text}${cmp ? ` Pour comparaison, la même année : ${cmp} demandes pour une attribution.` : ''} Ce rapport n’est pas une durée d’attente.`;
    out.push(card(input, 'demande-pression', ratio.ind, ratio.o, text, cmp));
  }
  // How long people wait: the median delay of those housed, and the share of demands 5 years old.
  const delay = own(f, 'sne_delai_median_mois');
  const old = own(f, 'sne_part_anciennete_5ans');
  const parts: string[] = [];
  const cmps: string[] = [];
  if (delay) {
    const cmp = versus(f, delay.ind, delay.o, ' mois');
    if (cmp) cmps.push(cmp);
    parts.push(
      `${inTerritory(f.territory)}, la moitié des ménages qui ont obtenu un logement social en ${delay.o.year} l’attendaient depuis plus de ${quantityText(delay.ind, delay.o.value)} (délai médian d’attribution)${cmp ? `, contre ${cmp}` : ''}.`,
    );
  }
  if (old) {
    const cmp = versus(f, old.ind, old.o, ' %');
    if (cmp) cmps.push(cmp);
    const lead = delay ? 'Fin' : `${inTerritory(f.territory)}, fin`;
    parts.push(
      `${lead} ${old.o.year}, ${quantityText(old.ind, old.o.value)} des demandes en cours (premier choix) avaient été déposées il y a au moins 5 ans${cmp ? `, contre ${cmp}` : ''}.`,
    );
  }
  const main = delay ?? old;
  if (main)
    out.push(card(input, 'demande-attente', main.ind, main.o, parts.join(' '), cmps.join(' ; ') || null));
  return out;
}

export interface DemandQuestion {
  id: string;
  basis: string | null;
  text: string;
}

function basis(
  sources: Record<string, SourceLike>,
  parts: { ind: FicheIndicatorLike; o: Usable }[],
  name: string,
): string {
  const src = sources[parts[0]!.o.source_id];
  const figures = parts
    .map(({ ind, o }) => `${ind.short_label.toLowerCase()} : ${quantityText(ind, o.value)} (${o.year})`)
    .join(' ; ');
  return `${name} — ${figures} ; ${src ? `${src.producer}, ${src.title}` : 'source inconnue'}`;
}

/** Questions on allocations, delays and old demands for a commune covered by the socle. */
export function demandQuestions(f: FicheLike, sources: Record<string, SourceLike>): DemandQuestion[] {
  if (f.territory.level !== 'commune') return [];
  const name = f.territory.name;
  const dem = own(f, 'sne_demandes_choix1');
  const att = own(f, 'sne_attributions');
  const ratio = own(f, 'sne_demandes_par_attribution');
  const delay = own(f, 'sne_delai_median_mois');
  const old = own(f, 'sne_part_anciennete_5ans');
  const out: DemandQuestion[] = [];
  if (att && dem && att.o.year === dem.o.year) {
    const r =
      ratio && ratio.o.year === att.o.year
        ? ` (${quantityText(ratio.ind, ratio.o.value)} demandes pour une attribution)`
        : '';
    out.push({
      id: 'demande-contingent',
      basis: basis(sources, [dem, att, ...(r && ratio ? [ratio] : [])], name),
      text: `En ${att.o.year}, ${formatNumber(att.o.value)} logements sociaux ont été attribués à ${name} pour ${formatNumber(dem.o.value)} demandes qui visaient la commune en premier choix${r}. Combien de ces attributions relèvent du contingent de la commune (logements qu’elle réserve en contrepartie de garanties d’emprunt ou de terrains) ? Publierez-vous chaque année le bilan des attributions sur ce contingent : nombre, délai, part attribuée aux ménages reconnus prioritaires (DALO) et aux demandeurs aux plus faibles ressources ?`,
    });
  }
  if (delay) {
    const dep = sameYearContext(f, delay.ind.id, delay.o.year, ['departement'])[0];
    const vs = dep
      ? ` (${formatNumber(dep.obs.value, delay.ind.decimals)} mois ${forTerritory(dep.territory)})`
      : '';
    out.push({
      id: 'demande-delai',
      basis: basis(sources, [delay], name),
      text: `Le délai médian d’attribution d’un logement social à ${name} est de ${quantityText(delay.ind, delay.o.value)}${vs}. Quels engagements prenez-vous pour informer les demandeurs de l’avancement de leur dossier, appliquer une cotation de la demande transparente et réduire ce délai pour les ménages prioritaires ?`,
    });
  }
  if (old) {
    out.push({
      id: 'demande-anciennes',
      basis: basis(sources, [old], name),
      text: `${quantityText(old.ind, old.o.value)} des demandes qui visent ${name} en premier choix datent d’au moins 5 ans. Comment ces demandes anciennes seront-elles examinées en commission d’attribution, et quelle part des logements du contingent communal leur réserverez-vous ?`,
    });
  }
  return out;
}
