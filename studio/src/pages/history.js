// An article's history: every save with who, when and which fields; a readable diff of any of them against the one
// before (word by word for texts, each Chinese character a word); restore as a new revision.
import { api } from '../api.js';
import { h, shanghaiTime, show } from '../dom.js';
import { problemMessage, t } from '../i18n.js';
import { pager } from '../paging.js';

/** The history panel of article {@code id}; {@code restore(number)} restores a revision (with the form's If-Match). */
export function historyPanel(id, restore) {
  const list = h('ol', { class: 'revisions', id: 'revisions', 'aria-busy': 'true' });
  const diff = h('div', { class: 'diff', id: 'diff', 'aria-live': 'polite' });
  const item = (revision) =>
    h(
      'li',
      { 'data-number': revision.number },
      h(
        'button',
        { type: 'button', class: 'link', onclick: () => showDiff(revision) },
        `#${revision.number} ${t(`action.${revision.action}`)}`,
      ),
      ' ',
      h('span', { class: 'meta' }, revision.author?.name ?? t('history.system'), ' · ', shanghaiTime(revision.createdAt)),
      h('div', { class: 'meta' }, revision.changedFields.join(', ')),
    );
  const showDiff = async (revision) => {
    show(diff, t('list.loading'));
    try {
      const answer = revision.number > 1 ? (await api('GET', `/articles/${id}/revisions/${revision.number}/diff`)).body : null;
      show(
        diff,
        h('h3', {}, t('history.changes', { number: revision.number })),
        answer ? answer.changes.map(change) : h('p', {}, t('history.first')),
        h(
          'button',
          { type: 'button', id: 'restore-revision', onclick: () => restore(revision.number) },
          t('history.restore', { number: revision.number }),
        ),
      );
    } catch (error) {
      show(diff, problemMessage(error));
    }
  };
  const pages = pager(`/articles/${id}/revisions`, list, (revision) => list.append(item(revision)));
  pages.load(true);
  return h('section', { class: 'panel history', 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, t('editor.history')), list, pages.status, pages.more, diff);
}

/** One changed field: a text as its words (deleted struck through, inserted underlined), any other value before → after. */
function change(item) {
  const body = item.words
    ? h('p', { class: 'words' }, item.words.map((segment) => {
        if (segment.op === 'delete') {
          return h('del', {}, segment.text);
        }
        if (segment.op === 'insert') {
          return h('ins', {}, segment.text);
        }
        return segment.text;
      }))
    : h('p', {}, h('del', {}, display(item.before)), ' → ', h('ins', {}, display(item.after)));
  return h('div', { class: 'change', 'data-field': item.field }, h('h4', {}, item.field), body);
}

function display(value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  return Array.isArray(value) ? value.join('、') : String(value);
}
