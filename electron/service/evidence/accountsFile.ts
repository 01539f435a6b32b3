/** An accounts file (CSV or JSON) read whole into accounts, with its own size cap (evidence.importAccounts). */
import { AccountsFileError, rowsToAccounts } from '../../../shared/evidence/accounts';
import type { EvidenceInput } from '../../../shared/evidence/api';
import { EVIDENCE_LIMITS } from '../../../shared/evidence/limits';
import type { Account } from '../../../shared/evidence/schema';
import { inputError, readHead, rowsOfText, type OpenedInput } from './readers';

export function readAccountsFile(opened: OpenedInput, kind: EvidenceInput['kind']): Account[] {
  if (opened.size > EVIDENCE_LIMITS.accountsFileBytesMax) {
    throw inputError(
      opened.fileName,
      `is over ${EVIDENCE_LIMITS.accountsFileBytesMax / 1024 / 1024} MB, the most an accounts file may be.`,
      'limit_exceeded',
    );
  }
  const head = readHead(opened, kind, undefined, EVIDENCE_LIMITS.accountsFileBytesMax);
  let headers: string[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const event of rowsOfText(opened.fileName, head.text, head.format, head.delimiter)) {
    if ('headers' in event) headers = event.headers;
    else if ('row' in event) rows.push(event.row);
  }
  try {
    return rowsToAccounts(headers, rows);
  } catch (error) {
    if (error instanceof AccountsFileError) throw inputError(opened.fileName, `${error.message}.`);
    throw error;
  }
}
