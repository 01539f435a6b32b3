/**
 * The desktop app's native open dialog, when the preload offers it (window.emptyChair.openEvidenceFiles):
 * the main process keeps the paths and hands back upload ids, so a picked file is imported where it
 * lies instead of being sent through the page in chunks. In the browser the file input is used instead.
 */
import type { EvidenceInput } from '../../../../shared/evidence/api';
import type { EvidencePurpose, OpenEvidenceOutcome, PickedFile } from '../../../../shared/evidence/picking';

interface EvidenceDialogBridge {
  openEvidenceFiles(purpose: EvidencePurpose): Promise<OpenEvidenceOutcome>;
}

/** The native dialog, or null when there is none (browser mode, tests without it). */
export function nativeDialog(): EvidenceDialogBridge | null {
  const bridge = (window as { emptyChair?: Partial<EvidenceDialogBridge> }).emptyChair;
  return typeof bridge?.openEvidenceFiles === 'function' ? (bridge as EvidenceDialogBridge) : null;
}

/** The files the user picked (none when cancelled); a refusal (several non-notes, too large) throws its message. */
export async function pickFiles(dialog: EvidenceDialogBridge, purpose: EvidencePurpose): Promise<PickedFile[]> {
  const outcome = await dialog.openEvidenceFiles(purpose);
  if (outcome.error) throw new Error(outcome.error);
  return outcome.files;
}

export const pickedInput = (file: PickedFile): EvidenceInput => ({ kind: 'upload', uploadId: file.uploadId });
