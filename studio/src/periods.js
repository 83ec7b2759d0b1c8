// Reporting periods as the API takes them: first and last day, both inclusive.
/** A year, a quarter (from its first month) or a month as the API's period: first and last day, both inclusive. */
export function period(year, granularity, firstMonth) {
  const pad = (n) => String(n).padStart(2, '0');
  if (granularity === 'YEAR') {
    return { start: `${year}-01-01`, end: `${year}-12-31`, granularity };
  }
  const lastMonth = granularity === 'QUARTER' ? firstMonth + 2 : firstMonth;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { start: `${year}-${pad(firstMonth)}-01`, end: `${year}-${pad(lastMonth)}-${pad(lastDay)}`, granularity };
}
