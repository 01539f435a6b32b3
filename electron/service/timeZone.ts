/**
 * The process's time zone by name. Days and weeks are local calendar days, so the caches that hold
 * them (the dashboard's figures, the ledger's days) are used only under the zone they were made in.
 */
export const processTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
