import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BusinessHoursError, isOpenAt, nextOpenAt, parseBusinessHours } from '../../server/domain/business-hours.js';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

test('weekday ranges in a time zone: open, closed, and the next opening', () => {
  const h = parseBusinessHours('mon-fri 09:00-17:00; sat 10:00-13:00', 'Europe/Berlin');
  // Wednesday 2026-12-02: CET (UTC+1).
  assert.equal(isOpenAt(h, at('2026-12-02T07:59:00Z')), false, '08:59 local');
  assert.equal(isOpenAt(h, at('2026-12-02T08:00:00Z')), true, '09:00 local');
  assert.equal(isOpenAt(h, at('2026-12-02T15:59:59Z')), true, '16:59:59 local');
  assert.equal(isOpenAt(h, at('2026-12-02T16:00:00Z')), false, '17:00 local: closed');
  assert.equal(iso(nextOpenAt(h, at('2026-12-02T16:00:00Z'))), '2026-12-03T08:00:00.000Z');
  // Friday evening → Saturday 10:00; Saturday 13:00 → Monday 09:00.
  assert.equal(iso(nextOpenAt(h, at('2026-12-04T18:00:00Z'))), '2026-12-05T09:00:00.000Z');
  assert.equal(iso(nextOpenAt(h, at('2026-12-05T12:00:00Z'))), '2026-12-07T08:00:00.000Z');
  assert.equal(nextOpenAt(h, at('2026-12-02T10:00:00Z')), undefined, 'open now: no next opening');
});

test('days: lists, ranges that wrap the week, several ranges a day, 24:00', () => {
  const h = parseBusinessHours('Mon,Wed 08:00-12:00, 13:00-24:00; fri-sun 00:00-01:00', 'UTC');
  assert.equal(isOpenAt(h, at('2026-11-30T12:30:00Z')), false, 'Monday lunch');
  assert.equal(isOpenAt(h, at('2026-11-30T23:59:00Z')), true, 'Monday 23:59');
  assert.equal(isOpenAt(h, at('2026-12-01T10:00:00Z')), false, 'Tuesday');
  assert.equal(isOpenAt(h, at('2026-12-06T00:30:00Z')), true, 'Sunday 00:30 (fri-sun)');
  assert.equal(iso(nextOpenAt(h, at('2026-11-30T12:30:00Z'))), '2026-11-30T13:00:00.000Z');
});

test('overnight ranges run into the next day', () => {
  const h = parseBusinessHours('fri 22:00-02:00', 'UTC');
  assert.equal(isOpenAt(h, at('2026-12-04T23:00:00Z')), true, 'Friday 23:00');
  assert.equal(isOpenAt(h, at('2026-12-05T01:59:00Z')), true, 'Saturday 01:59');
  assert.equal(isOpenAt(h, at('2026-12-05T02:00:00Z')), false, 'Saturday 02:00');
  assert.equal(isOpenAt(h, at('2026-12-04T01:00:00Z')), false, 'Friday 01:00 belongs to Thursday');
  assert.equal(iso(nextOpenAt(h, at('2026-12-05T03:00:00Z'))), '2026-12-11T22:00:00.000Z');
});

test('spring forward (Europe/Berlin, 29 March 2026): wall-clock hours, and an opening in the skipped hour', () => {
  const h = parseBusinessHours('sun 01:00-04:00; mon 09:00-17:00', 'Europe/Berlin');
  // 01:00 CET = 00:00Z; at 01:00Z clocks jump from 02:00 CET to 03:00 CEST; 04:00 CEST = 02:00Z.
  assert.equal(isOpenAt(h, at('2026-03-29T00:00:00Z')), true);
  assert.equal(isOpenAt(h, at('2026-03-29T01:59:00Z')), true, '03:59 CEST');
  assert.equal(isOpenAt(h, at('2026-03-29T02:00:00Z')), false, '04:00 CEST');
  assert.equal(iso(nextOpenAt(h, at('2026-03-29T02:00:00Z'))), '2026-03-30T07:00:00.000Z', 'Monday 09:00 CEST');
  const skipped = parseBusinessHours('sun 02:30-05:00', 'Europe/Berlin');
  assert.equal(
    iso(nextOpenAt(skipped, at('2026-03-28T12:00:00Z'))),
    '2026-03-29T01:00:00.000Z',
    'opens when the clocks land at 03:00 CEST',
  );
});

test('fall back (America/New_York, 1 November 2026): the repeated hour counts once from its first time', () => {
  const h = parseBusinessHours('sun 01:30-03:00', 'America/New_York');
  // 01:30 EDT = 05:30Z (first time), 01:30 EST = 06:30Z (second), 03:00 EST = 08:00Z.
  assert.equal(iso(nextOpenAt(h, at('2026-11-01T00:00:00Z'))), '2026-11-01T05:30:00.000Z');
  assert.equal(isOpenAt(h, at('2026-11-01T06:45:00Z')), true, '01:45 EST');
  assert.equal(isOpenAt(h, at('2026-11-01T07:59:00Z')), true, '02:59 EST');
  assert.equal(isOpenAt(h, at('2026-11-01T08:00:00Z')), false);
  // Summer and winter: 09:00 local is 13:00Z then 14:00Z.
  const office = parseBusinessHours('mon-fri 09:00-17:00', 'America/New_York');
  assert.equal(iso(nextOpenAt(office, at('2026-10-30T22:00:00Z'))), '2026-11-02T14:00:00.000Z');
  assert.equal(iso(nextOpenAt(office, at('2026-10-29T22:00:00Z'))), '2026-10-30T13:00:00.000Z');
});

test('bad hours and zones say what is wrong in one sentence', () => {
  const bad: [string, string, RegExp][] = [
    ['mon-fri', 'UTC', /needs days and hours/],
    ['funday 09:00-17:00', 'UTC', /unknown day "funday"/],
    ['mon 9-17', 'UTC', /"9" is not a time/],
    ['mon 09:00-25:00', 'UTC', /"25:00" is not a time/],
    ['mon 09:60-10:00', 'UTC', /"09:60" is not a time/],
    ['mon 24:00-10:00', 'UTC', /"24:00" is not a time/],
    ['mon 09:00', 'UTC', /not a range of hours/],
    [' ; ', 'UTC', /no opening hours/],
    ['mon 09:00-17:00', 'Mars/Olympus', /unknown time zone "Mars\/Olympus"/],
  ];
  for (const [text, zone, re] of bad) {
    assert.throws(
      () => parseBusinessHours(text, zone),
      (e: Error) => e instanceof BusinessHoursError && re.test(e.message),
      text,
    );
  }
});
