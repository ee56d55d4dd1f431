/** Map legend: classes with limits and units, hatched and grey explained with their counts, outlines, source. */
import type { FigureLegend } from '../../components/export';
import { Link } from '../../router';
import { KIND_TEXT, type Classes } from '../../model/classes';
import type { OutlineKind } from './geo';
import { ABSENT, OUTLINE_STYLE } from './paint';

export interface LegendModel {
  title: string;
  classes: Classes;
  labels: string[];
  counts: number[];
  masked: number;
  absent: number;
  /** Name of the units counted (communes). */
  what: string;
  /** What the counts cover when it is not the whole map (zoom zone), or null. */
  scope: string | null;
  outlines: OutlineKind[];
  target?: string;
  absentText: string;
  maskedText: string;
}

/** The legend as data for exported figures. */
export function figureLegend(m: LegendModel): FigureLegend {
  return {
    title: m.title,
    items: [
      ...m.classes.colors.map((c, i) => ({ color: c, label: `${m.labels[i]} (${m.counts[i]})` })),
      { hatch: true, label: `${m.maskedText} (${m.masked})` },
      { color: ABSENT, label: `${m.absentText} (${m.absent})` },
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
      `Classes : ${KIND_TEXT[m.classes.kind]}.`,
      ...(m.scope ? [`Effectifs entre parenthèses : ${m.scope}.`] : []),
      ...(m.target ? [`Repère : ${m.target}.`] : []),
    ],
  };
}

export function Legend({ m, indicator, source }: { m: LegendModel; indicator: string; source: string }) {
  return (
    <div className="legend" role="group" aria-label="Légende de la carte">
      <p className="legend-title">{m.title}</p>
      <p className="muted">
        {KIND_TEXT[m.classes.kind]}.{' '}
        <Link href={`/methodologie#${indicator}`}>Définition et précautions</Link>
      </p>
      {m.scope && <p className="muted">Effectifs : {m.scope}.</p>}
      <ul>
        {m.classes.colors.map((c, i) => (
          <li key={c} data-kind="class" data-color={c} data-count={m.counts[i]}>
            <span className="swatch" style={{ background: c }} aria-hidden="true" /> {m.labels[i]}{' '}
            <span className="muted">
              ({m.counts[i]} {m.what})
            </span>
          </li>
        ))}
        <li data-kind="masked" data-count={m.masked}>
          <span className="swatch swatch-hatch" aria-hidden="true" /> {m.maskedText}{' '}
          <span className="muted">
            ({m.masked} {m.what})
          </span>
        </li>
        <li data-kind="absent" data-count={m.absent}>
          <span className="swatch" style={{ background: ABSENT }} aria-hidden="true" /> {m.absentText}{' '}
          <span className="muted">
            ({m.absent} {m.what})
          </span>
        </li>
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
