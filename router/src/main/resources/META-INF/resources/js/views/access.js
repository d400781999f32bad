// Admin: users and their personal access tokens, and the audit log of every change.

import {del, get, post, seg} from '../api.js';
import {run} from '../activity.js';
import {field, h, put, section, table, when} from '../dom.js';
import {live, refreshAll} from '../live.js';

function tokens(user) {
  return table('Tokens of ' + user.username, [
    ['Token', (token) => token.name],
    ['Made', (token) => when(token.createdAt)],
    ['Expires', (token) => when(token.expiresAt)],
    ['Revoked', (token) => token.revokedAt ? when(token.revokedAt) : h('button', {type: 'button',
      class: 'secondary small', 'data-action': 'revoke', text: 'Revoke', onclick: () => run('Revoke of '
        + token.name, () => del('/users/' + seg(user.id) + '/tokens/' + seg(token.id)), refreshAll)})],
  ], user.tokens, 'No tokens.');
}

/** The users, each with its tokens; a token just made is shown in shown, outside what redraws. */
function users(shown) {
  return (list) => h('div', {}, list.map((user) => h('details', {class: 'user'},
      h('summary', {}, h('strong', {text: user.username}), ' — ' + user.roles.join(', ') + ', since '
          + when(user.createdAt) + ', ' + user.tokens.filter((token) => !token.revokedAt).length + ' tokens'),
      tokens(user), tokenForm(user, shown))));
}

function tokenForm(user, shown) {
  const name = h('input', {id: 'token-name-' + user.id, required: true, autocomplete: 'off'});
  const form = h('form', {class: 'inline'}, field('New token name', name),
      h('button', {type: 'submit', 'data-action': 'create-token', text: 'Make token'}));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run('Token ' + name.value + ' for ' + user.username, () => post('/users/' + seg(user.id) + '/tokens',
        {name: name.value.trim()}), (made) => put(shown, h('label', {class: 'field', for: 'made-token'},
        h('span', {text: 'Token ' + made.name + ' of ' + user.username + ', shown this once: copy it now'}),
        h('input', {id: 'made-token', readonly: true, value: made.token}))));
  });
  return form;
}

function userForm() {
  const username = h('input', {id: 'new-username', required: true, autocomplete: 'off'});
  const password = h('input', {id: 'new-password', type: 'password', required: true, minlength: '12',
    autocomplete: 'new-password'});
  const role = h('select', {id: 'new-role'}, ['owner', 'reader', 'admin'].map((value) =>
    h('option', {value, text: value})));
  const form = h('form', {class: 'inline'}, field('User name', username), field('Password', password,
      '12 characters or more'), field('Role', role), h('button', {type: 'submit', 'data-action': 'create-user',
    text: 'Make user'}));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run('User ' + username.value, () => post('/users', {username: username.value.trim(), password: password.value,
      roles: [role.value]}), () => {
      password.value = '';
      return refreshAll();
    });
  });
  return section('New user', form);
}

async function loadUsers() {
  const list = await get('/users');
  return Promise.all(list.map(async (user) => ({...user, tokens: await get('/users/' + seg(user.id) + '/tokens')})));
}

/** The users view. */
export function usersView(container) {
  const shown = h('div', {class: 'once'});
  put(container, h('h1', {text: 'Users and tokens'}), shown, section('Users', live(h('div'), loadUsers,
      users(shown))), userForm());
}

function audit(list) {
  return table('Audit log', [
    ['When', (entry) => when(entry.at)],
    ['User', (entry) => entry.user || '–'],
    ['Request', (entry) => h('code', {text: entry.method + ' ' + entry.path})],
    ['Status', (entry) => String(entry.status)],
    ['Outcome', (entry) => entry.outcome],
    ['Service', (entry) => entry.service],
  ], list, 'Nothing audited yet.');
}

/** The audit view: the newest changes first, of one user when a name is given. */
export function auditView(container) {
  const user = h('input', {id: 'audit-user', autocomplete: 'off', placeholder: 'everyone'});
  const results = h('div');
  let filter = '';
  const form = h('form', {class: 'inline'}, field('User', user), h('button', {type: 'submit', text: 'Show'}));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filter = user.value.trim();
    refreshAll();
  });
  put(container, h('h1', {text: 'Audit log'}), section('Changes, newest first', form,
      live(results, () => get('/audit?limit=100' + (filter ? '&user=' + seg(filter) : '')), audit)));
}
