/** Area "import": exported meetings into this library, all or nothing (the rules are in ../importMeeting.ts). */
import { importMeetings, type ImportHost } from '../importMeeting';
import type { Kernel } from '../kernel';
import type { AreaContext, Handlers } from './area';

export function importArea({ kernel }: AreaContext) {
  return {
    'meetings.import': (input) => importMeetings(importHost(kernel), { ...input, meetings: [input.meeting] })[0]!,
    'meetings.importMany': (input) => importMeetings(importHost(kernel), input),
  } satisfies Pick<Handlers, 'meetings.import' | 'meetings.importMany'>;
}

function importHost(kernel: Kernel): ImportHost {
  return {
    index: kernel.index,
    tags: kernel.library().tags,
    newId: kernel.newId,
    storage: kernel.storage,
    adopt: (meetings, index) => kernel.adoptImported(meetings, index),
  };
}
