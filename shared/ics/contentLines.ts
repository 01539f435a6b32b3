/**
 * The lenient first pass over an .ics file: unfolds lines, splits each into name, parameters and
 * value, and groups them into components. Real exporters break RFC 5545 in ways ical.js rightly
 * refuses (unquoted "(UTC-05:00) Eastern Time" parameters, blank lines, several VCALENDARs in one
 * file); reading the structure here lets one odd line cost one property, not the whole import.
 */

export interface ContentLine {
  /** Upper-case property name, without a vendor group prefix ("item1."). */
  name: string;
  /** Parameter names upper-case, values without surrounding quotes. */
  params: Map<string, string>;
  value: string;
  /** The unfolded line as written, for ical.js to read. */
  raw: string;
}

export interface IcsComponent {
  /** Upper-case, e.g. VCALENDAR, VEVENT, VTIMEZONE. */
  type: string;
  properties: ContentLine[];
  children: IcsComponent[];
}

/** RFC 5545 §3.1: a line starting with a space or tab continues the one before. */
export function unfold(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .reduce<string[]>((lines, line) => {
      if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += line.slice(1);
      else lines.push(line);
      return lines;
    }, [])
    .filter((line) => line.trim() !== '');
}

/**
 * Reads a parameter value that may be quoted, or unquoted with spaces and a "(UTC-05:00)" style
 * parenthesis holding a colon: within an open parenthesis ":" and ";" do not end the value.
 */
function readParamValue(line: string, from: number): { value: string; end: number } {
  if (line[from] === '"') {
    const close = line.indexOf('"', from + 1);
    if (close < 0) return { value: line.slice(from + 1), end: line.length };
    return { value: line.slice(from + 1, close), end: close + 1 };
  }
  let depth = 0;
  let i = from;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ':' || c === ';' || c === ',') && depth === 0) break;
  }
  return { value: line.slice(from, i), end: i };
}

/** One content line, or null when it has no name or no ":" before its value. */
export function parseContentLine(raw: string): ContentLine | null {
  const head = /^([A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)/.exec(raw);
  if (!head) return null;
  const params = new Map<string, string>();
  let i = head[0].length;
  while (raw[i] === ';') {
    const eq = raw.indexOf('=', i + 1);
    if (eq < 0) return null;
    const key = raw
      .slice(i + 1, eq)
      .trim()
      .toUpperCase();
    const values: string[] = [];
    let read = readParamValue(raw, eq + 1);
    values.push(read.value);
    while (raw[read.end] === ',') {
      read = readParamValue(raw, read.end + 1);
      values.push(read.value);
    }
    if (!params.has(key)) params.set(key, values.join(','));
    i = read.end;
  }
  if (raw[i] !== ':') return null;
  return { name: head[2]!.toUpperCase(), params, value: raw.slice(i + 1), raw };
}

/** "VCALENDAR" from "vcalendar " or "VCALENDAR\x1d": control characters are never part of a name. */
function componentType(value: string): string {
  return [...value]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .toUpperCase();
}

/**
 * Groups lines into components. Lines that cannot be read and stray END lines are skipped;
 * components left open at the end of the file are closed there. Returns the top-level components.
 */
export function readComponents(text: string): IcsComponent[] {
  const roots: IcsComponent[] = [];
  const open: IcsComponent[] = [];
  for (const raw of unfold(text)) {
    const line = parseContentLine(raw);
    if (!line) continue;
    if (line.name === 'BEGIN') {
      const component: IcsComponent = { type: componentType(line.value), properties: [], children: [] };
      (open.length > 0 ? open[open.length - 1]!.children : roots).push(component);
      open.push(component);
    } else if (line.name === 'END') {
      const type = componentType(line.value);
      const at = open.map((c) => c.type).lastIndexOf(type);
      if (at >= 0) open.length = at;
    } else if (open.length > 0) {
      open[open.length - 1]!.properties.push(line);
    }
  }
  return roots;
}

/** Every component of a type, depth first, in file order. */
export function findAll(components: IcsComponent[], type: string): IcsComponent[] {
  return components.flatMap((c) => [...(c.type === type ? [c] : []), ...findAll(c.children, type)]);
}

export function firstProperty(component: IcsComponent, name: string): ContentLine | undefined {
  return component.properties.find((p) => p.name === name);
}

/** The component back as text (for ical.js), with only the properties kept by the filter. */
export function componentText(component: IcsComponent, keep: (line: ContentLine) => boolean = () => true): string {
  const lines = [
    `BEGIN:${component.type}`,
    ...component.properties.filter(keep).map((p) => p.raw),
    ...component.children.map((c) => componentText(c, keep)),
    `END:${component.type}`,
  ];
  return lines.join('\r\n');
}
