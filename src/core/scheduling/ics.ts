/**
 * iCalendar (RFC 5545) writing for interview invites: METHOD:REQUEST with a stable UID and a
 * SEQUENCE that grows on every reschedule, METHOD:CANCEL on cancel. Times are written in UTC
 * (`…Z`), which every client converts to the attendee's zone; the event's own zone travels as
 * X-WR-TIMEZONE for display. Pure string building: CRLF line ends, text escaping, folding at 75 octets.
 */

export interface IcsAttendee {
  name: string;
  email: string;
  role?: 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' | 'NON-PARTICIPANT';
}

export interface IcsEvent {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  start: number;
  end: number;
  /** When this version of the event was produced (DTSTAMP); passed in, never read from a clock. */
  stamp: number;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer: { name: string; email: string };
  attendees: IcsAttendee[];
  /** The IANA zone the event was planned in, for display. */
  zone?: string;
}

/** Escapes TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (UTF-8), never inside a multi-byte character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (bytes + n > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
      limit = 74; // continuation lines start with a space
    }
    current += ch;
    bytes += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** UTC date-time form YYYYMMDDTHHMMSSZ. */
export function icsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function param(s: string): string {
  return /[;:,"]/.test(s) ? `"${s.replace(/"/g, "'")}"` : s;
}

/** A complete VCALENDAR document with one VEVENT. */
export function writeIcs(e: IcsEvent): string {
  if (!(e.end > e.start)) throw new RangeError('an event must end after it starts');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rubric//Interview scheduling//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    ...(e.zone ? [`X-WR-TIMEZONE:${e.zone}`] : []),
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${icsDate(e.stamp)}`,
    `DTSTART:${icsDate(e.start)}`,
    `DTEND:${icsDate(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.url ? [`URL:${e.url}`] : []),
    `STATUS:${e.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    `ORGANIZER;CN=${param(e.organizer.name)}:mailto:${e.organizer.email}`,
    ...e.attendees.map((a) => `ATTENDEE;CN=${param(a.name)};ROLE=${a.role ?? 'REQ-PARTICIPANT'};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${a.email}`),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
