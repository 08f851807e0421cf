import { z } from 'zod';
import { destinationSchema, promptSchema } from './destination.js';
import { clockTimeText, dateText, idText, labelText, timeZoneText } from './text.js';

/** Days of the week as GotoIfTime spells them, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A day of the week. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening hours on some days: open at `open`, closed from `close` on. */
export const weeklyRangeSchema = z.strictObject({
  days: z.array(z.enum(WEEKDAYS)).min(1).max(7).describe('days these hours apply to'),
  open: clockTimeText.describe('opening time HH:MM, local to the schedule time zone'),
  close: clockTimeText.describe('closing time HH:MM, later than `open` on the same day'),
});
/** A weekly opening range. */
export type WeeklyRange = z.infer<typeof weeklyRangeSchema>;

/** A closed day. */
export const holidaySchema = z.strictObject({
  date: dateText.describe('the closed day YYYY-MM-DD (that year only)'),
  name: labelText.describe('what the day is'),
});
/** A holiday. */
export type Holiday = z.infer<typeof holidaySchema>;

/** Business hours: when routes that use the schedule are open, and where callers go otherwise. */
export const scheduleSchema = z.strictObject({
  id: idText.describe('stable id; the closed branch renders as context `ringside-closed-<id>`'),
  name: labelText.describe('name shown to admins'),
  timeZone: timeZoneText.describe('IANA time zone the hours are read in'),
  weekly: z.array(weeklyRangeSchema).max(21).describe('opening hours'),
  holidays: z.array(holidaySchema).max(366).default([]).describe('days closed all day'),
  closedPrompt: promptSchema.optional().describe('played to callers outside opening hours'),
  closedDestination: destinationSchema.default({ type: 'hangup' }).describe('where callers go after the closed prompt'),
});
/** A business-hours schedule. */
export type Schedule = z.infer<typeof scheduleSchema>;
