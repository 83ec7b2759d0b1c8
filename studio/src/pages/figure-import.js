// Importing figures from a CSV file: the service checks the whole file first and writes nothing (the preview); every row
// is shown as it would be stored, in exact yuan, or with its problems beside it; only a file without problems imports.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { fieldMessage, problemMessage, t } from '../i18n.js';
import { groupedYuan } from '../money.js';
import { printed } from './figures.js';

const KINDS = { fund: '/fund-figures', sales: '/sales-figures' };

/** #/figures/import: choose a kind and a file, read the preview, then import. */
export function figureImportPage(context) {
  const kind = h('select', { id: 'import-kind' }, Object.keys(KINDS).map((k) => h('option', { value: k }, t(`figures.kind.${k}`))));
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv' });
  const status = h('p', { class: 'form-status', role: 'status', id: 'import-status' });
  const preview = h('div', { id: 'import-preview' });
  const importButton = h('button', { type: 'button', class: 'primary', id: 'import-run', disabled: true }, t('import.run'));
  let checked = null;

  const check = async () => {
    checked = null;
    importButton.disabled = true;
    show(preview);
    status.classList.remove('error');
    const chosen = file.files?.[0];
    if (!chosen) {
      show(status);
      return;
    }
    show(status, t('import.checking'));
    const bytes = await chosen.arrayBuffer();
    // Excel and WPS on a Chinese Windows save CSV as GBK unless told "CSV UTF-8": such a file is sent as GB18030 (which
    // GBK is part of), and the preview shows the editor how its Chinese was read
    const encoding = isUtf8(bytes) ? 'UTF-8' : 'GB18030';
    const contentType = `text/csv; charset=${encoding}`;
    const body = new Blob([bytes], { type: contentType });
    const note = encoding === 'UTF-8' ? '' : ` ${t('import.gb18030')}`;
    try {
      const result = (await api('POST', `${KINDS[kind.value]}/batch/preview`, { body, headers: { 'Content-Type': contentType } })).body;
      show(preview, previewTable(result));
      const problems = result.violations.length;
      show(status, (problems ? t('import.problems', { rows: result.rowCount, problems }) : t('import.ready', { rows: result.rows.length })) + note);
      status.classList.toggle('error', problems > 0);
      if (!problems) {
        checked = { body, contentType, kind: kind.value };
        importButton.disabled = false;
        show(importButton, t('import.runCount', { rows: result.rows.length }));
      }
    } catch (error) {
      show(status, problemMessage(error), ' ', (error.problem?.violations ?? []).map((v) => fieldMessage(v.message)).join('; '));
      status.classList.add('error');
    }
  };
  const run = async () => {
    if (!checked) {
      return;
    }
    importButton.disabled = true;
    try {
      const created = (await api('POST', `${KINDS[checked.kind]}/batch`, { body: checked.body, headers: { 'Content-Type': checked.contentType } })).body;
      show(status, t('import.done', { rows: created.length }));
      show(
        preview,
        h('ul', { class: 'articles', id: 'imported' }, created.map((figure) =>
          h('li', { 'data-id': figure.id }, h('a', { href: `#/figures/${checked.kind}/${figure.id}` }, `${figure.period.label} ${figure.regionCode} ${groupedYuan(figure.amount.amount)} ${t('figures.yuan')}`)),
        )),
      );
      checked = null;
    } catch (error) {
      show(status, problemMessage(error));
      status.classList.add('error');
      importButton.disabled = false;
    }
  };
  file.addEventListener('change', check);
  kind.addEventListener('change', check);
  importButton.addEventListener('click', run);

  show(
    context.main,
    h(
      'section',
      { class: 'card' },
      h('h1', {}, t('import.title')),
      h('p', { class: 'hint' }, t('import.hint')),
      h('div', { class: 'field' }, h('label', { for: kind.id }, t('figures.kind')), kind),
      h('div', { class: 'field' }, h('label', { for: file.id }, t('import.file')), file),
      status,
      h('div', { class: 'actions' }, importButton),
    ),
    preview,
  );
}

/** Whether the bytes are UTF-8 text (a byte-order mark or none). */
function isUtf8(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every row of the file in order: the figure it would create, or the problems the service named for it ("row 3,
 * printedUnit"); problems of the file as a whole (its header) come first.
 */
function previewTable(result) {
  const rows = new Map(result.rows.map((row) => [row.row, { figure: row.figure, problems: [] }]));
  const general = [];
  for (const violation of result.violations) {
    const match = /^row (\d+)(?:, (.+))?$/.exec(violation.field);
    if (!match) {
      general.push(violation);
      continue;
    }
    const number = Number(match[1]);
    if (!rows.has(number)) {
      rows.set(number, { figure: null, problems: [] });
    }
    rows.get(number).problems.push({ column: match[2] ?? '', message: fieldMessage(violation.message) });
  }
  const ordered = [...rows.entries()].sort(([a], [b]) => a - b);
  return [
    general.length ? h('ul', { class: 'error', id: 'import-general' }, general.map((v) => h('li', {}, `${v.field}: ${fieldMessage(v.message)}`))) : null,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'accounts', id: 'import-rows' },
        h('thead', {}, h('tr', {}, ['import.row', 'import.period', 'import.region', 'import.printed', 'import.yuan', 'import.problems.column'].map((key) => h('th', { scope: 'col' }, t(key))))),
        h(
          'tbody',
          {},
          ordered.map(([number, { figure, problems }]) =>
            h(
              'tr',
              { 'data-row': number, class: problems.length ? 'invalid' : '' },
              h('td', {}, String(number)),
              h('td', {}, figure?.period.label ?? ''),
              h('td', {}, figure?.regionCode ?? ''),
              h('td', {}, figure ? printed(figure) : ''),
              h('td', { class: 'amount' }, figure?.amount ? groupedYuan(figure.amount.amount) : ''),
              h('td', {}, problems.map((p) => h('div', { class: 'field-error' }, p.column ? `${p.column}: ${p.message}` : p.message))),
            ),
          ),
        ),
      ),
    ),
  ];
}
