/**
 * What the map shows, derived from its data: classes computed on the values that can be trusted
 * (flagged ones keep their own pattern), one fill per commune, the legend with every reason a commune
 * has no class, the commune list, the coverage line and the source line. Pure derivations, memoised.
 */
import { useMemo } from 'react';
import type { ValuesResponse } from '../../api';
import { formatNumber, formatValue } from '../../format';
import { classCounts, classify, classLabels, type Classes } from '../../model/classes';
import { countText } from '../../model/plural';
import { sourceText } from '../../model/sources';
import type { ListItem } from './CommuneList';
import { coverageOf, coverageText, type Coverage } from '../../model/coverage';
import type { MapBase, OutlineKind } from './geo';
import type { LegendExtra, LegendModel } from './Legend';
import {
  REASON_FILL,
  classifiable,
  coveredDepartements,
  fillKind,
  fillLabels,
  fillsFor,
  type FillKind,
} from '../../model/fills';

type Row = ValuesResponse['data'][number];
type Def = ValuesResponse['meta']['indicator'];

export interface MapModel {
  def: Def | null;
  year: number | null;
  byCode: Map<string, Row>;
  rows: Row[];
  classes: Classes | null;
  fills: string[] | null;
  legend: LegendModel | null;
  listItems: ListItem[];
  coverage: Coverage | null;
  coverageLine: string;
  source: string;
  /** Why a commune has no class (« non soumise à la loi SRU »…), or null when it has one. */
  missingLabel: (code: string) => string | null;
}

export function useMapModel(
  data: ValuesResponse | null,
  base: MapBase | null,
  zone: Set<string> | null,
  zoneName: string | null,
  outlines: OutlineKind[],
): MapModel {
  const def = data?.meta.indicator ?? null;
  const year = data?.meta.year ?? null;
  const byCode = useMemo(() => new Map<string, Row>((data?.data ?? []).map((r) => [r.code, r])), [data]);
  const covered = useMemo(() => (data ? coveredDepartements(data.data) : null), [data]);
  // Class limits: values that can be trusted only (a suspect 228,5 must not stretch the scale).
  const trusted = useMemo(() => (data ? data.data.filter(classifiable).map((r) => r.value) : []), [data]);
  const classes = useMemo(() => {
    if (!def || !data) return null;
    return classify(trusted, {
      thresholds: def.thresholds,
      diverging: def.diverging,
      boolean: def.unit === 'booleen',
    });
  }, [def, data, trusted]);
  const fills = useMemo(
    () =>
      base && classes
        ? fillsFor(
            base.features.map((f) => f.properties.code),
            byCode,
            classes,
            covered,
          )
        : null,
    [base, classes, byCode, covered],
  );
  const rows = useMemo(() => {
    if (!data) return [];
    return zone ? data.data.filter((r) => zone.has(r.code)) : data.data;
  }, [data, zone]);

  const legend: LegendModel | null = useMemo(() => {
    if (!def || !classes || !data) return null;
    const range: [number, number] | undefined = trusted.length
      ? [Math.min(...trusted), Math.max(...trusted)]
      : undefined;
    const labels = fillLabels(def, year);
    const kinds = new Map<FillKind, number>();
    for (const r of rows) {
      const k = fillKind(r, covered, r.code);
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    const extras: LegendExtra[] = (['flagged', 'above', 'masked', 'not_listed', 'absent'] as const)
      .filter((k) => (kinds.get(k) ?? 0) > 0)
      .map((k) => ({ kind: k, fill: REASON_FILL[k], label: labels[k], count: kinds.get(k)! }));
    const left = data.data.filter((r) => r.value !== null).length - trusted.length;
    return {
      title: `${def.short_label} (${def.unit_label}), ${year ?? 'année inconnue'}`,
      classes,
      labels: classLabels(
        classes,
        (v) => formatValue(v, def.unit, Number.isInteger(v) ? 0 : def.decimals),
        range,
      ),
      // Classes and limits are those of the whole perimeter; counts are those of the view (zoom zone).
      counts: classCounts(
        rows.filter(classifiable).map((r) => r.value),
        classes,
      ),
      extras,
      what: 'communes',
      scope: zoneName ? `communes de ${zoneName} (${formatNumber(rows.length)})` : null,
      basis: `limites calculées sur ${countText(trusted.length, 'valeurs')}${left > 0 ? ` ; ${countText(left, 'valeurs à vérifier')} hors classes` : ''}`,
      outlines,
      target: def.target?.label,
    };
  }, [def, classes, data, rows, zoneName, year, outlines, trusted, covered]);

  const listItems: ListItem[] = useMemo(
    () =>
      def
        ? [...rows]
            .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
            .map((r) => ({
              code: r.code,
              name: r.name,
              valueText: r.value === null ? 'n.d.' : formatValue(r.value, def.unit, def.decimals),
            }))
        : [],
    [rows, def],
  );
  const coverage = useMemo(() => (data ? coverageOf(rows) : null), [data, rows]);
  return {
    def,
    year,
    byCode,
    rows,
    classes,
    fills,
    legend,
    listItems,
    coverage,
    coverageLine: coverage ? coverageText(coverage) : '',
    source: data ? sourceText(data.meta.sources) : '',
    missingLabel: (code) => {
      if (!def) return null;
      const k = fillKind(byCode.get(code), covered, code);
      return k === 'class' ? null : fillLabels(def, year)[k];
    },
  };
}
