/**
 * A wide table that scrolls sideways inside its box, with a visible cue when it overflows: shadows on
 * the hidden side (CSS) and a hint line above (« faites défiler le tableau → »).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function TableWrap({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflow(el.scrollWidth > el.clientWidth + 2);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);
  return (
    <>
      {overflow && (
        <p className="scroll-hint" data-scroll-hint="">
          Tableau plus large que l’écran : faites-le défiler vers la droite →
        </p>
      )}
      <div
        ref={ref}
        className={`table-wrap${className ? ` ${className}` : ''}`}
        tabIndex={overflow ? 0 : undefined}
        role={overflow ? 'region' : undefined}
        aria-label={overflow ? 'Tableau défilant horizontalement' : undefined}
      >
        {children}
      </div>
    </>
  );
}
