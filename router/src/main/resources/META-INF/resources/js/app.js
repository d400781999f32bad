// The console's shell: sign-in, navigation and the views by URL fragment (#/pods/qa-pod). No secret is ever part of a
// URL: the fragment names only what is shown.

import {ApiError, isAdmin, session, signIn, signOut, whenUnauthorized} from './api.js';
import {say} from './activity.js';
import {h, put} from './dom.js';
import {leave} from './live.js';
import {homeView} from './views/home.js';
import {podView} from './views/pod.js';
import {bookmarkView} from './views/bookmark.js';
import {sourcesView, maskedView, jobsView} from './views/data.js';
import {storageView} from './views/storage.js';
import {usersView, auditView} from './views/access.js';

/** Each view: the fragment it answers, the function that draws it, its link in the bar, admins only or not. */
const ROUTES = [
  {pattern: /^\/$/, view: homeView, link: ['/', 'My pods']},
  {pattern: /^\/pods\/([^/]+)$/, view: podView},
  {pattern: /^\/bookmarks\/([^/]+)$/, view: bookmarkView},
  {pattern: /^\/admin\/sources$/, view: sourcesView, link: ['/admin/sources', 'Sources'], admin: true},
  {pattern: /^\/admin\/masked$/, view: maskedView, link: ['/admin/masked', 'Masked datasets'], admin: true},
  {pattern: /^\/admin\/storage$/, view: storageView, link: ['/admin/storage', 'Storage'], admin: true},
  {pattern: /^\/admin\/users$/, view: usersView, link: ['/admin/users', 'Users'], admin: true},
  {pattern: /^\/admin\/audit$/, view: auditView, link: ['/admin/audit', 'Audit log'], admin: true},
  {pattern: /^\/admin\/jobs$/, view: jobsView, link: ['/admin/jobs', 'Jobs'], admin: true},
];

const main = () => document.getElementById('main');

function navigation() {
  const current = location.hash.slice(1) || '/';
  const links = ROUTES.filter((route) => route.link && (!route.admin || isAdmin())).map(({link: [path, label]}) =>
    h('a', {href: '#' + path, 'aria-current': current === path ? 'page' : null, text: label}));
  put(document.getElementById('nav'), session() ? links : []);
  const me = session();
  put(document.getElementById('who'), me ? [h('span', {text: me.username + ' (' + me.roles.join(', ') + ')'}),
    h('button', {type: 'button', class: 'secondary', 'data-nav': 'sign-out', text: 'Sign out', onclick: () => {
      signOut();
      show();
    }})] : []);
}

function loginView(container, reason) {
  const username = h('input', {id: 'username', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {id: 'password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true});
  const error = h('p', {class: 'message error', role: 'alert', hidden: !reason, text: reason || ''});
  const form = h('form', {class: 'card narrow', method: 'post', 'aria-labelledby': 'sign-in-title'},
      h('h1', {id: 'sign-in-title', text: 'Sign in to Strata'}), error,
      h('label', {class: 'field', for: 'username'}, h('span', {text: 'User name'}), username),
      h('label', {class: 'field', for: 'password'}, h('span', {text: 'Password'}), password),
      h('button', {type: 'submit', id: 'sign-in', text: 'Sign in'}));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await signIn(username.value.trim(), password.value);
      password.value = '';
      show();
    } catch (failure) {
      password.value = '';
      error.hidden = false;
      error.textContent = failure instanceof ApiError ? failure.message : String(failure);
      password.focus();
    }
  });
  put(container, form);
  username.focus();
}

/** Shows the view the fragment names, or the sign-in form. */
export function show(reason) {
  leave();
  navigation();
  const container = main();
  if (!session()) {
    loginView(container, reason);
    return;
  }
  const path = location.hash.slice(1) || '/';
  for (const route of ROUTES) {
    const match = path.match(route.pattern);
    if (match && (!route.admin || isAdmin())) {
      put(container);
      route.view(container, ...match.slice(1).map(decodeURIComponent));
      container.focus({preventScroll: true});
      return;
    }
  }
  put(container, h('section', {class: 'card'}, h('h1', {text: 'Not found'}),
      h('p', {}, 'Nothing here. ', h('a', {href: '#/', text: 'Back to my pods'}))));
}

whenUnauthorized((detail) => {
  say('error', 'Signed out: ' + (detail || 'the session ended') + ' Sign in again.');
  show();
});
window.addEventListener('hashchange', () => show());
show();
