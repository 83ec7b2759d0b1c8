// Articles: a status filter and a search box over the API's list and search, page after page.
import { h, show } from '../dom.js';
import { t } from '../i18n.js';
import { articleList } from './lists.js';

const STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'archived'];

export function articlesPage(context) {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const status = h(
    'select',
    { id: 'status-filter', 'aria-label': t('list.status') },
    STATUSES.map((s) => h('option', { value: s, selected: (params.get('status') ?? 'draft') === s }, t(`status.${s}`))),
  );
  const query = h('input', { id: 'search', type: 'search', placeholder: t('list.search'), 'aria-label': t('list.search') });
  const results = h('div', {});
  const refresh = () => {
    const q = query.value.trim();
    const path = q
      ? `/search?q=${encodeURIComponent(q)}&status=${status.value}`
      : `/articles?status=${status.value}&sort=-updatedAt`;
    show(results, articleList(path, { id: 'article-list' }));
  };
  status.addEventListener('change', refresh);
  query.addEventListener('search', refresh);
  query.addEventListener('keydown', (event) => event.key === 'Enter' && refresh());
  show(context.main, h('h1', {}, t('nav.articles')), h('div', { class: 'filters' }, status, query), results);
  refresh();
}
