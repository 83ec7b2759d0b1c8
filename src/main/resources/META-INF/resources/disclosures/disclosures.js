// The public disclosure page: sales and public-welfare fund figures as charts and tables, and the latest articles,
// read from the public JSON API only (no token), so that partner teams can see how to use it.
// State lives in the address: ?lang=en&publisher=<slug>&region=<code>, and #/articles/<id> for an article.

const TEXT = {
  zh: {
    title: '福彩销量与公益金信息公开', skip: '跳到正文', publisher: '发布机构', region: '地区',
    allPublishers: '全部机构', allRegions: '全国', byYear: '销量与公益金筹集（按年）',
    byYearCaption: '各年销量与筹集公益金，每个数字链接到公布它的文章', year: '年份', sales: '销量',
    raised: '筹集公益金', byPurpose: '公益金使用（按用途）', byPurposeCaption: '公益金按用途的使用额，每个数字链接到公布它的文章',
    purpose: '用途', used: '使用额', latest: '最新文章', footer: '数据来自本站公开 API：', loading: '正在读取…',
    loaded: '已更新', failed: '读取失败：', none: '暂无数据', noArticles: '暂无文章', source: '来源',
    more: (n) => `另有 ${n} 项`, partial: '（部分期间）', back: '返回总览', published: '发布于',
    previewNote: '预览：这篇文章尚未以此版本发布，链接只在有效期内可用。', alsoIn: '本文其他语言：', original: '原文', sourceLink: '原始出处', switchTo: 'English', switchLabel: 'Read in English',
    pdf: (page) => (page ? `公告PDF第${page}页` : '公告PDF'),
    searchReports: '在公告中搜索', searchLabel: '公告PDF里的词', searchHint: '如：养老 助学', searchButton: '搜索',
    moreHits: '更多', noHits: '没有哪一页同时有这些词', pageOf: (page) => `第${page}页`,
    ocr: '扫描页，文字为机器识别，可能有误，请以PDF原文为准',
    over: '超过', about: '约', under: '不足', unitYi: '亿元', unitWan: '万元', unitYuan: '元', axis: (u) => `金额（${u}）`,
  },
  en: {
    title: 'Welfare lottery sales and fund disclosures', skip: 'Skip to content', publisher: 'Publisher', region: 'Region',
    allPublishers: 'All publishers', allRegions: 'All of China', byYear: 'Sales and public-welfare fund raised, by year',
    byYearCaption: 'Sales and fund raised each year; every number links to the article that published it', year: 'Year',
    sales: 'Sales', raised: 'Fund raised', byPurpose: 'Public-welfare fund used, by purpose',
    byPurposeCaption: 'Fund used by purpose; every number links to the article that published it', purpose: 'Purpose',
    used: 'Used', latest: 'Latest articles', footer: 'Data from this site\'s public API:', loading: 'Loading…',
    loaded: 'Updated', failed: 'Could not load: ', none: 'No figures yet', noArticles: 'No articles yet', source: 'Source',
    more: (n) => `and ${n} more`, partial: ' (part of the period)', back: 'Back to the overview', published: 'Published',
    previewNote: 'Preview: this version of the article is not published; the link works only for a while.', alsoIn: 'Also in: ', original: 'original', sourceLink: 'Original source', switchTo: '中文', switchLabel: '阅读中文版',
    pdf: (page) => (page ? `report PDF, page ${page}` : 'report PDF'),
    searchReports: 'Search the reports', searchLabel: 'Words in the report PDFs', searchHint: 'e.g. 养老 助学',
    searchButton: 'Search', moreHits: 'More', noHits: 'No page has all these words', pageOf: (page) => `page ${page}`,
    ocr: 'A scanned page: its words were machine-read and may be wrong; the PDF is what counts',
    over: 'over ', about: 'about ', under: 'under ', unitYi: 'billion yuan', unitWan: 'million yuan', unitYuan: 'yuan',
    axis: (u) => `Amount (${u})`,
  },
};
const LOCALE = { zh: 'zh-CN', en: 'en' };
const SOURCES_SHOWN = 3;

const params = new URLSearchParams(location.search);
const state = {
  lang: params.get('lang') === 'en' ? 'en' : 'zh',
  publisher: params.get('publisher') || '',
  region: params.get('region') || '',
};
const charts = {};
const figureCache = new Map();
let generation = 0;
let scopesFilled = Promise.resolve();

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key];

/**
 * GET one JSON answer of the public API; a problem+json answer becomes an error naming its detail. The browser
 * revalidates what it holds (If-None-Match, a 304 costs nothing), so a correction shows at once, not after max-age.
 */
async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || problem.title || `HTTP ${response.status}`);
  }
  return response.json();
}

/** Every item of a paginated collection, following nextCursor. */
async function all(path) {
  const items = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const page = await api(`${path}${path.includes('?') ? '&' : '?'}${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 5000);
  return items;
}

function scopeQuery(extra) {
  const query = new URLSearchParams(extra);
  if (state.publisher) query.set('publisher', state.publisher);
  if (state.region) query.set('region', state.region);
  return query.toString();
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** The unit a set of yuan amounts reads best in: 亿元 / 万元 in Chinese, billion / million yuan in English. */
function unitFor(max) {
  if (state.lang === 'zh') {
    if (max >= 1e8) return { divisor: 1e8, name: t('unitYi') };
    return max >= 1e4 ? { divisor: 1e4, name: t('unitWan') } : { divisor: 1, name: t('unitYuan') };
  }
  if (max >= 1e9) return { divisor: 1e9, name: t('unitYi') };
  return max >= 1e6 ? { divisor: 1e6, name: t('unitWan') } : { divisor: 1, name: t('unitYuan') };
}

function scaled(amount, unit) {
  return Math.round((Number(amount) / unit.divisor) * 10000) / 10000;
}

function qualified(qualifier) {
  return qualifier && qualifier !== 'exact' ? t(qualifier) : '';
}

/** A total as a reader should take it: "超过5.1亿元", "about 510 million yuan". */
function money(amount, qualifier, partial) {
  const value = Number(amount);
  const unit = unitFor(value);
  const number = (value / unit.divisor).toLocaleString(LOCALE[state.lang], { maximumFractionDigits: 2 });
  const prefix = qualified(qualifier);
  const text = state.lang === 'zh' ? `${prefix}${number}${unit.name}` : `${prefix}${number} ${unit.name}`;
  return partial ? text + t('partial') : text;
}

// Instants are absolute; the page shows them as dates in China Standard Time, whatever the reader's time zone.
function formatDate(timestamp) {
  return timestamp
    ? new Date(timestamp).toLocaleDateString(LOCALE[state.lang], { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' })
    : '';
}

function publisherName(publisher) {
  return state.lang === 'en' && publisher.nameEn ? publisher.nameEn : publisher.name;
}

async function figure(kind, id) {
  const key = `${kind}/${id}`;
  if (!figureCache.has(key)) figureCache.set(key, api(`/api/v1/${kind}-figures/${id}`));
  return figureCache.get(key);
}

/**
 * Links to where the figures behind a total were published: our article when there is one, else the source URL; and
 * the report PDF at its page when the figure cites one.
 */
async function sourceLinks(kind, item) {
  const shown = await Promise.all(item.figureIds.slice(0, SOURCES_SHOWN).map((id) => figure(kind, id)));
  const links = shown.map((f) => {
    const label = f.period.label || f.period.start.slice(0, 4);
    const where = f.source.articleId ? element('a', { href: `#/articles/${f.source.articleId}` }, `${publisherName(f.publisher)} · ${label}`)
      : f.source.url ? element('a', { href: f.source.url, rel: 'noopener noreferrer external' }, `${t('sourceLink')} · ${label}`)
        : element('span', {}, label);
    const report = f.source.document;
    if (!report) return where;
    // the report itself, opened at the page that states the figure
    const href = `${ownFile(report.url)}${f.source.page ? `#page=${f.source.page}` : ''}`;
    return element('span', {}, where, ' · ',
      element('a', { href, type: 'application/pdf', class: 'document', title: report.originalName }, t('pdf')(f.source.page)));
  });
  const list = element('span', { class: 'sources' });
  links.forEach((link, i) => list.append(i ? '、' : '', link));
  if (item.figureIds.length > SOURCES_SHOWN) list.append(` ${t('more')(item.figureIds.length - SOURCES_SHOWN)}`);
  return list;
}

/** A number that links to its first source article, so the chart's table says where each value comes from. */
async function amountCell(kind, item) {
  if (!item) return element('td', {}, '—');
  const first = await figure(kind, item.figureIds[0]);
  const text = money(item.total.amount, item.qualifier, item.partial);
  const value = first.source.articleId
    ? element('a', { href: `#/articles/${first.source.articleId}`, class: 'amount', 'data-amount': item.total.amount }, text)
    : element('span', { class: 'amount', 'data-amount': item.total.amount }, text);
  return element('td', {}, value, element('br'), await sourceLinks(kind, item));
}

function chart(id) {
  if (!charts[id]) {
    charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    charts[id].on('click', (event) => {
      if (event.data && event.data.articleId) location.hash = `#/articles/${event.data.articleId}`;
    });
  }
  return charts[id];
}

function barOption(categories, series, unit, horizontal) {
  const valueAxis = horizontal ? { type: 'value', name: t('axis')(unit.name), nameLocation: 'middle', nameGap: 28 }
    : { type: 'value', name: t('axis')(unit.name), nameTextStyle: { align: 'left' } };
  const categoryAxis = { type: 'category', data: categories, axisLabel: { interval: 0 } };
  return {
    animation: false,
    grid: { left: 8, right: horizontal ? 56 : 24, top: 40, bottom: horizontal ? 32 : 8, containLabel: true },
    legend: { top: 0 },
    // drawn on the canvas: an HTML tooltip would need inline styles, which the page's policy forbids
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (value) => (value === null || value === undefined ? '—' : `${value} ${unit.name}`) },
    graphic: categories.length ? [] : [{ type: 'text', left: 'center', top: 'middle', style: { text: t('none'), fontSize: 16 } }],
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      type: 'bar', name: s.name, data: s.data,
      // an approximate total says so on the bar too: 超过5.1, over 0.51
      label: { show: true, position: horizontal ? 'right' : 'top', formatter: (p) => `${qualified(p.data.qualifier)}${p.value}` },
    })),
  };
}

async function firstArticle(kind, item) {
  return item ? (await figure(kind, item.figureIds[0])).source.articleId : null;
}

async function showByYear(sales, raised) {
  const years = [...new Set([...sales.items, ...raised.items].map((item) => item.key))].sort();
  const salesBy = new Map(sales.items.map((item) => [item.key, item]));
  const raisedBy = new Map(raised.items.map((item) => [item.key, item]));
  const unit = unitFor(Math.max(0, ...[...sales.items, ...raised.items].map((item) => Number(item.total.amount))));
  const point = async (kind, item) => (item
    ? { value: scaled(item.total.amount, unit), qualifier: item.qualifier, articleId: await firstArticle(kind, item) } : null);
  const salesData = await Promise.all(years.map((year) => point('sales', salesBy.get(year))));
  const raisedData = await Promise.all(years.map((year) => point('fund', raisedBy.get(year))));
  chart('by-year-chart').setOption(barOption(years, [{ name: t('sales'), data: salesData }, { name: t('raised'), data: raisedData }], unit, false), true);
  const rows = await Promise.all(years.map(async (year) => element('tr', {}, element('th', { scope: 'row' }, year),
    await amountCell('sales', salesBy.get(year)), await amountCell('fund', raisedBy.get(year)))));
  fillTable('by-year-table', rows, 3);
}

async function showByPurpose(used) {
  const items = [...used.items].sort((a, b) => Number(a.total.amount) - Number(b.total.amount));
  const unit = unitFor(Math.max(0, ...items.map((item) => Number(item.total.amount))));
  const data = await Promise.all(items.map(async (item) => ({
    value: scaled(item.total.amount, unit), qualifier: item.qualifier, articleId: await firstArticle('fund', item),
  })));
  chart('by-purpose-chart').setOption(barOption(items.map((item) => item.label), [{ name: t('used'), data }], unit, true), true);
  const rows = await Promise.all([...items].reverse().map(async (item) => element('tr', {}, element('th', { scope: 'row' }, item.label),
    await amountCell('fund', item))));
  fillTable('by-purpose-table', rows, 2);
}

function fillTable(id, rows, columns) {
  const body = $(id).querySelector('tbody');
  body.replaceChildren(...(rows.length ? rows : [element('tr', {}, element('td', { colspan: String(columns) }, t('none')))]));
}

async function showLatest() {
  const page = await api(`/api/v1/articles?${scopeQuery({ limit: '10', locale: LOCALE[state.lang] })}`);
  const items = page.items.map((article) => element('li', { lang: article.locale },
    article.coverImage ? picture(article.coverImage, thumbnailSlot(article.coverImage), { class: 'thumbnail', loading: 'lazy' }) : null,
    element('h3', {}, element('a', { href: `#/articles/${article.id}` }, article.title)),
    element('p', { class: 'meta' }, `${publisherName(article.publisher)} · `,
      element('time', { datetime: article.publishedAt || '' }, formatDate(article.publishedAt))),
    element('p', {}, article.summary || '')));
  $('latest').replaceChildren(...(items.length ? items : [element('li', {}, t('noArticles'))]));
}

async function showOverview() {
  const [sales, raised, used] = await Promise.all([
    api(`/api/v1/sales-figures/summary?${scopeQuery({ groupBy: 'year' })}`),
    api(`/api/v1/fund-figures/summary?${scopeQuery({ groupBy: 'year', flow: 'raised' })}`),
    api(`/api/v1/fund-figures/summary?${scopeQuery({ groupBy: 'purpose', flow: 'used' })}`),
  ]);
  await Promise.all([showByYear(sales, raised), showByPurpose(used), showLatest()]);
}

/**
 * A file of the media library from this page's own origin: the API names files at the service's public address
 * (CMS_PUBLIC_URL), and this page is served by the service itself, wherever it is reached from.
 */
function ownFile(url) {
  const parsed = new URL(url, location.href);
  return parsed.pathname.startsWith('/api/v1/media-files/') ? parsed.pathname : url;
}

/**
 * An image of the media library at the width it is shown: its renditions as srcset (WebP first where the browser takes
 * it), its size reserved.
 */
/**
 * A thumbnail is a 6rem square cropped around the image's focal point: the image is drawn as high as the square, and
 * so as wide as its shape makes it, which is the width its rendition is chosen for.
 */
function thumbnailSlot(image) {
  return `${Math.ceil(6 * Math.max(1, image.width / image.height) * 100) / 100}rem`;
}

function picture(image, sizes, attributes = {}) {
  const sources = image.renditions.map((r) => `${ownFile(r.url)} ${r.width}w`).concat(`${ownFile(image.url)} ${image.width}w`);
  const img = element('img', {
    src: ownFile(image.url), srcset: sources.join(', '), sizes, alt: image.alt || '',
    width: image.width, height: image.height, decoding: 'async', ...attributes,
  });
  // where a box crops the image (a thumbnail), its subject stays in view
  const focus = image.focalPoint ?? { x: 0.5, y: 0.5 };
  img.style.objectPosition = `${focus.x * 100}% ${focus.y * 100}%`;
  const webp = image.renditions.filter((r) => r.webpUrl);
  if (!webp.length) return img;
  // wider than every rendition, the original is the candidate: a browser that takes WebP takes its type too
  const webpSources = webp.map((r) => `${ownFile(r.webpUrl)} ${r.width}w`).concat(`${ownFile(image.url)} ${image.width}w`);
  return element('picture', {}, element('source', { type: 'image/webp', srcset: webpSources.join(', '), sizes }), img);
}

/**
 * An article as readers see it: #/articles/<id>[/<locale>] reads the published article; #/previews/<token>[/<locale>]
 * the one behind a preview link from the studio, drawn exactly alike, under a line that says it is a preview.
 */
async function showArticle(route) {
  const wanted = route.locale || LOCALE[state.lang];
  const address = route.kind === 'previews'
    ? `/api/v1/previews/${encodeURIComponent(route.key)}` : `/api/v1/articles/${encodeURIComponent(route.key)}`;
  const article = await api(`${address}?locale=${encodeURIComponent(wanted)}`);
  const body = element('div', { class: 'body' });
  // the API sanitises article bodies when they are written (an allow-list of tags and attributes)
  body.innerHTML = article.body || '';
  body.querySelectorAll('img[src]').forEach((img) => img.setAttribute('src', ownFile(img.getAttribute('src'))));
  body.querySelectorAll('a[href]').forEach((a) => a.setAttribute('href', ownFile(a.getAttribute('href'))));
  const cover = article.coverImage ? element('figure', { class: 'cover' },
    picture(article.coverImage, '(max-width: 72rem) 100vw, 72rem', { fetchpriority: 'high' })) : null;
  const others = article.availableLocales.filter((l) => l !== article.locale).map((l) =>
    element('a', { href: `#/${route.kind}/${route.key}/${l}`, hreflang: l, lang: l },
      `${l === 'en' ? 'English' : l.startsWith('zh') ? '中文' : l}${l === article.originalLocale ? ` (${t('original')})` : ''}`));
  const translations = others.length ? element('p', { class: 'meta' }, t('alsoIn'), ...others.flatMap((link, i) => (i ? [' · ', link] : [link]))) : null;
  const source = article.sourceUrl ? element('a', { href: article.sourceUrl, rel: 'noopener noreferrer external' }, article.sourceName || t('sourceLink'))
    : article.sourceName;
  // what an article lacks (translations, a cover) is left out: replaceChildren would write null as the text "null"
  $('article').replaceChildren(...[
    element('p', {}, element('a', { href: '#/' }, `← ${t('back')}`)),
    route.kind === 'previews' ? element('p', { class: 'preview-note', id: 'preview-note', role: 'note' }, t('previewNote')) : null,
    element('h2', { lang: article.locale, tabindex: '-1', id: 'article-title' }, article.title),
    element('p', { class: 'meta' }, `${publisherName(article.publisher)} · ${t('published')} `,
      element('time', { datetime: article.publishedAt || '' }, formatDate(article.publishedAt)), source ? ' · ' : null, source),
    translations,
    cover,
    element('p', { class: 'summary', lang: article.locale }, article.summary || ''),
    Object.assign(body, { lang: article.locale }),
  ].filter(Boolean));
  document.title = `${article.title} · ${t('title')}`;
}

/**
 * A passage as the API marks it (HTML-escaped text, each hit in <mark>), kept to exactly that: anything but text and
 * <mark> becomes its text.
 */
function marked(snippet) {
  const passage = element('span', { class: 'snippet' });
  passage.innerHTML = snippet;
  passage.querySelectorAll(':not(mark)').forEach((node) => node.replaceWith(node.textContent));
  return passage;
}

/** The pages of the reports (PDFs that published content cites) that say every word, page after page. */
async function searchReports(words, cursor) {
  const list = $('report-hits');
  const query = new URLSearchParams({ q: words, limit: '10' });
  if (state.publisher) query.set('publisher', state.publisher);
  if (cursor) query.set('cursor', cursor); else list.replaceChildren();
  const more = $('report-more');
  more.hidden = true;
  try {
    const page = await api(`/api/v1/media/search?${query}`);
    list.append(...page.items.map((hit) => element('li', {},
      element('a', { href: `${ownFile(hit.document.url)}#page=${hit.page}`, class: 'document' },
        `${hit.title || hit.document.originalName} · ${t('pageOf')(hit.page)}`),
      element('p', {}, marked(hit.snippet)),
      hit.ocr ? element('p', { class: 'ocr' }, t('ocr')) : null)));
    if (!list.children.length) list.append(element('li', { class: 'none' }, t('noHits')));
    more.hidden = !page.nextCursor;
    more.onclick = () => searchReports(words, page.nextCursor);
  } catch (error) {
    list.replaceChildren(element('li', { class: 'none' }, t('failed') + error.message));
  }
}

function applyLanguage() {
  document.documentElement.lang = LOCALE[state.lang];
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((node) => { node.placeholder = t(node.dataset.i18nPlaceholder); });
  const button = $('language');
  button.textContent = t('switchTo');
  button.lang = state.lang === 'zh' ? 'en' : 'zh-CN';
  button.setAttribute('aria-label', t('switchLabel'));
  document.title = t('title');
}

function remember() {
  const query = new URLSearchParams();
  if (state.lang === 'en') query.set('lang', 'en');
  if (state.publisher) query.set('publisher', state.publisher);
  if (state.region) query.set('region', state.region);
  const search = query.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}

/** Draws whatever the address asks for; an older drawing still loading gives way to the newest. */
async function render() {
  const mine = ++generation;
  const status = $('status');
  status.textContent = t('loading');
  document.body.dataset.state = 'loading';
  const match = location.hash.match(/^#\/(articles|previews)\/([0-9a-fA-F-]{36}|[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)(?:\/([A-Za-z-]+))?$/);
  const route = match && { kind: match[1], key: match[2], locale: match[3] };
  try {
    $('overview').hidden = Boolean(route);
    $('article').hidden = !route;
    if (route) {
      await showArticle(route);
    } else {
      await showOverview();
    }
    await scopesFilled;
    if (mine !== generation) return;
    status.textContent = t('loaded');
    document.body.dataset.state = 'ready';
    if (route) $('article-title').focus();
  } catch (error) {
    if (mine !== generation) return;
    status.textContent = t('failed') + error.message;
    document.body.dataset.state = 'failed';
  }
}

async function fillScopes() {
  const [publishers, regions] = await Promise.all([all('/api/v1/publishers'), all('/api/v1/regions?level=province')]);
  const publisherSelect = $('publisher');
  publisherSelect.replaceChildren(publisherSelect.options[0],
    ...publishers.map((p) => element('option', { value: p.slug, 'data-name': p.name, 'data-name-en': p.nameEn }, publisherName(p))));
  const regionSelect = $('region');
  regionSelect.replaceChildren(regionSelect.options[0], ...regions.map((r) => element('option', { value: r.code }, r.name)));
  publisherSelect.value = state.publisher;
  regionSelect.value = state.region;
}

function relabelPublishers() {
  for (const option of $('publisher').options) {
    if (option.value) option.textContent = state.lang === 'en' && option.dataset.nameEn ? option.dataset.nameEn : option.dataset.name;
  }
}

async function start() {
  applyLanguage();
  $('language').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    applyLanguage();
    relabelPublishers();
    remember();
    render();
  });
  for (const name of ['publisher', 'region']) {
    $(name).addEventListener('change', (event) => {
      state[name] = event.target.value;
      remember();
      if (location.hash.startsWith('#/articles/')) location.hash = '#/'; else render();
    });
  }
  $('scope').addEventListener('submit', (event) => event.preventDefault());
  $('report-search').addEventListener('submit', (event) => {
    event.preventDefault();
    const words = $('report-words').value.trim();
    if (words) searchReports(words, null);
  });
  window.addEventListener('hashchange', render);
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  scopesFilled = fillScopes().catch((error) => { $('status').textContent = t('failed') + error.message; });
  await render();
}

start();
