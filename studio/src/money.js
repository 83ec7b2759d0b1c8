// Money as printed in Chinese disclosures, read exactly: "超过5.1亿元" is over 5.1 亿元, that is 510,000,000.00 yuan.
// Decimal strings and BigInt only: a float never touches an amount.

const UNITS = { 元: 0, 万元: 4, 亿元: 8 };
const OVER = ['超过', '多于', '逾', '超', '高于'];
const ABOUT = ['约', '大约', '近', '将近', '约为'];
const UNDER = ['不足', '少于', '不到', '低于'];
const PRINTED = /^(\D*?)\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(亿|万)?\s*(多)?\s*元(?:人民币)?\s*$/;

/**
 * The parts of an amount as printed: {value, unit, qualifier} as the API takes them, or null when it does not read as
 * an amount of yuan.
 */
export function parsePrinted(text) {
  const match = PRINTED.exec(text.trim().replace(/，/g, ','));
  if (!match) {
    return null;
  }
  const [, prefix, number, magnitude, more] = match;
  let qualifier = 'exact';
  if (more || OVER.includes(prefix)) {
    qualifier = 'over';
  } else if (ABOUT.includes(prefix)) {
    qualifier = 'about';
  } else if (UNDER.includes(prefix)) {
    qualifier = 'under';
  } else if (prefix) {
    return null;
  }
  return { value: number.replace(/,/g, ''), unit: `${magnitude ?? ''}元`, qualifier };
}

/** The exact amount in yuan with two decimals ("510000000.00"), or null when it is finer than a fen. */
export function exactYuan(value, unit) {
  const [whole, fraction = ''] = value.split('.');
  const shift = UNITS[unit] + 2; // to fen
  if (fraction.length > shift && /[^0]/.test(fraction.slice(shift))) {
    return null;
  }
  const fen = BigInt(whole + fraction.padEnd(shift, '0').slice(0, shift));
  const text = fen.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** An amount in yuan as people read it: 510,000,000.00. */
export function groupedYuan(amount) {
  const [whole, fraction] = amount.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}
