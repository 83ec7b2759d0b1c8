// The media library: a grid with search and filters, uploads (chosen or dropped) each with its progress bar and, when
// refused, why; an item's title, alt text, caption and credit in Chinese and English; an image's focal point; the pages
// of PDFs that say the words searched for.
import { api, upload } from '../api.js';
import { h, marked, shanghaiTime, show } from '../dom.js';
import { fieldMessage, problemMessage, t } from '../i18n.js';
import { libraryPath } from '../editor.js';
import { focalPicker } from '../focal.js';
import { pager } from '../paging.js';
import { publisherControl, publishersOf } from './publishers.js';

export async function mediaPage(context) {
  const account = context.session.account;
  const publisher = await publisherControl(await publishersOf(account), null, { id: 'media-publisher', 'aria-label': t('field.publisher') });
  const query = h('input', { type: 'search', id: 'media-search', placeholder: t('media.search'), 'aria-label': t('media.search') });
  const kind = h('select', { id: 'media-kind', 'aria-label': t('media.kind') }, ['', 'image', 'pdf'].map((k) => h('option', { value: k }, t(`media.kind.${k || 'any'}`))));
  const unused = h('input', { type: 'checkbox', id: 'media-unused' });
  const grid = h('ul', { class: 'media-grid', id: 'media-grid', 'aria-busy': 'true' });
  const uploads = h('ul', { class: 'uploads', id: 'uploads', 'aria-live': 'polite' });
  const detail = h('div', { id: 'media-detail' });
  const textHits = h('section', { class: 'card text-hits', id: 'media-pages', hidden: true, 'aria-live': 'polite' });
  const files = h('input', { type: 'file', id: 'media-files', multiple: true, accept: 'image/jpeg,image/png,image/gif,image/webp,application/pdf' });
  let pages = null;
  const load = () => {
    const params = new URLSearchParams();
    if (publisher.value) params.set('publisher', publisher.value);
    if (query.value.trim()) params.set('q', query.value.trim());
    if (kind.value) params.set('kind', kind.value);
    if (unused.checked) params.set('unused', 'true');
    grid.replaceChildren();
    const next = pager(`/media?${params}`, grid, (item) => grid.append(card(item)), 24);
    if (pages) {
      pages.status.replaceWith(next.status);
      pages.more.replaceWith(next.more);
    }
    pages = next;
    pages.load(true);
    searchText(query.value.trim());
  };

  // what the PDFs say, page by page: the report that mentions the words, even where its title does not
  const searchText = async (words) => {
    if (!words || kind.value === 'image') {
      textHits.hidden = true;
      return;
    }
    const params = new URLSearchParams({ q: words, limit: '5' });
    if (publisher.value) params.set('publisher', publisher.value);
    try {
      const hits = (await api('GET', `/media/search?${params}`)).body.items;
      show(
        textHits,
        h('h2', {}, t('media.inPages')),
        h('ul', {}, hits.map((hit) =>
          h('li', {},
            h('a', { href: `${libraryPath(hit.document.url)}#page=${hit.page}`, target: '_blank', rel: 'noopener' }, `${hit.title || hit.document.originalName} · ${t('figures.pageN', { n: hit.page })}`),
            h('p', { class: 'meta' }, marked(hit.snippet)),
            hit.ocr ? h('p', { class: 'meta ocr' }, t('media.ocr')) : null))),
      );
      textHits.hidden = hits.length === 0;
    } catch {
      textHits.hidden = true; // the list above says what went wrong with the words
    }
  };

  const card = (item) =>
    h(
      'li',
      { 'data-id': item.id },
      h(
        'button',
        { type: 'button', class: 'media-card', onclick: () => showDetail(item) },
        item.renditions?.length
          ? h('img', { src: libraryPath(item.renditions[0].url), alt: item.alt ?? '', loading: 'lazy' })
          : h('span', { class: 'pdf' }, item.pages ? `PDF · ${item.pages} ${t('media.pages')}` : 'PDF'),
        h('span', { class: 'name' }, item.title || item.originalName),
      ),
    );

  const send = async (file) => {
    const bar = h('progress', { max: 1, value: 0, 'aria-label': file.name });
    const state = h('span', { class: 'upload-state' }, t('editor.uploading', { name: file.name }));
    const row = h('li', { 'data-name': file.name }, bar, ' ', state);
    uploads.append(row);
    const form = new FormData();
    form.append('publisher', publisher.value);
    form.append('file', file, file.name);
    try {
      const created = (await upload('/media', form, (fraction) => (bar.value = fraction))).body;
      bar.value = 1;
      show(state, t('editor.uploaded', { name: file.name }));
      grid.prepend(card(created));
      show(pages.status);
    } catch (error) {
      row.classList.add('error');
      const violation = error.problem?.violations?.[0];
      show(state, `${file.name}: ${problemMessage(error)}`, violation ? ` ${fieldMessage(violation.message)}` : '', error.problem?.detail && error.status !== 400 ? ` (${error.problem.detail})` : '');
    }
  };
  const sendAll = (list) => Array.from(list ?? []).forEach(send);

  const showDetail = async (listed) => {
    let answer;
    try {
      answer = await api('GET', `/media/${listed.id}`);
    } catch (error) {
      show(detail, h('p', { class: 'error' }, problemMessage(error)));
      return;
    }
    const item = answer.body;
    let etag = answer.etag;
    const english = item.translations?.find((text) => text.locale === 'en') ?? {};
    const input = (name, value, multiline) => {
      const control = multiline ? h('textarea', { rows: 2, id: `media-${name}` }, value ?? '') : h('input', { id: `media-${name}`, value: value ?? '' });
      return [h('label', { for: control.id }, t(`media.${name}`)), control];
    };
    const message = h('p', { class: 'form-status', role: 'status', id: 'media-status' });
    const focal = item.focalPoint ? focalPicker(libraryPath(item.renditions[item.renditions.length - 1]?.url ?? item.url), item.alt ?? '', item.focalPoint) : null;
    const textLine = item.mediaType === 'application/pdf' ? h('p', { class: 'meta', id: 'media-text' }) : null;
    const form = h(
      'form',
      {
        class: 'card',
        onsubmit: async (event) => {
          event.preventDefault();
          const value = (name) => form.querySelector(`#media-${name}`).value.trim() || null;
          try {
            const written = await api('PUT', `/media/${item.id}`, {
                headers: { 'If-Match': etag },
                body: {
                  locale: item.locale,
                  title: value('title'),
                  alt: value('alt'),
                  caption: value('caption'),
                  credit: value('credit'),
                  translations: value('titleEn') || value('altEn') || value('captionEn')
                    ? [{ locale: 'en', title: value('titleEn'), alt: value('altEn'), caption: value('captionEn') }]
                    : [],
                  focalPoint: focal?.point(),
                },
              });
            const saved = written.body;
            etag = written.etag;
            show(message, t('editor.saved'));
            grid.querySelector(`li[data-id="${item.id}"]`)?.replaceWith(card(saved));
          } catch (error) {
            show(message, problemMessage(error));
          }
        },
      },
      h('h2', {}, item.title || item.originalName),
      focal?.element,
      h('p', { class: 'meta' }, `${item.mediaType} · ${Math.ceil(item.bytes / 1024)} KB`, item.width ? ` · ${item.width}×${item.height}` : '', ` · ${shanghaiTime(item.createdAt)}`),
      h('p', {}, h('a', { href: libraryPath(item.url), target: '_blank', rel: 'noopener' }, t('media.open'))),
      textLine,
      item.sourceUrl
        ? h('p', { class: 'meta', id: 'media-source' }, `${t('media.importedFrom')} `, h('a', { href: item.sourceUrl, target: '_blank', rel: 'noopener noreferrer' }, item.sourceUrl))
        : null,
      input('title', item.title),
      input('alt', item.alt, true),
      input('caption', item.caption, true),
      input('credit', item.credit),
      h('h3', {}, 'English'),
      input('titleEn', english.title),
      input('altEn', english.alt, true),
      input('captionEn', english.caption, true),
      message,
      h('button', { type: 'submit', class: 'primary', id: 'media-save' }, t('editor.save')),
    );
    const uses = h('ul', { class: 'uses', id: 'media-uses' }, h('li', {}, t('list.loading')));
    show(detail, form, h('section', { class: 'card' }, h('h3', {}, t('media.usedBy')), uses));
    form.scrollIntoView({ block: 'nearest' });
    usesOf(item.id).then((items) => show(uses, items.length ? items : h('li', {}, t('media.unusedItem'))));
    if (textLine) {
      textOf(item.id).then((line) => show(textLine, line));
    }
  };

  [query, kind, unused, publisher].forEach((control) => control.addEventListener('change', load));
  query.addEventListener('keydown', (event) => event.key === 'Enter' && load());
  files.addEventListener('change', () => {
    sendAll(files.files);
    files.value = '';
  });
  const drop = h(
    'div',
    {
      class: 'drop-zone',
      id: 'drop-zone',
      ondragover: (event) => {
        event.preventDefault();
        drop.classList.add('over');
      },
      ondragleave: () => drop.classList.remove('over'),
      ondrop: (event) => {
        event.preventDefault();
        drop.classList.remove('over');
        sendAll(event.dataTransfer.files);
      },
    },
    h('label', { for: 'media-files' }, t('media.drop')),
    files,
  );
  show(
    context.main,
    h('h1', {}, t('nav.media')),
    h('div', { class: 'filters' }, publisher, query, kind, h('label', { class: 'inline' }, unused, ' ', t('media.unused'))),
    drop,
    uploads,
    textHits,
    h('div', { class: 'media-layout' }, h('div', { id: 'media-list' }, grid), detail),
  );
  load();
  document.getElementById('media-list').append(pages.status, pages.more);
}

const FIGURE_PATHS = { 'fund-figure': ['fund', '/fund-figures'], 'sales-figure': ['sales', '/sales-figures'] };

/** Where an item is used, as links: each article by its title, each figure by its period and amount. */
/** How much of a PDF search finds: its searchable pages, those OCR read, and the scans still waiting. */
async function textOf(id) {
  try {
    const text = (await api('GET', `/media/${id}/text`)).body;
    return [
      t('media.searchable', { searchable: text.withText + text.readByOcr, pages: text.pages, ocr: text.readByOcr }),
      text.awaitingOcr ? t('media.awaitingOcr', { count: text.awaitingOcr }) : '',
      text.unreadable ? t('media.unreadable', { count: text.unreadable }) : '',
    ].join('');
  } catch {
    return '';
  }
}

async function usesOf(id) {
  try {
    const uses = (await api('GET', `/media/${id}/uses`)).body;
    return await Promise.all(
      uses.map(async (use) => {
        const state = use.visible ? t('media.public') : t('media.notPublic');
        if (use.kind === 'article') {
          const article = (await api('GET', `/articles/${use.id}`)).body;
          return h('li', { 'data-kind': use.kind, 'data-id': use.id }, h('a', { href: `#/articles/${use.id}` }, article.title), ' · ', state);
        }
        const [route, path] = FIGURE_PATHS[use.kind] ?? [null, null];
        if (!route) {
          return h('li', { 'data-kind': use.kind, 'data-id': use.id }, `${use.kind} ${use.id} · ${state}`);
        }
        const figure = (await api('GET', `${path}/${use.id}`)).body;
        return h('li', { 'data-kind': use.kind, 'data-id': use.id }, h('a', { href: `#/figures/${route}/${use.id}` }, `${figure.period.label} ${figure.printed ? figure.printed.value + figure.printed.unit : ''}`), ' · ', state);
      }),
    );
  } catch (error) {
    return [h('li', { class: 'error' }, problemMessage(error))];
  }
}
