import { useCallback, useId, useRef, useState, type ComponentProps, type Ref } from 'react';

/** From this share of the limit on, the field shows how many characters it holds. */
export const LIMIT_COUNT_FROM = 0.9;

type TextElement = HTMLInputElement | HTMLTextAreaElement;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * What an insertion would add: typed or pasted text, or a line break. A one-line input drops line
 * breaks from what is pasted; a textarea stores \r\n as \n.
 */
function insertedText(event: InputEvent, element: TextElement): string {
  let text = event.data ?? event.dataTransfer?.getData('text/plain') ?? '';
  if (event.inputType === 'insertLineBreak' || event.inputType === 'insertParagraph') text = '\n';
  text = text.replace(/\r\n?/g, '\n');
  return element instanceof HTMLInputElement ? text.replace(/\n/g, '') : text;
}

/** The message for an insertion the limit refuses: nothing of it goes in, and the user is told why. */
export function refusalMessage(limit: number, current: number, inserted: number): string {
  const free = Math.max(0, limit - current);
  if (inserted <= 1) return `Limit reached: this field takes at most ${count(limit)} characters.`;
  return `Not pasted: the text is ${count(inserted)} characters and only ${count(free)} more fit here (at most ${count(limit)}). Shorten it and paste again.`;
}

export interface TextLimit extends LimitState {
  /** The input's or textarea's ref callback. */
  attach: (element: TextElement | null) => void;
}

/** What the count and message show. */
export interface LimitState {
  limit: number;
  /** Characters the field holds now. */
  length: number;
  /** Why the last insertion was refused, until the next accepted one. */
  refused: string | null;
  /** The id of the count, when it is shown (for aria-describedby). */
  noteId: string | undefined;
}

/**
 * A limit on a text field's length that never cuts text silently (what maxLength does to a paste):
 * an insertion that would pass the limit is refused whole with a message, and the count shows from
 * 90% of the limit. Works for controlled fields (pass `value`) and uncontrolled ones alike.
 */
export function useTextLimit(limit: number, value?: string): TextLimit {
  const id = useId();
  const [typedLength, setTypedLength] = useState(0);
  const [refused, setRefused] = useState<string | null>(null);
  const attached = useRef<{ element: TextElement; detach: () => void } | null>(null);

  const attach = useCallback(
    (element: TextElement | null) => {
      if (attached.current?.element === element) return;
      attached.current?.detach();
      attached.current = null;
      if (!element) return;
      const onBeforeInput = (raw: Event) => {
        const event = raw as InputEvent;
        if (!event.inputType.startsWith('insert')) return;
        const inserted = insertedText(event, element).length;
        const selected = Math.abs((element.selectionEnd ?? 0) - (element.selectionStart ?? 0));
        const current = element.value.length - selected;
        if (current + inserted <= limit) return;
        event.preventDefault();
        setRefused(refusalMessage(limit, current, inserted));
      };
      // After React has seen the change: a render from inside this listener would put a controlled
      // field's old value back before its onChange ran.
      const onInput = () =>
        setTimeout(() => {
          setTypedLength(element.value.length);
          setRefused(null);
        }, 0);
      const onFocus = () => setTypedLength(element.value.length);
      element.addEventListener('beforeinput', onBeforeInput);
      element.addEventListener('input', onInput);
      element.addEventListener('focus', onFocus);
      setTypedLength(element.value.length);
      attached.current = {
        element,
        detach: () => {
          element.removeEventListener('beforeinput', onBeforeInput);
          element.removeEventListener('input', onInput);
          element.removeEventListener('focus', onFocus);
        },
      };
    },
    [limit],
  );

  const length = value !== undefined ? value.length : typedLength;
  const shown = length >= Math.ceil(limit * LIMIT_COUNT_FROM) || refused !== null;
  return { limit, length, refused, noteId: shown ? `${id}-limit` : undefined, attach };
}

/** The count (from 90% of the limit), a warning past it, and the last refusal; nothing otherwise. */
export function LimitNote({
  limit: state,
  label,
}: {
  limit: LimitState;
  /** Names the field where several share a place. */ label?: string;
}) {
  const { limit, length, refused, noteId } = state;
  if (!noteId) return null;
  const over = length > limit;
  const prefix = label ? `${label}: ` : '';
  return (
    <>
      <p id={noteId} className={over ? 'limit-note limit-note-over' : 'limit-note'}>
        {prefix}
        {over
          ? `${count(length)} of at most ${count(limit)} characters: remove ${count(length - limit)} to save.`
          : `${count(length)} of ${count(limit)} characters`}
      </p>
      {refused ? (
        <p role="alert" className="field-error limit-refused">
          {refused}
        </p>
      ) : null}
    </>
  );
}

/** aria-describedby with the limit's count added when it is shown. */
export function describedWithLimit(limit: LimitState, describedBy: string | undefined): string | undefined {
  return [describedBy, limit.noteId].filter(Boolean).join(' ') || undefined;
}

function mergeRefs<T>(own: (element: T | null) => void, other: Ref<T> | undefined) {
  return (element: T | null) => {
    own(element);
    if (typeof other === 'function') other(element);
    else if (other) other.current = element;
  };
}

type InputProps = Omit<ComponentProps<'input'>, 'maxLength'> & { limit: number };
type TextareaProps = Omit<ComponentProps<'textarea'>, 'maxLength'> & { limit: number };

/** An input with a length limit that refuses, counts and tells (see useTextLimit), never truncates. */
export function LimitedInput({ limit, ref, ...props }: InputProps) {
  const state = useTextLimit(limit, typeof props.value === 'string' ? props.value : undefined);
  const own = state.attach;
  const merged = useCallback((element: HTMLInputElement | null) => mergeRefs(own, ref)(element), [own, ref]);
  return (
    <>
      <input {...props} ref={merged} aria-describedby={describedWithLimit(state, props['aria-describedby'])} />
      <LimitNote limit={state} />
    </>
  );
}

/** A textarea with a length limit that refuses, counts and tells (see useTextLimit), never truncates. */
export function LimitedTextarea({ limit, ref, ...props }: TextareaProps) {
  const state = useTextLimit(limit, typeof props.value === 'string' ? props.value : undefined);
  const own = state.attach;
  const merged = useCallback((element: HTMLTextAreaElement | null) => mergeRefs(own, ref)(element), [own, ref]);
  return (
    <>
      <textarea {...props} ref={merged} aria-describedby={describedWithLimit(state, props['aria-describedby'])} />
      <LimitNote limit={state} />
    </>
  );
}
