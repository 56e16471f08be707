/// A Markdown table: one row per figure, guideqa and FTS5 side by side, their ratio
/// (guideqa / FTS5: below 1 is guideqa smaller or faster for times and sizes, above
/// 1 is better for rates and scores), and the bar where there is one.
///
/// Rows are data, so a figure added later (the persisted index file's size, once
/// `guideqa index` exists) is one more `Row`.
struct ComparisonTable {
    struct Row {
        let name: String
        let guideqa: Figure?
        let fts5: Figure?
        var bar: Bar? = nil
        /// Shown in place of a missing guideqa figure.
        var guideqaNote: String? = nil
    }

    let title: String
    var rows: [Row] = []
    var showsFTS5: Bool

    func render() -> String {
        var header = ["figure", "guideqa"]
        if showsFTS5 { header += ["FTS5", "guideqa / FTS5"] }
        let showsBar = rows.contains { $0.bar != nil }
        if showsBar { header.append("bar") }
        var cells: [[String]] = []
        for row in rows {
            var line = [row.name, row.guideqa?.text ?? row.guideqaNote ?? "—"]
            if showsFTS5 {
                line.append(row.fts5?.text ?? "—")
                if let g = row.guideqa, let f = row.fts5, f.value != 0 {
                    let ratio = g.value / f.value
                    line.append(ratio >= 0.1 || ratio == 0 ? String(format: "%.2f×", ratio) : String(format: "%.4f×", ratio))
                } else {
                    line.append("—")
                }
            }
            if showsBar { line.append(row.bar?.verdict(row.guideqa) ?? "") }
            cells.append(line)
        }
        return "### \(title)\n\n" + MarkdownTable(header: header, rows: cells).render()
    }
}

/// Pads the columns of a Markdown pipe table so it also reads well in a terminal.
struct MarkdownTable {
    let header: [String]
    let rows: [[String]]

    func render() -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ row: [String]) -> String {
            "| " + row.enumerated().map { i, cell in
                cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
