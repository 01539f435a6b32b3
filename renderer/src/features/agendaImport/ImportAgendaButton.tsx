import { lazy, Suspense, useState } from 'react';
import type { ImportAgendaDialogProps } from './ImportAgendaDialog';

// The dialog brings the calendar parser (ical.js): loaded only when someone imports.
const ImportAgendaDialog = lazy(() => import('./ImportAgendaDialog'));

/** "Import agenda…" and, once pressed, its dialog. */
export function ImportAgendaButton(props: Omit<ImportAgendaDialogProps, 'onClose'> & { onDone?: () => void }) {
  const [open, setOpen] = useState(false);
  const { onConfirm, onDone, ...rest } = props;
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Import agenda…
      </button>
      {open ? (
        <Suspense
          fallback={
            <span role="status" className="hint">
              Opening…
            </span>
          }
        >
          <ImportAgendaDialog
            {...rest}
            onConfirm={async (result) => {
              await onConfirm(result);
              setOpen(false);
              onDone?.();
            }}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
