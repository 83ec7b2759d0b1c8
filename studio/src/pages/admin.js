// Admin pages: API tokens (the secret shown once, with a copy button), webhooks with their delivery log and
// redelivery, and the audit log with its filters.
import { api } from '../api.js';
import { h, shanghaiTime, show } from '../dom.js';
import { fieldMessage, problemMessage, t } from '../i18n.js';
import { pager } from '../paging.js';
import { publisherControl } from './publishers.js';

const ROLES = ['editor', 'reviewer', 'reader', 'sync', 'admin'];
const EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
  'article.review_requested',
  'figure.published',
  'figure.imported',
  'figure.corrected',
  'figure.retracted',
  'media.published',
  'media.updated',
  'media.unpublished',
  'media.deleted',
];

/** A table of a list answer's items, with a column per {@code columns} entry: [heading key, item → cell]. */
function table(id, items, columns) {
  return h(
    'table',
    { class: 'accounts', id },
    h('thead', {}, h('tr', {}, columns.map(([key]) => h('th', { scope: 'col' }, t(key))))),
    h('tbody', {}, items.map((item) => h('tr', { 'data-id': item.id }, columns.map(([, cell]) => h('td', {}, cell(item)))))),
  );
}

/** Fills {@code element} with a table of the items listed at {@code path}, its empty state, or what went wrong. */
async function fillTable(element, path, id, columns) {
  try {
    const page = (await api('GET', path)).body;
    show(element, page.items.length ? table(id, page.items, columns) : t('list.empty'));
  } catch (error) {
    show(element, problemMessage(error));
  }
  element.setAttribute('aria-busy', 'false');
}

/** A form's failure beside its fields (by name) or in its message line. */
function showFailure(error, errors, message) {
  Object.values(errors).forEach((e) => show(e));
  for (const violation of error.problem?.violations ?? []) {
    (errors[violation.field.split(/[.[]/)[0]] ?? message).append(fieldMessage(violation.message), ' ');
  }
  show(message, problemMessage(error));
}

export async function tokensPage(context) {
  const list = h('div', { 'aria-busy': 'true', id: 'tokens' }, t('list.loading'));
  const refresh = () =>
    fillTable(list, '/tokens?limit=100', 'token-list', [
      ['field.displayName', (token) => token.name],
      ['field.role', (token) => token.role],
      ['tokens.lastUsed', (token) => shanghaiTime(token.lastUsedAt) || '—'],
      ['tokens.state', (token) => (token.revokedAt ? t('tokens.revoked') : h('button', { type: 'button', class: 'revoke', onclick: () => revoke(token) }, t('tokens.revoke')))],
    ]);
  const revoke = async (token) => {
    if (window.confirm(t('tokens.confirmRevoke', { name: token.name }))) {
      await api('DELETE', `/tokens/${token.id}`).catch((error) => window.alert(problemMessage(error)));
      refresh();
    }
  };
  const name = h('input', { id: 'token-name' });
  const role = h('select', { id: 'token-role' }, ROLES.map((r) => h('option', { value: r }, r)));
  const publisher = await publisherControl(null, '', { id: 'token-publisher' });
  // admin and sync tokens act for every publisher: they take none
  const scoped = () => {
    publisher.disabled = role.value === 'admin' || role.value === 'sync';
  };
  role.addEventListener('change', scoped);
  scoped();
  const errors = { name: h('span', { class: 'field-error' }), role: h('span', { class: 'field-error' }), publisher: h('span', { class: 'field-error' }) };
  const message = h('p', { class: 'form-status', role: 'status', id: 'token-status' });
  const secret = h('div', { id: 'token-secret', hidden: true, class: 'banner' });
  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          const created = (await api('POST', '/tokens', { body: { name: name.value.trim(), role: role.value, publisher: publisher.value.trim() || null } })).body;
          const value = h('code', { id: 'token-secret-value' }, created.secret);
          show(
            secret,
            h('p', {}, t('tokens.shownOnce')),
            value,
            ' ',
            h('button', { type: 'button', id: 'token-copy', onclick: async () => { await navigator.clipboard.writeText(created.secret); show(message, t('tokens.copied')); } }, t('tokens.copy')),
          );
          secret.hidden = false;
          form.reset();
          show(message);
          refresh();
        } catch (error) {
          showFailure(error, errors, message);
        }
      },
    },
    h('h2', {}, t('tokens.create')),
    h('label', { for: 'token-name' }, t('field.displayName')), name, errors.name,
    h('label', { for: 'token-role' }, t('field.role')), role, errors.role,
    h('label', { for: 'token-publisher' }, t('field.publisher')), publisher, errors.publisher,
    message,
    h('button', { type: 'submit', class: 'primary', id: 'token-create' }, t('tokens.create')),
  );
  show(context.main, h('h1', {}, t('nav.tokens')), secret, list, form);
  refresh();
}

export async function webhooksPage(context) {
  const list = h('div', { 'aria-busy': 'true', id: 'webhooks' }, t('list.loading'));
  const refresh = () =>
    fillTable(list, '/webhooks?limit=100', 'webhook-list', [
      ['webhooks.url', (hook) => h('a', { href: `#/webhooks/${hook.id}` }, hook.url)],
      ['webhooks.events', (hook) => hook.events.join(', ')],
      ['tokens.state', (hook) => (hook.disabledAt ? `${t('webhooks.disabled')}：${hook.disabledReason ?? ''}` : t('webhooks.active'))],
    ]);
  const url = h('input', { id: 'webhook-url', type: 'url', placeholder: 'https://' });
  const events = h('fieldset', { class: 'events' }, h('legend', {}, t('webhooks.events')), EVENTS.map((event) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', value: event }), ' ', event)));
  const publisher = await publisherControl(null, '', { id: 'webhook-publisher' });
  const errors = { url: h('span', { class: 'field-error' }), events: h('span', { class: 'field-error' }), publisher: h('span', { class: 'field-error' }) };
  const message = h('p', { class: 'form-status', role: 'status', id: 'webhook-status' });
  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          const chosen = Array.from(events.querySelectorAll('input:checked'), (box) => box.value);
          const created = (await api('POST', '/webhooks', { body: { url: url.value.trim(), events: chosen, publisher: publisher.value.trim() || null } })).body;
          show(message, t('webhooks.created'), ' ', h('code', {}, created.secret ?? ''));
          form.reset();
          refresh();
        } catch (error) {
          showFailure(error, errors, message);
        }
      },
    },
    h('h2', {}, t('webhooks.create')),
    h('label', { for: 'webhook-url' }, t('webhooks.url')), url, errors.url,
    events, errors.events,
    h('label', { for: 'webhook-publisher' }, t('field.publisher')), publisher, errors.publisher,
    message,
    h('button', { type: 'submit', class: 'primary', id: 'webhook-create' }, t('webhooks.create')),
  );
  show(context.main, h('h1', {}, t('nav.webhooks')), list, form);
  refresh();
}

/** A webhook's deliveries, newest first, each with its attempts; a failed one can be sent again. */
export async function webhookPage(context, id) {
  const list = h('div', { 'aria-busy': 'true', id: 'deliveries' }, t('list.loading'));
  const refresh = async () => {
    try {
      const hook = (await api('GET', `/webhooks/${id}`)).body;
      const page = (await api('GET', `/webhooks/${id}/deliveries?limit=50`)).body;
      show(
        list,
        h('p', {}, h('code', {}, hook.url), ' · ', hook.events.join(', ')),
        page.items.length
          ? table('delivery-list', page.items, [
              ['webhooks.event', (delivery) => delivery.eventType],
              ['webhooks.when', (delivery) => shanghaiTime(delivery.createdAt)],
              ['tokens.state', (delivery) => h('span', { class: `status delivery-${delivery.status}` }, t(`webhooks.status.${delivery.status}`))],
              ['webhooks.attempts', (delivery) => delivery.attempts.map((a) => `${a.attempt}: ${a.statusCode ?? a.error ?? ''}`).join('；')],
              ['webhooks.redeliver', (delivery) => delivery.status === 'failed'
                ? h('button', { type: 'button', class: 'redeliver', onclick: async () => { await api('POST', `/webhooks/${id}/deliveries/${delivery.id}/redeliver`).catch((e) => window.alert(problemMessage(e))); refresh(); } }, t('webhooks.redeliver'))
                : ''],
            ])
          : t('list.empty'),
      );
    } catch (error) {
      show(list, problemMessage(error));
    }
    list.setAttribute('aria-busy', 'false');
  };
  show(context.main, h('h1', {}, t('webhooks.deliveries')), list);
  refresh();
}

export function auditPage(context) {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const filters = ['action', 'resourceType', 'resourceId', 'accountId', 'tokenId'].map((name) =>
    h('input', { id: `audit-${name}`, name, value: params.get(name) ?? '', placeholder: t(`audit.${name}`), 'aria-label': t(`audit.${name}`) }),
  );
  const rows = h('tbody');
  const headings = ['audit.when', 'audit.who', 'audit.action', 'audit.resourceType', 'audit.resourceId'];
  const table = h('table', { class: 'accounts', id: 'audit-list' }, h('thead', {}, h('tr', {}, headings.map((key) => h('th', { scope: 'col' }, t(key))))), rows);
  const list = h('div', { id: 'audit', 'aria-busy': 'true' });
  const add = (event) =>
    rows.append(
      h('tr', { 'data-id': event.id }, h('td', {}, shanghaiTime(event.occurredAt)), h('td', {}, event.tokenName ?? ''), h('td', {}, event.action), h('td', {}, event.resourceType), h('td', {}, h('code', {}, event.resourceId ?? ''))),
    );
  const load = () => {
    const query = new URLSearchParams();
    filters.forEach((input) => input.value.trim() && query.set(input.name, input.value.trim()));
    show(rows);
    const paging = pager(`/audit?${query}`, list, add, 50);
    show(list, table, paging.status, paging.more);
    paging.load(true);
  };
  filters.forEach((input) => input.addEventListener('change', load));
  show(context.main, h('h1', {}, t('nav.audit')), h('div', { class: 'filters' }, filters), list);
  load();
}

/** For the home page of admins: deliveries that failed, across webhooks (the first 20 webhooks, 20 deliveries each). */
export async function failingDeliveries() {
  const hooks = (await api('GET', '/webhooks?limit=20')).body.items;
  const failed = [];
  for (const hook of hooks) {
    const page = (await api('GET', `/webhooks/${hook.id}/deliveries?limit=20`)).body;
    page.items.filter((delivery) => delivery.status === 'failed').forEach((delivery) => failed.push({ hook, delivery }));
  }
  return failed;
}
