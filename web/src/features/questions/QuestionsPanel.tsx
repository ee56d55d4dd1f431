/**
 * Questions for the candidates of a commune: proposed from its figures, editable (text, order, add,
 * remove), kept in this browser (localStorage) until reset, then copied or printed on their own.
 */
import { Collapsible } from '../../components/Collapsible';
import { useEffect, useMemo, useState } from 'react';
import type { Fiche, Source } from '../../api';
import { copyText } from '../../components/export';
import { Glossed } from '../../components/Glossed';
import { usePathExtras } from '../sru-path';
import { generateQuestions, questionsText, withExtraQuestion, type Question } from './generate';

const KEY = (code: string) => `observatoire:questions:${code}`;

function loadSaved(code: string): Question[] | null {
  try {
    const raw = localStorage.getItem(KEY(code));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Question[];
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function QuestionsPanel({ fiche, sources }: { fiche: Fiche; sources: Record<string, Source> }) {
  const { question: pathQuestion, ready } = usePathExtras(fiche, sources);
  const proposed = useMemo(
    () => withExtraQuestion(generateQuestions({ fiche, sources }), pathQuestion),
    [fiche, sources, pathQuestion],
  );
  const code = fiche.territory.code;
  const [questions, setQuestions] = useState<Question[]>(() => loadSaved(code) ?? proposed);
  const [edited, setEdited] = useState(() => loadSaved(code) !== null);
  const [status, setStatus] = useState('');

  // Questions proposed later (the SRU path is loaded after the fiche) join the list until it is edited.
  useEffect(() => {
    if (!edited) setQuestions(proposed);
  }, [proposed, edited]);

  useEffect(() => {
    if (edited) localStorage.setItem(KEY(code), JSON.stringify(questions));
    else localStorage.removeItem(KEY(code));
  }, [questions, edited, code]);

  useEffect(() => {
    const done = () => document.body.classList.remove('print-questions');
    window.addEventListener('afterprint', done);
    return () => window.removeEventListener('afterprint', done);
  }, []);

  const update = (next: Question[]) => {
    setQuestions(next);
    setEdited(true);
  };
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= questions.length) return;
    const next = [...questions];
    [next[i], next[j]] = [next[j]!, next[i]!];
    update(next);
  };
  const copy = async () => {
    try {
      await copyText(questionsText(fiche.territory.name, questions));
      setStatus(`${questions.length} questions copiées, avec les chiffres et leurs sources.`);
    } catch (err) {
      setStatus(`Copie impossible : ${(err as Error).message}`);
    }
  };
  const print = () => {
    document.body.classList.add('print-questions');
    window.print();
  };

  // The list is shown once the SRU path has been read: it does not grow under the reader's cursor.
  if (!ready)
    return (
      <Collapsible id="questions" title="Questions aux candidats" className="questions">
        <p aria-busy="true">Préparation des questions…</p>
      </Collapsible>
    );

  return (
    <Collapsible id="questions" title="Questions aux candidats" className="questions">
      <p className="lead">
        Questions proposées à partir des chiffres de {fiche.territory.name}, pour le mandat municipal
        2026-2032. Modifiez-les, réordonnez-les ou ajoutez les vôtres avant de les copier ou de les imprimer
        {edited ? ' (vos modifications sont gardées dans ce navigateur)' : ''}.
      </p>
      <ol className="question-list">
        {questions.map((q, i) => (
          <li key={`${q.id}-${i}`} className="question" data-question={q.id}>
            <label className="sr-only" htmlFor={`q-${i}`}>
              Question {i + 1}
            </label>
            <textarea
              id={`q-${i}`}
              value={q.text}
              rows={3}
              onChange={(e) =>
                update(questions.map((x, k) => (k === i ? { ...x, text: e.target.value } : x)))
              }
            />
            <p className="print-text">
              <Glossed text={q.text} />
            </p>
            {q.basis && (
              <p className="basis muted">
                Chiffre : <Glossed text={q.basis} />.
              </p>
            )}
            <p className="question-actions">
              <button type="button" className="secondary" onClick={() => move(i, -1)} disabled={i === 0}>
                Monter<span className="sr-only"> la question {i + 1}</span>
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => move(i, 1)}
                disabled={i === questions.length - 1}
              >
                Descendre<span className="sr-only"> la question {i + 1}</span>
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => update(questions.filter((_, k) => k !== i))}
              >
                Supprimer<span className="sr-only"> la question {i + 1}</span>
              </button>
            </p>
          </li>
        ))}
      </ol>
      <p className="question-toolbar">
        <button
          type="button"
          className="secondary"
          onClick={() => update([...questions, { id: `perso-${Date.now()}`, basis: null, text: '' }])}
        >
          Ajouter une question
        </button>
        <button type="button" className="secondary" onClick={copy}>
          Copier les questions
        </button>
        <button type="button" className="secondary" onClick={print}>
          Imprimer les questions
        </button>
        {edited && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setQuestions(proposed);
              setEdited(false);
            }}
          >
            Rétablir les questions proposées
          </button>
        )}
      </p>
      <p role="status" aria-live="polite" className="muted">
        {status}
      </p>
    </Collapsible>
  );
}
