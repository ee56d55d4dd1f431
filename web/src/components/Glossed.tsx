/**
 * Glossary links: the first time a term appears on a page (« SRU », « carence », « QPV »…), it links to
 * its entry of `/glossaire`, with its one-line explanation on hover or focus. A page is one
 * `GlossaryScope` (the router gives each address its own): later appearances stay plain text.
 */
import { createContext, useContext, useId, useRef, type ReactNode } from 'react';
import { glossParts } from '../model/glossary';
import { Link } from '../router';

type Claims = Map<string, string>;

const Ctx = createContext<Claims | null>(null);

export function GlossaryScope({ children }: { children: ReactNode }) {
  const claims = useRef<Claims>(new Map());
  return <Ctx.Provider value={claims.current}>{children}</Ctx.Provider>;
}

/** A text whose glossary terms link to the glossary the first time they appear on the page. */
export function Glossed({ text }: { text: string }) {
  const claims = useContext(Ctx);
  const owner = useId();
  if (!claims) return <>{text}</>;
  // The owner of a term is the first component (in render order) that met it: stable across re-renders.
  const take = (id: string) => {
    const holder = claims.get(id);
    if (holder === undefined) claims.set(id, owner);
    return holder === undefined || holder === owner;
  };
  return (
    <>
      {glossParts(text, take).map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          <Link
            key={i}
            href={`/glossaire#${p.entry.id}`}
            className="term"
            title={p.entry.short}
            data-term={p.entry.id}
          >
            {p.text}
          </Link>
        ),
      )}
    </>
  );
}
