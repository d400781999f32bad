// Long operations: the job's step and percent while it runs, then one clear success or error line.

import {ApiError, get, seg} from './api.js';
import {h, put} from './dom.js';

const POLL_MILLIS = 700;
const ENDED = ['SUCCEEDED', 'FAILED', 'CANCELED'];

const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

/** Polls the job until it ends, telling onProgress each time; resolves to the ended job. */
export async function follow(jobId, onProgress) {
  for (;;) {
    let job;
    try {
      job = await get('/jobs/' + seg(jobId));
    } catch (error) {
      // Another service's job reaches the catalog's joined view a moment after the 202.
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      job = {state: 'PENDING', percent: 0, step: 'waiting for the job to start'};
    }
    onProgress(job);
    if (ENDED.includes(job.state)) return job;
    await sleep(POLL_MILLIS);
  }
}

function panel() {
  return document.getElementById('activity');
}

/** A message that stays until the next one: kind is 'ok', 'error' or 'info'. */
export function say(kind, text) {
  put(panel(), h('p', {class: 'message ' + kind, role: kind === 'error' ? 'alert' : null, 'data-outcome': kind},
      h('span', {text}),
      h('button', {type: 'button', class: 'link', 'aria-label': 'Dismiss', text: '×',
        onclick: () => put(panel())})));
}

function showProgress(label, job) {
  const percent = Math.max(0, Math.min(100, job.percent || 0));
  put(panel(), h('div', {class: 'message running', 'data-outcome': 'running'},
      h('span', {text: label + ': ' + (job.step || job.state.toLowerCase()) + ' — ' + percent + '%'}),
      h('progress', {max: '100', value: String(percent), 'aria-label': label + ' progress'})));
}

/**
 * Runs one operation: start() makes the request; a 202's job is followed with its step and percent. Resolves to
 * true on success; an error (the problem's detail or the job's error) is shown and resolves to false.
 */
export async function run(label, start, onSuccess) {
  showProgress(label, {state: 'PENDING', percent: 0, step: 'asking'});
  try {
    const answer = await start();
    if (answer && answer.jobId) {
      const job = await follow(answer.jobId, (progress) => showProgress(label, progress));
      if (job.state !== 'SUCCEEDED') {
        say('error', label + ' failed: ' + (job.error || job.state.toLowerCase()));
        return false;
      }
    }
    say('ok', label + ' done.');
    if (onSuccess) await onSuccess(answer);
    return true;
  } catch (error) {
    say('error', label + ' failed: ' + error.message);
    return false;
  }
}
