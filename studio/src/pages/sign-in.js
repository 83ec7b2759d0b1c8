// Sign-in: a login name and a password; a throttled attempt says how long to wait.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { problemMessage, t } from '../i18n.js';

export function signInPage(context, signedIn) {
  const login = h('input', { id: 'login', name: 'login', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error', role: 'alert', id: 'sign-in-error' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signIn.submit'));
  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        show(message);
        try {
          const session = (await api('POST', '/session', { body: { login: login.value.trim(), password: password.value } })).body;
          signedIn(session);
        } catch (error) {
          password.value = '';
          const wait = error.headers?.get('Retry-After');
          show(message, error.status === 429 && wait ? t('signIn.throttled', { seconds: wait }) : problemMessage(error));
          submit.disabled = false;
          password.focus();
        }
      },
    },
    h('h1', {}, t('signIn.title')),
    h('label', { for: 'login' }, t('signIn.login')),
    login,
    h('label', { for: 'password' }, t('signIn.password')),
    password,
    message,
    submit,
  );
  show(context.main, form);
}
