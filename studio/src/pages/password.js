// The signed-in person's own password: the current one, then the new one; other sessions end.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { fieldMessage, problemMessage, t } from '../i18n.js';

export function passwordPage(context) {
  const current = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password' });
  const message = h('p', { class: 'form-status', role: 'status', id: 'password-status' });
  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await api('PUT', '/session/password', { body: { currentPassword: current.value, newPassword: next.value } });
          form.reset();
          show(message, t('password.changed'));
        } catch (error) {
          const violation = error.problem?.violations?.[0];
          show(message, problemMessage(error), violation ? ` ${fieldMessage(violation.message)}` : '');
        }
      },
    },
    h('h1', {}, t('password.change')),
    h('label', { for: current.id }, t('field.currentPassword')),
    current,
    h('label', { for: next.id }, t('field.newPassword')),
    next,
    message,
    h('button', { type: 'submit', class: 'primary' }, t('password.change')),
  );
  show(context.main, form);
}
