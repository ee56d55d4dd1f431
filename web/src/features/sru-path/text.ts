/**
 * The SRU path in French sentences (pure, unit-tested): the summary of the fiche section, the
 * argument card and the question for candidates all say the same thing the same way. An interval
 * (résidences principales deduced from a rounded rate) is always written out.
 */
import { formatNumber } from '../../format';
import type { SruPath, SruPeriod } from './data';

type Range = { value: number; low: number; high: number };

/** « 1 760 » or « 1 760 (entre 1 755 et 1 765) ». */
export function rangeText(r: Range): string {
  return r.low === r.high
    ? formatNumber(r.value)
    : `${formatNumber(r.value)} (entre ${formatNumber(r.low)} et ${formatNumber(r.high)})`;
}

/** « de Meudon », « d’Aix-en-Provence », « du Pecq », « des Mureaux ». */
export function ofName(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  return /^[AEIOUYÀÂÉÈÊËÎÏÔÛÙH]/i.test(name) ? `d’${name}` : `de ${name}`;
}

const dwellings = (n: number) => (Math.abs(n) < 2 ? 'logement social' : 'logements sociaux');

export function periodLabel(p: Pick<SruPeriod, 'start' | 'end'>): string {
  return `${p.start}–${p.end}`;
}

/** The running period (2026–2028). */
export function currentPeriod(path: SruPath): SruPeriod | undefined {
  return path.periods.find((p) => p.phase === 'en_cours');
}

/** Sentences summing up the path: situation, running objective, pace needed by 2032, observed pace. */
export function summarySentences(name: string, path: SruPath): string[] {
  const l = path.latest;
  if (!l) return [];
  const when = `Au 1er janvier ${l.year}`;
  const out: string[] = [];
  switch (path.situation) {
    case 'exemptee':
      out.push(
        `${name} est exemptée des obligations SRU (inventaire au 1er janvier ${l.year}) : pas d’objectif de rattrapage.`,
      );
      break;
    case 'non_inventoriee':
      out.push(
        `${name} dépasse le taux légal de logements sociaux sans être inventoriée (« au-dessus de 25 % ») : pas d’objectif de rattrapage.`,
      );
      break;
    case 'taux_atteint':
      out.push(
        `${when}, ${name} compte ${l.rate !== null ? `${formatNumber(l.rate, 2)} %` : 'un taux'} de logements sociaux, au-dessus de son taux légal de ${formatNumber(l.target ?? 25)} % : pas d’objectif de rattrapage.`,
      );
      break;
    case 'deficitaire':
      if (l.lls !== null && l.rate !== null && l.missing)
        out.push(
          `${when}, ${name} compte ${formatNumber(l.lls)} logements sociaux, soit ${formatNumber(l.rate, 2)} % de ses résidences principales, pour un taux légal de ${formatNumber(l.target ?? 25)} % : il en manque ${rangeText(l.missing)}.`,
        );
      break;
    default:
      out.push(
        `Les chiffres SRU de ${name} sont manquants ou signalés incohérents dans la source : pas de trajectoire calculée.`,
      );
  }
  const cur = currentPeriod(path);
  if (cur?.objective && cur.objective.value > 0)
    out.push(
      `Pour la période ${periodLabel(cur)}, l’objectif légal de rattrapage est d’environ ${rangeText(cur.objective)} ${dwellings(cur.objective.value)} (${cur.rule})${path.paces.legal_current ? `, soit ${rangeText(path.paces.legal_current)} par an` : ''}.`,
    );
  const req = path.paces.required_by_2032;
  if (req)
    out.push(
      `Pour atteindre ${formatNumber(l.target ?? 25)} % d’ici le 1er janvier 2032, il faudrait ${rangeText(req)} ${dwellings(req.value)} de plus par an pendant ${req.years} ans (à nombre de résidences principales constant).`,
    );
  const obs = path.paces.observed[0];
  if (obs && path.situation === 'deficitaire')
    out.push(
      `Entre les inventaires du 1er janvier ${obs.from_year} et du 1er janvier ${obs.to_year}, le nombre de logements sociaux a varié de ${obs.change >= 0 ? '+' : '−'}${formatNumber(Math.abs(obs.change))}${obs.to_year - obs.from_year > 1 ? ` (${formatNumber(obs.per_year, 1)} par an)` : ''}.`,
    );
  return out;
}
