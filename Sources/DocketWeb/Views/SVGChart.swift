import DocketCore
import Foundation

/// Server-rendered SVG charts: no script, no inline style (the CSP forbids both), readable by
/// screen readers through a title and a description.
enum SVGChart {
    struct Bar {
        var label: String
        var value: Double
        var text: String
        var flagged = false
        /// An optional second mark, e.g. the 90th percentile beside the median.
        var whisker: Double?
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Horizontal bars, one per row, with the value written at the end of each bar.
    static func bars(title: String, description: String, _ bars: [Bar], maximum: Double? = nil) -> String {
        let rowHeight = 26, labelWidth = 230, barWidth = 420, top = 8
        let height = top * 2 + max(1, bars.count) * rowHeight
        let scale = max(maximum ?? 0, bars.map { max($0.value, $0.whisker ?? 0) }.max() ?? 1, 0.0001)
        // Ids of its own, from its title, so that each chart on a page is announced by its own
        // title and description, not the first chart's.
        let key = "chart-" + String(title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }).split(separator: "-").joined(separator: "-")
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(labelWidth + barWidth + 120) \(height)\" width=\"100%\" aria-labelledby=\"\(key)-title \(key)-desc\">"
        svg += "<title id=\"\(key)-title\">\(escape(title))</title><desc id=\"\(key)-desc\">\(escape(description))</desc>"
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            let w = Int((bar.value / scale) * Double(barWidth))
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" font-size=\"13\" fill=\"#1b1f24\">\(escape(bar.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(max(w, 1))\" height=\"18\" rx=\"2\" fill=\"\(bar.flagged ? "#a1241b" : "#1d3f72")\"/>"
            if let whisker = bar.whisker {
                let x = labelWidth + Int((whisker / scale) * Double(barWidth))
                svg += "<line x1=\"\(labelWidth + w)\" y1=\"\(y + 13)\" x2=\"\(x)\" y2=\"\(y + 13)\" stroke=\"#66707d\" stroke-width=\"2\"/>"
                svg += "<line x1=\"\(x)\" y1=\"\(y + 6)\" x2=\"\(x)\" y2=\"\(y + 20)\" stroke=\"#66707d\" stroke-width=\"2\"/>"
            }
            let textX = labelWidth + max(w, Int(((bar.whisker ?? 0) / scale) * Double(barWidth))) + 8
            svg += "<text x=\"\(textX)\" y=\"\(y + 17)\" font-size=\"13\" fill=\"\(bar.flagged ? "#a1241b" : "#1b1f24")\">\(escape(bar.text))</text>"
        }
        return svg + "</svg>"
    }
}

/// A table that is shown on a page and downloads as CSV.
struct FigureTable: Encodable {
    var id: String
    var title: String
    var columns: [String]
    var rows: [[String]]
    /// For each row, where its first column leads (a case, or the cases behind a figure), for
    /// those allowed to follow it.
    var links: [String?] = []
    var chart: String? = nil
    /// Where the whole table downloads, when not `/oversight/ID.csv`.
    var csvHref: String? = nil

    /// Rows drawn on the page; the CSV has them all.
    static let shownRows = 200

    struct Row: Encodable { var cells: [String]; var link: String; var hasLink: Bool }
    var linkedRows: [Row] {
        rows.prefix(Self.shownRows).enumerated().map { i, cells in
            let link = i < links.count ? links[i] : nil
            return Row(cells: cells, link: link ?? "", hasLink: link != nil)
        }
    }

    enum CodingKeys: String, CodingKey { case id, title, columns, rows, chart, more, csvHref }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(title, forKey: .title); try c.encode(columns, forKey: .columns)
        try c.encode(linkedRows, forKey: .rows); try c.encode(chart, forKey: .chart); try c.encode(csvHref, forKey: .csvHref)
        if rows.count > Self.shownRows {
            try c.encode("Showing the first \(Self.shownRows) of \(rows.count) rows; the CSV has them all.", forKey: .more)
        }
    }

    var csv: String { CSVText.lines([columns] + rows) }
}
