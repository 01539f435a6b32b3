import type { ColumnMapping } from '../../../../shared/evidence/schema';

type SingleRole = Exclude<keyof ColumnMapping, 'text'>;

/** What each column role means, in the words the import dialog and the sources list use. */
export const ROLE_LABELS: Record<SingleRole, string> = {
  customer: 'Customer',
  account: 'Account',
  email: 'Email',
  segment: 'Segment',
  date: 'Date',
  rating: 'Rating',
  externalId: 'External id',
  link: 'Link',
};
