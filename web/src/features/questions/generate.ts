/**
 * Questions for municipal candidates (mandate 2026-2032), derived from a commune's gaps: SRU deficit
 * or carence, share of PLAI, pressure of the social housing demand, RSA and poverty levels, and the
 * figures nobody publishes. Each question states the figure it rests on (with year and source), in
 * the spirit of the questionnaires associations send to candidates. Pure functions, unit-tested.
 */
import { formatNumber } from '../../format';
import { sourceName as shortSource } from '../../model/sources';
import { oldFigureText } from '../../model/figures';
import {
  MANDATE,
  byId,
  fillYear,
  forTerritory,
  isGap,
  lowerFirst,
  quantityText,
  refText,
  sameYearContext,
  usable,
  valueText,
  type FicheIndicatorLike,
  type FicheLike,
  type Obs,
  type SourceLike,
  type TerritoryRef,
} from '../../model/fiche';
import { demandQuestions } from '../demande/advocacy';
import { outsideCoverage } from '../demande/model';

export interface Question {
  id: string;
  /** The figure the question rests on, with its year and source; null for general questions. */
  basis: string | null;
  text: string;
}

export interface QuestionInput {
  fiche: FicheLike;
  sources: Record<string, SourceLike>;
}

type Usable = Obs & { value: number };

function find(
  f: FicheLike,
  test: (i: FicheIndicatorLike) => boolean,
): { ind: FicheIndicatorLike; o: Usable } | null {
  for (const ind of f.indicators) {
    if (test(ind) && usable(ind.value)) return { ind, o: ind.value };
  }
  return null;
}

/** First usable value of an indicator passing `test`: the commune's own, else its département's. */
const WAITING_UNITS = ['demandes', 'menages', 'personnes'];

function findNear(
  f: FicheLike,
  test: (i: FicheIndicatorLike) => boolean,
  order?: (a: FicheIndicatorLike, b: FicheIndicatorLike) => number,
): { ind: FicheIndicatorLike; o: Usable; territory: TerritoryRef; where: string } | null {
  const sorted = order ? { ...f, indicators: [...f.indicators].sort(order) } : f;
  const own = find(sorted, test);
  if (own) return { ...own, territory: f.territory, where: `À ${f.territory.name}` };
  const dep = f.context.find((c) => c.territory.level === 'departement');
  if (!dep) return null;
  for (const ind of sorted.indicators) {
    const o = dep.values[ind.id];
    if (test(ind) && usable(o)) {
      return { ind, o, territory: dep.territory, where: `Dans le département ${dep.territory.name}` };
    }
  }
  return null;
}

function basis(input: QuestionInput, ind: FicheIndicatorLike, o: Usable, lead?: string): string {
  const src = input.sources[o.source_id];
  const approx = o.flags.includes('estimated') ? ', estimation' : '';
  const rounded = o.flags.some((f) => f === 'rounded' || f === 'sum_of_rounded') ? ', chiffre arrondi' : '';
  const old = oldFigureText(o.year);
  return `${lead ?? ind.label} : ${valueText(ind, o, 'commune')} (${refText(ind.reference_text, o.year)}${old ? `, ${old}` : ''}${approx}${rounded} ; ${shortSource(src)})`;
}

/** « , contre 5,1 dans le département Hauts-de-Seine (92) » when the département has the same year. */
function versus(f: FicheLike, ind: FicheIndicatorLike, o: Usable): { text: string; higher: boolean | null } {
  const ctx =
    sameYearContext(f, ind.id, o.year, ['departement'])[0] ??
    sameYearContext(f, ind.id, o.year, ['france'])[0];
  if (!ctx) return { text: '', higher: null };
  return {
    text: `, contre ${quantityText(ind, ctx.obs.value)} ${forTerritory(ctx.territory)}`,
    higher: o.value > ctx.obs.value,
  };
}

export function generateQuestions(input: QuestionInput): Question[] {
  const f = input.fiche;
  if (f.territory.level !== 'commune') return [];
  const m = byId(f);
  const out: Question[] = [];
  const name = f.territory.name;

  const carence = m.get('sru_carencee');
  const manquants = m.get('sru_logements_manquants');
  const taux = m.get('sru_taux');
  const cible = m.get('sru_taux_cible');
  const exempt = m.get('sru_exemptee');

  if (carence && usable(carence.value) && carence.value.value === 1) {
    out.push({
      id: 'sru-carence',
      basis: `${name} est sous arrêté de carence SRU (${refText(carence.reference_text, carence.value.year)} ; ${shortSource(input.sources[carence.value.source_id])})`,
      text: `La commune est carencée au titre de la loi SRU. Vous engagez-vous à en sortir au cours du mandat ${MANDATE.from}-${MANDATE.to} ? Par quels moyens (terrains, droit de préemption, conventions avec les bailleurs) ?`,
    });
  }
  if (manquants && usable(manquants.value) && manquants.value.value > 0) {
    const n = manquants.value.value;
    const perYear = Math.ceil(n / MANDATE.years);
    out.push({
      id: 'sru-manquants',
      basis: basis(input, manquants, manquants.value),
      text: `Il manque ${formatNumber(n)} logements sociaux pour atteindre l’objectif légal, soit environ ${formatNumber(perYear)} par an sur les ${MANDATE.years} ans du mandat (à nombre de résidences principales constant). Combien de logements sociaux vous engagez-vous à faire agréer chaque année, et où ?`,
    });
  } else if (
    taux &&
    cible &&
    usable(taux.value) &&
    usable(cible.value) &&
    taux.value.year === cible.value.year &&
    taux.value.value >= cible.value.value &&
    !(exempt && usable(exempt.value) && exempt.value.value === 1)
  ) {
    out.push({
      id: 'sru-maintien',
      basis: basis(input, taux, taux.value),
      text: `La commune atteint son objectif légal de ${quantityText(cible, cible.value.value)}. Comment comptez-vous maintenir ce taux pendant le mandat, et orienter les nouveaux logements sociaux vers les ménages les plus modestes ?`,
    });
  } else if (taux && usable(taux.value)) {
    out.push({
      id: 'sru-taux',
      basis: basis(input, taux, taux.value),
      text: `Quel objectif de logements sociaux fixez-vous pour le mandat ${MANDATE.from}-${MANDATE.to}, en nombre de logements agréés par an ?`,
    });
  }

  const plai = find(f, (i) => /plai/i.test(i.id) && i.unit === 'pct');
  if (plai) {
    out.push({
      id: 'plai',
      basis: basis(input, plai.ind, plai.o),
      text: `Les logements financés en PLAI sont les seuls accessibles aux ménages aux plus faibles ressources. Quelle part de PLAI imposerez-vous dans les programmes neufs et les acquisitions ?`,
    });
  }

  const pressure = findNear(
    f,
    (i) => i.theme === 'demande' && i.unit === 'ratio' && i.polarity === 'higher_worse',
  );
  const waiting = findNear(
    f,
    (i) =>
      i.theme === 'demande' &&
      i.polarity === 'higher_worse' &&
      WAITING_UNITS.includes(i.unit) &&
      !/evolution/.test(i.id),
    (a, b) => WAITING_UNITS.indexOf(a.unit) - WAITING_UNITS.indexOf(b.unit),
  );
  const drihl = demandQuestions(f, input.sources);
  out.push(...drihl);
  if (!drihl.length && (pressure || waiting)) {
    const b = [waiting, pressure]
      .filter((x) => x !== null)
      .map(
        (x) =>
          `${x.where} — ${basis(input, { ...x.ind, reference_text: fillYear(x.ind.reference, x.o.year) }, x.o)}`,
      );
    out.push({
      id: 'demande',
      basis: b.join(' ; '),
      text: `${waiting ? `${waiting.where}, ${lowerFirst(waiting.ind.short_label)} : ${quantityText(waiting.ind, waiting.o.value)} (${waiting.o.year}). ` : ''}Quels engagements prenez-vous sur les attributions du contingent communal (transparence, cotation de la demande, priorité aux ménages reconnus DALO) et sur l’information des demandeurs ?`,
    });
  }

  const rsa = find(f, (i) => /rsa/i.test(i.id) && (i.unit === 'pour_100' || i.unit === 'pct'));
  if (rsa) {
    const v = versus(f, rsa.ind, rsa.o);
    out.push({
      id: 'rsa',
      basis: `${basis(input, rsa.ind, rsa.o)}${v.text}`,
      text: `${v.higher ? 'Le nombre de foyers allocataires du RSA rapporté au nombre de ménages est plus élevé que dans le département. ' : ''}Quels moyens donnerez-vous au CCAS pour l’accès aux droits, l’aide alimentaire et l’accompagnement des allocataires ?`,
    });
  }

  const poverty = find(f, (i) => /pauvrete/i.test(i.id) && i.unit === 'pct');
  if (poverty) {
    const v = versus(f, poverty.ind, poverty.o);
    out.push({
      id: 'pauvrete',
      basis: `${basis(input, poverty.ind, poverty.o)}${v.text}`,
      text: `Mettrez-vous en place une tarification sociale (cantine, transports, eau, énergie) selon les revenus, et une analyse des besoins sociaux publiée chaque année ?`,
    });
  }

  const closed = f.indicators.filter((i) => isGap(i) || outsideCoverage(i, f));
  out.push({
    id: 'donnees',
    basis: closed.length
      ? `Non publiés en données ouvertes : ${closed.map((i) => i.short_label).join(', ')}`
      : null,
    text: `Les chiffres de l’hébergement d’urgence, des recours DALO et des expulsions locatives ne sont pas publiés par commune. Vous engagez-vous à publier chaque année ceux de ${name} (demandes au 115, ménages reconnus DALO relogés, commandements de quitter les lieux, concours de la force publique) ?`,
  });
  return out;
}

/** Plain text of an edited question list, numbered, for the clipboard or a letter. */
export function questionsText(name: string, questions: { text: string; basis: string | null }[]): string {
  const lines = [
    `Questions aux candidats aux élections municipales — ${name} (mandat ${MANDATE.from}-${MANDATE.to})`,
    '',
  ];
  questions.forEach((q, i) => {
    lines.push(`${i + 1}. ${q.text}`);
    if (q.basis) lines.push(`   Chiffre : ${q.basis}.`);
  });
  return lines.join('\n');
}

/** A question computed elsewhere (the SRU path) placed after the SRU questions. */
export function withExtraQuestion(questions: Question[], extra: Question | null): Question[] {
  if (!extra || questions.some((q) => q.id === extra.id)) return questions;
  const at = questions.reduce((last, q, i) => (q.id.startsWith('sru-') ? i + 1 : last), 0);
  return [...questions.slice(0, at), extra, ...questions.slice(at)];
}
