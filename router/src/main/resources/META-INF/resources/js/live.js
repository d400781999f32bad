// Views that keep themselves true: each region reloads every few seconds and redraws only when its data changed, so
// that what a user is typing or has focused elsewhere stays as it is.

import {h, put} from './dom.js';

const EVERY_MILLIS = 3000;
let generation = 0;
let regions = [];
let redraws = [];

/** Forgets the regions of the view left; called on every navigation. */
export function leave() {
  generation++;
  regions = [];
  redraws = [];
}

let resizing;
// Drawings are sized to the window when drawn (text in an SVG stays readable): a new size draws them again.
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => redraws.forEach((redraw) => redraw()), 200);
});

/** Reloads every region of the current view now (after an operation). */
export async function refreshAll() {
  await Promise.all(regions.map((region) => region()));
}

/**
 * Keeps container showing render(data) for the data load() gives, reloaded every few seconds while the view is shown.
 */
export function live(container, load, render) {
  const mine = generation;
  let last;
  let data;
  redraws.push(() => {
    if (data !== undefined) put(container, render(data));
  });
  const refresh = async () => {
    if (mine !== generation) return;
    try {
      const loaded = await load();
      const json = JSON.stringify(loaded);
      if (json !== last && mine === generation) {
        last = json;
        data = loaded;
        put(container, render(data));
      }
    } catch (error) {
      if (mine === generation) {
        last = undefined;
        put(container, h('p', {class: 'message error', role: 'alert', text: error.message}));
      }
    }
  };
  regions.push(refresh);
  const loop = async () => {
    await refresh();
    if (mine === generation) setTimeout(loop, document.hidden ? EVERY_MILLIS * 3 : EVERY_MILLIS);
  };
  loop();
  return container;
}
