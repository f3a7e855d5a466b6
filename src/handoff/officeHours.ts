import type { Organisation } from '../content/contentSchema';

/** Whether a moment falls within the advisors' office hours, in the organisation's time zone. */
export function isWithinOfficeHours(moment: Date, officeHours: Organisation['officeHours']): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: officeHours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(moment);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1;
  const time = `${part('hour')}:${part('minute')}`;
  return officeHours.weekdays.includes(weekday) && time >= officeHours.start && time < officeHours.end;
}
