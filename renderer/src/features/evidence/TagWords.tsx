import { useId, useState } from 'react';
import type { Tag } from '../../../../shared/domain';
import { EVIDENCE_LIMITS } from '../../../../shared/evidence/limits';
import { useClient } from '../../app/clientContext';
import { useAction } from '../../app/useAction';

const MAX_WORDS = EVIDENCE_LIMITS.synonymsPerTagMax;
const MAX_LENGTH = EVIDENCE_LIMITS.synonymMax;

/**
 * Per tag, the words that mean it (pricing: price, cost, expensive, invoice, plan): the chair ranks
 * evidence with them for decisions that carry the tag. Each change is saved at once.
 */
export function TagWords({ tags, synonyms, onChanged }: { tags: Tag[]; synonyms: Record<string, string[]>; onChanged: () => void }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Tag words</h2>
      <p className="muted">
        Words that mean each tag, so the chair finds evidence for decisions that carry it. Up to {MAX_WORDS} words a tag, each at most{' '}
        {MAX_LENGTH} characters.
      </p>
      <ul className="evidence-tag-words">
        {tags.map((tag) => (
          <TagWordsRow key={tag.id} tag={tag} words={synonyms[tag.id] ?? []} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}

function TagWordsRow({ tag, words, onChanged }: { tag: Tag; words: string[]; onChanged: () => void }) {
  const client = useClient();
  const id = useId();
  const [draft, setDraft] = useState('');
  const { busy, error, setError, run } = useAction();
  const full = words.length >= MAX_WORDS;

  const save = (next: string[]) =>
    run(async () => {
      await client.call('evidence.setSynonyms', { tagId: tag.id, words: next });
      onChanged();
    });
  const add = async () => {
    const fresh = draft
      .split(',')
      .map((word) => word.trim().toLowerCase())
      .filter((word) => word && !words.includes(word));
    if (fresh.length === 0) return setError(draft.trim() ? 'Already in the list.' : 'Type a word to add.');
    const tooLong = fresh.find((word) => word.length > MAX_LENGTH);
    if (tooLong) return setError(`“${tooLong}” is longer than ${MAX_LENGTH} characters.`);
    if (words.length + fresh.length > MAX_WORDS) return setError(`A tag has at most ${MAX_WORDS} words; remove one first.`);
    if (await save([...words, ...fresh])) setDraft('');
  };

  return (
    <li className="evidence-tag-row">
      <h3 id={`${id}-label`} className="evidence-tag-label">
        {tag.label}
      </h3>
      <ul className="evidence-word-list" aria-label={`Words for ${tag.label}`}>
        {words.map((word) => (
          <li key={word} className="evidence-word">
            <span dir="auto">{word}</span>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove “${word}” from ${tag.label}`}
              disabled={busy}
              onClick={() => void save(words.filter((other) => other !== word))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="evidence-word-add"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label htmlFor={`${id}-word`} className="visually-hidden">
          Add a word for {tag.label}
        </label>
        <input
          id={`${id}-word`}
          value={draft}
          maxLength={MAX_WORDS * (MAX_LENGTH + 2)}
          disabled={full}
          aria-describedby={`${id}-count`}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button button-small" disabled={busy || full}>
          Add
        </button>
        <span id={`${id}-count`} className="muted">
          {words.length} of {MAX_WORDS} words{full ? ' (full)' : ''}
        </span>
      </form>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
