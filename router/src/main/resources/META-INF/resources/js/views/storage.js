// Admin: the pool's space, logical size provisioned against bytes used, per dataset and in all, and the savings.

import {get} from '../api.js';
import {bytes, drawingWidth, h, put, s, section, table} from '../dom.js';
import {live} from '../live.js';

const BAR = 14;
const ROW = 44;

async function load() {
  // Names only: a dataset whose service does not answer is shown by its id.
  const names = (path) => get(path).catch(() => []);
  const [report, sources, masked, vdbs] = await Promise.all([get('/storage'), names('/sources'),
    names('/masked-datasets'), names('/vdbs?all=true')]);
  const byId = new Map([...sources, ...masked, ...vdbs].map((dataset) => [dataset.id, dataset.name]));
  return {...report, datasets: report.datasets.map((dataset) => ({...dataset, name: byId.get(dataset.id)
      || dataset.id}))};
}

/** Two bars per row: logical size (what full copies would take) and the bytes really used. */
export function chart(rows) {
  const width = drawingWidth();
  const barsAt = Math.min(200, width / 3);
  const most = Math.max(1, ...rows.flatMap((row) => [row.logical, row.used]));
  const scale = (value) => Math.max(1, (value / most) * (width - barsAt - 90));
  const drawn = rows.flatMap((row, i) => {
    const y = 10 + i * ROW;
    return [
      s('text', {class: 'chart-label', x: 0, y: y + BAR + 4, text: row.label}),
      s('rect', {class: 'logical', x: barsAt, y, width: scale(row.logical), height: BAR},
          s('title', {text: row.label + ': logical ' + bytes(row.logical)})),
      s('text', {class: 'chart-value', x: barsAt + scale(row.logical) + 6, y: y + BAR - 3, text: bytes(row.logical)}),
      s('rect', {class: 'used', x: barsAt, y: y + BAR + 2, width: scale(row.used), height: BAR},
          s('title', {text: row.label + ': used ' + bytes(row.used)})),
      s('text', {class: 'chart-value', x: barsAt + scale(row.used) + 6, y: y + 2 * BAR - 1, text: bytes(row.used)}),
    ];
  });
  return h('figure', {class: 'chart'},
      s('svg', {width, viewBox: `0 0 ${width} ${rows.length * ROW + 10}`, role: 'img',
        'aria-label': 'Logical size provisioned against bytes used'}, drawn),
      h('figcaption', {}, h('span', {class: 'key logical-key', text: 'logical size provisioned'}),
          h('span', {class: 'key used-key', text: 'bytes used'})));
}

function report(storage) {
  const rows = [{label: 'All datasets', logical: storage.provisionedLogicalSize, used: storage.used},
    ...storage.datasets.map((d) => ({label: d.name, logical: d.logicalSize, used: d.uniqueSize}))];
  return h('div', {},
      h('p', {class: 'headline'},
          h('strong', {text: bytes(storage.provisionedLogicalSize)}), ' provisioned in ',
          h('strong', {text: bytes(storage.used)}), ' used of ' + bytes(storage.capacity) + ' (' + bytes(storage.free)
          + ' free) on ' + storage.driver + ' — savings ratio ',
          h('strong', {'data-savings': '', text: storage.savingsRatio.toFixed(2) + '×'})),
      storage.warning ? h('p', {class: 'message error', text: storage.warning}) : null,
      chart(rows),
      table('Space per dataset', [
        ['Dataset', (d) => d.name],
        ['Logical', (d) => bytes(d.logicalSize)],
        ['Unique', (d) => bytes(d.uniqueSize)],
        ['Shared', (d) => bytes(d.sharedSize)],
        ['Volumes', (d) => String(d.volumes)],
        ['Snapshots', (d) => String(d.snapshots)],
      ], storage.datasets));
}

/** The storage view. */
export function storageView(container) {
  put(container, h('h1', {text: 'Storage'}), section('Space', live(h('div'), load, report)));
}
