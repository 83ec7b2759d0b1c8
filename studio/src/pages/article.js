// Writing an article: its fields beside a rich-text body, translations side by side, saving with optimistic locking
// (a conflict shows the other version; nothing is overwritten silently), a local copy of unsaved changes, review
// steps and preview links.
import { api, ApiError } from '../api.js';
import { createEditor, withLibraryPaths } from '../editor.js';
import { h, shanghaiTime, show } from '../dom.js';
import { fieldMessage, problemMessage, t } from '../i18n.js';
import { coverPicker } from './cover.js';
import { historyPanel } from './history.js';
import { publisherControl, publishersOf } from './publishers.js';
import { regionPicker } from './regions.js';

const TEXT_FIELDS = ['title', 'summary', 'slug', 'category', 'sourceName', 'sourceUrl', 'author'];

export async function articlePage(context, id) {
  const account = context.session.account;
  show(context.main, h('p', { role: 'status' }, t('list.loading')));
  let article = null;
  let etag = null;
  let translations = [];
  try {
    if (id) {
      const loaded = await load(id);
      ({ article, etag, translations } = loaded);
    }
  } catch (error) {
    show(context.main, h('p', { class: 'error', role: 'alert' }, problemMessage(error)));
    return;
  }
  const choices = await publishersOf(account);
  const publisher = await publisherControl(choices, article?.publisher?.slug, {
    disabled: Boolean(article) && account.role !== 'admin',
  });
  new ArticleForm(context, account, publisher, id, article, etag, translations).render();
}

/** The article in its original locale, its translations (drafts included) and the ETag to save against. */
async function load(id) {
  const answer = await api('GET', `/articles/${id}/translations`);
  const { originalLocale } = answer.body;
  const article = (await api('GET', `/articles/${id}?locale=${encodeURIComponent(originalLocale)}`)).body;
  return { article, etag: answer.etag, translations: answer.body.translations };
}

/** The instant of a datetime-local value read as China Standard Time, RFC 3339 with its offset. */
function fromShanghai(value) {
  return value ? `${value}:00+08:00` : null;
}

/** An instant as a datetime-local value in China Standard Time. */
function toShanghai(instant) {
  return instant ? shanghaiTime(instant).replace(' ', 'T') : '';
}

/** A slug from the Latin words of a title, else from the day and a short hash of the title. */
export function suggestSlug(title, today = new Date()) {
  const latin = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (latin.length >= 8) {
    return latin.slice(0, 80).replace(/-+$/, '');
  }
  let hash = 0;
  for (const c of title) {
    hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  }
  const day = shanghaiTime(today.toISOString()).slice(0, 10);
  return `${day}-${hash.toString(16).padStart(8, '0').slice(0, 6)}${latin ? `-${latin}` : ''}`;
}

class ArticleForm {
  constructor(context, account, publisher, id, article, etag, translations) {
    this.context = context;
    this.account = account;
    this.publisher = publisher;
    this.id = id;
    this.article = article;
    this.etag = etag;
    this.translations = translations.map((translation) => ({ ...translation }));
    this.dirty = false;
    this.slugEdited = Boolean(article);
    this.inputs = {};
    this.messages = {};
    this.localKey = `studio.draft.${id ?? 'new'}`;
  }

  render() {
    const article = this.article ?? {};
    const field = (name, control, hint) => {
      control.id = `field-${name}`;
      control.name = name;
      control.addEventListener('input', () => this.changed(name));
      this.inputs[name] = control;
      this.messages[name] = h('span', { class: 'field-error', id: `error-${name}`, role: 'alert' });
      control.setAttribute('aria-describedby', `error-${name}`);
      return h('div', { class: 'field' }, h('label', { for: control.id }, t(`field.${name}`)), control, hint ? h('small', {}, hint) : null, this.messages[name]);
    };
    const bodyHolder = h('div', { class: 'editor', id: 'body-editor' });
    this.messages.body = h('span', { class: 'field-error', id: 'error-body', role: 'alert' });
    this.status = h('p', { class: 'form-status', role: 'status', id: 'form-status' });
    this.conflict = h('div', { class: 'conflict', id: 'conflict', hidden: true });
    this.banner = h('div', { class: 'banner', id: 'local-draft', hidden: true });
    this.translationList = h('div', { class: 'translations', id: 'translations' });
    this.regions = regionPicker(article.regionCodes ?? [], () => this.changed('regionCodes'));
    this.cover = coverPicker(article.coverImage, () => this.inputs.publisher.value.trim(), () => this.changed('coverImageId'));
    this.messages.coverImageId = h('span', { class: 'field-error', id: 'error-coverImageId', role: 'alert' });
    this.messages.regionCodes = h('span', { class: 'field-error', id: 'error-regionCodes', role: 'alert' });

    const form = h(
      'form',
      { class: 'article-form', novalidate: true, onsubmit: (event) => event.preventDefault() },
      h('h1', {}, this.article ? t('editor.edit') : t('editor.new'), this.article ? h('span', { class: `status status-${article.status}`, id: 'article-status' }, t(`status.${article.status}`)) : null),
      this.banner,
      this.conflict,
      h(
        'div',
        { class: 'columns' },
        h(
          'div',
          { class: 'main-column' },
          field('title', h('input', { value: article.title ?? '', required: true, maxlength: 300 })),
          field('summary', h('textarea', { rows: 2, maxlength: 2000 }, article.summary ?? '')),
          h('div', { class: 'field' }, h('label', { for: 'body-editor' }, t('field.body')), bodyHolder, this.messages.body),
          h('h2', {}, t('editor.translations')),
          this.translationList,
          h('button', { type: 'button', id: 'add-translation', onclick: () => this.addTranslation() }, t('editor.addTranslation')),
        ),
        h(
          'aside',
          { class: 'side-column' },
          field('publisher', this.publisher),
          field('slug', h('input', { value: article.slug ?? '', required: true, readonly: article.status === 'published' }), t('field.slugHint')),
          field('category', h('input', { value: article.category ?? '' })),
          field('tags', h('input', { value: (article.tags ?? []).join('，') })),
          h('div', { class: 'field' }, h('span', { class: 'label' }, t('field.regionCodes')), this.regions.element, this.messages.regionCodes),
          h('div', { class: 'field' }, h('span', { class: 'label' }, t('cover.title')), this.cover.element, this.messages.coverImageId),
          field('publishedAt', h('input', { type: 'datetime-local', value: toShanghai(article.publishedAt) })),
          field('unpublishAt', h('input', { type: 'datetime-local', value: toShanghai(article.unpublishAt) })),
          field('sourceName', h('input', { value: article.sourceName ?? '' })),
          field('sourceUrl', h('input', { type: 'url', value: article.sourceUrl ?? '' })),
          field('author', h('input', { value: article.author ?? '' })),
        ),
      ),
      this.status,
      h('div', { class: 'actions' }, this.actions()),
    );
    show(this.context.main, form, this.article ? historyPanel(this.id, (number) => this.run(() => this.restore(number))) : null);
    this.editor = createEditor(bodyHolder, {
      html: article.body ?? '',
      onChange: () => this.changed('body'),
      upload: (file) => this.upload(file),
      importImage: (url, alt) => this.importImage(url, alt),
      notify: (text) => this.say(text),
    });
    this.inputs.title.addEventListener('input', () => {
      if (!this.slugEdited) {
        this.inputs.slug.value = suggestSlug(this.inputs.title.value);
      }
    });
    this.inputs.slug.addEventListener('input', () => {
      this.slugEdited = true;
    });
    this.renderTranslations();
    this.offerLocalCopy();
    this.context.leaving = (silent) => !this.dirty || (!silent && window.confirm(t('leave.unsaved')));
  }

  actions() {
    const status = this.article?.status;
    const role = this.account.role;
    const button = (key, action, primary) =>
      h('button', { type: 'button', id: `action-${key}`, class: primary ? 'primary' : null, onclick: () => this.run(action) }, t(`editor.${key}`));
    const list = [button('save', () => this.save(status ?? 'draft'), status !== 'in_review')];
    if (status !== 'published' && status !== 'in_review') {
      list.push(button('publish', () => this.save('published')));
    }
    if (this.article && status === 'draft') {
      list.push(button('submit', () => this.step('submission', 'editor.submitted')));
    }
    if (this.article && status === 'in_review' && (role === 'reviewer' || role === 'admin')) {
      this.note = h('input', { id: 'review-note', 'aria-label': t('field.note'), placeholder: t('field.note') });
      list.push(this.note, button('approve', () => this.step('approval', 'editor.approved'), true), button('return', () => this.step('return', 'editor.returned')));
    }
    if (this.article) {
      list.push(button('preview', () => this.preview()));
    }
    return list;
  }

  changed(name) {
    this.dirty = true;
    if (this.messages[name]) {
      show(this.messages[name]);
    }
    clearTimeout(this.localTimer);
    this.localTimer = setTimeout(() => this.keepLocalCopy(), 400);
  }

  /** The request body for PUT and POST, with {@code status}. */
  request(status) {
    const value = (name) => this.inputs[name].value.trim();
    const orNull = (name) => value(name) || null;
    return {
      publisher: this.inputs.publisher.value,
      slug: value('slug'),
      locale: this.article?.originalLocale ?? 'zh-CN',
      title: value('title'),
      summary: orNull('summary'),
      body: this.editor.isEmpty ? null : this.editor.getHTML(),
      category: orNull('category'),
      tags: value('tags').split(/[,，、]/).map((tag) => tag.trim()).filter(Boolean),
      regionCodes: this.regions.codes(),
      publishedAt: fromShanghai(this.inputs.publishedAt.value),
      unpublishAt: fromShanghai(this.inputs.unpublishAt.value),
      sourceName: orNull('sourceName'),
      sourceUrl: orNull('sourceUrl'),
      author: orNull('author'),
      coverImageId: this.cover.id(),
      coverImageAlt: this.cover.alt(),
      status,
      translations: this.translations.map((translation) => ({
        locale: translation.locale,
        title: translation.title,
        summary: translation.summary || null,
        body: translation.body || null,
        status: translation.status,
        upToDate: translation.upToDate || null,
      })),
    };
  }

  async run(action) {
    const buttons = this.context.main.querySelectorAll('.actions button');
    buttons.forEach((b) => (b.disabled = true));
    try {
      await action();
    } catch (error) {
      this.showProblem(error);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }

  async save(status, overwrite) {
    this.clearProblems();
    const body = this.request(status);
    let answer;
    if (this.id) {
      answer = await api('PUT', `/articles/${this.id}`, { body, headers: { 'If-Match': overwrite ?? this.etag } });
    } else {
      answer = await api('POST', '/articles', { body });
    }
    this.saved(answer.body);
    this.say(t('editor.saved'));
  }

  /** After a save: the local copy goes, and the page shows the article as saved. */
  async saved(article) {
    this.dirty = false;
    localStorage.removeItem(this.localKey);
    this.context.leaving = null;
    if (!this.id) {
      localStorage.removeItem(this.localKey);
      this.context.go(`#/articles/${article.id}`);
      return;
    }
    const reloaded = await load(this.id);
    Object.assign(this, { article: reloaded.article, etag: reloaded.etag });
    this.translations = reloaded.translations.map((translation) => ({ ...translation }));
    const status = this.status.textContent;
    this.render();
    this.say(status);
  }

  async step(path, done) {
    if (this.dirty) {
      await this.save(this.article.status);
    }
    const note = this.note?.value.trim() || null;
    const answer = await api('POST', `/articles/${this.id}/${path}`, { body: { note } });
    await this.saved(answer.body);
    this.say(t(done));
  }

  /** Brings back what revision {@code number} said, as a new revision; unsaved changes are given up only when asked. */
  async restore(number) {
    if (this.dirty && !window.confirm(t('leave.unsaved'))) {
      return;
    }
    const answer = await api('POST', `/articles/${this.id}/revisions/${number}/restore`, { headers: { 'If-Match': this.etag } });
    await this.saved(answer.body);
    this.say(t('history.restored'));
  }

  async preview() {
    // drawn by the public disclosure page, exactly as readers will see it; the link works without signing in
    const link = (await api('POST', `/articles/${this.id}/previews`)).body;
    const page = `${location.origin}/disclosures/#/previews/${link.token}`;
    show(this.status, t('editor.previewReady'), ' ', h('a', { href: page, target: '_blank', rel: 'noopener', id: 'preview-link' }, page));
  }

  async upload(file) {
    this.say(t('editor.uploading', { name: file.name }));
    const form = new FormData();
    form.append('publisher', this.inputs.publisher.value);
    form.append('file', file, file.name);
    try {
      const media = (await api('POST', '/media', { body: form })).body;
      this.say(t('editor.uploaded', { name: file.name }));
      return media;
    } catch (error) {
      this.showProblem(error);
      return null;
    }
  }

  /** Imports an image of another site into the publisher's library (转存): the item, or null when it could not be. */
  async importImage(url, alt) {
    try {
      return (await api('POST', '/media/imports', { body: { publisher: this.inputs.publisher.value, url, alt } })).body;
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      return null;
    }
  }

  say(text) {
    show(this.status, text);
  }

  clearProblems() {
    Object.values(this.messages).forEach((message) => show(message));
    this.status.classList.remove('error');
    this.conflict.hidden = true;
  }

  /** A refused call: each violation beside its field, the rest in words above the buttons; a conflict side by side. */
  showProblem(error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    if (error.status === 412) {
      this.showConflict();
      return;
    }
    const unplaced = [];
    for (const violation of error.problem.violations ?? []) {
      const name = violation.field.replace(/\[.*$/, '');
      const target = name === 'translations' ? null : this.messages[name];
      if (target) {
        target.append(fieldMessage(violation.message), ' ');
      } else {
        unplaced.push(`${violation.field}: ${fieldMessage(violation.message)}`);
      }
    }
    if (error.status === 409 && /slug/.test(error.problem.detail ?? '')) {
      show(this.messages.slug, t('message.slugTaken'));
    }
    show(this.status, problemMessage(error), unplaced.length ? ` ${unplaced.join('；')}` : '');
    this.status.classList.add('error');
  }

  /** Someone saved in between: their version beside the editor, and the choice of whose to keep. */
  async showConflict() {
    const theirs = await load(this.id);
    const who = theirs.article.updatedAt ? `${t('editor.someone')} (${shanghaiTime(theirs.article.updatedAt)})` : t('editor.someone');
    const body = h('div', { class: 'prose their-body' });
    body.append(...parseSanitized(theirs.article.body ?? ''));
    show(
      this.conflict,
      h('p', {}, t('editor.conflict', { who })),
      h('h3', { id: 'their-title' }, theirs.article.title),
      body,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', id: 'keep-mine', onclick: () => this.run(() => this.save(this.article.status, theirs.etag)) }, t('editor.keepMine')),
        h(
          'button',
          {
            type: 'button',
            id: 'take-theirs',
            onclick: () => {
              this.dirty = false;
              localStorage.removeItem(this.localKey);
              Object.assign(this, { article: theirs.article, etag: theirs.etag, translations: theirs.translations });
              this.render();
            },
          },
          t('editor.takeTheirs'),
        ),
      ),
    );
    this.conflict.hidden = false;
    this.say(t('problem.412'));
    this.status.classList.add('error');
    this.conflict.scrollIntoView({ block: 'nearest' });
  }

  renderTranslations() {
    (this.translationEditors ?? []).forEach((editor) => editor.destroy());
    this.translationEditors = [];
    const bodies = [];
    show(
      this.translationList,
      this.translations.map((translation, index) => {
        const input = (name, control) => {
          control.id = `translation-${translation.locale}-${name}`;
          control.addEventListener('input', () => {
            translation[name] = control.value;
            this.changed('translations');
          });
          return h('div', { class: 'field' }, h('label', { for: control.id }, t(`field.${name}`)), control);
        };
        const stale = translation.stale
          ? h(
              'p',
              { class: 'stale', id: `stale-${translation.locale}` },
              t('editor.stale'),
              ' ',
              h('button', { type: 'button', onclick: () => { translation.upToDate = true; translation.stale = false; this.changed('translations'); this.renderTranslations(); } }, t('editor.markUpToDate')),
            )
          : null;
        return h(
          'fieldset',
          { class: 'translation', 'data-locale': translation.locale },
          h('legend', {}, translation.locale),
          stale,
          input('locale', h('input', { value: translation.locale, readonly: Boolean(translation.createdAt) })),
          input('status', h('select', {}, ['draft', 'published'].map((s) => h('option', { value: s, selected: translation.status === s }, t(`status.${s}`))))),
          input('title', h('input', { value: translation.title ?? '' })),
          input('summary', h('textarea', { rows: 2 }, translation.summary ?? '')),
          h('div', { class: 'field' }, h('span', { class: 'label' }, t('field.body')), bodies[index] = h('div', { class: 'editor', id: `translation-${translation.locale}-body` })),
          h('button', { type: 'button', class: 'remove', onclick: () => { this.translations.splice(index, 1); this.changed('translations'); this.renderTranslations(); } }, t('editor.removeTranslation')),
        );
      }),
    );
    this.translations.forEach((translation, index) => {
      const editor = createEditor(bodies[index], {
        html: translation.body ?? '',
        onChange: () => {
          translation.body = editor.isEmpty ? '' : editor.getHTML();
          this.changed('translations');
        },
        upload: (file) => this.upload(file),
        importImage: (url, alt) => this.importImage(url, alt),
        notify: (text) => this.say(text),
      });
      this.translationEditors.push(editor);
    });
  }

  addTranslation() {
    this.translations.push({ locale: 'en', status: 'draft', title: '', summary: '', body: '' });
    this.changed('translations');
    this.renderTranslations();
  }

  keepLocalCopy() {
    if (!this.dirty) {
      return;
    }
    const copy = { savedAt: new Date().toISOString(), etag: this.etag, request: this.request(this.article?.status ?? 'draft') };
    localStorage.setItem(this.localKey, JSON.stringify(copy));
  }

  offerLocalCopy() {
    const stored = localStorage.getItem(this.localKey);
    if (!stored) {
      return;
    }
    const copy = JSON.parse(stored);
    show(
      this.banner,
      t('editor.localDraft', { time: shanghaiTime(copy.savedAt) }),
      ' ',
      h('button', { type: 'button', id: 'restore-local', onclick: () => this.restoreLocalCopy(copy) }, t('editor.restoreLocal')),
      h('button', { type: 'button', id: 'discard-local', onclick: () => { localStorage.removeItem(this.localKey); this.banner.hidden = true; } }, t('editor.discardLocal')),
    );
    this.banner.hidden = false;
  }

  restoreLocalCopy(copy) {
    const request = copy.request;
    for (const name of TEXT_FIELDS) {
      this.inputs[name].value = request[name] ?? '';
    }
    this.inputs.tags.value = (request.tags ?? []).join('，');
    this.inputs.publishedAt.value = request.publishedAt ? request.publishedAt.slice(0, 16) : '';
    this.inputs.unpublishAt.value = request.unpublishAt ? request.unpublishAt.slice(0, 16) : '';
    this.regions.set(request.regionCodes ?? []);
    this.editor.commands.setContent(withLibraryPaths(request.body));
    this.translations = (request.translations ?? []).map((translation) => ({ ...translation }));
    this.renderTranslations();
    this.slugEdited = true;
    this.banner.hidden = true;
    // saved against the version it was read at: a save meets any change since as a conflict
    this.etag = copy.etag ?? this.etag;
    this.dirty = true;
  }
}

/** HTML the service sanitised, as nodes to show (never run: the page's CSP allows no inline script or style). */
function parseSanitized(html) {
  const document = new DOMParser().parseFromString(`<body>${withLibraryPaths(html)}</body>`, 'text/html');
  return Array.from(document.body.childNodes);
}
