import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Tag } from '../../../../shared/domain';
import { LIMITS } from '../../../../shared/limits';
import { normalizeTagLabel } from '../../../../shared/tags';
import { useAction } from '../../app/useAction';
import { useMeetingCall } from '../../app/meetingContext';
import { ActionError } from '../../app/ActionError';

export interface TagPickerProps {
  /** Every tag there is: built-in and custom (library.tags). */
  tags: readonly Tag[];
  selected: readonly string[];
  onChange: (tagIds: string[]) => void;
  /** Called with a tag created here, until the library event that lists it arrives. */
  onCreated: (tag: Tag) => void;
  /** The input's id, for the form's <label>. */
  inputId: string;
  invalid?: boolean;
  describedBy?: string | undefined;
}

type Option = { kind: 'tag'; tag: Tag } | { kind: 'create'; label: string };

/**
 * Customer-impact tags with type-ahead: a combobox (ARIA 1.2, list autocomplete) over the
 * library's tags. Enter picks the highlighted suggestion; a label no tag has is created only by
 * choosing "Create tag …" (↓ to it, or a click), never by Enter on a half-typed label (tags.create
 * returns the existing tag for a label that differs only in case or spaces).
 */
export function TagPicker({ tags, selected, onChange, onCreated, inputId, invalid, describedBy }: TagPickerProps) {
  const call = useMeetingCall();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  /** The highlighted option once the arrows moved it; null: the first matching tag, never "Create tag …". */
  const [active, setActive] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const { busy, error, setError, run } = useAction(); // creating a tag: one call, however often it is clicked
  const inputRef = useRef<HTMLInputElement>(null);

  const byId = useMemo(() => new Map(tags.map((tag) => [tag.id, tag])), [tags]);
  const query = normalizeTagLabel(text);
  const options = useMemo((): Option[] => {
    if (!query) return tags.filter((tag) => !selected.includes(tag.id)).map((tag) => ({ kind: 'tag', tag }));
    const matches = tags.filter((tag) => !selected.includes(tag.id) && normalizeTagLabel(tag.label).includes(query));
    matches.sort((a, b) => Number(!normalizeTagLabel(a.label).startsWith(query)) - Number(!normalizeTagLabel(b.label).startsWith(query)));
    const exact = tags.some((tag) => normalizeTagLabel(tag.label) === query);
    const list: Option[] = matches.map((tag) => ({ kind: 'tag', tag }));
    if (!exact) list.push({ kind: 'create', label: text.trim() });
    return list;
  }, [tags, selected, query, text]);
  const showList = open && options.length > 0;
  const activeIndex = active === null ? (options[0]?.kind === 'tag' ? 0 : -1) : Math.min(active, options.length - 1);
  const listRef = useRef<HTMLUListElement>(null);
  const upward = useOpensUpward(showList, options.length, inputRef, listRef);

  const choose = (option: Option) => {
    if (option.kind === 'tag') {
      setError(null);
      add(option.tag.id);
      return;
    }
    void run(async () => {
      const tag = await call('tags.create', { label: option.label });
      onCreated(tag);
      add(tag.id);
    }, 'Could not create the tag: ');
  };

  const add = (tagId: string) => {
    if (!selected.includes(tagId)) onChange([...selected, tagId]);
    setText('');
    setActive(null);
    setOpen(false);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive(options.length === 0 ? null : (activeIndex + 1) % options.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        setActive(options.length === 0 ? null : activeIndex <= 0 ? options.length - 1 : activeIndex - 1);
        break;
      case 'Enter': {
        // With nothing typed, Enter submits the form as anywhere else; with a label typed, it adds the highlighted tag.
        if (!text.trim()) break;
        event.preventDefault();
        const option = showList ? options[activeIndex] : undefined;
        if (option && !busy) choose(option);
        else {
          setOpen(true);
          setNotice(`No tag matches “${text.trim()}”. To make it a new tag, choose “Create tag” (↓ then Enter).`);
        }
        break;
      }
      case 'Escape':
        if (showList) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        }
        break;
      case 'Backspace':
        if (text === '' && selected.length > 0) onChange(selected.slice(0, -1));
        break;
    }
  };

  const optionId = (index: number) => `${id}-option-${index}`;

  return (
    <div className="tag-picker">
      {selected.length > 0 ? (
        <ul className="tag-chips" aria-label="Chosen tags">
          {selected.map((tagId) => {
            const label = byId.get(tagId)?.label ?? tagId;
            return (
              <li key={tagId} className="tag-chip">
                <span dir="auto">{label}</span>
                <button
                  type="button"
                  className="tag-chip-remove"
                  aria-label={`Remove tag ${label}`}
                  onClick={() => onChange(selected.filter((other) => other !== tagId))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="tag-combo">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={`${id}-list`}
          aria-activedescendant={showList && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-invalid={invalid || error ? true : undefined}
          aria-describedby={[describedBy, `${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
          dir="auto"
          value={text}
          maxLength={LIMITS.tagLabelMax}
          autoComplete="off"
          placeholder="Type to find or add a tag"
          aria-busy={busy || undefined}
          onChange={(event) => {
            setText(event.target.value);
            setActive(null);
            setNotice('');
            setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul
          ref={listRef}
          id={`${id}-list`}
          role="listbox"
          aria-label="Tags"
          className={upward ? 'tag-options tag-options-up' : 'tag-options'}
          hidden={!showList}
        >
          {showList
            ? options.map((option, index) => (
                <li
                  key={option.kind === 'tag' ? option.tag.id : `create-${option.label}`}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === activeIndex}
                  className={index === activeIndex ? 'tag-option tag-option-active' : 'tag-option'}
                  // Keep focus in the input: a mousedown on an option would blur it and close the list.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(option)}
                >
                  {option.kind === 'tag' ? (
                    <>
                      <span dir="auto">{option.tag.label}</span>
                      {option.tag.builtIn ? null : <span className="tag-option-note">custom</span>}
                    </>
                  ) : (
                    <span>{`Create tag “${option.label}”`}</span>
                  )}
                </li>
              ))
            : null}
        </ul>
      </div>
      <p id={`${id}-hint`} className="hint">
        Type to find a tag; Enter adds the highlighted one. For a new tag, choose “Create tag”.
      </p>
      <p className="hint tag-notice" aria-live="polite">
        {notice}
      </p>
      <ActionError message={error} id={`${id}-error`} />
    </div>
  );
}

/**
 * Whether the open list goes above its input: when it does not fit between the input and the end
 * of the window or of the page (whichever comes first) and there is more room above. The runner's
 * column has layout containment (runner.css), so a list hanging below the page's end could not be
 * scrolled to; this also keeps a list opened low in the window in sight.
 */
function useOpensUpward(
  open: boolean,
  optionCount: number,
  inputRef: RefObject<HTMLInputElement | null>,
  listRef: RefObject<HTMLUListElement | null>,
): boolean {
  const [upward, setUpward] = useState(false);
  useLayoutEffect(() => {
    const input = inputRef.current;
    const list = listRef.current;
    if (!open || !input || !list) return;
    const box = input.getBoundingClientRect();
    const pageEnd = document.documentElement.scrollHeight - window.scrollY;
    const below = Math.min(window.innerHeight, pageEnd) - box.bottom;
    setUpward(list.offsetHeight + 4 > below && box.top > below);
  }, [open, optionCount, inputRef, listRef]);
  return upward;
}
