import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDates } from '../src/extract/dates.js';
import type { DateSpan } from '../src/document.js';

/** Every reported span must be the exact slice of the text it claims. */
function checkedDates(text: string, published: string | null, skip: { start: number; end: number }[] = []): DateSpan[] {
  const dates = findDates(text, published, skip);
  for (const d of dates) {
    assert.equal(text.slice(d.start, d.end), d.text, `offsets of "${d.text}"`);
  }
  return dates;
}

/** The single date expression found in `text`, asserted to be `expected` with the given range. */
function expectDate(text: string, published: string | null, expected: string, range: [string, string] | null): void {
  const dates = checkedDates(text, published);
  const found = dates.find((d) => d.text === expected);
  assert.ok(found, `expected "${expected}" in ${JSON.stringify(text)}, got ${JSON.stringify(dates.map((d) => d.text))}`);
  assert.deepEqual(found.value, range ? { start: range[0], end: range[1] } : null, `value of "${expected}" in ${JSON.stringify(text)}`);
}

// 2025-08-20 is a Wednesday; 1987-02-26 is a Thursday.
const WEB = '2025-08-20';
const WIRE = '1987-02-26';

test('resolves a weekday in a 1987 wire story against that story\'s own date', () => {
  expectDate('Texaco Inc said on Tuesday it would appeal the ruling.', WIRE, 'on Tuesday', ['1987-02-24', '1987-02-24']);
  expectDate('The Bank of Japan bought dollars Friday, dealers said.', WIRE, 'Friday', ['1987-02-20', '1987-02-20']);
  expectDate('Brazil suspended interest payments last Friday.', WIRE, 'last Friday', ['1987-02-20', '1987-02-20']);
});

test('a weekday names the publication day itself when the story appeared on that weekday', () => {
  expectDate('The ministry said on Tuesday that exports of gallium would be licensed.', '2025-08-19', 'on Tuesday', ['2025-08-19', '2025-08-19']);
  expectDate('Talks collapsed last Tuesday.', '2025-08-19', 'last Tuesday', ['2025-08-12', '2025-08-12']);
});

test('a future cue sends a weekday or a month forward, otherwise the past is preferred', () => {
  expectDate('The minister will travel to Beijing on Friday.', WEB, 'on Friday', ['2025-08-22', '2025-08-22']);
  expectDate('The minister travelled to Beijing on Friday.', WEB, 'on Friday', ['2025-08-15', '2025-08-15']);
  expectDate('The next round of talks will be held in February.', WEB, 'in February', ['2026-02-01', '2026-02-28']);
  expectDate('The smelter was shut in February after a fire.', WEB, 'in February', ['2025-02-01', '2025-02-28']);
});

test('a month without a year is the most recent one on or before the publication month', () => {
  expectDate('Prices of tungsten rose sharply in February.', WEB, 'in February', ['2025-02-01', '2025-02-28']);
  expectDate('Prices of tungsten rose sharply in February.', '2025-01-10', 'in February', ['2024-02-01', '2024-02-29']);
  expectDate('Shipments resumed in December, the company said.', WIRE, 'in December', ['1986-12-01', '1986-12-31']);
  expectDate('The accord was signed last March.', '2025-03-15', 'last March', ['2024-03-01', '2024-03-31']);
});

test('month parts and month-year phrases become partial or whole months', () => {
  expectDate('The report is likely to be issued in early April this year.', WIRE, 'in early April this year', ['1987-04-01', '1987-04-10']);
  expectDate('The issue is scheduled for mid-March.', WIRE, 'mid-March', ['1987-03-11', '1987-03-20']);
  expectDate('Output in February 2025 was the lowest in a decade.', WEB, 'in February 2025', ['2025-02-01', '2025-02-28']);
  expectDate('Lithium prices fell between March and May.', WEB, 'between March and May', ['2025-03-01', '2025-05-31']);
});

test('absolute day dates in wire and web spellings', () => {
  expectDate('The agreement expires on March 3, 1987, officials said.', WIRE, 'on March 3, 1987', ['1987-03-03', '1987-03-03']);
  expectDate('The tariff took effect on 3 March 2025.', WEB, 'on 3 March 2025', ['2025-03-03', '2025-03-03']);
  expectDate('Beijing announced the controls on Jan. 5.', WEB, 'on Jan. 5', ['2025-01-05', '2025-01-05']);
  expectDate('Aug 15 talks in Alaska ended without a deal.', WEB, 'Aug 15', ['2025-08-15', '2025-08-15']);
  expectDate('The order was dated 2025-08-15.', WEB, '2025-08-15', ['2025-08-15', '2025-08-15']);
  expectDate('Deliveries start on 15/08/2025 at the port.', WEB, '15/08/2025', ['2025-08-15', '2025-08-15']);
  expectDate('Brokers quoted March 3-5 loading.', WEB, 'March 3-5', ['2025-03-03', '2025-03-05']);
});

test('a day without a year just after publication is read as coming, not as last year', () => {
  expectDate('Talks resume Aug 25 in Geneva.', WEB, 'Aug 25', ['2025-08-25', '2025-08-25']);
  expectDate('NEW YORK, Dec. 22 (UPI) — Chelsea Clinton announced the news.', '2015-12-21', 'Dec. 22', ['2015-12-22', '2015-12-22']);
  expectDate('The dividend is payable April one to holders of record March 20.', WIRE, 'April one', ['1987-04-01', '1987-04-01']);
  expectDate('The dividend is payable April one to holders of record March 20.', WIRE, 'March 20', ['1987-03-20', '1987-03-20']);
});

test('a day-month date that could be read both ways is left out', () => {
  assert.deepEqual(checkedDates('The cargo arrived on 05/08/2025.', WEB), []);
});

test('"the week ended" widens a Reuters day to its week', () => {
  expectDate('Arrivals for the week ended February 22 were 155,221 bags.', WIRE, 'the week ended February 22', ['1987-02-16', '1987-02-22']);
});

test('calendar weeks, months and years relative to publication', () => {
  expectDate('Officials met in Riyadh last week.', WEB, 'last week', ['2025-08-11', '2025-08-17']);
  expectDate('Ministers gather in Brussels this week.', WEB, 'this week', ['2025-08-18', '2025-08-24']);
  expectDate('A decision is expected next week.', WEB, 'next week', ['2025-08-25', '2025-08-31']);
  expectDate('Exports fell 12 percent last month.', WEB, 'last month', ['2025-07-01', '2025-07-31']);
  expectDate('The quota expires next month.', WEB, 'next month', ['2025-09-01', '2025-09-30']);
  expectDate('Output rose 5 pct last year.', WIRE, 'last year', ['1986-01-01', '1986-12-31']);
  expectDate('The mine reopened earlier this year.', WEB, 'earlier this year', ['2025-01-01', '2025-08-20']);
  expectDate('Beijing tightened export rules earlier this month.', WEB, 'earlier this month', ['2025-08-01', '2025-08-20']);
  expectDate('The plant was idled late last year.', WEB, 'late last year', ['2024-09-01', '2024-12-31']);
  expectDate('A new tender opens early next month.', WEB, 'early next month', ['2025-09-01', '2025-09-10']);
  expectDate('Several strikes hit the mines over the weekend.', WEB, 'over the weekend', ['2025-08-16', '2025-08-17']);
});

test('"ago" expressions and vague windows', () => {
  expectDate('The rebels seized the mine two weeks ago.', WEB, 'two weeks ago', ['2025-08-04', '2025-08-10']);
  expectDate('The convoy left three days ago.', WEB, 'three days ago', ['2025-08-17', '2025-08-17']);
  expectDate('Prices have doubled in recent weeks.', WEB, 'in recent weeks', ['2025-07-30', '2025-08-20']);
  expectDate('Prices have doubled over the past two years.', WEB, 'over the past two years', ['2023-08-20', '2025-08-20']);
  expectDate('Yesterday the cabinet approved the plan.', WEB, 'Yesterday', ['2025-08-19', '2025-08-19']);
  expectDate('The GATT Council today set up a dispute panel.', WIRE, 'today', ['1987-02-26', '1987-02-26']);
});

test('seasons follow the meteorological northern calendar', () => {
  expectDate('Drilling began this spring.', WEB, 'this spring', ['2025-03-01', '2025-05-31']);
  expectDate('Gas demand peaked last winter.', WEB, 'last winter', ['2024-12-01', '2025-02-28']);
  expectDate('Storage ran low this winter.', '2025-01-15', 'this winter', ['2024-12-01', '2025-02-28']);
  expectDate('Prices usually rise in the spring.', '2025-01-10', 'in the spring', ['2024-03-01', '2024-05-31']);
  expectDate('The project stalled in the summer of 2023.', WEB, 'in the summer of 2023', ['2023-06-01', '2023-08-31']);
});

test('quarters and halves, with and without a year', () => {
  expectDate('Revenue in Q1 2025 beat forecasts.', WEB, 'in Q1 2025', ['2025-01-01', '2025-03-31']);
  expectDate('Profits in the first quarter rose 10 pct.', WIRE, 'in the first quarter', ['1987-01-01', '1987-03-31']);
  expectDate('The anticipated fourth quarter performance was weak.', WIRE, 'fourth quarter', ['1986-10-01', '1986-12-31']);
  expectDate('Fourth-quarter 1986 profits fell.', WIRE, 'Fourth-quarter 1986', ['1986-10-01', '1986-12-31']);
  expectDate('Output should recover in the first half of 2026.', WEB, 'in the first half of 2026', ['2026-01-01', '2026-06-30']);
  expectDate('Net profit in the first nine months of 1986 rose.', WIRE, 'in the first nine months of 1986', ['1986-01-01', '1986-09-30']);
});

test('years, year ranges, decades and parts of years', () => {
  expectDate('The deal was first proposed in 2022.', WEB, 'in 2022', ['2022-01-01', '2022-12-31']);
  expectDate('Production should peak by mid-2024.', WEB, 'mid-2024', ['2024-05-01', '2024-08-31']);
  expectDate('Kevlar was invented by Du Pont in the late 1960s.', WIRE, 'in the late 1960s', ['1967-01-01', '1969-12-31']);
  expectDate('Demand has grown since the 1990s.', WEB, 'the 1990s', ['1990-01-01', '1999-12-31']);
  expectDate('Estimates for the 1986/87 crop were raised.', WIRE, '1986/87', ['1986-01-01', '1987-12-31']);
  expectDate('Washington signed the 2022 agreement with Tokyo.', WEB, '2022', ['2022-01-01', '2022-12-31']);
  expectDate('We saw what happened between 2014 and 2021 in Donbas.', WEB, 'between 2014 and 2021', ['2014-01-01', '2021-12-31']);
});

test('without a publication date, relative expressions are reported with a null value', () => {
  const text = 'The company said on Tuesday that shipments fell in February and last week, after rising in 2022 and on March 3, 1987.';
  const dates = checkedDates(text, null);
  const byText = new Map(dates.map((d) => [d.text, d.value]));
  assert.equal(byText.get('on Tuesday'), null);
  assert.equal(byText.get('in February'), null);
  assert.equal(byText.get('last week'), null);
  assert.deepEqual(byText.get('in 2022'), { start: '2022-01-01', end: '2022-12-31' });
  assert.deepEqual(byText.get('on March 3, 1987'), { start: '1987-03-03', end: '1987-03-03' });
  assert.equal(dates.length, 5);
});

test('words and numbers that only look like dates are not reported', () => {
  const notDates = [
    'Other areas may arise in the negotiations.',
    'Thousands of protesters march through the capital.',
    'The Sun newspaper reported the sale.',
    'The firm finished second in the tender.',
    'Output rose to 5 mln tonnes.',
    'The index gained 1.5 pct.',
    'The shares closed at 7 1/2.',
    'The meeting starts at 10:30.',
    'The Arab Spring uprisings toppled governments.',
    'The Section 232 tariffs on steel remain.',
    'Rare-earth metals fall under HS code 2805.30.',
    'Exporters sold 2000 tonnes of copper.',
    'Trading closes at 1930 GMT.',
    'Farmers planted more spring wheat.',
    'The fall in prices hurt miners.',
    'Theresa May said the talks would continue.',
    'USA Today reported the figures.',
    'Candidates campaigned ahead of Super Tuesday.',
    'The Sunday Times reported the sale.',
    'Prices rose 12% from $2025 an ounce.',
  ];
  for (const text of notDates) {
    assert.deepEqual(checkedDates(text, WEB).map((d) => d.text), [], text);
  }
});

test('nothing is reported inside a skipped (promotional) span', () => {
  const promo = 'Sign up before March 31, 2025 to get 20% off. ';
  const text = `${promo}The ministry said on Tuesday it would cut quotas.`;
  const dates = checkedDates(text, WEB, [{ start: 0, end: promo.length }]);
  assert.deepEqual(dates.map((d) => d.text), ['on Tuesday']);
  assert.ok(dates[0].start >= promo.length);
});

test('spans are exact slices and come back in text order without overlaps', () => {
  const text = 'SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early\nJanuary. Arrivals for the week ended February 22 were 155,221 bags against 5.81 mln at the same stage last year. Final figures for the period to February 28 are expected to be published next week.';
  const dates = checkedDates(text, WIRE);
  assert.deepEqual(dates.map((d) => d.text), ['Feb 26', 'early\nJanuary', 'the week ended February 22', 'last year', 'February 28', 'next week']);
  for (let i = 1; i < dates.length; i++) assert.ok(dates[i - 1].end <= dates[i].start);
  assert.deepEqual(dates[1].value, { start: '1987-01-01', end: '1987-01-10' });
});

test('results do not depend on the local timezone', () => {
  const text = 'The company said on Tuesday it would cut output in February, after a fall last week and on March 3, 1987.';
  const saved = process.env.TZ;
  try {
    const runs = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'].map((tz) => {
      process.env.TZ = tz;
      return JSON.stringify(findDates(text, WEB));
    });
    for (const r of runs) assert.equal(r, runs[0]);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
