import SignpostCore
import SignpostMatching

// MARK: - Style

extension GapHTMLReport {
    static let stylesheet = """
        :root {
          --ink: #1a1a1a; --muted: #4d4d4d; --rule: #c8c8c8;
          --gap: #b3261e; --gap-dark: #8c1d18; --risk: #e0a526; --interpreting: #5b87c5;
          --covered: #c6e5c6; --covered-ink: #14532d; --none: #ffffff;
        }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); background: #fff; margin: 0; line-height: 1.45; }
        main, footer { max-width: 76rem; margin: 0 auto; padding: 1rem 1.5rem; }
        footer { border-top: 2px solid var(--rule); color: var(--ink); }
        h1 { font-size: 1.8rem; margin: 0.5rem 0 0.75rem; }
        h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 0.4rem; }
        p.lead { font-size: 1.05rem; max-width: 60rem; margin: 0.4rem 0; }
        p.note { color: var(--muted); font-style: italic; }
        .code { color: var(--muted); font-size: 0.8em; white-space: nowrap; }
        .visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
          overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        .scroll { overflow-x: auto; max-width: 100%; position: relative; }
        ul.totals { list-style: none; display: flex; flex-wrap: wrap; gap: 0.75rem; padding: 0; margin: 1rem 0; }
        ul.totals li { padding: 0.5rem 0.9rem; border-radius: 4px; font-size: 1.05rem; border: 1px solid var(--rule); }
        ul.totals li strong { font-size: 1.3rem; margin: 0 0.2rem; }
        ul.totals li.all { background: #fff; }
        ul.key { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; font-size: 0.9rem; }
        .swatch { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 3px;
          border: 1px solid var(--rule); font-weight: 700; }
        .s-gap { background-color: var(--gap); color: #fff; }
        .s-at-risk { background-color: var(--risk); color: var(--ink); }
        .s-interpreting-only { background-color: var(--interpreting); color: var(--ink); }
        .s-covered { background-color: var(--covered); color: var(--covered-ink); }
        .s-none { background-color: var(--none); color: var(--muted); border-style: dashed; }
        table { border-collapse: collapse; margin: 0.75rem 0 1.25rem; font-size: 0.9rem; }
        caption { text-align: left; font-weight: 600; padding: 0.3rem 0; caption-side: top; }
        th, td { border: 1px solid var(--rule); padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
        thead th { background: #f3f3f3; }
        th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.status { white-space: nowrap; font-weight: 600; }
        ul.reasons { margin: 0; padding-left: 1.1rem; }
        table.heat-map { font-size: 0.8rem; }
        table.heat-map thead th.need { vertical-align: bottom; padding: 0.3rem 0.1rem; height: 11rem; }
        table.heat-map thead th.need .label { writing-mode: vertical-rl; transform: rotate(180deg);
          white-space: nowrap; display: inline-block; font-weight: 600; }
        table.heat-map thead th.corner { vertical-align: bottom; }
        table.heat-map tbody th { white-space: nowrap; font-weight: 600; }
        table.heat-map td.cell { text-align: center; vertical-align: middle; min-width: 1.9rem;
          padding: 0.15rem 0.1rem; line-height: 1.05; }
        td.cell .sym { display: block; font-weight: 700; font-size: 1rem; }
        td.cell .word { display: block; font-size: 0.7rem; font-weight: 600; }
        td.cell.split .sym { display: inline; }
        td.cell .count { font-weight: 700; font-size: 0.85rem; }
        td.cell.none { background: var(--none); color: var(--muted); }
        td.cell a { color: inherit; text-decoration: none; display: block; }
        table.heat-map thead th.corner, table.heat-map tbody th, table.sticky tbody th, table.sticky thead th:first-child {
          position: sticky; left: 0; z-index: 1; background: #fff; }
        table.heat-map thead th.corner, table.sticky thead th:first-child { background: #f3f3f3; }
        tr:target { outline: 3px solid #3f6ea6; }
        ol.notes { font-size: 0.85rem; padding-left: 1.5rem; }
        .tile-scroll { overflow-x: auto; }
        svg.tile-map { min-width: 36rem; }
        svg { display: block; max-width: 100%; height: auto; margin: 0.5rem 0; }
        svg text { font-family: inherit; font-size: 12px; }
        svg.chart text, svg .legend text, svg text.caption { fill: var(--ink); }
        svg.tile-map .tile polygon { stroke: #ffffff; stroke-width: 1.5; }
        svg.tile-map .tile.not-analysed polygon { stroke: #8c8c8c; stroke-dasharray: 3 2; }
        svg.tile-map text.abbr { font-size: 12px; font-weight: 600; text-anchor: middle; }
        svg.tile-map text.count { font-size: 12px; font-weight: 700; text-anchor: middle; }
        svg text.caption, svg text.legend-title { font-weight: 600; }
        svg.chart .bar { fill: #3f6ea6; }
        svg.chart .bar.over { fill: #8c1d18; }
        svg.chart .longest { fill: var(--ink); }
        svg.chart line.limit { stroke: var(--gap); stroke-width: 2; stroke-dasharray: 6 4; }
        svg.chart text.limit-label { fill: var(--gap-dark); font-weight: 600; }
        svg.chart .axis line { stroke: #595959; }
        svg.chart .axis line.grid { stroke: #e0e0e0; }
        svg.chart text.unknown, svg.chart text.value { fill: var(--muted); }
        svg.chart text.unknown { font-style: italic; }
        dl.parameters { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
        dl.parameters dt { font-weight: 600; }
        dl.parameters dd { margin: 0; }
        @media (max-width: 40rem) {
          main, footer { padding: 0.75rem; }
          table.heat-map tbody th, table.sticky tbody th { white-space: normal; min-width: 6rem; max-width: 8rem; }
          table.heat-map tbody th .code, table.sticky tbody th .code { display: block; }
        }
        @media print {
          @page { size: A4 landscape; margin: 12mm; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 10pt; }
          main, footer { max-width: none; padding: 0; }
          .scroll, .tile-scroll { overflow: visible; }
          table.heat-map thead th.corner, table.heat-map tbody th, table.sticky tbody th,
          table.sticky thead th:first-child { position: static; }
          svg.tile-map { min-width: 0; }
          h2, h3, caption { break-after: avoid; }
          svg, tr, ul.totals { break-inside: avoid; }
          thead { display: table-header-group; }
          section { break-before: auto; }
        }

        """
}
