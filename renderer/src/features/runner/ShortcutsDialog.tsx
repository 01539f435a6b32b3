import { useRef } from 'react';
import { Modal } from '../../app/Dialog';

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['N'], what: 'Next item (asks about the customer first if the item has no answer)' },
  { keys: ['P'], what: 'Previous item' },
  { keys: ['D'], what: 'Log a decision for the item' },
  { keys: ['1', '2', '3', '4', '5'], what: 'Direction of the focused answer or decision: helps, hurts, mixed, neutral, unknown' },
  { keys: ['C'], what: 'Focus the chair’s answer' },
  { keys: ['Esc'], what: 'Leave a text field (what you typed is saved), or close a dialog' },
  { keys: ['?'], what: 'Show these shortcuts' },
];

/** Every shortcut of the meeting screens. They never fire while typing in a field or with Ctrl, Alt or Meta. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} initialFocus={closeRef} className="shortcuts-dialog">
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.what} className="shortcut">
            <dt>
              {shortcut.keys.map((key, index) => (
                <span key={key}>
                  {index > 0 ? ' ' : null}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{shortcut.what}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">Shortcuts never fire while you type in a text field, or with Ctrl, Alt or Meta held.</p>
      <div className="dialog-actions">
        <button ref={closeRef} type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
