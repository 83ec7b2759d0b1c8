// Figures: a fund or sales figure entered as printed ("超过5.1亿元"), with the exact yuan it stores shown before it is
// saved; corrections with a reason, retraction, and the full history.
import { api } from '../api.js';
import { h, marked, shanghaiTime, show } from '../dom.js';
import { fieldMessage, problemMessage, t } from '../i18n.js';
import { exactYuan, groupedYuan, parsePrinted } from '../money.js';
import { period } from '../periods.js';
import { publisherControl, publishersOf } from './publishers.js';
import { regionPicker } from './regions.js';

const KINDS = { fund: '/fund-figures', sales: '/sales-figures' };
const FLOWS = ['raised', 'allocated', 'used', 'remitted_to_central', 'retained_locally'];
const PURPOSES = [
  ['elderly-welfare', '老年人福利类'],
  ['disabled-welfare', '残疾人福利类'],
  ['child-welfare', '儿童福利类'],
  ['education', '教育助学类'],
  ['poverty-relief', '扶贫济困类'],
  ['social-welfare', '社会公益类'],
];

/** #/figures: the latest figures of every kind the person may see, and a link to enter one. */
export async function figuresPage(context) {
  const list = h('ul', { class: 'articles', id: 'figure-list', 'aria-busy': 'true' });
  const status = h('p', { class: 'list-status', role: 'status' }, t('list.loading'));
  show(
    context.main,
    h('h1', {}, t('nav.figures'), ' ', h('a', { href: '#/figures/new', class: 'button', id: 'new-figure' }, t('figures.new')), ' ', h('a', { href: '#/figures/import', class: 'button', id: 'import-figures' }, t('figures.import'))),
    list,
    status,
  );
  try {
    for (const [kind, path] of Object.entries(KINDS)) {
      const page = (await api('GET', `${path}?limit=20&sort=-updatedAt`)).body;
      page.items.forEach((figure) => list.append(figureItem(kind, figure)));
    }
    show(status, list.children.length ? '' : t('list.empty'));
  } catch (error) {
    show(status, problemMessage(error));
  }
  list.setAttribute('aria-busy', 'false');
}

function figureItem(kind, figure) {
  return h(
    'li',
    { 'data-id': figure.id },
    h('a', { href: `#/figures/${kind}/${figure.id}` }, `${figure.period.label} ${t(`figures.kind.${kind}`)} ${printed(figure)}`),
    h('span', { class: 'meta' }, figure.publisher.name, ' · ', figure.regionCode, figure.retracted ? ` · ${t('figures.retracted')}` : ''),
  );
}

/** The amount as printed, with its qualifier: 超过5.1亿元. */
export function printed(figure) {
  if (!figure.printed) {
    return '';
  }
  const prefix = { over: '超过', about: '约', under: '不足', exact: '' }[figure.qualifier];
  return `${prefix}${figure.printed.value}${figure.printed.unit}`;
}

/** #/figures/new and #/figures/{kind}/{id}: the form, and for a figure its history, correction and retraction. */
export async function figurePage(context, kind, id) {
  show(context.main, h('p', { role: 'status' }, t('list.loading')));
  let figure = null;
  let history = [];
  try {
    if (id) {
      figure = (await api('GET', `${KINDS[kind]}/${id}`)).body;
      history = (await api('GET', `${KINDS[kind]}/${id}/revisions?limit=100`)).body.items;
    }
  } catch (error) {
    show(context.main, h('p', { class: 'error', role: 'alert' }, problemMessage(error)));
    return;
  }
  const publisher = await publisherControl(await publishersOf(context.session.account), figure?.publisher.slug, {
    disabled: Boolean(figure),
  });
  const errors = {};
  const field = (name, control, label = t(`figures.${name}`)) => {
    control.id = `figure-${name}`;
    errors[name] = h('span', { class: 'field-error', role: 'alert', id: `figure-error-${name}` });
    return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, errors[name]);
  };
  const kindSelect = h('select', { disabled: Boolean(figure) }, Object.keys(KINDS).map((k) => h('option', { value: k, selected: k === (kind ?? 'fund') }, t(`figures.kind.${k}`))));
  const amount = h('input', { value: figure ? printed(figure) : '', placeholder: '超过5.1亿元', autocomplete: 'off' });
  const preview = h('output', { id: 'amount-preview', for: 'figure-amount', 'aria-live': 'polite' });
  const year = h('input', { type: 'number', min: 1987, max: 2100, value: figure ? figure.period.start.slice(0, 4) : new Date().getFullYear() - 1 });
  const granularity = h(
    'select',
    { id: 'figure-granularity', 'aria-label': t('figures.granularity') },
    ['YEAR', 'QUARTER', 'MONTH'].map((g) => h('option', { value: g, selected: (figure?.period.granularity ?? 'YEAR') === g }, t(`figures.granularity.${g}`))),
  );
  const part = h('select', { id: 'figure-part', 'aria-label': t('figures.part') });
  const fillParts = () => {
    const count = { YEAR: 0, QUARTER: 4, MONTH: 12 }[granularity.value];
    const current = figure ? Number(figure.period.start.slice(5, 7)) : 1;
    show(part, Array.from({ length: count }, (_, i) => {
      const value = granularity.value === 'QUARTER' ? i * 3 + 1 : i + 1;
      return h('option', { value, selected: value === current }, t(`figures.part.${granularity.value}`, { n: i + 1 }));
    }));
    part.hidden = count === 0;
  };
  granularity.addEventListener('change', fillParts);
  fillParts();
  const articleSelect = h('select', { id: 'figure-article' }, h('option', { value: '' }, '—'));
  const documentSelect = h('select', { id: 'figure-document' }, h('option', { value: '' }, '—'));
  const page = h('input', { id: 'figure-page', type: 'number', min: 1, value: figure?.source?.page ?? '' });
  const fillSources = async () => {
    const slug = encodeURIComponent(publisher.value.trim());
    if (!slug) {
      return;
    }
    const [articles, documents] = await Promise.all([
      api('GET', `/articles?publisher=${slug}&status=published&limit=50`).then((r) => r.body.items).catch(() => []),
      api('GET', `/media?publisher=${slug}&kind=pdf&limit=50`).then((r) => r.body.items).catch(() => []),
    ]);
    show(articleSelect, h('option', { value: '' }, '—'), articles.map((a) => h('option', { value: a.id, selected: figure?.source?.articleId === a.id }, a.title)));
    show(documentSelect, h('option', { value: '' }, '—'), documents.map((m) => h('option', { value: m.id, selected: figure?.source?.document?.id === m.id }, m.title || m.originalName)));
  };
  publisher.addEventListener('change', fillSources);
  fillSources();
  // the page of a report that states the figure: found by its words or its number, chosen with a click
  const finder = h('input', { type: 'search', placeholder: t('figures.findHint'), autocomplete: 'off' });
  const found = h('ul', { class: 'found-pages', id: 'figure-found', 'aria-live': 'polite' });
  const choose = (hit) => {
    if (![...documentSelect.options].some((option) => option.value === hit.document.id)) {
      documentSelect.append(h('option', { value: hit.document.id }, hit.title || hit.document.originalName));
    }
    documentSelect.value = hit.document.id;
    page.value = hit.page;
    show(found);
  };
  const find = async () => {
    const words = finder.value.trim();
    if (!words) {
      return;
    }
    try {
      const query = new URLSearchParams({ q: words, publisher: publisher.value.trim(), limit: '10' });
      const hits = (await api('GET', `/media/search?${query}`)).body.items;
      show(
        found,
        hits.length
          ? hits.map((hit) => h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => choose(hit) }, `${hit.title || hit.document.originalName} · ${t('figures.pageN', { n: hit.page })}`), h('p', { class: 'meta' }, marked(hit.snippet)), hit.ocr ? h('p', { class: 'meta ocr' }, t('media.ocr')) : null))
          : h('li', {}, t('figures.nothingFound')),
      );
    } catch (error) {
      show(found, h('li', { class: 'error' }, problemMessage(error)));
    }
  };
  finder.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      find();
    }
  });
  const flow = h('select', {}, FLOWS.map((f) => h('option', { value: f, selected: figure?.fund?.flow === f }, t(`figures.flow.${f}`))));
  const purpose = h('select', {}, h('option', { value: '' }, '—'), PURPOSES.map(([code, label]) => h('option', { value: code, selected: figure?.fund?.purpose?.code === code }, label)));
  const sourceUrl = h('input', { type: 'url', value: figure?.source?.url ?? '' });
  const quote = h('input', { value: figure?.source?.quote ?? '' });
  const reason = h('input', { id: 'figure-reason' });
  const regions = regionPicker(figure ? [figure.regionCode] : [], () => {});
  const message = h('p', { class: 'form-status', role: 'status', id: 'figure-status' });

  const readAmount = () => {
    const parts = parsePrinted(amount.value);
    const yuan = parts && exactYuan(parts.value, parts.unit);
    if (!amount.value.trim()) {
      show(preview);
    } else if (!parts) {
      show(preview, h('span', { class: 'error' }, t('figures.unreadable')));
    } else if (!yuan) {
      show(preview, h('span', { class: 'error' }, t('figures.finerThanFen')));
    } else {
      show(preview, t(`figures.qualifier.${parts.qualifier}`), ' ', h('strong', { id: 'amount-yuan' }, groupedYuan(yuan)), ' ', t('figures.yuan'));
    }
    return parts && yuan ? parts : null;
  };
  amount.addEventListener('input', readAmount);

  const request = () => {
    const parts = readAmount();
    const chosenKind = kindSelect.value;
    const codes = regions.codes();
    const purposeCode = purpose.value;
    return {
      publisher: publisher.value.trim(),
      regionCode: codes[codes.length - 1] ?? null,
      period: period(Number(year.value), granularity.value, Number(part.value)),
      lotteryType: 'welfare',
      amount: parts ? { value: parts.value, unit: parts.unit } : null,
      qualifier: parts?.qualifier ?? 'exact',
      source: {
        articleId: articleSelect.value || null,
        url: sourceUrl.value.trim() || null,
        quote: quote.value.trim() || null,
        documentId: documentSelect.value || null,
        page: documentSelect.value && page.value ? Number(page.value) : null,
      },
      fund:
        chosenKind === 'fund'
          ? { flow: flow.value, purpose: purposeCode ? { code: purposeCode, label: PURPOSES.find(([c]) => c === purposeCode)[1] } : null }
          : null,
    };
  };

  const submit = async (action) => {
    Object.values(errors).forEach((e) => show(e));
    message.classList.remove('error');
    try {
      await action();
    } catch (error) {
      for (const violation of error.problem?.violations ?? []) {
        const name = violation.field.replace(/^figure\./, '').split(/[.[]/)[0];
        (errors[{ regionCode: 'region', period: 'year', amount: 'amount', qualifier: 'amount', reason: 'reason' }[name] ?? name] ?? message).append(
          fieldMessage(violation.message),
          ' ',
        );
      }
      show(message, problemMessage(error));
      message.classList.add('error');
    }
  };
  const create = () =>
    submit(async () => {
      if (!readAmount()) {
        show(errors.amount, t('figures.unreadable'));
        return;
      }
      const created = (await api('POST', KINDS[kindSelect.value], { body: request() })).body;
      context.go(`#/figures/${kindSelect.value}/${created.id}`);
    });
  const correct = () =>
    submit(async () => {
      await api('POST', `${KINDS[kind]}/${id}/corrections`, { body: { reason: reason.value.trim(), figure: request() } });
      figurePage(context, kind, id);
    });
  const retract = () =>
    submit(async () => {
      await api('POST', `${KINDS[kind]}/${id}/retraction`, { body: { reason: reason.value.trim() } });
      figurePage(context, kind, id);
    });

  const form = h(
    'form',
    { class: 'card figure-form', novalidate: true, onsubmit: (event) => event.preventDefault() },
    h('h1', {}, figure ? t('figures.edit') : t('figures.new'), figure?.retracted ? h('span', { class: 'status' }, t('figures.retracted')) : null),
    field('publisher', publisher, t('field.publisher')),
    field('kind', kindSelect),
    field('amount', amount),
    preview,
    field('year', year),
    h('div', { class: 'period-parts' }, granularity, part),
    h('div', { class: 'field' }, h('span', { class: 'label' }, t('field.regionCodes')), regions.element, (errors.region = h('span', { class: 'field-error', role: 'alert' }))),
    field('flow', flow),
    field('purpose', purpose),
    field('article', articleSelect),
    field('sourceUrl', sourceUrl, t('field.sourceUrl')),
    field('find', finder),
    found,
    field('document', documentSelect),
    field('page', page),
    field('quote', quote),
    figure ? field('reason', reason) : null,
    message,
    h(
      'div',
      { class: 'actions' },
      figure
        ? [
            h('button', { type: 'button', class: 'primary', id: 'figure-correct', onclick: correct }, t('figures.correct')),
            figure.retracted ? null : h('button', { type: 'button', id: 'figure-retract', onclick: retract }, t('figures.retract')),
          ]
        : h('button', { type: 'button', class: 'primary', id: 'figure-save', onclick: create }, t('figures.save')),
    ),
  );
  const historyList = figure
    ? h(
        'section',
        { class: 'panel history' },
        h('h2', {}, t('editor.history')),
        h(
          'ol',
          { class: 'revisions', id: 'figure-history' },
          history.map((entry) =>
            h(
              'li',
              { 'data-revision': entry.revision },
              h('strong', {}, `#${entry.revision} ${t(`figures.action.${entry.action}`)}`),
              ' ',
              printed(entry.figure),
              entry.figure.amount ? ` = ${groupedYuan(entry.figure.amount.amount)} ${t('figures.yuan')}` : '',
              h('div', { class: 'meta' }, shanghaiTime(entry.recordedAt), entry.reason ? ` · ${entry.reason}` : ''),
            ),
          ),
        ),
      )
    : null;
  show(context.main, form, historyList);
  readAmount();
}
