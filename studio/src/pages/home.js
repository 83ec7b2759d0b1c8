// Home: what waits for this person — drafts, the review queue, what is scheduled, what went out lately.
import { h, show } from '../dom.js';
import { t } from '../i18n.js';
import { problemMessage } from '../i18n.js';
import { failingDeliveries } from './admin.js';
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
      role === 'admin' ? failures() : null,
    ),
  );
}

/** Webhook deliveries that failed, for admins: each links to its webhook's log, where it can be sent again. */
function failures() {
  const list = h('ul', { class: 'articles', id: 'failing', 'aria-busy': 'true' });
  const status = h('p', { class: 'list-status', role: 'status' }, t('list.loading'));
  failingDeliveries()
    .then((failed) => {
      failed.forEach(({ hook, delivery }) =>
        list.append(h('li', {}, h('a', { href: `#/webhooks/${hook.id}` }, `${delivery.eventType} → ${hook.url}`), h('span', { class: 'meta' }, delivery.attempts.at(-1)?.error ?? delivery.attempts.at(-1)?.statusCode ?? ''))),
      );
      show(status, failed.length ? '' : t('home.noFailures'));
    })
    .catch((error) => show(status, problemMessage(error)))
    .finally(() => list.setAttribute('aria-busy', 'false'));
  return h('section', { class: 'panel', 'aria-labelledby': 'failing-title' }, h('h2', { id: 'failing-title' }, t('home.failing')), list, status);
}
