import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render, type RenderResult } from '@testing-library/react';
import type { Transport } from '../../shared/api';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import { dispatch } from '../../electron/service/dispatch';
import { createClient } from '../../renderer/src/api/client';
import { App } from '../../renderer/src/app/App';

export interface Harness {
  library: OpenLibrary;
  dataDir: string;
  /** Every method call the UI made, in order: proves what was (not) sent. */
  calls: { method: string; input: unknown }[];
  view: RenderResult;
  close(): void;
}

/** The real service on a temporary data folder, behind an in-process transport, with the App rendered on it. */
export function renderApp(setup?: (library: OpenLibrary) => void): Harness {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-renderer-'));
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'test' });
  setup?.(library);
  const calls: Harness['calls'] = [];
  const transport: Transport = {
    invoke: async (method, input) => {
      calls.push({ method, input });
      return dispatch(library.service, method, input);
    },
    subscribe: (listener) => library.service.events.subscribe(listener),
  };
  const view = render(<App client={createClient(transport)} />);
  return {
    library,
    dataDir,
    calls,
    view,
    close() {
      view.unmount();
      library.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the service directly (as another window would), throwing on an error result. */
export function serviceCall(library: OpenLibrary, method: string, input: unknown): unknown {
  const result = dispatch(library.service, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}
