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
        h('thead', {}, h('tr', {}, ['field.login', 'field.displayName', 'field.role', 'field.publisher', 'field.status', 'accounts.edit'].map((key) => h('th', { scope: 'col' }, t(key))))),
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
                h('td', {}, account.status === 'disabled' ? t('accounts.disabled') : t('accounts.active')),
                h('td', {}, h('button', { type: 'button', class: 'edit', onclick: () => edit(account.id) }, t('accounts.edit'))),
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
  const editor = h('div', { id: 'account-editor' });

  /** An account's role, scope and status, and a new password for it: each write ends its sessions as the API says. */
  const edit = async (id) => {
    const answer = await api('GET', `/accounts/${id}`);
    const account = answer.body;
    let etag = answer.etag;
    const controls = {
      displayName: h('input', { id: 'edit-displayName', value: account.displayName }),
      email: h('input', { id: 'edit-email', type: 'email', value: account.email ?? '' }),
      role: h('select', { id: 'edit-role' }, ROLES.map((role) => h('option', { value: role, selected: role === account.role }, role))),
      publisher: await publisherControl(null, account.publisherId ? (await api('GET', `/publishers/${account.publisherId}`)).body.slug : '', { id: 'edit-publisher' }),
      status: h('select', { id: 'edit-status' }, ['active', 'disabled'].map((s) => h('option', { value: s, selected: s === account.status }, t(`accounts.${s}`)))),
    };
    const password = h('input', { id: 'edit-password', type: 'password', autocomplete: 'new-password' });
    const message = h('p', { class: 'form-status', role: 'status', id: 'edit-status-message' });
    const save = async () => {
      try {
        const written = await api('PUT', `/accounts/${id}`, {
          headers: { 'If-Match': etag },
          body: {
            displayName: controls.displayName.value.trim(),
            email: controls.email.value.trim() || null,
            role: controls.role.value,
            publisher: controls.publisher.value.trim() || null,
            includeChildren: account.includeChildren,
            status: controls.status.value,
          },
        });
        etag = written.etag;
        show(message, t('editor.saved'));
        refresh();
      } catch (error) {
        const violation = error.problem?.violations?.[0];
        show(message, problemMessage(error), violation ? ` ${violation.field}: ${fieldMessage(violation.message)}` : '');
      }
    };
    const reset = async () => {
      try {
        await api('PUT', `/accounts/${id}/password`, { body: { password: password.value } });
        password.value = '';
        show(message, t('accounts.passwordReset'));
      } catch (error) {
        const violation = error.problem?.violations?.[0];
        show(message, problemMessage(error), violation ? ` ${fieldMessage(violation.message)}` : '');
      }
    };
    show(
      editor,
      h(
        'form',
        { class: 'card', onsubmit: (event) => event.preventDefault() },
        h('h2', {}, `${t('accounts.edit')}：${account.login}`),
        Object.entries(controls).map(([name, control]) => h('div', { class: 'field' }, h('label', { for: control.id }, t(`field.${name}`)), control)),
        h('button', { type: 'button', class: 'primary', id: 'edit-save', onclick: save }, t('editor.save')),
        h('label', { for: password.id }, t('accounts.newPassword')),
        password,
        h('button', { type: 'button', id: 'edit-reset', onclick: reset }, t('accounts.resetPassword')),
        message,
      ),
    );
    editor.scrollIntoView({ block: 'nearest' });
  };

  show(context.main, h('h1', {}, t('nav.accounts')), list, status, editor, form);
  refresh();
}
