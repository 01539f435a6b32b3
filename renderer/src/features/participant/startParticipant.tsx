/** The participant's entry, loaded on demand by renderer/src/main.tsx when the page was opened from a join link. */
import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { createParticipantTransport } from '../../api/participantTransport';
import { ParticipantApp } from './ParticipantApp';
import { createParticipantSession } from './participantSession';

function tabStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function startParticipant(root: Root, token: string): void {
  // The session lives as long as the page: created once, outside React (StrictMode mounts twice).
  const session = createParticipantSession({
    transport: createParticipantTransport({ baseUrl: window.location.origin, token }),
    storage: tabStorage(),
  });
  document.title = 'Empty Chair: join the meeting';
  root.render(
    <StrictMode>
      <ParticipantApp session={session} />
    </StrictMode>,
  );
}
