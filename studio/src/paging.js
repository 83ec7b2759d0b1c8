// Keyset paging as every list of the studio shows it: progress while a page loads, an empty state, what went wrong,
// and a "more" button while the API says there is a next page.
import { api } from './api.js';
import { h, show } from './dom.js';
import { problemMessage, t } from './i18n.js';

/**
 * Pages of {@code path} (a list URL with its filters, without limit and cursor), {@code limit} at a time, each item
 * handed to {@code add}; {@code list} is the element they go into (its aria-busy says when a page is loading).
 * Answers {status, more, load(fresh)}: the status line and the button to place after the list, and the loader.
 */
export function pager(path, list, add, limit = 20) {
  const status = h('p', { class: 'list-status', role: 'status' }, t('list.loading'));
  const more = h('button', { type: 'button', class: 'more', hidden: true }, t('list.more'));
  let cursor = null;
  let count = 0;
  const load = async (fresh) => {
    if (fresh) {
      cursor = null;
      count = 0;
    }
    more.hidden = true;
    list.setAttribute('aria-busy', 'true');
    show(status, t('list.loading'));
    status.classList.remove('error');
    const url = `${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    try {
      const page = (await api('GET', url)).body;
      page.items.forEach(add);
      count += page.items.length;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      show(status, count === 0 ? t('list.empty') : '');
    } catch (error) {
      show(status, problemMessage(error));
      status.classList.add('error');
    }
    list.setAttribute('aria-busy', 'false');
  };
  more.addEventListener('click', () => load(false));
  return { status, more, load };
}
