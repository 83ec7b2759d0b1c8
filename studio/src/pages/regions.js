// A GB/T 2260 region picker: province → prefecture → county, each list filtered by the name typed, and the chosen
// regions as removable chips.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../i18n.js';

const names = new Map();

async function children(parent, level) {
  const query = parent ? `parent=${parent}` : `level=${level}`;
  const regions = (await api('GET', `/regions?${query}&limit=100`)).body.items;
  regions.forEach((region) => names.set(region.code, region.name));
  return regions;
}

export function regionPicker(initial, onChange) {
  let codes = [...initial];
  const chips = h('ul', { class: 'chips', id: 'region-chips' });
  const filter = h('input', { type: 'search', id: 'region-search', placeholder: t('editor.regionSearch'), 'aria-label': t('editor.regionSearch') });
  const levels = ['province', 'prefecture', 'county'].map((level) =>
    h('select', { id: `region-${level}`, 'aria-label': t(`regions.${level}`), disabled: level !== 'province' }, h('option', { value: '' }, t(`regions.${level}`))),
  );
  const loaded = [[], [], []];
  const fill = (index, regions) => {
    loaded[index] = regions;
    const needle = filter.value.trim();
    show(
      levels[index],
      h('option', { value: '' }, t(`regions.${['province', 'prefecture', 'county'][index]}`)),
      regions.filter((r) => !needle || r.name.includes(needle)).map((r) => h('option', { value: r.code }, r.name)),
    );
    levels[index].disabled = regions.length === 0;
  };
  levels.forEach((select, index) =>
    select.addEventListener('change', async () => {
      for (let below = index + 1; below < levels.length; below++) {
        fill(below, []);
      }
      if (select.value && index + 1 < levels.length) {
        fill(index + 1, await children(select.value));
      }
    }),
  );
  filter.addEventListener('input', () => loaded.forEach((regions, index) => regions.length && fill(index, regions)));
  const add = h(
    'button',
    {
      type: 'button',
      id: 'region-add',
      onclick: () => {
        const chosen = [...levels].reverse().find((select) => select.value)?.value;
        if (chosen && !codes.includes(chosen)) {
          codes.push(chosen);
          renderChips();
          onChange();
        }
      },
    },
    t('regions.add'),
  );
  const renderChips = () =>
    show(
      chips,
      codes.map((code) => {
        const name = names.get(code) ?? code;
        return h(
          'li',
          { 'data-code': code },
          `${name} ${code}`,
          h('button', {
            type: 'button',
            class: 'chip-remove',
            'aria-label': t('regions.remove', { name }),
            onclick: () => {
              codes = codes.filter((c) => c !== code);
              renderChips();
              onChange();
            },
          }, '×'),
        );
      }),
    );
  children(null, 'province').then((regions) => fill(0, regions));
  Promise.all(initial.map((code) => api('GET', `/regions/${code}`).then((r) => names.set(code, r.body.name)).catch(() => null))).then(renderChips);
  renderChips();
  return {
    element: h('div', { class: 'region-picker' }, chips, filter, h('div', { class: 'region-levels' }, levels), add),
    codes: () => [...codes],
    set: (next) => {
      codes = [...next];
      renderChips();
    },
  };
}
