// Admin views of what Strata holds and does: sources with their sync and lag, masked datasets with their last
// verification, and the jobs.

import {get} from '../api.js';
import {badge, bytes, h, put, section, table, when} from '../dom.js';
import {live} from '../live.js';

function lag(source) {
  const staging = source.staging;
  if (!staging) return '–';
  const parts = [];
  if (staging.lagSeconds !== null && staging.lagSeconds !== undefined) parts.push(staging.lagSeconds.toFixed(1)
      + ' s');
  if (staging.lagBytes !== null && staging.lagBytes !== undefined) parts.push(bytes(staging.lagBytes));
  return parts.join(' · ') || (staging.running ? 'following' : 'staging copy not running');
}

function sources(list) {
  return table('Sources', [
    ['Source', (source) => source.name],
    ['Engine', (source) => source.engine],
    ['State', (source) => badge(source.state)],
    ['Last sync', (source) => when(source.lastSyncAt)],
    ['Next sync', (source) => when(source.nextSyncAt)],
    ['Lag', lag],
    ['Snapshots', (source) => String(source.snapshots)],
    ['Size', (source) => bytes(source.size)],
    ['Sensitive', (source) => source.sensitive ? 'yes' : 'no'],
    ['Error', (source) => source.error || ''],
  ], list, 'No sources linked yet (strata source link).');
}

/** The newest masking run of a masked dataset: a succeeded run has passed the leak check. */
function verification(dataset) {
  const runs = dataset.snapshots || [];
  const last = runs[runs.length - 1];
  if (!last) return 'not masked yet';
  if (last.status === 'SUCCEEDED') return h('span', {}, badge('VERIFIED'), ' ' + when(last.finishedAt));
  if (last.status === 'FAILED') return h('span', {}, badge('FAILED'), ' ' + (last.error || ''));
  return badge(last.status);
}

function masked(list) {
  return table('Masked datasets', [
    ['Masked dataset', (dataset) => dataset.name],
    ['Source', (dataset) => dataset.sourceName],
    ['Ruleset', (dataset) => dataset.rulesetName],
    ['Last verification', verification],
    ['Masked snapshots', (dataset) => String((dataset.snapshots || []).length)],
  ], list, 'No masked datasets yet.');
}

/** A job's progress: its step, and a bar while it runs. */
export function progress(job) {
  return h('div', {class: 'progress-cell'}, h('span', {text: (job.step || '') + ' ' + job.percent + '%'}),
      job.state === 'RUNNING' ? h('progress', {max: '100', value: String(job.percent), 'aria-label': 'progress'})
        : null);
}

function jobs(list) {
  return table('Jobs', [
    ['Kind', (job) => job.kind],
    ['Resource', (job) => job.resource || ''],
    ['State', (job) => badge(job.state)],
    ['Progress', progress],
    ['Started', (job) => when(job.startedAt)],
    ['Ended', (job) => when(job.endedAt)],
    ['Error', (job) => job.error || ''],
  ], list, 'No jobs.');
}

/** A page of one table; load is a path of the API or a function that loads the rows. */
function view(container, title, load, render) {
  put(container, h('h1', {text: title}), section(title, live(h('div'), typeof load === 'string' ? () => get(load)
    : load, render)));
}

export const sourcesView = (container) => view(container, 'Sources', '/sources', sources);
/** The masked datasets, with the names of their sources and rulesets (their ids when those cannot be read). */
async function loadMasked() {
  const names = async (path) => new Map((await get(path).catch(() => [])).map((item) => [item.id, item.name]));
  const [datasets, sources, rulesets] = await Promise.all([get('/masked-datasets'), names('/sources'),
    names('/rulesets')]);
  return datasets.map((dataset) => ({...dataset, sourceName: sources.get(dataset.source) || dataset.source,
    rulesetName: rulesets.get(dataset.ruleset) || dataset.ruleset}));
}

export const maskedView = (container) => view(container, 'Masked datasets', loadMasked, masked);
export const jobsView = (container) => view(container, 'Jobs', '/jobs?limit=100', jobs);
