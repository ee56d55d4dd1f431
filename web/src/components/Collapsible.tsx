/**
 * Sections a phone reader can fold: a heading button (aria-expanded) over a body that stays in the
 * page (hidden, never unmounted), so that printing and in-page links still find it. Open by default on
 * wide screens, folded on narrow ones unless `openOnPhone`.
 */
import { useId, useState, useSyncExternalStore, type ReactNode } from 'react';

const NARROW = '(max-width: 640px)';

function subscribe(cb: () => void): () => void {
  const mq = window.matchMedia?.(NARROW);
  mq?.addEventListener('change', cb);
  return () => mq?.removeEventListener('change', cb);
}

/** True on a phone-sized screen (≤ 640 px wide). */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia?.(NARROW).matches ?? false,
    () => false,
  );
}

export function Collapsible({
  title,
  id,
  level = 2,
  openOnPhone = false,
  anchors = [],
  className,
  children,
}: {
  title: ReactNode;
  /** Id of the heading (anchors of the table of contents). */
  id: string;
  level?: 2 | 3;
  openOnPhone?: boolean;
  /** Address fragments (`#argument-`…) that open the section when the page is reached by them. */
  anchors?: string[];
  className?: string;
  children: ReactNode;
}) {
  const narrow = useNarrow();
  const [choice, setChoice] = useState<boolean | null>(null);
  const [linked] = useState(() =>
    [id, ...anchors].some((a) => location.hash === `#${id}` || location.hash.startsWith(`#${a}`)),
  );
  const open = choice ?? (!narrow || openOnPhone || linked);
  const bodyId = useId();
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id} className={`collapsible${className ? ` ${className}` : ''}`}>
      <H id={id} className="collapsible-title">
        <button
          type="button"
          className="collapsible-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setChoice(!open)}
        >
          <span className="chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>{' '}
          {title}
        </button>
      </H>
      <div id={bodyId} className="collapsible-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}
