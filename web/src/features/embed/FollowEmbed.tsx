/**
 * « Suivre » and « Intégrer » on a fiche: the territory's Atom feed (one entry per vintage that
 * changes one of its figures), and an embeddable card of chosen figures with its `<iframe>` snippet
 * and a live preview.
 */
import { useState } from 'react';
import type { Fiche } from '../../api';
import { copyText } from '../../components/export';
import { EMBED_LEVELS, MAX_EMBED_INDICATORS, embedHeight, embedUrl, feedUrl, iframeSnippet } from './snippet';
import './embed.css';

const DEFAULTS = ['sru_taux', 'sru_logements_manquants'];

export function FollowEmbed({ fiche }: { fiche: Fiche }) {
  const t = fiche.territory;
  const available = fiche.indicators.filter((i) => i.value && i.value.value !== null);
  const initial = DEFAULTS.filter((id) => available.some((i) => i.id === id));
  const [chosen, setChosen] = useState<string[]>(
    initial.length ? initial : available.slice(0, 2).map((i) => i.id),
  );
  const [status, setStatus] = useState('');
  if (!EMBED_LEVELS.includes(t.level)) return null;
  const origin = location.origin;
  const feed = feedUrl(origin, t.level, t.code);
  const src = embedUrl(origin, t.level, t.code, chosen);
  const snippet = iframeSnippet(
    src,
    `${t.name} — chiffres clés (Observatoire précarité & logement)`,
    chosen.length,
  );
  const toggle = (id: string) =>
    setChosen((c) =>
      c.includes(id) ? c.filter((x) => x !== id) : c.length < MAX_EMBED_INDICATORS ? [...c, id] : c,
    );
  const copy = async (text: string, what: string) => {
    try {
      await copyText(text);
      setStatus(`${what} copié dans le presse-papiers.`);
    } catch (err) {
      setStatus(`Copie impossible : ${(err as Error).message}`);
    }
  };
  return (
    <section aria-labelledby="suivre" className="follow-embed">
      <h2 id="suivre">Suivre et intégrer</h2>
      <h3>Suivre {t.level === 'commune' ? 'cette commune' : 'ce territoire'}</h3>
      <p>
        Le flux Atom de {t.name} publie une entrée à chaque nouveau millésime qui modifie l’un de ses chiffres
        (valeurs avant et après, écart, changement de statut SRU). Collez son adresse dans un lecteur de flux
        ou un outil de veille.
      </p>
      <p className="follow-feed">
        <a href={feed} type="application/atom+xml" data-feed>
          Flux Atom de {t.name}
        </a>{' '}
        <code>{feed}</code>{' '}
        <button type="button" className="secondary" onClick={() => copy(feed, 'Adresse du flux')}>
          Copier l’adresse du flux
        </button>
      </p>
      <h3>Intégrer ces chiffres à votre site</h3>
      <fieldset>
        <legend>Chiffres de la carte ({MAX_EMBED_INDICATORS} au plus)</legend>
        <div className="embed-choices">
          {available.map((i) => (
            <label key={i.id}>
              <input
                type="checkbox"
                checked={chosen.includes(i.id)}
                disabled={!chosen.includes(i.id) && chosen.length >= MAX_EMBED_INDICATORS}
                onChange={() => toggle(i.id)}
              />{' '}
              {i.short_label}
            </label>
          ))}
        </div>
      </fieldset>
      {chosen.length > 0 ? (
        <>
          <label htmlFor="embed-snippet">Code à coller dans votre page</label>
          <textarea
            id="embed-snippet"
            readOnly
            rows={3}
            value={snippet}
            onFocus={(e) => e.currentTarget.select()}
          />
          <p>
            <button type="button" onClick={() => copy(snippet, 'Code d’intégration')}>
              Copier le code d’intégration
            </button>{' '}
            <a href={src} target="_blank" rel="noopener">
              Ouvrir la carte seule
            </a>
          </p>
          <p className="muted">Aperçu :</p>
          <iframe
            className="embed-preview"
            src={src}
            title={`Aperçu de la carte à intégrer : ${t.name}`}
            width="100%"
            height={embedHeight(chosen.length)}
            loading="lazy"
          />
        </>
      ) : (
        <p className="muted">Choisissez au moins un chiffre.</p>
      )}
      <p role="status" aria-live="polite" className="muted">
        {status}
      </p>
    </section>
  );
}
