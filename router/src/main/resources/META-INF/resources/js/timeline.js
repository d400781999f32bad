// A pod's timeline as SVG: one line per branch, oldest on the left, newest on the right; bookmarks as labelled
// diamonds, the snapshots that saved each state before a move as dots, a branch's start tied to its bookmark.

import {drawingWidth, h, s, when} from './dom.js';

const RIGHT = 30;
const LANE = 64;
const TOP = 28;

/**
 * The branch that was active at a moment, for what the catalog made before it recorded the branch. The catalog keeps,
 * for each branch left, when it was left (updatedAt), and for the active branch when it was entered; a moment belongs
 * to the branch left soonest after it. This is exact while each branch was active once, an approximation for a pod
 * moved back and forth.
 */
export function branchAt(moment, branches) {
  const active = branches.find((branch) => branch.active) || branches[0];
  if (!active || moment >= Date.parse(active.updatedAt)) return active?.name;
  const left = branches.filter((branch) => !branch.active && Date.parse(branch.createdAt) <= moment
      && Date.parse(branch.updatedAt) >= moment).sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
  return left.length ? left[0].name : active.name;
}

/**
 * The branch each snapshot was taken on, by snapshot id, as the catalog recorded it: the states saved and the marks
 * the pod took on each branch, and the snapshots of each bookmark made on one.
 */
function recordedBranches(branches, bookmarks) {
  const byId = new Map();
  for (const branch of branches) (branch.snapshots || []).forEach((id) => byId.set(id, branch.name));
  for (const bookmark of bookmarks.filter((b) => b.branch)) {
    (bookmark.points || []).forEach((point) => byId.set(point.snapshot, bookmark.branch));
  }
  return byId;
}

// Each marker names the branch whose line it is drawn on (data-branch).
function marker(kind, lane, x, y, label, detail, below) {
  const title = s('title', {text: label + ' — ' + detail});
  if (kind === 'bookmark') {
    return s('g', {class: 'bookmark', tabindex: '0', role: 'img', 'aria-label': 'bookmark ' + label + ', ' + detail,
      'data-branch': lane},
        title, s('path', {d: `M${x} ${y - 8} L${x + 8} ${y} L${x} ${y + 8} L${x - 8} ${y} Z`}),
        s('text', {x, y: below ? y + 24 : y - 13, 'text-anchor': 'middle', text: label}));
  }
  return s('circle', {class: 'snapshot', cx: x, cy: y, r: 4, 'data-branch': lane}, title);
}

/** The timeline of pod: its branches, its bookmarks and the snapshots of its first virtual database. */
export function timeline(pod, branches, bookmarks, snapshots) {
  const lanes = [...branches].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const width = drawingWidth();
  const left = Math.min(150, width / 4);
  const now = Date.now();
  const start = Math.min(Date.parse(pod.createdAt), ...lanes.map((branch) => Date.parse(branch.createdAt)));
  const span = Math.max(now - start, 1000);
  const x = (moment) => left + ((moment - start) / span) * (width - left - RIGHT);
  const laneY = new Map(lanes.map((branch, i) => [branch.name, TOP + 12 + i * LANE]));
  const height = TOP + lanes.length * LANE;
  const items = [];
  const points = new Map();
  for (const branch of lanes) {
    const y = laneY.get(branch.name);
    // The main line starts with the pod; another branch where it was made.
    const from = x(branch.fromBookmark ? Date.parse(branch.createdAt) : start);
    const to = branch.active ? x(now) : x(Date.parse(branch.updatedAt));
    items.push(s('text', {class: 'lane-label' + (branch.active ? ' active' : ''), x: 8, y: y + 4,
      text: branch.name + (branch.active ? ' (active)' : '')}));
    items.push(s('line', {class: 'lane' + (branch.active ? ' active' : ''), x1: from, y1: y, x2: to, y2: y}));
    if (branch.active) items.push(s('circle', {class: 'now', cx: to, cy: y, r: 6}, s('title', {text: 'now'})));
  }
  // Where the catalog recorded the branch it is exact; older rows fall back on the branch active at their time.
  const recorded = recordedBranches(lanes, bookmarks);
  const laneOf = (recordedLane, moment) => (laneY.has(recordedLane) ? recordedLane : branchAt(moment, lanes));
  for (const snapshot of snapshots) {
    const moment = Date.parse(snapshot.createdAt);
    const lane = laneOf(recorded.get(snapshot.id), moment);
    items.push(marker('snapshot', lane, x(moment), laneY.get(lane), 'snapshot', when(snapshot.createdAt)));
  }
  const onLane = new Map();
  for (const bookmark of [...bookmarks].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))) {
    const moment = Date.parse(bookmark.createdAt);
    const lane = laneOf(bookmark.branch, moment);
    const point = [x(moment), laneY.get(lane)];
    points.set(bookmark.id, point);
    // Every other bookmark of a line has its name below it, so that close ones stay readable.
    onLane.set(lane, (onLane.get(lane) || 0) + 1);
    items.push(marker('bookmark', lane, ...point, bookmark.name, when(bookmark.createdAt),
        onLane.get(lane) % 2 === 0));
  }
  for (const branch of lanes.filter((lane) => points.has(lane.fromBookmark))) {
    const [bx, by] = points.get(branch.fromBookmark);
    items.unshift(s('path', {class: 'fork', d: `M${bx} ${by} L${x(Date.parse(branch.createdAt))} `
        + laneY.get(branch.name)}));
  }
  return h('figure', {class: 'timeline'},
      s('svg', {width, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': 'Timeline of ' + pod.name
          + ', newest on the right', 'data-lanes': String(lanes.length)}, items),
      h('figcaption', {}, h('span', {class: 'key bookmark-key', text: 'bookmark'}),
          h('span', {class: 'key snapshot-key', text: 'saved state'}),
          h('span', {text: 'from ' + when(start) + ' to now'})));
}
