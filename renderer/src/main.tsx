import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectClient } from './api';
import { detectStartMode } from './api/participantTransport';
import { App } from './app/App';
import { createConnectionStore } from './app/connection';
import './app/styles.css';

const root = createRoot(document.getElementById('root')!);
// A page opened from a participant's join link (`#join=…`) is the participant's screen, loaded on demand.
const mode = detectStartMode();
if (mode.role === 'participant') {
  void import('./features/participant/startParticipant').then(({ startParticipant }) => startParticipant(root, mode.token));
} else {
  // connectClient strips `#token=…` from the URL, so it must run before the hash router reads it.
  const connection = createConnectionStore();
  const client = connectClient(connection.set);
  root.render(
    <StrictMode>
      <App client={client} connection={connection} />
    </StrictMode>,
  );
}
