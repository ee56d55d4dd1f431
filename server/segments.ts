/**
 * Series segments: a chart draws one line per segment and never joins two segments. A new segment
 * starts at each registry `series_breaks` year, at an observation flagged `series_break`, and when the
 * source family changes between two consecutive points (a different producer or definition).
 */
export interface SeriesBreak {
  year: number;
  label: string;
  /** registry: declared in the indicator registry; flag: flagged by the pipeline; source: family change. */
  kind: 'registry' | 'flag' | 'source';
}

export interface PointLike {
  year: number;
  flags: string[];
  source_family: string | null;
}

/** Segment numbers (0, 1, …) for points sorted by year, and the breaks that separated them. */
export function segmentPoints<P extends PointLike>(
  points: P[],
  registryBreaks: Array<{ year: number; label: string }>,
): { points: Array<P & { segment: number }>; breaks: SeriesBreak[] } {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const breaks: SeriesBreak[] = [];
  let segment = 0;
  const out = sorted.map((p, i) => {
    const prev = sorted[i - 1];
    if (prev) {
      const declared = registryBreaks.filter((b) => prev.year < b.year && b.year <= p.year);
      const flagged = p.flags.includes('series_break');
      const familyChange =
        prev.source_family !== null && p.source_family !== null && prev.source_family !== p.source_family;
      if (declared.length || flagged || familyChange) {
        segment++;
        for (const b of declared) breaks.push({ year: b.year, label: b.label, kind: 'registry' });
        if (flagged && !declared.length)
          breaks.push({ year: p.year, label: 'rupture de série signalée par la source', kind: 'flag' });
        if (familyChange)
          breaks.push({
            year: p.year,
            label: `changement de source (${prev.source_family} → ${p.source_family})`,
            kind: 'source',
          });
      }
    }
    return { ...p, segment };
  });
  return { points: out, breaks };
}
