/** Input types where a key press types text: single-key shortcuts must not fire in them. */
const TEXT_INPUT_TYPES = new Set([
  '',
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/**
 * True when a key press belongs to a text field (input, textarea, select, contenteditable or a
 * textbox), so single-key shortcuts must not fire. Checkboxes, radios and buttons are not text
 * fields: the runner's 1-5 shortcuts work while one of the chair's radios has focus.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type.toLowerCase()) || !target.type;
  return target.closest('textarea, select, [contenteditable="true"], [contenteditable=""], [role="textbox"], [role="combobox"]') !== null;
}

/** A key pressed with Ctrl, Alt or Meta is the browser's or the system's, never one of ours. */
export function hasCommandModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.altKey || event.metaKey;
}
