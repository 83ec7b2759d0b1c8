// An article's cover: the image chosen from the publisher's library, its alt text for this article, and a picker.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { libraryPath } from '../editor.js';
import { objectPosition } from '../focal.js';
import { problemMessage, t } from '../i18n.js';

/**
 * The cover field, starting at {@code cover} (an ImageRef or null); {@code publisher()} names the library to choose
 * from; {@code onChange} is told of every change. Answers {element, id(), alt()}.
 */
export function coverPicker(cover, publisher, onChange) {
  let chosen = cover ? { id: cover.id, url: widest(cover), alt: cover.alt, focalPoint: cover.focalPoint } : null;
  const preview = h('div', { class: 'cover-preview', id: 'cover-preview' });
  const alt = h('input', { id: 'field-coverImageAlt', value: cover?.alt ?? '', placeholder: t('cover.altHint') });
  const choices = h('ul', { class: 'media-grid cover-choices', id: 'cover-choices', hidden: true });
  alt.addEventListener('input', onChange);
  const render = () =>
    show(
      preview,
      chosen
        ? [cropped(chosen), h('button', { type: 'button', id: 'cover-remove', onclick: () => { chosen = null; alt.value = ''; render(); onChange(); } }, t('cover.remove'))]
        : h('p', { class: 'meta' }, t('cover.none')),
    );
  const open = async () => {
    choices.hidden = false;
    show(choices, h('li', {}, t('list.loading')));
    try {
      const items = (await api('GET', `/media?kind=image&limit=24&publisher=${encodeURIComponent(publisher())}`)).body.items;
      show(
        choices,
        items.length
          ? items.map((item) =>
              h('li', { 'data-id': item.id }, h('button', {
                type: 'button',
                class: 'media-card',
                onclick: () => {
                  chosen = { id: item.id, url: widest(item), alt: item.alt, focalPoint: item.focalPoint };
                  alt.value = item.alt ?? '';
                  choices.hidden = true;
                  render();
                  onChange();
                },
              }, h('img', { src: libraryPath(item.renditions?.[0]?.url ?? item.url), alt: item.alt ?? '' }), h('span', { class: 'name' }, item.title || item.originalName))),
            )
          : h('li', {}, t('cover.emptyLibrary')),
      );
    } catch (error) {
      show(choices, h('li', { class: 'error' }, problemMessage(error)));
    }
  };
  render();
  return {
    element: h('div', { class: 'cover' }, preview, h('button', { type: 'button', id: 'cover-choose', onclick: open }, t('cover.choose')), choices, h('label', { for: alt.id }, t('cover.alt')), alt),
    id: () => chosen?.id ?? null,
    alt: () => (chosen ? alt.value.trim() || null : null),
  };
}

/** The widest rendition of an image (the one a card on a wide screen takes), else its original. */
function widest(image) {
  return image.renditions?.[image.renditions.length - 1]?.url ?? image.url;
}

/** The cover as a wide card crops it, around its focal point. */
function cropped(chosen) {
  const image = h('img', { src: libraryPath(chosen.url), alt: chosen.alt ?? '' });
  image.style.objectPosition = objectPosition(chosen.focalPoint);
  return image;
}
