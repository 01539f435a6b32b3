import type { AgendaItem, Meeting } from '../../../../shared/domain';
import { ConfirmDialog } from '../../app/Dialog';
import { plural } from '../../app/format';
import { useMeetingCall } from '../../app/meetingContext';
import { GateDialog } from '../runner/GateDialog';
import { ShortcutsDialog } from '../runner/ShortcutsDialog';
import { EndSummary } from './MeetingOverview';
import type { MeetingDeletion } from './useDeleteMeeting';
import type { MeetingRunner } from './useMeetingRunner';

interface MeetingDialogsProps {
  meeting: Meeting;
  item: AgendaItem | null;
  runner: MeetingRunner;
  deletion: MeetingDeletion;
  shortcutsOpen: boolean;
  closeShortcuts: () => void;
  /** The gate's "Answer now": focus the chair's answer. */
  focusChair: () => void;
}

/** The meeting screen's dialogs: the gate before a move, End and Delete confirmations, the shortcuts. */
export function MeetingDialogs({ meeting, item, runner, deletion, shortcutsOpen, closeShortcuts, focusChair }: MeetingDialogsProps) {
  const call = useMeetingCall();
  const { gate } = runner;
  return (
    <>
      {gate && item && meeting.status === 'running' ? (
        <GateDialog
          item={item}
          move={gate}
          onCancel={() => runner.setGate(null)}
          onAnswer={() => {
            runner.setGate(null);
            focusChair();
          }}
          onNoImpact={async (reason) => {
            await call('chair.noImpact', { meetingId: meeting.id, itemId: item.id, reason });
            await runner.perform(gate, false);
            runner.setGate(null);
          }}
          onSkip={async () => {
            await runner.perform(gate, true);
            runner.setGate(null);
          }}
        />
      ) : null}
      {runner.end.confirming ? (
        <ConfirmDialog
          title="End the meeting?"
          confirmLabel="End the meeting"
          cancelLabel="Keep going"
          busy={runner.end.busy}
          error={runner.end.error}
          onConfirm={() => void runner.end.confirm()}
          onCancel={runner.end.cancel}
        >
          <EndSummary meeting={meeting} />
        </ConfirmDialog>
      ) : null}
      {deletion.confirming ? (
        <ConfirmDialog
          title={`Delete “${meeting.title}”?`}
          confirmLabel="Delete"
          danger
          busy={deletion.deleting}
          error={deletion.error}
          onConfirm={() => void deletion.confirm()}
          onCancel={deletion.cancel}
        >
          <p>
            The meeting and its agenda ({plural(meeting.agenda.length, 'item')}) leave your meeting list. The file is moved to the trash
            folder inside Empty Chair&apos;s data folder, not erased.
          </p>
        </ConfirmDialog>
      ) : null}
      {shortcutsOpen ? <ShortcutsDialog onClose={closeShortcuts} /> : null}
    </>
  );
}
