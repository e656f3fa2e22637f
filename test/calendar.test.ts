import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCalendarDate, calendarDateProblem, latestCalendarDate } from '../src/calendar.js';

const now = new Date('2026-03-10T12:00:00Z');

test('a real calendar day as YYYY-MM-DD is accepted, an ISO date-time gives its day', () => {
  assert.deepEqual(parseCalendarDate('2025-08-20', { now }), { ok: true, date: '2025-08-20' });
  assert.deepEqual(parseCalendarDate(' 2024-02-29 ', { now }), { ok: true, date: '2024-02-29' });
  assert.deepEqual(parseCalendarDate('2025-08-20T10:00:00Z', { now }), { ok: true, date: '2025-08-20' });
  assert.deepEqual(parseCalendarDate('2025-08-20T10:00:00+02:00', { now }), { ok: true, date: '2025-08-20' });
});

test('impossible days are refused, never rolled over', () => {
  for (const bad of ['2025-02-30', '2025-13-45', '2023-02-29', '2025-04-31', '2025-00-10']) {
    const r = parseCalendarDate(bad, { now });
    assert.equal(r.ok, false, bad);
    assert.match((r as { reason: string }).reason, /^takes a date as YYYY-MM-DD between 1980-01-01 and 2026-03-11 \(e\.g\. 2025-08-20\); ".*" is not a calendar day$/, bad);
  }
});

test('malformed values are refused with the format to use', () => {
  for (const bad of ['garbage', '20250820', '2025/08/20', '25-08-20', '', 2025, null, '2025-8-2']) {
    const r = parseCalendarDate(bad, { now });
    assert.equal(r.ok, false, String(bad));
    assert.match((r as { reason: string }).reason, /^takes a date as YYYY-MM-DD between .*; .* is not in that form$/);
  }
});

test('dates before 1980 and after tomorrow are refused unless the future is allowed', () => {
  assert.equal(latestCalendarDate(now), '2026-03-11');
  assert.equal(parseCalendarDate('2026-03-11', { now }).ok, true);
  assert.match(calendarDateProblem('--published', '2026-03-12', { now })!, /^--published takes a date as YYYY-MM-DD between 1980-01-01 and 2026-03-11 \(e\.g\. 2025-08-20\); "2026-03-12" is outside that range$/);
  assert.match(calendarDateProblem('--published', '1979-12-31', { now })!, /between 1980-01-01/);
  assert.equal(parseCalendarDate('2030-01-01', { now, allowFuture: true }).ok, true);
  assert.equal(calendarDateProblem('--to', '2030-01-01', { now, allowFuture: true }), null);
});
