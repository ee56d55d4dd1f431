/**
 * Map legend: classes with limits and units, then every reason a commune has no class — masked by the
 * producer, kept out of the classes (doubtful value, too few cases), above 25 % without inventory, not
 * subject to the SRU law, not covered by the source — each with its own fill and its count, French
 * plurals; outlines and source.
 */
import type { FigureLegend } from '../../components/export';
import { KIND_TEXT, type Classes } from '../../model/classes';
import { countText } from '../../model/plural';
import { Link } from '../../router';
import type { OutlineKind } from './geo';
import { OUTLINE_STYLE, PATTERNS, type FillKind } from './paint';

export interface LegendExtra {
  kind: Exclude<FillKind, 'class'>;
  /** A colour or a pattern key of PATTERNS. */
  fill: string;
  label: string;
  count: number;
}

export interface LegendModel {
  title: string;
  classes: Classes;
  labels: string[];
  counts: number[];
  /** Communes without a class, by reason (only reasons that occur). */
  extras: LegendExtra[];
  /** Plural name of the units counted (« communes »). */
  what: string;
  /** What the counts cover when it is not the whole map (zoom zone), or null. */
  scope: string | null;
  /** What the class limits were computed on (« 1 180 valeurs ; 3 valeurs à vérifier écartées »). */
  basis: string;
  outlines: OutlineKind[];
  target?: string;
}

/** The legend as data for exported figures. */
export function figureLegend(m: LegendModel): FigureLegend {
  return {
    title: m.title,
    items: [
      ...m.classes.colors.map((c, i) => ({ color: c, label: `${m.labels[i]} (${m.counts[i]})` })),
      ...m.extras.map((e) => ({
        ...(PATTERNS[e.fill] ? { pattern: PATTERNS[e.fill] } : { color: e.fill }),
        label: `${e.label} (${e.count})`,
      })),
      ...m.outlines.map((o) => ({
        line: {
          color: OUTLINE_STYLE[o]!.color,
          width: OUTLINE_STYLE[o]!.width * 2,
          dash: OUTLINE_STYLE[o]!.dash,
        },
        label: OUTLINE_STYLE[o]!.label,
      })),
    ],
    notes: [
      `Classes : ${KIND_TEXT[m.classes.kind]} ; ${m.basis}.`,
      ...(m.scope ? [`Effectifs entre parenthèses : ${m.scope}.`] : []),
      ...(m.target ? [`Repère : ${m.target}.`] : []),
    ],
  };
}

function Swatch({ fill }: { fill: string }) {
  return (
    <span
      className={`swatch${PATTERNS[fill] ? ` swatch-${fill}` : ''}`}
      style={PATTERNS[fill] ? undefined : { background: fill }}
      aria-hidden="true"
    />
  );
}

export function Legend({ m, indicator, source }: { m: LegendModel; indicator: string; source: string }) {
  return (
    <div className="legend" role="group" aria-label="Légende de la carte">
      <p className="legend-title">{m.title}</p>
      <p className="muted">
        {KIND_TEXT[m.classes.kind]} ; {m.basis}.{' '}
        <Link href={`/methodologie#${indicator}`}>Définition et précautions</Link>
      </p>
      {m.scope && <p className="muted">Effectifs : {m.scope}.</p>}
      <ul>
        {m.classes.colors.map((c, i) => (
          <li key={c} data-kind="class" data-color={c} data-count={m.counts[i]}>
            <Swatch fill={c} /> {m.labels[i]}{' '}
            <span className="muted">({countText(m.counts[i]!, m.what)})</span>
          </li>
        ))}
        {m.extras.map((e) => (
          <li key={e.kind} data-kind={e.kind} data-count={e.count}>
            <Swatch fill={e.fill} /> {e.label} <span className="muted">({countText(e.count, m.what)})</span>
          </li>
        ))}
        {m.outlines.map((o) => (
          <li key={o}>
            <svg width="24" height="10" aria-hidden="true">
              <line
                x1="0"
                y1="5"
                x2="24"
                y2="5"
                stroke={OUTLINE_STYLE[o]!.color}
                strokeWidth={OUTLINE_STYLE[o]!.width * 1.6}
                strokeDasharray={OUTLINE_STYLE[o]!.dash}
              />
            </svg>{' '}
            {OUTLINE_STYLE[o]!.label}
          </li>
        ))}
      </ul>
      {m.target && <p className="muted">Repère : {m.target}.</p>}
      <p className="source">{source}</p>
    </div>
  );
}
