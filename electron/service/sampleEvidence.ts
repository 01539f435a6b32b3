/**
 * The first-run sample's customer evidence (issue 19 §4): 40 support tickets, written by this
 * project, about the sample meeting's three items (usage pricing, the onboarding checklist, the CSV
 * importer), from 8 accounts with ARR in USD and EUR, so the chair quotes customers on first start.
 * Dates are relative to the day the sample is made, inside the chair's 90-day scale window.
 */
import type { Account, ColumnMapping, EvidenceItem } from '../../shared/evidence/schema';
import { rowToItem } from '../../shared/evidence/mapping';

export const SAMPLE_EVIDENCE_SOURCE = { id: 'sample-support-tickets', name: 'Sample: support tickets', kind: 'tickets' } as const;

export const SAMPLE_ACCOUNTS: Account[] = [
  { id: 'ACC-1', name: 'Northwind Logistics', domain: 'northwind.example', segment: 'SMB', arr: 48_000, currency: 'USD' },
  { id: 'ACC-2', name: 'Harbor Freight Lines', domain: 'harborfreight.example', segment: 'Mid-market', arr: 120_000, currency: 'USD' },
  { id: 'ACC-3', name: 'Lumen Dispatch', domain: 'lumen.example', segment: 'SMB', arr: 36_000, currency: 'EUR' },
  { id: 'ACC-4', name: 'Kestrel Couriers', domain: 'kestrel.example', segment: 'Mid-market', arr: 84_000, currency: 'EUR' },
  { id: 'ACC-5', name: 'BluePeak Haulage', domain: 'bluepeak.example', segment: 'SMB', arr: 18_000, currency: 'USD' },
  { id: 'ACC-6', name: 'Fjord Cargo', domain: 'fjordcargo.example', segment: 'Enterprise', arr: 210_000, currency: 'EUR' },
  { id: 'ACC-7', name: 'Oakline Movers', domain: 'oakline.example', segment: 'SMB', arr: 9_600, currency: 'USD' },
  { id: 'ACC-8', name: 'TransAlpine Freight', domain: 'transalpine.example', segment: 'Mid-market', arr: 64_000, currency: 'EUR' },
];

/** [account id, requester, days ago, satisfaction 1-5, the customer's words] */
type Ticket = [string, string, number, number, string];

const TICKETS: Ticket[] = [
  // The Pro plan's price: per seat today, usage pricing proposed.
  ['ACC-1', 'Dana Reyes', 3, 2, 'Our invoice jumped again this month. With per-seat pricing we pay for drivers who log in twice a year.'],
  ['ACC-1', 'Dana Reyes', 41, 3, 'Can the Pro plan be priced by usage instead of seats? Our team size changes every season.'],
  ['ACC-2', 'Marcus Webb', 8, 2, 'Usage pricing scares our finance team: we need to know the invoice amount before the month starts.'],
  ['ACC-2', 'Priya Shah', 27, 3, 'If you move Pro to usage pricing, please add a monthly cap so the cost stays predictable.'],
  ['ACC-3', 'Lena Vogel', 12, 1, 'Every surprise on the invoice costs us trust. The seat price went up without warning.'],
  ['ACC-4', 'Tomás Ortega', 19, 4, 'We would happily pay per shipment tracked rather than per seat; it matches how we earn money.'],
  ['ACC-5', 'Grace Kim', 5, 2, 'Too expensive for a five-person firm. We only need the Pro plan for the route planner.'],
  ['ACC-6', 'Henrik Dahl', 33, 3, 'Procurement needs a fixed annual price. Usage-based billing would need a committed volume tier for us.'],
  ['ACC-6', 'Astrid Berg', 64, 3, 'We were billed for 40 seats after offboarding 12 people. Please prorate removed seats on the invoice.'],
  ['ACC-7', 'Sam Okafor', 15, 2, 'The price per seat is the reason we have not upgraded to Pro. A cheaper plan for small teams please.'],
  ['ACC-8', 'Chiara Lupo', 22, 4, 'Pricing by usage sounds fair, but show us an estimate of the next invoice in the app.'],
  ['ACC-4', 'Tomás Ortega', 52, 2, 'Why did our invoice show two different seat prices for the same month?'],
  ['ACC-3', 'Jonas Weber', 70, 3, 'We would try usage pricing if we can switch back to seats without a penalty.'],
  ['ACC-5', 'Grace Kim', 47, 2, 'Cost is our biggest concern; a usage plan with a free allowance would keep us.'],
  // The onboarding checklist: 12 steps, to become 5.
  ['ACC-1', 'Ali Hassan', 2, 2, 'The onboarding checklist has too many steps. Our new dispatcher gave up at step 7.'],
  ['ACC-2', 'Marcus Webb', 14, 3, 'Set-up took us three days. We need onboarding done in an afternoon.'],
  ['ACC-3', 'Lena Vogel', 9, 2, 'Half the onboarding steps do not apply to us. Let us skip the ones about fleet telematics.'],
  ['ACC-4', 'Mia Novak', 25, 4, 'Shorter onboarding please, but keep the step that imports our depots; that one saved us hours.'],
  ['ACC-5', 'Grace Kim', 30, 1, 'Without training nobody on my team could finish the onboarding checklist. We almost cancelled.'],
  ['ACC-6', 'Henrik Dahl', 11, 3, 'For 200 users the onboarding needs an admin checklist separate from the one every driver sees.'],
  ['ACC-7', 'Sam Okafor', 6, 2, 'I just need it to work on Monday morning. The twelve onboarding steps are too much.'],
  ['ACC-8', 'Chiara Lupo', 38, 4, 'The onboarding videos are good but the checklist does not remember where we stopped.'],
  ['ACC-2', 'Priya Shah', 55, 3, 'Our onboarding stalled at the step that asks for API keys. A human on chat would have helped.'],
  ['ACC-6', 'Astrid Berg', 44, 2, 'Five onboarding steps would be fine if the invite step invites the whole team at once.'],
  ['ACC-1', 'Dana Reyes', 60, 3, 'The setup checklist asks for the same company details twice.'],
  ['ACC-3', 'Jonas Weber', 77, 4, 'Onboarding was fine for me, but my colleagues needed a shorter version of the steps.'],
  ['ACC-7', 'Sam Okafor', 36, 2, 'We lost a week on onboarding; the checklist should start with the one thing we bought it for.'],
  // The legacy CSV importer, to be retired.
  ['ACC-2', 'Marcus Webb', 4, 1, 'Please do not retire the CSV importer: our warehouse system can only export CSV files.'],
  ['ACC-4', 'Mia Novak', 10, 2, 'The legacy CSV import is how we load 3,000 orders every night. What replaces it?'],
  ['ACC-6', 'Henrik Dahl', 18, 2, 'We depend on the CSV importer for our nightly batch. Give us at least six months of notice.'],
  ['ACC-8', 'Chiara Lupo', 7, 3, 'The old importer breaks on semicolons in CSV files from our Italian ERP.'],
  ['ACC-1', 'Ali Hassan', 29, 2, 'Importing a CSV of customers failed at row 412 without saying why.'],
  ['ACC-3', 'Lena Vogel', 35, 3, 'If the new importer keeps accents (é, ü) we would be glad to move off the legacy CSV import.'],
  ['ACC-5', 'Grace Kim', 21, 4, 'We only use the CSV import once a year for price lists; retiring it is fine if copy-paste works.'],
  ['ACC-6', 'Astrid Berg', 50, 2, 'Our integration partner built on the legacy CSV importer. Retiring it breaks their connector.'],
  ['ACC-7', 'Sam Okafor', 13, 3, 'The CSV import template is confusing; which columns are required?'],
  ['ACC-8', 'Chiara Lupo', 66, 2, 'The importer times out on large CSV files over 50 MB.'],
  ['ACC-4', 'Tomás Ortega', 58, 3, 'Could the new import read Excel files as well as CSV? That would make retiring the old one easy.'],
  ['ACC-2', 'Priya Shah', 74, 2, 'Please keep the CSV export and import until the API covers bulk orders.'],
  ['ACC-1', 'Dana Reyes', 16, 3, 'We import depots from a CSV every quarter. Tell us before the importer goes away.'],
];

const MAPPING: ColumnMapping = {
  text: ['comment'],
  customer: 'requester',
  account: 'account',
  email: null,
  segment: null,
  date: 'date',
  rating: 'satisfaction',
  externalId: 'id',
  link: null,
};

/** The sample's items, dated relative to `now`; made by the same row mapping an import uses. */
export function sampleEvidenceItems(now: Date): EvidenceItem[] {
  return TICKETS.map(([account, requester, daysAgo, satisfaction, comment], index) => {
    const row = {
      id: `T-${1001 + index}`,
      account,
      requester,
      date: new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10),
      satisfaction: String(satisfaction),
      comment,
    };
    const outcome = rowToItem(row, MAPPING, `ticket ${row.id}`, { mask: true });
    if ('skip' in outcome) throw new Error(`The sample ticket ${row.id} was left out (${outcome.skip}).`);
    return outcome.item;
  });
}
