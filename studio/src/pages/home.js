// Home: what waits for this person — drafts, the review queue, what is scheduled, what went out lately.
import { h, show } from '../dom.js';
import { t } from '../i18n.js';
import { articleList } from './lists.js';

export function homePage(context) {
  const role = context.session.account.role;
  const section = (key, path, id) => h('section', { class: 'panel', 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, t(key)), articleList(path, { id, limit: 10 }));
  show(
    context.main,
    h(
      'div',
      { class: 'grid' },
      role === 'reviewer' || role === 'admin' ? section('home.review', '/articles?status=in_review&sort=updatedAt', 'review') : null,
      section('home.drafts', '/articles?status=draft&sort=-updatedAt', 'drafts'),
      role !== 'reviewer' && role !== 'admin' ? section('home.review', '/articles?status=in_review&sort=updatedAt', 'review') : null,
      section('home.scheduled', '/articles?status=scheduled&sort=publishedAt', 'scheduled'),
      section('home.published', '/articles?status=published', 'published'),
    ),
  );
}
