// A list of articles that shows its progress, an empty state, and more pages on demand (keyset cursors).
import { h, shanghaiTime } from '../dom.js';
import { t } from '../i18n.js';
import { pager } from '../paging.js';

/** A list element filled from {@code path} (an /articles or /search URL without limit), 20 at a time. */
export function articleList(path, { id, limit = 20 } = {}) {
  const items = h('ul', { class: 'articles', id, 'aria-busy': 'true' });
  const pages = pager(path, items, (article) => items.append(articleItem(article)), limit);
  pages.load(true);
  return h('div', { class: 'list' }, items, pages.status, pages.more);
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
