/**
 * One self-contained HTML page: answers, charts (vega-lite specs compiled
 * and rendered in the page by the inlined vega and vega-lite builds), and
 * tables. Used by the run, bench and plan reports. After rendering, the
 * page sets `window.kubesimCharts` (id, mark items or error per chart, the
 * panels of a faceted chart and the options of a chart's selector) and
 * `body[data-rendered]`, which the browser test reads.
 */
import type { Answer } from '../text/answers.js';
import { cellText, type Table } from '../text/table.js';
import { chartLibraries } from './assets.js';
import type { Chart } from './spec-types.js';

export interface PageContent {
  readonly title: string;
  readonly subtitle?: string;
  readonly answers: readonly Answer[];
  /** Charts under headings, in order; a section with no charts is left out. */
  readonly sections: ReadonlyArray<{ readonly heading: string; readonly charts: readonly Chart[]; readonly note?: string }>;
  readonly tables: readonly Table[];
  /** Extra HTML blocks after the tables (already escaped). */
  readonly footer?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function scriptText(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script');
}

export function htmlTable(table: Table): string {
  const head = table.header.map((h, i) => `<th${i === 0 ? '' : ' class="num"'}>${escapeHtml(h)}</th>`).join('');
  const body = table.rows.map((row) => `<tr>${row.map((cell, i) => {
    const tone = typeof cell === 'string' || cell.tone === undefined ? '' : ` ${cell.tone}`;
    return `<td class="${i === 0 ? 'first' : 'num'}${tone}">${escapeHtml(cellText(cell))}</td>`;
  }).join('')}</tr>`).join('\n');
  const title = table.title === undefined ? '' : `<h3>${escapeHtml(table.title)}</h3>`;
  const note = table.note === undefined ? '' : `<p class="note">${escapeHtml(table.note)}</p>`;
  return `<div class="table">${title}<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}</div>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1150px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:14px;margin:14px 0 4px}.sub{color:#666;margin:0 0 12px}
.answers{background:#fff;border:1px solid #ddd;border-left:4px solid #3182bd;padding:10px 16px;border-radius:4px}
.answers li{margin:3px 0}.answers li.warn{color:#a64b00}.answers ul{margin:0;padding-left:18px}
figure{margin:10px 0 18px;background:#fff;border:1px solid #e3e3e3;border-radius:4px;padding:8px 12px}
figure h3{margin:2px 0}.caption{color:#666;font-size:12.5px;margin:0 0 4px}.chart{width:100%}
.note{color:#666;font-size:12.5px}table{border-collapse:collapse;background:#fff;font-variant-numeric:tabular-nums}
th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}th.num,td.num{text-align:right}
td.good{color:#2a7d2a}td.bad{color:#b22}td.warn{color:#a64b00}td.dim{color:#999}.table{overflow-x:auto;margin-bottom:12px}
.failed{color:#b22}
`;

const RUNTIME = `
(function () {
  function countItems(node) {
    var n = 0;
    if (node && node.marktype && node.marktype !== 'group' && node.role === 'mark') n += (node.items || []).length;
    (node && node.items || []).forEach(function (child) { if (child && (child.items || child.marktype)) n += countItems(child); });
    return n;
  }
  // The panels a faceted chart drew (vega names the facet's group mark "cell"; each item's datum holds the facet value), so a test can check none is missing.
  function panelNames(node, field) {
    var names = [];
    if (!field) return names;
    if (node && node.marktype === 'group' && node.name === 'cell') (node.items || []).forEach(function (item) { names.push(item.datum && item.datum[field]); });
    (node && node.items || []).forEach(function (child) { if (child && (child.items || child.marktype)) names = names.concat(panelNames(child, field)); });
    return names;
  }
  var charts = JSON.parse(document.getElementById('kubesim-charts').textContent);
  var results = [];
  var chain = Promise.resolve();
  charts.forEach(function (c) {
    chain = chain.then(function () {
      var el = document.getElementById('chart-' + c.id);
      try {
        var compiled = vegaLite.compile(c.spec).spec;
        var view = new vega.View(vega.parse(compiled), { renderer: 'canvas', container: el, hover: true });
        return view.runAsync().then(function () {
          var options = Array.prototype.map.call(el.querySelectorAll('select option'), function (o) { return o.value; });
          results.push({ id: c.id, items: countItems(view.scenegraph().root), panels: panelNames(view.scenegraph().root, c.spec.facet && c.spec.facet.field), options: options });
        });
      } catch (e) {
        console.error('chart ' + c.id + ' failed: ' + e);
        el.innerHTML = '<p class="failed">This chart failed to render: ' + String(e).replace(/</g, '&lt;') + '</p>';
        results.push({ id: c.id, error: String(e) });
      }
    }).catch(function (e) {
      console.error('chart ' + c.id + ' failed: ' + e);
      results.push({ id: c.id, error: String(e) });
    });
  });
  chain.then(function () {
    window.kubesimCharts = results;
    document.body.setAttribute('data-rendered', 'true');
  });
})();
`;

export function renderPage(content: PageContent): string {
  const { vega, vegaLite } = chartLibraries();
  const allCharts = content.sections.flatMap((s) => s.charts);
  const sections = content.sections.filter((s) => s.charts.length > 0 || s.note !== undefined).map((s) => [
    `<h2>${escapeHtml(s.heading)}</h2>`,
    s.note === undefined ? '' : `<p class="note">${escapeHtml(s.note)}</p>`,
    ...s.charts.map((c) => `<figure id="figure-${c.id}"><h3>${escapeHtml(c.title)}</h3>${c.caption === undefined ? '' : `<p class="caption">${escapeHtml(c.caption)}</p>`}<div class="chart" id="chart-${c.id}"></div></figure>`),
  ].join('\n')).join('\n');
  const answers = content.answers.length === 0 ? '' : `<section class="answers"><ul>${content.answers.map((a) => `<li class="${a.tone}">${escapeHtml(a.text)}</li>`).join('')}</ul></section>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(content.title)}</h1>
${content.subtitle === undefined ? '' : `<p class="sub">${escapeHtml(content.subtitle)}</p>`}
${answers}
${sections}
${content.tables.length === 0 ? '' : `<h2>Tables</h2>\n${content.tables.map(htmlTable).join('\n')}`}
${content.footer ?? ''}
</main>
<script>${scriptText(vega)}</script>
<script>${scriptText(vegaLite)}</script>
<script id="kubesim-charts" type="application/json">${scriptJson(allCharts.map((c) => ({ id: c.id, spec: c.spec })))}</script>
<script>${RUNTIME}</script>
</body>
</html>
`;
}
