/**
 * The SRU path as an argument card and as a question for candidates (pure, unit-tested): « Pour la
 * période 2026–2028, l'objectif légal de rattrapage est d'environ N logements sociaux ». Only for a
 * déficitaire commune whose running objective could be computed; the interval is always written.
 */
import { formatNumber } from '../../format';
import type { SourceLike, TerritoryRef } from '../../model/fiche';
import { sourceLine, sourceName } from '../../model/sources';
import type { ArgumentCard } from '../arguments';
import type { Question } from '../questions';
import type { SruPath } from './data';
import { currentPeriod, ofName, periodLabel, rangeText } from './text';

export interface PathArgumentInput {
  territory: TerritoryRef;
  path: SruPath;
  sources: Record<string, SourceLike>;
  origin: string;
}

function parts(path: SruPath) {
  const cur = currentPeriod(path);
  if (
    path.situation !== 'deficitaire' ||
    !cur?.objective ||
    cur.objective.value <= 0 ||
    cur.basis.year === null
  )
    return null;
  return {
    cur,
    objective: cur.objective,
    perYear: path.paces.legal_current,
    req: path.paces.required_by_2032,
    obs: path.paces.observed[0],
  };
}

function observedText(o: SruPath['paces']['observed'][number]): string {
  return `le nombre de logements sociaux a varié de ${o.change >= 0 ? '+' : '−'}${formatNumber(Math.abs(o.change))} entre les inventaires du 1er janvier ${o.from_year} et du 1er janvier ${o.to_year}`;
}

export function sruPathArgument(input: PathArgumentInput): ArgumentCard | null {
  const p = parts(input.path);
  if (!p) return null;
  const { cur, objective, perYear, req, obs } = p;
  const t = input.territory;
  const target = input.path.latest?.target ?? 25;
  let text =
    `Pour la période ${periodLabel(cur)}, l’objectif légal de rattrapage ${ofName(t.name)} est d’environ ${rangeText(objective)} logements sociaux` +
    ` (${cur.rule}, ${rangeText(cur.basis.missing!)} manquants au 1er janvier ${cur.basis.year})` +
    (perYear ? `, soit ${rangeText(perYear)} par an` : '') +
    '.';
  if (req)
    text += ` Pour atteindre ${formatNumber(target)} % d’ici le 1er janvier 2032, il en faudrait ${rangeText(req)} de plus par an pendant ${req.years} ans.`;
  if (obs) text += ` Pour comparaison, ${observedText(obs)}.`;
  const sourceId = input.path.trajectory.actual.at(-1)?.source_id ?? '';
  return {
    id: 'trajectoire-sru',
    indicator: 'sru_logements_manquants',
    text,
    figure: {
      value: objective.value,
      text: `${rangeText(objective)} logements sociaux`,
      year: cur.basis.year!,
    },
    comparison: obs ? observedText(obs) : null,
    caveats: [
      'objectif calculé par l’observatoire selon l’article L302-8 du CCH (loi 3DS) : l’objectif notifié par le préfet fait foi',
      ...(cur.basis.note ? [cur.basis.note] : []),
      ...(objective.low !== objective.high
        ? ['résidences principales déduites du taux arrondi : fourchette']
        : []),
      'rythmes à nombre de résidences principales constant',
    ],
    source: sourceLine(input.sources[sourceId], `inventaire SRU au 1er janvier ${cur.basis.year}`),
    source_id: sourceId,
    permalink: `${input.origin}/${t.level}/${t.code}#argument-trajectoire-sru`,
  };
}

export function sruPathQuestion(
  name: string,
  path: SruPath,
  sources: Record<string, SourceLike>,
): Question | null {
  const p = parts(path);
  if (!p) return null;
  const { cur, objective, perYear, obs } = p;
  const src = sources[path.trajectory.actual.at(-1)?.source_id ?? ''];
  const target = path.latest?.target ?? 25;
  return {
    id: 'sru-trajectoire',
    basis:
      `Objectif légal de rattrapage ${periodLabel(cur)} calculé par l’observatoire (article L302-8 du CCH) : environ ${rangeText(objective)} logements sociaux` +
      (obs ? ` ; ${observedText(obs)}` : '') +
      ` (${src ? sourceName(src) : 'inventaire SRU'})`,
    text:
      `Pour la période ${periodLabel(cur)}, l’objectif légal de rattrapage ${ofName(name)} est d’environ ${rangeText(objective)} logements sociaux` +
      (perYear ? `, soit ${rangeText(perYear)} par an` : '') +
      `. Combien de logements sociaux vous engagez-vous à faire financer chaque année du mandat, sur quels terrains, et quand ${name} atteindra-t-elle ${formatNumber(target)} % ?`,
  };
}
