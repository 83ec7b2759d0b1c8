// An image's focal point: where its subject is, set by a click on the image or with the arrow keys, and the crops that
// pages showing it as a square thumbnail or a wide card will make around it.
import { h } from './dom.js';
import { t } from './i18n.js';

const STEP = 0.05;
const KEYS = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };

/** A fraction of the image, kept inside it and to three decimals. */
const fraction = (value) => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;

/** Where an image with this focal point is placed in a box that crops it (CSS object-position). */
export function objectPosition(point) {
  return `${(point?.x ?? 0.5) * 100}% ${(point?.y ?? 0.5) * 100}%`;
}

/** A picker over the image at {@code src}, starting at {@code point}; answers {element, point()}. */
export function focalPicker(src, alt, point) {
  let current = { x: point?.x ?? 0.5, y: point?.y ?? 0.5 };
  const image = h('img', { src, alt, draggable: 'false' });
  const marker = h('span', { class: 'focal-marker', 'aria-hidden': 'true' });
  const status = h('p', { class: 'meta', id: 'focal-status', 'aria-live': 'polite' });
  const area = h('div', { class: 'focal-area', id: 'focal-area', tabindex: 0, role: 'group', 'aria-label': t('focal.label'), 'aria-describedby': status.id }, image, marker);
  const crops = ['square', 'wide'].map((shape) => h('img', { class: `focal-crop ${shape}`, src, alt: '', 'data-shape': shape }));
  const draw = () => {
    marker.style.left = `${current.x * 100}%`;
    marker.style.top = `${current.y * 100}%`;
    crops.forEach((crop) => (crop.style.objectPosition = objectPosition(current)));
    status.textContent = t('focal.at', { x: Math.round(current.x * 100), y: Math.round(current.y * 100) });
  };
  const move = (x, y) => {
    current = { x: fraction(x), y: fraction(y) };
    draw();
  };
  area.addEventListener('click', (event) => {
    const box = image.getBoundingClientRect();
    move((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
  });
  area.addEventListener('keydown', (event) => {
    const delta = KEYS[event.key];
    if (delta) {
      event.preventDefault();
      move(current.x + delta[0], current.y + delta[1]);
    }
  });
  draw();
  return {
    element: h('div', { class: 'focal' }, area, status, h('p', { class: 'meta' }, t('focal.hint')), h('div', { class: 'focal-crops' }, crops)),
    point: () => ({ ...current }),
  };
}
