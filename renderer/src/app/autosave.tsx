/**
 * Autosave for the meeting screens, bound to React: the registry provider, the hooks that give a
 * component an autosaving field, and the quiet status text. The save and echo rules live in the
 * controllers (autosaveControllers.ts).
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ChoiceController, TextFieldController, type ChoiceState, type TextFieldConfig, type TextFieldState } from './autosaveControllers';
import type { SaveRegistry, SaveStatus } from './saveRegistry';

export { ChoiceController, describeSaveError, sameIds, TextFieldController } from './autosaveControllers';
export { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, SaveRegistry } from './saveRegistry';
export type { ChoiceState, TextFieldConfig, TextFieldState } from './autosaveControllers';
export type { SaveStatus } from './saveRegistry';

const RegistryContext = createContext<SaveRegistry | null>(null);

/** Holds a screen's autosaving fields, and flushes them when the page is hidden or left. */
export function SaveRegistryProvider({ registry, children }: { registry: SaveRegistry; children: ReactNode }) {
  useEffect(() => {
    const flush = () => void registry.flushAll();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [registry]);
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

export function useSaveRegistry(): SaveRegistry | null {
  return useContext(RegistryContext);
}

const noSubscribe = () => () => {};

export function useSaveSummary(group: string): SaveStatus {
  const registry = useSaveRegistry();
  return useSyncExternalStore(registry?.subscribe ?? noSubscribe, () => registry?.summary(group) ?? 'idle');
}

/** "Saving…" / "Saved" / "Not saved": quiet text, not a live region (it changes with every pause in typing). */
export function SaveStatusText({ group, className = 'save-status' }: { group: string; className?: string }) {
  const status = useSaveSummary(group);
  const text = status === 'saving' ? 'Saving…' : status === 'saved' ? 'Saved' : status === 'error' ? 'Not saved' : '';
  return (
    <span className={`${className} ${className}-${status}`} data-status={status}>
      {text}
    </span>
  );
}

export interface AutosaveText extends TextFieldState {
  /** The text as typed, read when rendering (e.g. an error that says how long it is). */
  value: string;
  field: TextFieldController;
  onChange(value: string): void;
  onBlur(): void;
}

/** A callback ref for the field's element (kept apart from the state, which is read during render). */
export type AttachElement = (element: HTMLInputElement | HTMLTextAreaElement | null) => void;

/**
 * An autosaving text field. `remote` is the value as the service has it now; `send` saves a
 * value and resolves once the service has it. Give the element the returned ref and no `value`
 * prop (it is uncontrolled: the controller puts the text in). Give the component a `key` per
 * thing edited (e.g. the agenda item), so moving to another item saves this one and starts afresh.
 */
export function useAutosaveText(remote: string, group: string, config: TextFieldConfig): [AutosaveText, AttachElement] {
  const [field] = useState(() => new TextFieldController(remote, group, config));
  const registry = useSaveRegistry();
  useLayoutEffect(() => field.configure(config));
  useEffect(() => field.receive(remote), [field, remote]);
  useEffect(() => registry?.register(field), [registry, field]);
  useEffect(() => () => field.dispose(), [field]);
  const state = useSyncExternalStore(field.subscribe, field.getSnapshot);
  const attach = useCallback<AttachElement>((element) => field.attach(element), [field]);
  return [
    {
      ...state,
      value: field.value,
      field,
      onChange: (value) => field.change(value),
      onBlur: () => void field.flush(),
    },
    attach,
  ];
}

export interface AutosaveChoice<T> extends ChoiceState<T> {
  set(value: T): void;
}

export function useAutosaveChoice<T>(
  remote: T,
  group: string,
  send: (value: T) => Promise<unknown>,
  equals: (a: T, b: T) => boolean = Object.is,
): AutosaveChoice<T> {
  const [field] = useState(() => new ChoiceController<T>(remote, group, equals));
  const registry = useSaveRegistry();
  useLayoutEffect(() => field.configure(send));
  useEffect(() => field.receive(remote), [field, remote]);
  useEffect(() => registry?.register(field), [registry, field]);
  const state = useSyncExternalStore(field.subscribe, field.getSnapshot);
  return { ...state, set: (value) => field.set(value) };
}
