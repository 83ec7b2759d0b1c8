// The API's words about a field, put in the editor's: run by scripts/studio.sh before every build (node --test).
import assert from 'node:assert/strict';
import { test } from 'node:test';

globalThis.localStorage = { getItem: () => null, setItem: () => {} };
const { fieldMessage } = await import('../src/i18n.js');

test('a value outside a list names the list and what the file had', () => {
  assert.equal(fieldMessage("must be one of 元, 万元, 亿元; was '千元'"), '应为 元, 万元, 亿元 之一，文件里是“千元”');
  assert.equal(fieldMessage("must be one of [YEAR, QUARTER, MONTH]; was 'week'"), '应为 YEAR, QUARTER, MONTH 之一，文件里是“week”');
});

test('cells of the wrong kind say what they should be', () => {
  assert.equal(fieldMessage("must be a date such as 2019-12-31; was '2019-13-01'"), '应为日期，如 2019-12-31，文件里是“2019-13-01”');
  assert.equal(fieldMessage("has 3 cells; the header has 10"), '这一行有 3 格，列名行有 10 格');
  assert.equal(fieldMessage("unknown column 'colour'; columns are [publisher]"), '未知的列“colour”');
});

test('a file in another encoding says which line and how to save it', () => {
  assert.equal(
    fieldMessage('line 4 is not GB18030 text; save the file as CSV UTF-8, or name its encoding in Content-Type (text/csv; charset=GB18030 for GBK)'),
    '第 4 行不是 GB18030 编码的文字：请在 Excel 或 WPS 中另存为“CSV UTF-8”后重新选择',
  );
});

test('a message it does not know stays in the API words', () => {
  assert.equal(fieldMessage('is past the end of the document: it has 3 pages'), 'is past the end of the document: it has 3 pages');
});
