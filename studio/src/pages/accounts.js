// Accounts, for admins: who can sign in, with which role for which publisher; a form to add one.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { fieldMessage, problemMessage, t } from '../i18n.js';
import { publisherControl } from './publishers.js';

const ROLES = ['editor', 'reviewer', 'reader', 'admin'];

export async function accountsPage(context) {
  const list = h('table', { class: 'accounts', id: 'account-list' });
  const status = h('p', { role: 'status' }, t('list.loading'));
  const names = new Map();
  const publisherName = async (id) => {
    if (id && !names.has(id)) {
      names.set(id, (await api('GET', `/publishers/${id}`)).body.name);
    }
    return id ? names.get(id) : '';
  };
  const refresh = async () => {
    try {
      const page = (await api('GET', '/accounts?limit=100')).body;
      show(
        list,
        h('thead', {}, h('tr', {}, ['login', 'displayName', 'role', 'publisher'].map((name) => h('th', { scope: 'col' }, t(`field.${name}`))))),
        h(
          'tbody',
          {},
          await Promise.all(
            page.items.map(async (account) =>
              h(
                'tr',
                { 'data-login': account.login },
                h('td', {}, account.login),
                h('td', {}, account.displayName),
                h('td', {}, account.role),
                h('td', {}, await publisherName(account.publisherId)),
              ),
            ),
          ),
        ),
      );
      show(status, page.items.length ? '' : t('list.empty'));
    } catch (error) {
      show(status, problemMessage(error));
    }
  };
  const inputs = {
    login: h('input', { id: 'account-login', autocomplete: 'off' }),
    displayName: h('input', { id: 'account-displayName' }),
    email: h('input', { id: 'account-email', type: 'email' }),
    role: h('select', { id: 'account-role' }, ROLES.map((role) => h('option', { value: role }, role))),
    publisher: await publisherControl(null, '', { id: 'account-publisher' }),
    password: h('input', { id: 'account-password', type: 'password', autocomplete: 'new-password' }),
  };
  const errors = Object.fromEntries(Object.keys(inputs).map((name) => [name, h('span', { class: 'field-error', role: 'alert' })]));
  const message = h('p', { class: 'form-status', role: 'status', id: 'account-status' });
  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: async (event) => {
        event.preventDefault();
        Object.values(errors).forEach((e) => show(e));
        try {
          await api('POST', '/accounts', {
            body: {
              login: inputs.login.value.trim(),
              displayName: inputs.displayName.value.trim(),
              email: inputs.email.value.trim() || null,
              role: inputs.role.value,
              publisher: inputs.publisher.value || null,
              includeChildren: false,
              password: inputs.password.value,
            },
          });
          show(message, t('accounts.created'));
          form.reset();
          refresh();
        } catch (error) {
          for (const violation of error.problem?.violations ?? []) {
            errors[violation.field]?.append(fieldMessage(violation.message), ' ');
          }
          show(message, problemMessage(error));
        }
      },
    },
    h('h2', {}, t('accounts.create')),
    Object.entries(inputs).map(([name, control]) => h('div', { class: 'field' }, h('label', { for: control.id }, t(`field.${name}`)), control, errors[name])),
    message,
    h('button', { type: 'submit', class: 'primary', id: 'account-create' }, t('accounts.create')),
  );
  show(context.main, h('h1', {}, t('nav.accounts')), list, status, form);
  refresh();
}
