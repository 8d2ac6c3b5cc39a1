/// The page's style sheet.
///
/// Layout rules: the page is at most 1,200 px wide; tables with few columns fit it without scrolling (goal
/// names wrap, sources are notes); below 600 px tables of class `cards` become one card per row (each cell
/// labelled by its `data-label`), so that no column hides off-screen; the jurisdiction table keeps its
/// first column fixed while it scrolls sideways. Fonts: system fonts, then common CJK fonts.
extension HTMLReport {
    static let css = """
        :root { color-scheme: light; --fg: #1a1a1a; --muted: #5f6368; --line: #dadce0; --good: #1a7f37; --bad: #c62828; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: #ffffff; color: var(--fg);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC",
            "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.4rem 0 0.6rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--line); }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
        .muted { color: var(--muted); }
        .small { font-size: 0.8rem; }
        .table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.4rem 0 1rem; max-width: 100%; }
        .table-wrap.tall { max-height: 36rem; overflow-y: auto; }
        table { border-collapse: collapse; font-size: 0.875rem; }
        th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; vertical-align: top; }
        thead th { border-bottom: 2px solid #9aa0a6; background: #f6f8fa; position: sticky; top: 0; z-index: 1; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        td.wrap { white-space: normal; min-width: 12em; max-width: 28em; }
        td.goal-name { white-space: normal; min-width: 14em; max-width: 22em; overflow-wrap: anywhere; }
        table.cards.by-year td.diff { white-space: normal; min-width: 5em; }
        th.scenario { white-space: normal; max-width: 9em; overflow-wrap: anywhere; }
        .met { color: var(--good); font-weight: 600; }
        .missed { color: var(--bad); font-weight: 600; }
        .summary span { white-space: nowrap; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.85em; }
        code.hash { word-break: break-all; white-space: normal; }
        td code.hash { display: inline-block; min-width: 16em; max-width: 36em; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr)); gap: 14px; }
        .charts.maps { grid-template-columns: repeat(auto-fill, minmax(min(100%, 520px), 1fr)); }
        figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px; background: #ffffff; min-width: 0; }
        svg { display: block; width: 100%; height: auto; }
        table.jurisdictions .sticky { position: sticky; left: 0; background: #ffffff; z-index: 2; }
        table.jurisdictions thead .sticky { background: #f6f8fa; z-index: 3; }
        details { margin: 0.4rem 0 1rem; }
        details summary { cursor: pointer; color: var(--muted); }
        details ol { font-size: 0.8rem; padding-left: 1.6rem; }
        .estimated code { display: inline-block; margin: 0 0.4em 0.2em 0; }
        @media (max-width: 600px) {
          body { font-size: 14px; }
          main { padding: 10px; }
          h1 { font-size: 1.3rem; }
          th, td { padding: 0.25rem 0.45rem; }
          table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
          table.cards thead { display: none; }
          table.cards tr { display: grid; grid-template-columns: 1fr 1fr; column-gap: 0.8rem; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 0.6rem; padding: 0.2rem 0.4rem; background: #ffffff; }
          table.cards td { border: none; display: flex; flex-wrap: wrap; justify-content: space-between; column-gap: 0.5em; white-space: normal; text-align: right; max-width: none; min-width: 0; padding: 0.1rem 0; }
          table.cards td::before { content: attr(data-label); color: var(--muted); text-align: left; flex: 0 1 auto; font-size: 0.85em; }
          table.cards td.row-head { grid-column: 1 / -1; display: block; text-align: left; font-weight: 600; border-bottom: 1px solid var(--line); }
          table.cards td.row-head::before { content: none; }
          table.cards.by-year tr { grid-template-columns: 1fr 1fr 1fr; }
          table.cards.by-year td { display: block; text-align: left; }
          table.cards.by-year td::before { display: block; }
          td code.hash { min-width: 0; }
        }
        @media print {
          @page { margin: 12mm; }
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          .table-wrap, .table-wrap.tall { overflow: visible; max-height: none; }
          table { font-size: 7.5pt; }
          th, td { white-space: normal; overflow-wrap: break-word; padding: 2px 4px; }
          td.num, th.num { white-space: nowrap; }
          td.wrap, td code.hash { min-width: 0; max-width: none; }
          tbody tr:nth-child(even), thead th { background: none; }
          thead th { position: static; }
          .charts { grid-template-columns: 1fr 1fr; gap: 8px; }
          figure.chart { break-inside: avoid; page-break-inside: avoid; border: none; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          details > * { display: block; }
        }

        """
}
