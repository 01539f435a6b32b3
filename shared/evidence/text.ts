/** Small pure text helpers for evidence: masking, hashing, dates, numbers. */

/** Bounded parts (RFC 5321 sizes) so a long run of letters cannot make the scan quadratic. */
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}/g;
/** A phone number: an optional +, then 7 or more digits with spaces, dots, dashes or brackets between. */
const PHONE = /(?<![\w])\+?\(?\d[\d\s().-]{5,20}\d(?![\w])/g;

/** Masks email addresses and phone numbers inside the customer's words (on by default at import). */
export function maskPrivate(text: string): string {
  // Most texts hold no "@": skipping the email scan then saves trying up to 64 characters at every position.
  const masked = text.includes('@') ? text.replace(EMAIL, '[email]') : text;
  return masked.replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 7 ? '[phone]' : match));
}

/** cyrb53: a fast 53-bit string hash, plenty to tell 250,000 items apart; no Node crypto in shared/. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A date cell as YYYY-MM-DD, or null when it is not a date we can read. */
export function parseDate(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return isoDate(iso[1]!, iso[2]!, iso[3]!);
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})/.exec(text);
  if (dmy) {
    // 03/04/2025 is ambiguous; a first part over 12 is a day (European), otherwise read US month/day.
    const a = +dmy[1]!;
    const b = +dmy[2]!;
    return a > 12 ? validDate(+dmy[3]!, b, a) : validDate(+dmy[3]!, a, b);
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().slice(0, 10);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * YYYY-MM-DD as it stands when it is a real day: the import meets one in every row, and this skips
 * a Date and its toISOString. Years before 100 are refused, as validDate refuses them (Date.UTC reads 0–99 as 1900–1999).
 */
function isoDate(yyyy: string, mm: string, dd: string): string | null {
  const [year, month, day] = [+yyyy, +mm, +dd];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  return year >= 100 && days !== undefined && day >= 1 && day <= days ? `${yyyy}-${mm}-${dd}` : null;
}

function validDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** "4", "4.5", "4,5", "4/5", "$1,200" → a number, or null. */
export function parseNumber(value: string): number | null {
  let text = value
    .trim()
    .replace(/^[^\d+-]+/, '')
    .replace(/\/.*$/, '');
  if (!text) return null;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?/.test(text)) text = text.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  const number = Number.parseFloat(text);
  return Number.isFinite(number) ? number : null;
}

/** Names compared case- and space-insensitively ("ACME  Corp" = "acme corp"). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}
