/**
 * Time-zone names as calendar files write them, resolved to IANA zones the platform knows (Intl
 * with full ICU in Node, Electron and browsers). Nothing here is registered anywhere: every call
 * answers from its arguments alone, so one file's zones can never shift another file's times.
 */
import { findIana } from 'windows-iana';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const knownZones = new Map<string, boolean>();

export function isIanaZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(name, known);
  }
  return known;
}

/** The zone's offset from UTC at an instant, in milliseconds, from the platform's zone data. */
function offsetAt(instant: number, timeZone: string): number {
  const shown = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(shown.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant;
}

/** The UTC instant of a wall-clock time in an IANA time zone, using the platform's zone data. */
export function zonedTimeToUtc(parts: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  // Two passes settle the offset across a daylight-saving change.
  let guess = asUtc - offsetAt(asUtc, timeZone);
  guess = asUtc - offsetAt(guess, timeZone);
  return new Date(guess);
}

/** "(UTC-05:00) Eastern Time (US & Canada)": Windows' display name, with its standard offset. */
const DISPLAY_NAME = /^\(\s*(?:UTC|GMT)\s*(?:([+-])\s*(\d{1,2}):?(\d{2}))?\s*\)\s*(.*)$/i;

function standardOffsetMinutes(timeZone: string): number {
  // The smaller of the January and July offsets is standard time on either hemisphere.
  const year = new Date().getUTCFullYear();
  return Math.min(offsetAt(Date.UTC(year, 0, 1), timeZone), offsetAt(Date.UTC(year, 6, 1), timeZone)) / 60_000;
}

function windowsToIana(name: string): string | undefined {
  return findIana(name).find(isIanaZone);
}

const REGIONS = ['Europe', 'America', 'Asia', 'Africa', 'Australia', 'Pacific', 'Atlantic', 'Indian', 'Antarctica'];

/** "Berlin" → "Europe/Berlin", "New Delhi" → none: a city that names an IANA zone. */
function zoneOfCity(city: string): string | undefined {
  const name = city.trim().replace(/\s+/g, '_');
  if (!/^[A-Za-z_.'-]+$/.test(name)) return undefined;
  const zone = REGIONS.map((region) => `${region}/${name}`).find(isIanaZone);
  return zone && canonical(zone);
}

/**
 * A Windows display name ("(UTC+01:00) Amsterdam, Berlin, …", "Eastern Time (US & Canada)"): the
 * zone of a city it lists, or of "<Name> Standard Time"; where the name gives its offset, only a
 * zone with that standard offset, or else a fixed zone of that offset.
 */
function displayNameToIana(name: string): string | undefined {
  const match = DISPLAY_NAME.exec(name);
  const label = match ? match[4]! : name;
  const standard = `${label
    .replace(/\(.*?\)/g, '')
    .replace(/\bTime\b/i, '')
    .trim()} Standard Time`;
  const candidates = [...label.split(/,|\s+-\s+/).map(zoneOfCity), windowsToIana(standard)].filter(
    (zone): zone is string => zone !== undefined,
  );
  if (!match) return candidates[0];
  const offset = match[2] ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  const agreeing = candidates.find((zone) => standardOffsetMinutes(zone) === offset);
  if (agreeing) return agreeing;
  // Only an offset: a fixed zone of that offset (Etc/GMT signs are inverted), whole hours only.
  if (offset % 60 === 0 && Math.abs(offset) <= 14 * 60)
    return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset / 60)}`;
  return undefined;
}

/**
 * An IANA zone for a TZID as exporters write it: an IANA name ("Europe/Berlin"), one behind a
 * vendor prefix ("/mozilla.org/20050126_1/Europe/Berlin", "/softwarestudio.org/Olson_20011030_5/…"),
 * a Windows zone id ("W. Europe Standard Time", mapped with CLDR's table), or a Windows display
 * name ("(UTC-05:00) Eastern Time (US & Canada)"). Undefined when none of these fits.
 */
export function resolveZoneName(tzid: string): string | undefined {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (!name) return undefined;
  if (isIanaZone(name)) return canonical(name);
  const segments = name.split('/').filter(Boolean);
  for (let from = 1; from < segments.length; from++) {
    const suffix = segments.slice(from).join('/');
    if (isIanaZone(suffix)) return canonical(suffix);
  }
  // RFC 2445's examples write "US-Eastern" for the IANA alias "US/Eastern".
  const slashed = name.replace('-', '/');
  if (slashed !== name && isIanaZone(slashed)) return canonical(slashed);
  return windowsToIana(name) ?? displayNameToIana(name);
}

/** Intl's own spelling of a zone ("europe/berlin" → "Europe/Berlin"). */
function canonical(name: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}
