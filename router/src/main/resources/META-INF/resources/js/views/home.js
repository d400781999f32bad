// Home: my data pods, a new one from a template, and the bookmarks others shared with me.

import {get, mayChange, post, session} from '../api.js';
import {run} from '../activity.js';
import {badge, field, h, put, section, table, when} from '../dom.js';
import {live} from '../live.js';

function pods(list) {
  return table('My data pods', [
    ['Pod', (pod) => h('a', {href: '#/pods/' + encodeURIComponent(pod.name), text: pod.name})],
    ['Status', (pod) => badge(pod.status)],
    ['Template', (pod) => pod.template],
    ['Branch', (pod) => pod.activeBranch],
    ['Databases', (pod) => String(pod.vdbs.length)],
    ['Changed', (pod) => when(pod.updatedAt)],
  ], list, 'No data pods yet.');
}

/** Bookmarks of someone else that I may use: shared with everyone or with me. */
export function sharedWithMe(bookmarks) {
  const me = session().username;
  return bookmarks.filter((bookmark) => bookmark.owner !== me
      && (bookmark.shared || (bookmark.sharedWith || []).includes(me)));
}

function shared(list) {
  return table('Bookmarks shared with me', [
    ['Bookmark', (bookmark) => h('a', {href: '#/bookmarks/' + encodeURIComponent(bookmark.name),
      text: bookmark.name})],
    ['From', (bookmark) => bookmark.owner || '–'],
    ['Tags', (bookmark) => (bookmark.tags || []).join(', ')],
    ['Made', (bookmark) => when(bookmark.createdAt)],
  ], list, 'Nobody has shared a bookmark with you yet.');
}

function createForm() {
  const name = h('input', {id: 'pod-name', required: true,
    autocomplete: 'off'});
  const template = h('select', {id: 'pod-template', required: true});
  live(template, () => get('/templates'), (templates) => templates.map((t) =>
    h('option', {value: t.name, text: t.name + ' (' + t.datasets.map((d) => d.name).join(', ') + ')'})));
  const form = h('form', {class: 'inline'},
      field('Name', name, '1 to 40 lower-case letters, digits, _ or -'), field('Template', template),
      h('button', {type: 'submit', 'data-action': 'create-pod', text: 'Create pod'}));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const pod = name.value.trim();
    run('Create pod ' + pod, () => post('/datapods', {name: pod, template: template.value}),
        () => { location.hash = '#/pods/' + encodeURIComponent(pod); });
  });
  return section('New data pod', form);
}

/** The home view. */
export function homeView(container) {
  put(container,
      h('h1', {text: 'My data pods'}),
      section('Pods', live(h('div'), () => get('/datapods'), pods)),
      mayChange() ? createForm() : null,
      section('Bookmarks shared with me', live(h('div'), async () => sharedWithMe(await get('/bookmarks')), shared)));
}
