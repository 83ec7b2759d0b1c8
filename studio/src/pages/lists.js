// A list of articles that shows its progress, an empty state, and more pages on demand (keyset cursors).
import { api } from '../api.js';
import { h, shanghaiTime, show } from '../dom.js';
import { problemMessage, t } from '../i18n.js';

/** A list element filled from {@code path} (an /articles or /search URL without limit), 20 at a time. */
export function articleList(path, { id, limit = 20 } = {}) {
  const items = h('ul', { class: 'articles', id, 'aria-busy': 'true' });
  const status = h('p', { class: 'list-status', role: 'status' }, t('list.loading'));
  const more = h('button', { type: 'button', class: 'more', hidden: true }, t('list.more'));
  const container = h('div', { class: 'list' }, items, status, more);
  let cursor = null;
  const load = async () => {
    more.hidden = true;
    items.setAttribute('aria-busy', 'true');
    show(status, t('list.loading'));
    const separator = path.includes('?') ? '&' : '?';
    const url = `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    try {
      const page = (await api('GET', url)).body;
      for (const article of page.items) {
        items.append(articleItem(article));
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      show(status, items.children.length === 0 ? t('list.empty') : '');
    } catch (error) {
      show(status, problemMessage(error));
      status.classList.add('error');
    }
    items.setAttribute('aria-busy', 'false');
  };
  more.addEventListener('click', load);
  load();
  return container;
}

function articleItem(article) {
  const when = article.publishedAt ? shanghaiTime(article.publishedAt) : shanghaiTime(article.updatedAt);
  return h(
    'li',
    { 'data-id': article.id },
    h('a', { href: `#/articles/${article.id}` }, article.title),
    h(
      'span',
      { class: 'meta' },
      h('span', { class: `status status-${article.status}` }, t(`status.${article.status}`)),
      ' ',
      article.publisher?.name ?? '',
      ' ',
      h('time', { datetime: article.publishedAt ?? article.updatedAt ?? '' }, when),
    ),
  );
}
