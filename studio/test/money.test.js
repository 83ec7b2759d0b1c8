// Amounts as printed, read exactly: run by scripts/studio.sh before every build (node --test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactYuan, groupedYuan, parsePrinted } from '../src/money.js';

test('a qualifier before or 多 after the number says how exact the printed amount is', () => {
  assert.deepEqual(parsePrinted('超过5.1亿元'), { value: '5.1', unit: '亿元', qualifier: 'over' });
  assert.deepEqual(parsePrinted('5亿多元'), { value: '5', unit: '亿元', qualifier: 'over' });
  assert.deepEqual(parsePrinted('约9,000万元'), { value: '9000', unit: '万元', qualifier: 'about' });
  assert.deepEqual(parsePrinted('不足1亿元'), { value: '1', unit: '亿元', qualifier: 'under' });
  assert.deepEqual(parsePrinted(' 743.9万元 '), { value: '743.9', unit: '万元', qualifier: 'exact' });
  assert.deepEqual(parsePrinted('1200元'), { value: '1200', unit: '元', qualifier: 'exact' });
});

test('what is not an amount of yuan is not read as one', () => {
  for (const text of ['很多钱', '5.1亿美元', '五亿元', '', '亿元', '大概5亿元吧']) {
    assert.equal(parsePrinted(text), null, text);
  }
});

test('yuan are exact to the fen, without floating point', () => {
  assert.equal(exactYuan('5.1', '亿元'), '510000000.00');
  assert.equal(exactYuan('743.9', '万元'), '7439000.00');
  assert.equal(exactYuan('0.01', '元'), '0.01');
  assert.equal(exactYuan('0.1', '元'), '0.10');
  assert.equal(exactYuan('123456789.123456', '万元'), '1234567891234.56');
  assert.equal(exactYuan('9007199254740993', '亿元'), '900719925474099300000000.00', 'beyond 2^53');
  assert.equal(exactYuan('3.14159', '元'), null, 'finer than a fen');
  assert.equal(exactYuan('1.2300', '元'), '1.23', 'trailing zeros are no finer');
  assert.equal(groupedYuan('510000000.00'), '510,000,000.00');
  assert.equal(groupedYuan('0.05'), '0.05');
});
