import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  title: ReactNode;
  children: ReactNode;
  /** Escape and the dialog's own Cancel/Close call this; not while busy. */
  onClose: () => void;
  busy?: boolean;
  /** Where focus starts; the first focusable element when not given. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Ids of elements that describe the dialog (read out when it opens). */
  describedBy?: string;
  className?: string;
}

/**
 * A modal dialog (role=dialog, aria-modal). Everything else on the page is made inert while it is
 * open, Tab cycles inside it, Escape closes it, and focus returns to where it was.
 */
export function Modal({ title, children, onClose, busy, initialFocus, describedBy, className }: ModalProps) {
  const [host] = useState(() => document.createElement('div'));
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = useId();

  const focusStart = () => {
    const target = initialFocus?.current ?? dialogRef.current?.querySelector<HTMLElement>(FOCUSABLE) ?? dialogRef.current;
    target?.focus();
  };

  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    document.body.appendChild(host);
    const madeInert: Element[] = [];
    for (const sibling of Array.from(document.body.children)) {
      if (sibling !== host && !sibling.hasAttribute('inert')) {
        sibling.setAttribute('inert', '');
        madeInert.push(sibling);
      }
    }
    focusStart();
    return () => {
      for (const element of madeInert) element.removeAttribute('inert');
      host.remove();
      if (opener?.isConnected) opener.focus();
    };
    // Runs once per dialog: the opener is whatever had focus when it opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host]);

  // Should focus still escape (a click on the page in a browser without inert), bring it back.
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const dialog = dialogRef.current;
      if (dialog && event.target instanceof Node && !dialog.contains(event.target)) focusStart();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  });

  useKeepFocus(dialogRef, busy);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (!busy) onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = Array.from(dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        className={className ? `dialog ${className}` : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title" dir="auto">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    host,
  );
}

/**
 * A button disabled while the dialog works (busy) drops focus to <body>, where Escape and Tab no
 * longer reach the dialog. Focus then moves to the dialog itself, and back to that button once it
 * is enabled again.
 */
function useKeepFocus(dialogRef: RefObject<HTMLDivElement | null>, busy: boolean | undefined) {
  const lastRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement && event.target !== dialog) lastRef.current = event.target;
    };
    const rescue = () => {
      const active = document.activeElement;
      if (active && active !== document.body && active !== dialog) return;
      const last = lastRef.current;
      if (last?.isConnected && dialog.contains(last) && !last.matches(':disabled')) last.focus();
      else if (active !== dialog) dialog.focus();
    };
    // Chromium drops focus from a disabled button without a blur event: check on every change.
    const observer = new MutationObserver(() => requestAnimationFrame(rescue));
    observer.observe(dialog, { attributes: true, attributeFilter: ['disabled'], subtree: true, childList: true });
    dialog.addEventListener('focusin', onFocusIn);
    return () => {
      observer.disconnect();
      dialog.removeEventListener('focusin', onFocusIn);
    };
  }, [dialogRef, busy]);
}

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  /** Shown inside the dialog when confirming failed, so the user can retry or cancel. */
  error?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation. Focus starts on Cancel: the least destructive choice. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, cancelLabel = 'Cancel', danger, busy, error, onConfirm, onCancel } = props;
  const cancelRef = useRef<HTMLButtonElement>(null);
  const bodyId = useId();
  return (
    <Modal title={title} onClose={onCancel} busy={busy} initialFocus={cancelRef} describedBy={bodyId}>
      <div id={bodyId} className="dialog-body">
        {children}
      </div>
      <DialogError>{error}</DialogError>
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
        <button type="button" className={danger ? 'button button-danger' : 'button button-primary'} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

/** The error of a dialog's last try, announced; nothing when there is none. */
export function DialogError({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="dialog-error" role="alert">
      {children}
    </div>
  );
}

export interface FormDialogProps {
  title: string;
  children: ReactNode;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
  onCancel: () => void;
  initialFocus?: RefObject<HTMLElement | null>;
  bodyClassName?: string;
}

/** A modal form: its fields, the error of the last try, then Cancel and the submit button (Enter submits). */
export function FormDialog({
  title,
  children,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  initialFocus,
  bodyClassName,
}: FormDialogProps) {
  return (
    <Modal title={title} onClose={onCancel} busy={busy} initialFocus={initialFocus}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <div className={bodyClassName ? `dialog-body ${bodyClassName}` : 'dialog-body'}>{children}</div>
        <DialogError>{error}</DialogError>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** True while a modal dialog is open: page shortcuts stay quiet then. */
export function isModalOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}
