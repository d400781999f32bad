// One bookmark, and a private pod made from it: what a developer does with a tester's shared bug.

import {get, mayChange, post, seg} from '../api.js';
import {run} from '../activity.js';
import {badge, field, h, put, section, when} from '../dom.js';
import {live} from '../live.js';

function details(bookmark) {
  const row = (label, value) => [h('dt', {text: label}), h('dd', {}, value)];
  return h('dl', {class: 'facts'},
      row('Status', badge(bookmark.status)),
      row('Owner', bookmark.owner || '–'),
      row('Data pod', bookmark.pod || '–'),
      row('Shared with', bookmark.shared ? 'everyone' : (bookmark.sharedWith || []).join(', ') || 'nobody'),
      row('Tags', (bookmark.tags || []).join(', ') || '–'),
      row('Made', when(bookmark.createdAt)),
      row('Expires', bookmark.expiresAt ? when(bookmark.expiresAt) : 'never'));
}

function podForm(bookmark) {
  const name = h('input', {id: 'from-bookmark-name', required: true,
    autocomplete: 'off'});
  const form = h('form', {class: 'inline'}, field('Name of the new pod', name),
      h('button', {type: 'submit', 'data-action': 'pod-from-bookmark', text: 'Create my pod from it'}));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const pod = name.value.trim();
    run('Create pod ' + pod + ' from ' + bookmark, () => post('/datapods', {name: pod, fromBookmark: bookmark}),
        () => { location.hash = '#/pods/' + encodeURIComponent(pod); });
  });
  return section('A private pod of this bookmark', h('p', {text: 'Your own copy of its data: what you change '
      + 'there changes nothing for anyone else.'}), form);
}

/** The bookmark view. */
export function bookmarkView(container, name) {
  put(container, h('h1', {text: 'Bookmark ' + name}),
      section('Bookmark', live(h('div'), () => get('/bookmarks/' + seg(name)), details)),
      mayChange() ? podForm(name) : null);
}
