// Building the page from data without innerHTML: every text goes in as text, never as markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** An HTML element: h('button', {class: 'x', onclick: f}, 'Label'). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, the same way. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces what the element holds. */
export function put(element, ...children) {
  element.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}

/** Bytes in binary units, as the CLI prints them. */
export function bytes(value) {
  if (value === null || value === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = Number(value);
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return (unit === 0 ? size : size.toFixed(1)) + ' ' + units[unit];
}

/** A moment in the reader's own time zone, to the second. */
export function when(value) {
  if (!value) return '–';
  const date = new Date(value);
  return date.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'medium'});
}

/** A status word as a coloured badge. */
export function badge(status) {
  const word = status || 'UNKNOWN';
  return h('span', {class: 'badge badge-' + word.toLowerCase(), text: word});
}

/**
 * A table with a caption; columns are [heading, row => cell]. An empty list says so instead of showing an empty
 * table.
 */
export function table(caption, columns, rows, empty) {
  if (!rows || rows.length === 0) {
    return h('p', {class: 'empty', text: empty || 'Nothing yet.'});
  }
  return h('div', {class: 'scroll'}, h('table', {},
      h('caption', {class: 'visually-hidden', text: caption}),
      h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', {scope: 'col', text: heading})))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([heading, cell]) =>
        h('td', {'data-label': heading}, cell(row))))))));
}

/** A labelled field: the label's for points at the control. */
export function field(label, control, hint) {
  return h('label', {class: 'field', for: control.id}, h('span', {text: label}), control,
      hint ? h('small', {text: hint}) : null);
}

/** A section with a heading. */
export function section(title, ...children) {
  return h('section', {class: 'card'}, h('h2', {text: title}), ...children);
}

/** The width to draw an SVG at: the space it has, so that its text keeps its size from a phone to a desktop. */
export function drawingWidth() {
  return Math.max(320, Math.min(1160, document.documentElement.clientWidth - 70));
}
