import { type IcsEvent, writeIcs } from './ics.ts';

/**
 * A calendar feed: one VCALENDAR (no METHOD: a published calendar, not a scheduling message) with
 * the VEVENTs of several events, each written exactly as its invite.
 */
export function writeIcsFeed(name: string, events: Omit<IcsEvent, 'method'>[]): string {
  const vevents = events.flatMap((e) => {
    const lines = writeIcs({ ...e, method: 'REQUEST' }).split('\r\n');
    return lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
  });
  const header = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rubric//Interview scheduling//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${name.replace(/[\r\n]/g, ' ')}`];
  return [...header, ...vevents, 'END:VCALENDAR'].join('\r\n') + '\r\n';
}
