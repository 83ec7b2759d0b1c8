// Choosing a publisher. A person acts for one publisher (and, when the account says so, those under it): they choose
// among those. Admins act for any of thousands, so they type its slug, helped by a list of the first hundred.
import { api } from '../api.js';
import { h } from '../dom.js';

/** The publishers this account acts for: its own, and its children when it includes them; null for admins. */
export async function publishersOf(account) {
  if (!account.publisherId) {
    return null;
  }
  const own = (await api('GET', `/publishers/${account.publisherId}`)).body;
  const children = account.includeChildren ? (await api('GET', `/publishers?parent=${own.id}&limit=100`)).body.items : [];
  return [own, ...children];
}

/**
 * A control whose value is a publisher's slug: a select of {@code choices}, or for admins (choices null) a text
 * field with suggestions (a datalist kept in the body). {@code current} is the slug chosen so far.
 */
export async function publisherControl(choices, current, attributes = {}) {
  if (choices) {
    return h(
      'select',
      attributes,
      choices.map((p) => h('option', { value: p.slug, selected: p.slug === (current ?? choices[0].slug) }, p.name)),
    );
  }
  if (!document.getElementById('publisher-suggestions')) {
    const suggestions = (await api('GET', '/publishers?limit=100')).body.items;
    document.body.append(h('datalist', { id: 'publisher-suggestions' }, suggestions.map((p) => h('option', { value: p.slug }, p.name))));
  }
  return h('input', { ...attributes, value: current ?? '', list: 'publisher-suggestions', autocomplete: 'off' });
}
