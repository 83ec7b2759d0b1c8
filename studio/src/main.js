// The studio's shell: who is signed in, the navigation, the language switch, and a route per page (#/articles/…).
import { api, ApiError, onSessionEnded, setCsrfToken } from './api.js';
import { h, show } from './dom.js';
import { language, setLanguage, t } from './i18n.js';
import { signInPage } from './pages/sign-in.js';
import { homePage } from './pages/home.js';
import { articlesPage } from './pages/articles.js';
import { articlePage } from './pages/article.js';
import { accountsPage } from './pages/accounts.js';
import { passwordPage } from './pages/password.js';
import { figureImportPage } from './pages/figure-import.js';
import { figurePage, figuresPage } from './pages/figures.js';
import { mediaPage } from './pages/media.js';
import { auditPage, tokensPage, webhookPage, webhooksPage } from './pages/admin.js';

const ROUTES = [
  [/^#\/$/, homePage],
  [/^#\/articles$/, articlesPage],
  [/^#\/articles\/new$/, (context) => articlePage(context, null)],
  [/^#\/articles\/([0-9a-f-]{36})$/, (context, id) => articlePage(context, id)],
  [/^#\/figures$/, figuresPage],
  [/^#\/figures\/import$/, figureImportPage],
  [/^#\/figures\/new$/, (context) => figurePage(context, null, null)],
  [/^#\/figures\/(fund|sales)\/([0-9a-f-]{36})$/, figurePage],
  [/^#\/media$/, mediaPage],
  [/^#\/accounts$/, accountsPage],
  [/^#\/tokens$/, tokensPage],
  [/^#\/webhooks$/, webhooksPage],
  [/^#\/webhooks\/([0-9a-f-]{36})$/, webhookPage],
  [/^#\/audit(\?.*)?$/, auditPage],
  [/^#\/password$/, passwordPage],
];

/** What every page is given: the signed-in person, the main element, and how to leave safely. */
const context = {
  session: null,
  main: null,
  /** Set by a page with unsaved changes: answers whether leaving it is fine. */
  leaving: null,
  go(hash) {
    location.hash = hash;
  },
  signedOut() {
    localStorage.removeItem(SIGNED_IN);
    context.session = null;
    setCsrfToken(null);
    render();
  },
};

/** Set while this browser holds a session, so that a signed-out start does not ask the service (and fail). */
const SIGNED_IN = 'studio.signedIn';

async function start() {
  setLanguage(language());
  if (localStorage.getItem(SIGNED_IN)) {
    try {
      const session = (await api('GET', '/session')).body;
      context.session = session;
      setCsrfToken(session.csrfToken);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) {
        throw error;
      }
      localStorage.removeItem(SIGNED_IN);
    }
  }
  onSessionEnded(() => context.signedOut());
  window.addEventListener('hashchange', () => render());
  window.addEventListener('beforeunload', (event) => {
    if (context.leaving && !context.leaving(true)) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
  render();
}

let shownHash = null;

function render() {
  const body = document.body;
  if (context.leaving && location.hash !== shownHash && !context.leaving(false)) {
    history.replaceState(null, '', shownHash);
    return;
  }
  context.leaving = null;
  document.title = t('app.title');
  if (!context.session) {
    context.main = h('main', { id: 'main', class: 'narrow' });
    show(body, header(), context.main);
    shownHash = location.hash;
    signInPage(context, (session) => {
      localStorage.setItem(SIGNED_IN, '1');
      context.session = session;
      setCsrfToken(session.csrfToken);
      if (!location.hash || location.hash === '#') {
        location.hash = '#/';
      }
      render();
    });
    return;
  }
  if (!location.hash || location.hash === '#') {
    history.replaceState(null, '', '#/');
  }
  shownHash = location.hash;
  context.main = h('main', { id: 'main' });
  show(body, header(), context.main);
  for (const [pattern, page] of ROUTES) {
    const match = location.hash.match(pattern);
    if (match) {
      page(context, ...match.slice(1));
      return;
    }
  }
  homePage(context);
}

function header() {
  const account = context.session?.account;
  const link = (hash, key) => h('a', { href: hash, 'aria-current': location.hash === hash ? 'page' : null }, t(key));
  const languageSwitch = h(
    'button',
    {
      type: 'button',
      class: 'language',
      lang: language() === 'zh' ? 'en' : 'zh-CN',
      onclick: () => {
        setLanguage(language() === 'zh' ? 'en' : 'zh');
        shownHash = null;
        render();
      },
    },
    t('nav.language'),
  );
  if (!account) {
    return h('header', { class: 'top' }, h('span', { class: 'brand' }, t('app.title')), h('nav', {}, languageSwitch));
  }
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '#/' }, t('app.title')),
    h(
      'nav',
      { 'aria-label': t('app.title') },
      link('#/', 'nav.home'),
      link('#/articles', 'nav.articles'),
      account.role !== 'reader' ? link('#/articles/new', 'nav.newArticle') : null,
      link('#/figures', 'nav.figures'),
      link('#/media', 'nav.media'),
      account.role === 'admin' ? [link('#/accounts', 'nav.accounts'), link('#/tokens', 'nav.tokens'), link('#/webhooks', 'nav.webhooks'), link('#/audit', 'nav.audit')] : null,
      link('#/password', 'nav.password'),
      h('span', { class: 'who', title: account.login }, account.displayName),
      languageSwitch,
      h(
        'button',
        {
          type: 'button',
          class: 'sign-out',
          onclick: async () => {
            await api('DELETE', '/session').catch(() => null);
            context.signedOut();
          },
        },
        t('nav.signOut'),
      ),
    ),
  );
}

start();
