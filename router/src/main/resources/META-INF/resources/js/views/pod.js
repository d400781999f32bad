// A data pod: its state, its databases and how to connect, its timeline, its bookmarks, and what its owners do with it.

import {get, mayChange, seg} from '../api.js';
import {badge, h, put, section, table, when} from '../dom.js';
import {live} from '../live.js';
import {timeline} from '../timeline.js';
import {actions} from './pod-actions.js';

const optional = (promise, otherwise) => promise.catch(() => otherwise);

/** Everything the page shows, loaded at once and shared by its regions for a second. */
function loader(name) {
  let cached;
  let at = 0;
  return () => {
    if (!cached || Date.now() - at > 1000) {
      at = Date.now();
      cached = (async () => {
        const pod = await get('/datapods/' + seg(name));
        const [branches, bookmarks, vdbs, snapshots] = await Promise.all([
          get('/datapods/' + seg(pod.id) + '/branches'),
          get('/bookmarks'),
          Promise.all(pod.vdbs.map((member) => optional(get('/vdbs/' + seg(member.vdbId)),
              {id: member.vdbId, name: member.vdbName, status: 'UNKNOWN'}))),
          pod.vdbs.length ? optional(get('/datasets/' + seg(pod.vdbs[0].vdbId) + '/snapshots'), []) : [],
        ]);
        return {pod, branches, vdbs, snapshots, bookmarks: bookmarks.filter((b) => b.pod === pod.id)};
      })();
    }
    return cached;
  };
}

function summary({pod}) {
  const row = (label, value) => [h('dt', {text: label}), h('dd', {}, value)];
  return h('div', {},
      h('dl', {class: 'facts'},
          row('Status', badge(pod.status)),
          row('Branch', pod.activeBranch),
          row('Reset goes to', pod.resetTo || '–'),
          row('Undo would bring back', pod.undo || 'nothing'),
          row('Owners', pod.owners.join(', ')),
          row('Locked by', pod.lockedBy || 'nobody'),
          row('Expires', pod.expiresAt ? when(pod.expiresAt) : 'never')),
      pod.error ? h('p', {class: 'message error', text: pod.error}) : null);
}

/** The command that connects to a database, without its password. */
export function connectCommand(vdb) {
  const c = vdb.connection;
  if (!c) return '';
  if (vdb.engine === 'mariadb') return `mariadb -h ${c.host} -P ${c.port} -u ${c.user} -p ${c.database}`;
  return `psql "host=${c.host} port=${c.port} dbname=${c.database} user=${c.user}"`;
}

function copyButton(label, text) {
  return h('button', {type: 'button', class: 'secondary small', 'aria-label': label, text: 'Copy',
    onclick: async (event) => {
      await navigator.clipboard.writeText(text());
      event.target.textContent = 'Copied';
    }});
}

function databases(revealed, rerender) {
  return ({pod, vdbs}) => table('Databases', [
    ['Database', (vdb) => vdb.name],
    ['Engine', (vdb) => vdb.engine || '–'],
    ['Status', (vdb) => badge(vdb.status)],
    ['Connect', (vdb) => h('div', {class: 'connect'},
        h('code', {class: 'command', 'data-vdb': vdb.name, text: connectCommand(vdb)}),
        copyButton('Copy the command for ' + vdb.name, () => connectCommand(vdb)))],
    ['Password', (vdb) => !mayChange(pod.owners) ? 'its owners only' : revealed.has(vdb.id)
        ? h('div', {class: 'connect'}, h('code', {class: 'password', text: revealed.get(vdb.id)}),
            copyButton('Copy the password of ' + vdb.name, () => revealed.get(vdb.id)))
        : h('button', {type: 'button', class: 'secondary small', 'data-reveal': vdb.name,
          text: 'Show password', onclick: async () => {
            const credentials = await get('/vdbs/' + seg(vdb.id) + '/credentials');
            revealed.set(vdb.id, credentials.password);
            rerender();
          }})],
  ], vdbs, 'No databases.');
}

function bookmarkList({bookmarks}) {
  return table('Bookmarks', [
    ['Bookmark', (b) => h('a', {href: '#/bookmarks/' + encodeURIComponent(b.name), text: b.name})],
    ['Status', (b) => badge(b.status)],
    ['Shared with', (b) => b.shared ? 'everyone' : (b.sharedWith || []).join(', ') || 'nobody'],
    ['Tags', (b) => (b.tags || []).join(', ')],
    ['Made', (b) => when(b.createdAt)],
  ], bookmarks, 'No bookmarks yet: bookmark the pod to come back to this state.');
}

/** The pod view. */
export function podView(container, name) {
  const load = loader(name);
  const revealed = new Map();
  const vdbRegion = h('div');
  const redrawDatabases = async () => put(vdbRegion, databases(revealed, redrawDatabases)(await load()));
  put(container, h('h1', {text: 'Data pod ' + name}),
      section('State', live(h('div'), load, summary)),
      section('Databases', live(vdbRegion, load, databases(revealed, redrawDatabases))),
      section('Timeline', live(h('div'), load, (data) => timeline(data.pod, data.branches, data.bookmarks,
          data.snapshots))),
      live(h('div', {class: 'actions-region'}), async () => {
        const {pod, bookmarks, branches} = await load();
        // Only what the forms offer, so that a change elsewhere does not redraw what the user is filling in.
        return mayChange(pod.owners) ? {id: pod.id, name: pod.name, lockedBy: pod.lockedBy, undo: pod.undo,
          timelineFrom: pod.timelineFrom, bookmarks: bookmarks.map((b) => b.name),
          branches: branches.map((b) => ({name: b.name, active: b.active}))} : null;
      }, (pod) => pod ? actions(pod) : []),
      section('Bookmarks', live(h('div'), load, bookmarkList)));
}
