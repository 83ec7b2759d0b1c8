// The rich-text editor: Tiptap 3 limited to what the service's sanitiser keeps (headings, paragraphs, lists, links,
// tables, emphasis, quotes, code, images of the media library and links to its PDFs), so what an editor sees is what readers get.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { h } from './dom.js';
import { t } from './i18n.js';

/** A table as plain HTML: no inline widths, which the page's CSP and the sanitiser would both drop. */
const PlainTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    return ['table', HTMLAttributes, ['tbody', 0]];
  },
}).configure({ resizable: false });

/**
 * HTML with the media library's images addressed by path on this origin. The service writes them absolute on its public
 * address, which need not be the origin the studio is served from (and the page's CSP allows images of its own origin
 * only); it makes a path absolute again when the text is saved.
 */
export function withLibraryPaths(html) {
  const body = inert(html);
  for (const image of body.querySelectorAll('img[src]')) {
    const path = libraryPath(image.getAttribute('src'));
    if (path) {
      image.setAttribute('src', path);
    }
  }
  return body.innerHTML;
}

/**
 * HTML parsed in a document of its own, where nothing loads or runs, without style attributes: a detached document
 * still answers to the page's CSP, so each style attribute of a paste from Word would be reported as a violation.
 */
function inert(html) {
  const body = document.implementation.createHTMLDocument('').body;
  body.innerHTML = (html ?? '').replace(STYLING, '');
  return body;
}

/** Style and class attributes: Word's mso- styling, which the service would drop, and which CSP refuses to apply. */
const STYLING = /\s(?:style|class)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;

/** The path of a media-library address, whatever host it names; null for any other address. */
export function libraryPath(src) {
  try {
    const url = new URL(src, location.href);
    return url.pathname.startsWith('/api/v1/media-files/') ? url.pathname : null;
  } catch {
    return null;
  }
}

/** Whether an image's address is one of the media library's, which the service keeps; any other is dropped. */
export function isLibraryImage(src) {
  return libraryPath(src) !== null;
}

/**
 * An editor in {@code element} with its toolbar, holding {@code html}. {@code onChange} is called after each change;
 * {@code upload(file)} stores an image in the media library and answers its URL; {@code importImage(url, alt)} imports
 * an image of another site into it (转存) and answers the item, or null; {@code notify(text)} tells the editor
 * something (such as images of other sites that were imported or left out of a paste).
 */
export function createEditor(element, { html, onChange, upload, importImage, notify }) {
  const surface = h('div', { class: 'editor-surface' });
  const editor = new Editor({
    element: surface,
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        horizontalRule: false,
        strike: false,
        link: {
          openOnClick: false,
          autolink: true,
          HTMLAttributes: { rel: 'nofollow noopener', target: null },
        },
      }),
      Image.configure({ inline: false }),
      PlainTable,
      TableRow,
      TableHeader,
      TableCell,
    ],
    content: withLibraryPaths(html),
    editorProps: {
      attributes: { class: 'prose', 'aria-label': t('field.body'), role: 'textbox', 'aria-multiline': 'true' },
      transformPastedHTML: (pasted) => withoutForeignImages(pasted, notify),
      handleDrop: (view, event) => uploadFiles(event.dataTransfer?.files, editor, upload),
      handlePaste: (view, event) =>
        uploadFiles(event.clipboardData?.files, editor, upload) || importPasted(event, editor, importImage, notify),
    },
    onUpdate: () => onChange?.(),
  });

  const button = (label, action, isActive) => {
    const b = h('button', { type: 'button', class: 'tool', title: label, 'aria-label': label, onclick: () => action() }, label);
    b.isActive = isActive;
    return b;
  };
  const chain = () => editor.chain().focus();
  // the toolbar's file choosers: hidden, each opened by its button
  const chooser = (accept) =>
    h('input', {
      type: 'file',
      accept,
      class: 'visually-hidden',
      tabindex: '-1',
      'aria-hidden': 'true',
      onchange: (event) => {
        uploadFiles(event.target.files, editor, upload);
        event.target.value = '';
      },
    });
  const fileInput = chooser('image/*');
  const pdfInput = chooser('application/pdf');
  const tools = [
    button(t('toolbar.paragraph'), () => chain().setParagraph().run(), () => editor.isActive('paragraph')),
    button(t('toolbar.h2'), () => chain().toggleHeading({ level: 2 }).run(), () => editor.isActive('heading', { level: 2 })),
    button(t('toolbar.h3'), () => chain().toggleHeading({ level: 3 }).run(), () => editor.isActive('heading', { level: 3 })),
    button(t('toolbar.bold'), () => chain().toggleBold().run(), () => editor.isActive('bold')),
    button(t('toolbar.italic'), () => chain().toggleItalic().run(), () => editor.isActive('italic')),
    button(t('toolbar.bulletList'), () => chain().toggleBulletList().run(), () => editor.isActive('bulletList')),
    button(t('toolbar.orderedList'), () => chain().toggleOrderedList().run(), () => editor.isActive('orderedList')),
    button(t('toolbar.link'), () => setLink(editor), () => editor.isActive('link')),
    button(t('toolbar.table'), () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()),
    button(t('toolbar.addRow'), () => chain().addRowAfter().run()),
    button(t('toolbar.addColumn'), () => chain().addColumnAfter().run()),
    button(t('toolbar.deleteTable'), () => chain().deleteTable().run()),
    button(t('toolbar.image'), () => fileInput.click()),
    button(t('toolbar.pdf'), () => pdfInput.click()),
    button(t('toolbar.undo'), () => chain().undo().run()),
    button(t('toolbar.redo'), () => chain().redo().run()),
  ];
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('field.body') }, tools, fileInput, pdfInput);
  const refresh = () => {
    for (const tool of tools) {
      tool.setAttribute('aria-pressed', tool.isActive ? String(Boolean(tool.isActive())) : 'false');
    }
  };
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  element.append(toolbar, surface);
  return editor;
}

function setLink(editor) {
  const previous = editor.getAttributes('link').href ?? 'https://';
  const href = window.prompt(t('toolbar.linkPrompt'), previous);
  if (href === null) {
    return;
  }
  if (href.trim() === '') {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
  } else {
    editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
  }
}

/** The widest an article's column shows an image; a wider upload is shown by its rendition of this width. */
const BODY_WIDTH = 1280;

/** The library address a body shows an image by: the rendition of the column's width when the image is wider. */
export function bodyImagePath(media) {
  const fits = (media.renditions ?? []).filter((rendition) => rendition.width <= BODY_WIDTH);
  const rendition = fits[fits.length - 1];
  return libraryPath(media.width > BODY_WIDTH && rendition ? rendition.url : media.url);
}

/**
 * Uploads dropped, pasted or chosen files and inserts them: an image where the cursor is, a PDF as a link to it named
 * by its title (an attachment readers download); answers whether there were any.
 */
function uploadFiles(files, editor, upload) {
  const accepted = Array.from(files ?? []).filter((file) => file.type.startsWith('image/') || file.type === 'application/pdf');
  if (accepted.length === 0 || !upload) {
    return false;
  }
  (async () => {
    for (const file of accepted) {
      const media = await upload(file);
      if (!media) {
        continue;
      }
      if (media.mediaType === 'application/pdf') {
        const name = media.title || media.originalName;
        editor.chain().focus().insertContent([{ type: 'text', text: name, marks: [{ type: 'link', attrs: { href: libraryPath(media.url) } }] }, { type: 'text', text: ' ' }]).run();
      } else {
        editor.chain().focus().setImage({ src: bodyImagePath(media), alt: media.alt ?? '' }).run();
      }
    }
  })();
  return true;
}

/** Imports at once: a WeChat article has a score of images, and each import is a fetch by the service. */
const IMPORTS_AT_ONCE = 4;

/**
 * A paste with images of other sites (a WeChat article, a centre's page): the images are imported into the library
 * first (转存), then the paste goes in where it was made, with the library's addresses; those that could not be
 * imported are left out, and the editor is told how many. Answers whether it took the paste.
 */
function importPasted(event, editor, importImage, notify) {
  const html = event.clipboardData?.getData('text/html');
  if (!html || !importImage) {
    return false;
  }
  const body = inert(html);
  const foreign = Array.from(body.querySelectorAll('img')).filter((img) => !isLibraryImage(img.getAttribute('src') ?? ''));
  if (foreign.length === 0) {
    return false;
  }
  const { from, to } = editor.state.selection;
  notify?.(t('editor.importing', { count: foreign.length }));
  (async () => {
    let failed = 0;
    const waiting = [...foreign];
    const importNext = async () => {
      for (let img = waiting.shift(); img; img = waiting.shift()) {
        const address = sourceOf(img);
        const media = address ? await importImage(address, img.getAttribute('alt') || null) : null;
        if (media && media.mediaType !== 'application/pdf') {
          // made in the pasted HTML's own document, where nothing loads
          const imported = img.ownerDocument.createElement('img');
          imported.setAttribute('src', bodyImagePath(media));
          imported.setAttribute('alt', img.getAttribute('alt') || media.alt || '');
          img.replaceWith(imported);
        } else {
          const holder = img.parentElement;
          img.remove();
          if (holder?.tagName === 'P' && holder.textContent.trim() === '' && !holder.querySelector('img')) {
            holder.remove(); // no empty paragraph where the image was
          }
          failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: IMPORTS_AT_ONCE }, importNext));
    editor.chain().focus().insertContentAt({ from, to }, withoutForeignImages(body.innerHTML)).run();
    notify?.(failed === 0
      ? t('editor.imported', { count: foreign.length })
      : t('editor.importFailed', { count: failed, imported: foreign.length - failed }));
  })();
  return true;
}

/** Where a pasted image is: a WeChat article loads its images lazily from data-src; http(s) addresses only. */
function sourceOf(img) {
  const address = [img.getAttribute('data-src'), img.getAttribute('src')].find((candidate) => /^https?:\/\//i.test(candidate ?? ''));
  try {
    return address ? new URL(address).href : null; // a Chinese file name percent-encoded, as the service takes it
  } catch {
    return null;
  }
}

/**
 * Pasted HTML without images of other sites: the service would drop them silently, so they are left out here and the
 * editor is told how many, to upload them instead.
 */
function withoutForeignImages(html, notify) {
  const body = inert(html);
  const foreign = Array.from(body.querySelectorAll('img')).filter((img) => !isLibraryImage(img.getAttribute('src') ?? ''));
  foreign.forEach((img) => img.remove());
  body.querySelectorAll('img[src]').forEach((img) => img.setAttribute('src', libraryPath(img.getAttribute('src'))));
  if (foreign.length > 0) {
    notify?.(t('editor.foreignImages', { count: foreign.length }));
  }
  return body.innerHTML;
}
