/**
 * `/glossaire`: every acronym and technical word in plain French, and what each quality badge means.
 * Terms link here from their first appearance on a page; badges link to their entry.
 */
import { useEffect } from 'react';
import { GLOSSARY } from '../../model/glossary';
import { useRegistry } from '../../registry';

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

export function GlossaryPage() {
  const { flags } = useRegistry();
  useEffect(() => {
    document.title = 'Glossaire — Observatoire précarité & logement';
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) {
      target.scrollIntoView();
      target.focus({ preventScroll: true });
    }
  }, []);
  const terms = [...GLOSSARY].sort((a, b) => collator.compare(a.term, b.term));
  const flagList = Object.entries(flags as Record<string, { badge: string; meaning: string }>);
  return (
    <section className="glossary-page">
      <h1>Glossaire</h1>
      <p className="lead">
        Les sigles et les mots techniques des fiches, cartes et comparaisons, en mots simples ; puis ce que
        veulent dire les pastilles posées à côté de certains chiffres.
      </p>
      <nav aria-label="Sommaire du glossaire" className="toc">
        <a href="#mots">Mots et sigles</a>
        <a href="#signalements">Pastilles de qualité</a>
      </nav>
      <h2 id="mots">Mots et sigles</h2>
      <dl className="glossary">
        {terms.map((g) => (
          <div key={g.id} id={g.id} tabIndex={-1} className="glossary-entry">
            <dt>{g.term}</dt>
            <dd>
              {g.short}
              {g.more ? <p>{g.more}</p> : null}
            </dd>
          </div>
        ))}
      </dl>
      <h2 id="signalements">Pastilles de qualité</h2>
      <p>
        Une pastille signale qu’un chiffre demande une précaution. Elle ne le rend pas faux : elle dit comment
        le lire.
      </p>
      <dl className="glossary">
        {flagList.map(([code, f]) => (
          <div key={code} id={`signalement-${code}`} tabIndex={-1} className="glossary-entry">
            <dt>
              <span className={`badge badge-${code}`}>{f.badge}</span>
            </dt>
            <dd>{f.meaning}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
