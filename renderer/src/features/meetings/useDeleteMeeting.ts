import { useState } from 'react';
import type { ScreenProps } from '../../app/screen';
import { useMeetingCall } from '../../app/meetingContext';
import { asApiError } from '../../app/useLibrary';

export interface MeetingDeletion {
  confirming: boolean;
  deleting: boolean;
  error: string | null;
  ask: () => void;
  cancel: () => void;
  confirm: () => Promise<void>;
}

/** Delete meeting, after a confirmation; on success, back to the list with a toast. */
export function useDeleteMeeting(meetingId: string, { navigate, showToast }: Pick<ScreenProps, 'navigate' | 'showToast'>): MeetingDeletion {
  const call = useMeetingCall();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setDeleting(true);
    setError(null);
    try {
      await call('meetings.delete', { id: meetingId });
      setConfirming(false);
      showToast('Meeting deleted');
      navigate({ name: 'list' });
    } catch (reason) {
      const failure = asApiError(reason);
      setError(`${failure.message} (${failure.code})`);
      setDeleting(false);
    }
  };

  const cancel = () => {
    setConfirming(false);
    setError(null);
  };

  return { confirming, deleting, error, ask: () => setConfirming(true), cancel, confirm };
}
