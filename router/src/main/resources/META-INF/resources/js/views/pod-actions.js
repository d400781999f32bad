// What a pod's owners (and admins) do with it; readers never see these. Each is one request, followed to its end.

import {del, get, post, seg, session} from '../api.js';
import {run} from '../activity.js';
import {field, h, section} from '../dom.js';
import {refreshAll} from '../live.js';

let ids = 0;
const id = (base) => base + '-' + (++ids);

function act(label, start, onSuccess) {
  return run(label, start, async (answer) => {
    if (onSuccess) await onSuccess(answer);
    await refreshAll();
  });
}

function button(action, label, onclick, attrs) {
  return h('button', {type: 'button', 'data-action': action, text: label, onclick, ...attrs});
}

/** A small form: its fields, a submit button, and what submitting does with the values. */
function form(action, label, fields, submit) {
  const element = h('form', {class: 'inline', 'data-form': action}, fields,
      h('button', {type: 'submit', 'data-action': action, text: label}));
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  return element;
}

function input(base, attrs) {
  return h('input', {id: id(base), autocomplete: 'off', ...attrs});
}

function select(base, values, attrs) {
  return h('select', {id: id(base), ...attrs}, values.map((value) => h('option', {value, text: value})));
}

function simple(pod, path) {
  return () => post('/datapods/' + seg(pod.id) + path);
}

function oneClick(pod) {
  const base = '/datapods/' + seg(pod.id);
  return h('div', {class: 'toolbar'},
      button('reset', 'Reset', () => act('Reset of ' + pod.name, simple(pod, '/reset')),
          {title: 'Back to the last bookmark, restore or refresh'}),
      button('undo', 'Undo', () => act('Undo on ' + pod.name, simple(pod, '/undo')),
          {disabled: !pod.undo, title: pod.undo ? 'Bring back: ' + pod.undo : 'Nothing to undo'}),
      button('refresh', 'Refresh', () => act('Refresh of ' + pod.name, simple(pod, '/refresh')),
          {title: 'Every database to the template\'s newest data'}),
      pod.lockedBy
        ? button('unlock', 'Unlock', () => act('Unlock of ' + pod.name, simple(pod, '/unlock')))
        : button('lock', 'Lock', () => act('Lock of ' + pod.name, simple(pod, '/lock')),
            {title: 'Nobody else may change it until you unlock it'}),
      button('delete', 'Delete pod', () => {
        if (!window.confirm('Delete data pod ' + pod.name + ' and its databases? Its bookmarks stay.')) return;
        act('Delete of ' + pod.name, () => del(base), () => { location.hash = '#/'; });
      }, {class: 'danger'}));
}

function bookmarkForm(pod) {
  const name = input('bookmark-name', {required: true, placeholder: 'e.g. bug-4711'});
  const tags = input('bookmark-tags', {placeholder: 'comma separated'});
  return form('bookmark', 'Bookmark', [field('Bookmark name', name), field('Tags', tags)], () => act(
      'Bookmark ' + name.value, () => post('/datapods/' + seg(pod.id) + '/bookmarks', {name: name.value.trim(),
        tags: tags.value.split(',').map((tag) => tag.trim()).filter(Boolean)}), () => { name.value = ''; }));
}

function restoreForms(pod) {
  const bookmark = select('restore-bookmark', pod.bookmarks, {required: true});
  const moment = input('restore-time', {type: 'datetime-local', step: '1', required: true});
  const restore = (label, body) => act(label, () => post('/datapods/' + seg(pod.id) + '/restore', body));
  return [
    pod.bookmarks.length ? form('restore-bookmark', 'Restore to bookmark', field('Bookmark', bookmark),
        () => restore('Restore of ' + pod.name + ' to ' + bookmark.value, {bookmark: bookmark.value})) : null,
    form('restore-time', 'Restore to time', field('Moment (your time)', moment, pod.timelineFrom
      ? 'after ' + new Date(pod.timelineFrom).toLocaleString() : null),
    () => restore('Restore of ' + pod.name + ' to ' + moment.value,
        {timestamp: new Date(moment.value).toISOString()})),
  ];
}

function branchForms(pod) {
  const name = input('branch-name', {required: true, placeholder: 'e.g. fix-4711'});
  const from = select('branch-from', pod.bookmarks, {required: true});
  const others = pod.branches.filter((branch) => !branch.active).map((branch) => branch.name);
  const target = select('branch-activate', others, {required: true});
  return [
    pod.bookmarks.length ? form('branch', 'New branch', [field('Branch name', name), field('From bookmark', from)],
        () => act('Branch ' + name.value, () => post('/datapods/' + seg(pod.id) + '/branches',
            {name: name.value.trim(), fromBookmark: from.value}))) : null,
    others.length ? form('activate', 'Activate branch', field('Branch', target), () => act('Activation of '
        + target.value, () => post('/datapods/' + seg(pod.id) + '/branches/' + seg(target.value) + '/activate')))
      : null,
  ];
}

function shareForm(pod) {
  if (!pod.bookmarks.length) return null;
  const bookmark = select('share-bookmark', pod.bookmarks, {required: true});
  const users = h('select', {id: id('share-users'), required: true});
  get('/users').then((list) => users.replaceChildren(...list.map((user) => user.username)
      .filter((user) => user !== session().username).map((user) => h('option', {value: user, text: user}))));
  return form('share', 'Share', [field('Bookmark', bookmark), field('With user', users)], () => act('Share of '
      + bookmark.value + ' with ' + users.value, () => post('/bookmarks/' + seg(bookmark.value) + '/share',
      {users: [users.value]})));
}

/** The actions on pod: {id, name, lockedBy, undo, timelineFrom, bookmarks: [name], branches: [{name, active}]}. */
export function actions(pod) {
  return section('Actions', oneClick(pod),
      h('div', {class: 'forms'}, bookmarkForm(pod), restoreForms(pod), branchForms(pod), shareForm(pod)));
}
