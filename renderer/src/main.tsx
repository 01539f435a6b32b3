import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectClient } from './api';
import { App } from './app/App';
import { createConnectionStore } from './app/connection';
import './app/styles.css';

// connectClient strips `#token=…` from the URL, so it must run before the hash router reads it.
const connection = createConnectionStore();
const client = connectClient(connection.set);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} connection={connection} />
  </StrictMode>,
);
