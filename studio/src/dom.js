// Building the page without innerHTML: every text from the API or the editor goes in as text, never as markup.

/** An element with attributes (on* are listeners) and children (nodes or text; null and false are skipped). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
}

/** Replaces the children of an element. */
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A time in China Standard Time, as editors read it: 2026-12-01 09:30. */
export function shanghaiTime(instant) {
  if (!instant) {
    return '';
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

const ENTITIES = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' };

/**
 * A passage as the API's searches mark it (HTML-escaped text, each hit in <mark>) as nodes: the text as text, the hits
 * as <mark> elements; nothing else it could say becomes markup.
 */
export function marked(snippet) {
  const text = (escaped) => escaped.replace(/&(lt|gt|amp|quot);/g, (entity) => ENTITIES[entity]);
  return snippet.split(/(<mark>.*?<\/mark>)/).filter(Boolean).map((part) =>
    part.startsWith('<mark>') ? h('mark', {}, text(part.slice(6, -7))) : text(part));
}
