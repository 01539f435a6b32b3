import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render, waitFor, type RenderResult } from '@testing-library/react';
import { expect } from 'vitest';
import type { ApiEvent, Transport } from '../../shared/api';
import type { Meeting } from '../../shared/domain';
import type { ImportProgress } from '../../shared/evidence/schema';
import { openLibrary, type OpenLibrary } from '../../electron/service/openLibrary';
import type { SharingAdapter } from '../../electron/service/participants';
import { dispatch } from '../../electron/service/dispatch';
import { createClient } from '../../renderer/src/api/client';
import { App } from '../../renderer/src/app/App';

export interface Harness {
  library: OpenLibrary;
  dataDir: string;
  /** Every method call the UI made, in order: proves what was (not) sent. */
  calls: { method: string; input: unknown }[];
  view: RenderResult;
  /** Holds back events (as a dropped socket would) until `resumeEvents`, which delivers them in order. */
  pauseEvents(): void;
  resumeEvents(): void;
  close(): void;
}

export interface HarnessOptions {
  /** Delay before each call reaches the service and again before its answer and events arrive, like a network. */
  latencyMs?: number;
  /** The participant server adapter, for tests that start sharing (none by default: sharing is then refused). */
  sharing?: SharingAdapter;
}

/** The real service on a temporary data folder, behind an in-process transport, with the App rendered on it. */
export function renderApp(setup?: (library: OpenLibrary) => void, options: HarnessOptions = {}): Harness {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-chair-renderer-'));
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'test', sharing: options.sharing ?? null });
  setup?.(library);
  const calls: Harness['calls'] = [];
  const latency = options.latencyMs ?? 0;
  const wait = () => (latency > 0 ? new Promise((resolve) => setTimeout(resolve, latency)) : Promise.resolve());
  let paused = false;
  const held: (() => void)[] = [];
  const transport: Transport = {
    invoke: async (method, input) => {
      calls.push({ method, input });
      await wait();
      const result = dispatch(library.service, method, input);
      await wait();
      return result;
    },
    subscribe: (listener) =>
      library.service.events.subscribe((event: ApiEvent) => {
        const deliver = () => listener(event);
        if (paused) held.push(deliver);
        else if (latency > 0) setTimeout(deliver, latency);
        else deliver();
      }),
  };
  const view = render(<App client={createClient(transport)} />);
  return {
    library,
    dataDir,
    calls,
    view,
    pauseEvents() {
      paused = true;
    },
    resumeEvents() {
      paused = false;
      held.splice(0).forEach((deliver) => deliver());
    },
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

/**
 * A library on a fresh temp folder (no timed backups) for a test that renders one component on the
 * real service; `cleanups` closes it and removes the folder after the test.
 */
export function openTestLibrary(cleanups: (() => void)[], prefix = 'empty-chair-renderer-'): OpenLibrary {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const library = openLibrary({ dataDir, StoreClass: Conf, role: 'test', backupIntervalMs: null });
  cleanups.push(() => {
    library.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return library;
}

/** `serviceCall`, typed: the value of a call that must succeed. */
export const serviceValue = <T,>(library: OpenLibrary, method: string, input: unknown): T => serviceCall(library, method, input) as T;

/** A running meeting whose one item ("Guest checkout") the evidence tests' tickets speak to. */
export function startCheckoutMeeting(library: OpenLibrary): Meeting {
  const meeting = serviceValue<Meeting>(library, 'meetings.create', {
    title: 'Checkout review',
    scheduledAt: '2026-11-24T09:30:00Z',
    lead: 'Ana',
    agenda: [{ title: 'Guest checkout', notes: 'checkout account order' }],
  });
  serviceValue(library, 'meetings.start', { id: meeting.id });
  return meeting;
}

/** Imports `text` as a new evidence source of tickets and waits until the import is done. */
export async function importTickets(library: OpenLibrary, name: string, fileName: string, text: string): Promise<ImportProgress> {
  const started = serviceValue<ImportProgress>(library, 'evidence.import', {
    source: { name, kind: 'tickets' },
    input: { kind: 'text', fileName, text },
  });
  await waitFor(() => expect(serviceValue<ImportProgress>(library, 'evidence.importStatus', { jobId: started.jobId }).state).toBe('done'));
  return started;
}
