/** Search a territory by name (accents ignored) or code; keyboard-operable combobox. */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { LEVEL_SHORT_LABELS } from '../../../core/levels';
import { client, unwrap, type SearchHit } from '../api';
import { formatNumber } from '../format';
import { navigate } from '../router';

const LEVEL_SHORT: Record<string, string> = LEVEL_SHORT_LABELS;

function search(text: string): Promise<SearchHit[]> {
  return client.api.search
    .$get({ query: { q: text, limit: '10' } })
    .then((r) => unwrap<{ data: SearchHit[] }>(r))
    .then((r) => r.data);
}

/** The plain sentence for a search that finds nothing (a code, or a name). */
export function noMatch(text: string): string {
  if (/^\d[\dAB]\d{3}$/i.test(text))
    return `Aucune commune n’a le code INSEE ${text}. Le code INSEE n’est pas le code postal : cherchez plutôt le nom de la commune.`;
  if (/^\d+$/.test(text))
    return `Aucun territoire n’a le code ${text}. Une commune a un code INSEE de cinq caractères (92048 pour Meudon) ; vous pouvez aussi taper son nom.`;
  return `Aucune commune ni aucun territoire ne correspond à « ${text} ». Vérifiez l’orthographe ou tapez le début du nom.`;
}

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

  const [message, setMessage] = useState('');

  useEffect(() => {
    const text = q.trim();
    setMessage('');
    if (text.length < 2) {
      setHits([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      search(text)
        .then((found) => {
          if (!live) return;
          setHits(found);
          setActive(0);
          setOpen(true);
          if (!found.length) setMessage(noMatch(text));
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
    setMessage('');
    if (onSelect) onSelect(h);
    else navigate(`/${h.level}/${h.code}`);
  };
  /** Enter before the suggestions arrive: ask now, open the best match, or say plainly that none fits. */
  const goBest = async () => {
    const text = q.trim();
    if (text.length < 2) return;
    try {
      const found = (await search(text)).filter((h) => !exclude.includes(`${h.level}:${h.code}`));
      if (found[0]) go(found[0]);
      else setMessage(noMatch(text));
    } catch (err) {
      setMessage(`Recherche impossible : ${(err as Error).message}`);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (hits[active]) go(hits[active]!);
      else void goBest();
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
      <p className="search-message" role="status" aria-live="polite">
        {message}
      </p>
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
