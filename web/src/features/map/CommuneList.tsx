/**
 * Keyboard access to the map: a filterable list of the communes shown. Arrow keys move through the
 * list and highlight the commune on the map (its value is read out in the details panel); Enter
 * selects it; the selection is kept in the address.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatNumber } from '../../format';
import { countText } from '../../model/plural';
import { searchText } from './text';

export interface ListItem {
  code: string;
  name: string;
  valueText: string;
}

const MAX = 1500;

export function CommuneList({
  items,
  active,
  onActive,
  onSelect,
  label,
}: {
  items: ListItem[];
  active: string | null;
  onActive: (code: string | null) => void;
  onSelect: (code: string) => void;
  label: string;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => {
    const key = searchText(q);
    const hits = key
      ? items.filter((it) => searchText(it.name).includes(key) || it.code.startsWith(q.trim()))
      : items;
    return hits;
  }, [items, q]);
  const visible = shown.slice(0, MAX);
  const pos = visible.findIndex((it) => it.code === active);

  useEffect(() => {
    if (pos < 0) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-code="${active}"]`);
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [pos, active]);

  const move = (delta: number) => {
    if (!visible.length) return;
    const next =
      pos < 0 ? (delta > 0 ? 0 : visible.length - 1) : Math.max(0, Math.min(visible.length - 1, pos + delta));
    onActive(visible[next]!.code);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'PageDown') move(10);
    else if (e.key === 'PageUp') move(-10);
    else if (e.key === 'Home' && e.ctrlKey) move(-1e6);
    else if (e.key === 'End' && e.ctrlKey) move(1e6);
    else if (e.key === 'Enter' && pos >= 0) onSelect(visible[pos]!.code);
    else if (e.key === 'Escape') onActive(null);
    else return;
    e.preventDefault();
  };

  return (
    <div className="commune-list">
      <label htmlFor={`${id}-q`}>{label}</label>
      <input
        id={`${id}-q`}
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={pos >= 0 ? `${id}-${visible[pos]!.code}` : undefined}
        placeholder="Filtrer par nom ou code ; flèches ↑ ↓ pour parcourir"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKey}
        autoComplete="off"
      />
      <ul id={`${id}-list`} role="listbox" aria-label={label} ref={listRef}>
        {visible.map((it) => (
          <li
            key={it.code}
            id={`${id}-${it.code}`}
            data-code={it.code}
            role="option"
            aria-selected={it.code === active}
            onMouseEnter={() => onActive(it.code)}
            onMouseDown={(e) => {
              e.preventDefault();
              onSelect(it.code);
            }}
          >
            <span>
              {it.name} <span className="muted">{it.code}</span>
            </span>{' '}
            <span className="muted">{it.valueText}</span>
          </li>
        ))}
      </ul>
      <p className="muted" aria-live="polite">
        {shown.length > MAX
          ? `${formatNumber(MAX)} premières communes sur ${formatNumber(shown.length)} : précisez le filtre.`
          : `${countText(shown.length, 'communes')}.`}
      </p>
    </div>
  );
}
