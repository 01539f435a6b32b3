/** Area "library": personas, custom tags, settings, and the sample meeting offered on first run. */
import { meetingDraftSchema, personaDraftSchema } from '../../../shared/api';
import type { Persona } from '../../../shared/domain';
import { checkPersonaUnused, checkRoom, findPersona } from '../../../shared/libraryRules';
import { LIMITS } from '../../../shared/limits';
import { findTagByLabel } from '../../../shared/tags';
import { definedOnly } from '../objects';
import { createMeeting, createPersona } from '../records';
import { SAMPLE_PERSONA, sampleMeetingDraft } from '../sample';
import { SAMPLE_ACCOUNTS, SAMPLE_EVIDENCE_SOURCE, sampleEvidenceItems } from '../sampleEvidence';
import type { AreaContext, Handlers } from './area';

export function libraryArea({ kernel, evidence }: AreaContext) {
  return {
    'personas.create': (draft) => createPersona(kernel, draft),
    'personas.update': ({ id, changes }) => {
      const current = findPersona(kernel.index, id);
      const persona: Persona = { ...current, ...definedOnly(changes), updatedAt: kernel.timestamp() };
      kernel.commitIndex({ ...kernel.index, personas: kernel.index.personas.map((p) => (p.id === id ? persona : p)) });
      return persona;
    },
    'personas.delete': ({ id }) => {
      checkPersonaUnused(kernel.index, findPersona(kernel.index, id));
      kernel.commitIndex({ ...kernel.index, personas: kernel.index.personas.filter((p) => p.id !== id) });
      return { id };
    },
    /** A label the library already has (in any case or spacing) answers that tag. */
    'tags.create': ({ label }) => {
      const existing = findTagByLabel(kernel.library().tags, label);
      if (existing) return existing;
      checkRoom(kernel.index.customTags.length, LIMITS.customTagsMax, 'custom tags');
      const tag = { id: kernel.newId(), label, builtIn: false };
      kernel.commitIndex({ ...kernel.index, customTags: [...kernel.index.customTags, tag] });
      return tag;
    },
    'settings.update': (settings) => {
      kernel.commitIndex({ ...kernel.index, settings: { ...kernel.index.settings, ...settings } });
      return kernel.index.settings;
    },
    'samples.create': () => {
      const persona = createPersona(kernel, personaDraftSchema.parse(SAMPLE_PERSONA));
      const meeting = createMeeting(kernel, meetingDraftSchema.parse(sampleMeetingDraft(kernel.now(), persona.id)));
      evidence.addSource(SAMPLE_EVIDENCE_SOURCE, sampleEvidenceItems(kernel.now()), SAMPLE_ACCOUNTS); // so the chair quotes customers
      return meeting;
    },
  } satisfies Pick<
    Handlers,
    'personas.create' | 'personas.update' | 'personas.delete' | 'tags.create' | 'settings.update' | 'samples.create'
  >;
}
