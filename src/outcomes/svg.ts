// An SVG funnel of milestone conversion, one panel per group. Every number is written as text
// next to its bar, so nothing is told by colour or length alone; suppressed figures say so.

import type { OutcomeFigures, PathwayOutcomes } from './types.js';

const WIDTH = 760;
const LABEL = 220;
const BAR = 300;
const ROW = 30;
const STEP = 20;

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (rate: number | null): string =>
  rate === null ? '' : `${(rate * 100).toFixed(rate < 0.1 && rate > 0 ? 1 : 0)}%`;
const days = (d: number): string => `${Math.round(d)} day${Math.round(d) === 1 ? '' : 's'}`;

interface Panel {
  title: string;
  suppressed: boolean;
  figures: OutcomeFigures;
}

function panelHeight(p: Panel): number {
  return p.suppressed ? 70 : 50 + p.figures.stages.length * ROW + (p.figures.stages.length - 1) * STEP;
}

function stageText(count: number | null, rate: number | null): string {
  return count === null ? 'suppressed' : `${count} learners (${pct(rate)})`;
}

function conversionText(c: OutcomeFigures['conversions'][number]): string {
  if (c.count === null) return 'conversion suppressed';
  const base = `${c.count} continued${c.rate === null ? '' : ` (${pct(c.rate)})`}`;
  return c.days
    ? `${base}; median ${days(c.days.median)} (quartiles ${days(c.days.p25)} to ${days(c.days.p75)})`
    : base;
}

function panel(p: Panel, y: number, k: number): string {
  const out: string[] = [];
  const f = p.figures;
  const heading = p.suppressed
    ? `${p.title}: suppressed`
    : `${p.title}: ${f.learners === null ? 'learners suppressed' : `${f.learners} learners`}`;
  out.push(`<g role="group" aria-label="${esc(heading)}" transform="translate(0 ${y})">`);
  out.push(`<text x="16" y="24" class="h">${esc(heading)}</text>`);
  if (p.suppressed) {
    out.push(
      `<text x="16" y="50" class="s">Fewer than ${k} learners, or hidden so that a smaller group cannot be worked out by subtraction.</text>`,
    );
    out.push('</g>');
    return out.join('');
  }
  let cy = 40;
  f.stages.forEach((s, i) => {
    if (i > 0) {
      out.push(
        `<text x="${LABEL + 8}" y="${cy + 14}" class="c">↓ ${esc(conversionText(f.conversions[i - 1]!))}</text>`,
      );
      cy += STEP;
    }
    out.push(`<text x="${LABEL - 8}" y="${cy + 19}" text-anchor="end">${esc(s.name)}</text>`);
    if (s.count === null) {
      out.push(`<rect x="${LABEL}" y="${cy + 4}" width="${BAR}" height="${ROW - 8}" class="sup"/>`);
    } else {
      const w = s.rate === null ? 0 : Math.max(s.count > 0 ? 2 : 0, Math.round(s.rate * BAR));
      out.push(`<rect x="${LABEL}" y="${cy + 4}" width="${BAR}" height="${ROW - 8}" class="track"/>`);
      if (w > 0) out.push(`<rect x="${LABEL}" y="${cy + 4}" width="${w}" height="${ROW - 8}" class="bar"/>`);
    }
    out.push(`<text x="${LABEL + BAR + 8}" y="${cy + 19}">${esc(stageText(s.count, s.rate))}</text>`);
    cy += ROW;
  });
  out.push('</g>');
  return out.join('');
}

function describe(report: PathwayOutcomes, panels: Panel[]): string {
  return panels
    .map((p) => {
      if (p.suppressed) return `${p.title}: suppressed.`;
      const stages = p.figures.stages.map((s) => `${s.name} ${stageText(s.count, s.rate)}`).join('; ');
      return `${p.title}: ${p.figures.learners ?? 'suppressed'} learners. ${stages}.`;
    })
    .join(' ')
    .concat(` Counts under ${report.minCellSize} are suppressed.`);
}

/**
 * The funnel of the report's stages as a standalone, accessible SVG: one panel for the whole
 * cohort and one per group of every breakdown, each stage a bar (share of the group's
 * learners) labelled with its count and rate, and between stages the conversion and the median
 * days. `<title>` and `<desc>` carry the same figures as text for screen readers.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { outcomesToSvg } from 'credstack'
 * await writeFile('outcomes.svg', outcomesToSvg(report))
 * ```
 */
export function outcomesToSvg(report: PathwayOutcomes): string {
  const panels: Panel[] = [{ title: 'All learners', suppressed: false, figures: report.overall }];
  for (const b of report.breakdowns)
    for (const g of b.groups)
      panels.push({ title: `${b.attribute}: ${g.label}`, suppressed: g.suppressed, figures: g.figures });
  const top = 56;
  let y = top;
  const body: string[] = [];
  for (const p of panels) {
    body.push(panel(p, y, report.minCellSize));
    y += panelHeight(p) + 10;
  }
  const height = y + 10;
  const title = `${report.pathway.name}: milestone conversion`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="title desc">`,
    `<title id="title">${esc(title)}</title>`,
    `<desc id="desc">${esc(describe(report, panels))}</desc>`,
    '<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="#767676" stroke-width="2"/></pattern></defs>',
    '<style>text{font:13px system-ui,-apple-system,"Segoe UI",sans-serif;fill:#1a1a1a}.h{font-weight:600;font-size:15px}.t{font-weight:700;font-size:17px}.c,.s{fill:#444;font-size:12px}.bar{fill:#1f5f99}.track{fill:#e8eef5;stroke:#9bb3c9}.sup{fill:url(#hatch);stroke:#767676}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="16" y="30" class="t">${esc(title)}</text>`,
    `<text x="16" y="48" class="c">${esc(`${report.rows.counted} learners counted; counts under ${report.minCellSize} suppressed.`)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
