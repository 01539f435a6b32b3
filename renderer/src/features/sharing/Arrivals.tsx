import { useEffect, useRef, useState } from 'react';
import type { Meeting, Tag } from '../../../../shared/domain';
import type { SharingStatus } from '../../../../shared/sharing';
import { arrivals } from './attribution';

/** Says what participants just added ("Ben tagged “Pricing”"), visibly and in a polite live region. */
export function Arrivals({ meeting, sharing, tags }: { meeting: Meeting; sharing: SharingStatus | null; tags: readonly Tag[] }) {
  const previous = useRef(meeting);
  const [message, setMessage] = useState('');
  const names = sharing?.participants.map((participant) => participant.name).join('\u0000') ?? '';
  useEffect(() => {
    const before = previous.current;
    previous.current = meeting;
    if (before === meeting || !names) return;
    const found = arrivals(before, meeting, new Set(names.split('\u0000')), new Map(tags.map((tag) => [tag.id, tag.label])));
    if (found.length > 0) setMessage(found.length > 3 ? `${found.slice(0, 3).join('; ')}; and ${found.length - 3} more` : found.join('; '));
  }, [meeting, names, tags]);
  return (
    <p className="arrival-note hint" role="status" aria-live="polite">
      {message}
    </p>
  );
}
