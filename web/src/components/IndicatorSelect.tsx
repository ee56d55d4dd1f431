/** Indicator and year menus built from the registry (`/api/indicators`): new indicators appear by themselves. */
import { useId } from 'react';
import { themeLabel as labelOfTheme } from '../../../core/themes';
import type { IndicatorInfo } from '../api';
import { useRegistry } from '../registry';

/** Indicators with at least one value at `level`, in registry order (grouped by theme). */
export function indicatorsAt(all: readonly IndicatorInfo[], level: string): IndicatorInfo[] {
  return all.filter((i) => i.levels.includes(level));
}

export function IndicatorSelect({
  value,
  onChange,
  level = 'commune',
  label = 'Indicateur',
  include,
}: {
  value: string;
  onChange: (id: string) => void;
  level?: string;
  label?: string;
  /** Which indicators to offer; default: those with values at `level`. */
  include?: (i: IndicatorInfo) => boolean;
}) {
  const { indicators } = useRegistry();
  const id = useId();
  const list = include ? indicators.filter(include) : indicatorsAt(indicators, level);
  const known = list.some((i) => i.id === value);
  const option = (i: IndicatorInfo) => (
    <option key={i.id} value={i.id}>
      {i.label}
      {i.unit_symbol ? ` (${i.unit_symbol})` : ''}
    </option>
  );
  const themes = [...new Set(list.map((i) => i.theme))];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={known ? value : ''} onChange={(e) => onChange(e.target.value)}>
        {!known && <option value="">— choisir —</option>}
        {themes.map((theme) => (
          <optgroup key={theme} label={themeLabel(list.find((i) => i.theme === theme)!)}>
            {list.filter((i) => i.theme === theme).map(option)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** The theme's French label: from the API when it serves one, else the registry's theme list. */
export function themeLabel(i: IndicatorInfo): string {
  return (i as IndicatorInfo & { theme_label?: string }).theme_label ?? labelOfTheme(i.theme);
}

export function YearSelect({
  value,
  years,
  onChange,
  label = 'Année',
}: {
  value: string;
  years: readonly number[];
  onChange: (year: string) => void;
  label?: string;
}) {
  const id = useId();
  const latest = years.length ? Math.max(...years) : null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="latest">dernière disponible{latest ? ` (${latest})` : ''}</option>
        {[...years]
          .sort((a, b) => b - a)
          .map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
      </select>
    </div>
  );
}
