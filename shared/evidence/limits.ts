/** Every size and count of customer evidence, in one place, so the UI, the service and tests agree. */
export const EVIDENCE_LIMITS = {
  sourcesMax: 200,
  /** Deleted sources kept (with their items) so the deletion can be undone. */
  deletedSourcesKept: 10,
  sourceNameMax: 100,
  /** Items across all sources: the library must hold at least 200,000 (issue 19). */
  itemsMax: 250_000,
  /** One item's text; longer text is cut and the import says how many were. */
  itemTextMax: 5_000,
  customerMax: 200,
  fieldMax: 300,
  /** A file read from disk (streamed). */
  fileBytesMax: 250 * 1024 * 1024,
  /** A file sent inline through the API (base64 or text): fits the transport's request cap. */
  inlineBytesMax: 700 * 1024,
  /** One chunk of a file uploaded from the screen (browser mode sends a picked file in chunks). */
  uploadChunkBytesMax: 512 * 1024,
  /** Uploads unfinished or not yet imported at once; an idle one is dropped after uploadIdleMs. */
  uploadsOpenMax: 8,
  uploadIdleMs: 30 * 60 * 1000,
  /** Files picked at once in the desktop app's open dialog (several Markdown notes), read in place. */
  pickedFilesMax: 200,
  /** Accounts the Evidence screen lists at once (the rest through the name filter). */
  accountsListMax: 500,
  /** Distinct segments offered as a search filter. */
  segmentsListMax: 200,
  /** A JSON array is parsed whole, so it has a lower cap than streamed formats. */
  jsonArrayBytesMax: 64 * 1024 * 1024,
  accountsMax: 50_000,
  /** An accounts file is read whole. */
  accountsFileBytesMax: 20 * 1024 * 1024,
  /** The preview reads only this much of the start of a file. */
  previewBytes: 256 * 1024,
  columnsMax: 500,
  previewRows: 10,
  synonymsPerTagMax: 50,
  synonymMax: 40,
  queryMax: 25_000,
  resultsMax: 50,
  /** Skipped rows whose line number is remembered for the report (the count is always exact). */
  skippedExamplesMax: 20,
} as const;
