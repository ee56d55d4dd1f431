/** Search a territory by name (accents ignored) or code; keyboard-operable combobox. */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { LEVEL_SHORT_LABELS } from '../../../core/levels';
import { client, unwrap, type SearchHit } from '../api';
import { formatNumber } from '../format';
import { navigate } from '../router';

const LEVEL_SHORT: Record<string, string> = LEVEL_SHORT_LABELS;

/**
 * Without `onSelect`, picking a hit opens its fiche; with it (e.g. « ajouter à la comparaison »), the
 * hit is handed over instead. `label` is the accessible name, `exclude` hides hits already chosen.
 */
export function SearchBox({
  onSelect,
  label = 'Rechercher une commune ou un territoire',
  exclude = [],
  id: fixedId,
}: {
  onSelect?: (hit: SearchHit) => void;
  label?: string;
  exclude?: string[];
  id?: string;
} = {}) {
  const [q, setQ] = useState('');
  const [allHits, setHits] = useState<SearchHit[]>([]);
  const hits = allHits.filter((h) => !exclude.includes(`${h.level}:${h.code}`));
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const autoId = useId();
  const id = fixedId ?? autoId;

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setHits([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      client.api.search
        .$get({ query: { q: text, limit: '10' } })
        .then((r) => unwrap<{ data: SearchHit[] }>(r))
        .then((r) => {
          if (!live) return;
          setHits(r.data);
          setActive(0);
          setOpen(true);
        })
        .catch(() => live && setHits([]));
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);

  const go = (h: SearchHit) => {
    setOpen(false);
    setQ('');
    if (onSelect) onSelect(h);
    else navigate(`/${h.level}/${h.code}`);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && hits[active]) {
      e.preventDefault();
      go(hits[active]!);
    } else if (e.key === 'Escape') setOpen(false);
  };

  return (
    <div className="search" role="search">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={open && hits.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && hits[active] ? `${id}-opt-${active}` : undefined}
        aria-autocomplete="list"
        placeholder="Nom ou code INSEE, ex. Meudon, 92048"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKey}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        autoComplete="off"
      />
      {open && hits.length > 0 && (
        <ul id={`${id}-list`} role="listbox" className="search-results">
          {hits.map((h, i) => (
            <li
              key={`${h.level}-${h.code}`}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                go(h);
              }}
            >
              <span className="hit-name">{h.name}</span>{' '}
              <span className="muted">
                {LEVEL_SHORT[h.level] ?? h.level} {h.code}
                {h.departement && h.level === 'commune' ? ` (${h.departement})` : ''}
                {h.population ? ` · ${formatNumber(h.population)} hab.` : ''}
                {h.matched ? ` · ${h.matched}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
