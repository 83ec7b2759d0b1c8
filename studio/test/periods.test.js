// Reporting periods: run by scripts/studio.sh before every build (node --test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { period } from '../src/periods.js';

test('a year runs from 1 January to 31 December', () => {
  assert.deepEqual(period(2023, 'YEAR', 1), { start: '2023-01-01', end: '2023-12-31', granularity: 'YEAR' });
});

test('a quarter runs from its first month to the last day of its third', () => {
  assert.deepEqual(period(2023, 'QUARTER', 1), { start: '2023-01-01', end: '2023-03-31', granularity: 'QUARTER' });
  assert.deepEqual(period(2023, 'QUARTER', 10), { start: '2023-10-01', end: '2023-12-31', granularity: 'QUARTER' });
});

test('a month ends on its last day, leap years included', () => {
  assert.deepEqual(period(2024, 'MONTH', 2), { start: '2024-02-01', end: '2024-02-29', granularity: 'MONTH' });
  assert.deepEqual(period(2023, 'MONTH', 2), { start: '2023-02-01', end: '2023-02-28', granularity: 'MONTH' });
  assert.deepEqual(period(2023, 'MONTH', 11), { start: '2023-11-01', end: '2023-11-30', granularity: 'MONTH' });
});
