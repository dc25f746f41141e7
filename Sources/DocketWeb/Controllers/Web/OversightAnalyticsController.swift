import DocketCore
import DocketStore
import Fluent
import Vapor

/// `/oversight`: backlog, timeliness, outcomes, complainants and suspensions, for the governance
/// committee, the independent reviewers and the auditors. Every table downloads as CSV.
struct OversightAnalyticsController: RouteCollection {
    struct Page: Encodable {
        struct Hidden: Encodable { var name: String; var value: String }
        var chrome: Chrome
        var from: String
        var to: String
        var tables: [FigureTable]
        var notes: [String]
        /// Where the period form goes, and what it carries besides the dates.
        var action = SiteURL.oversight
        var hidden: [Hidden] = []
        var back: String? = nil
    }

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped(RequireAnyRole(roles: [.governance, .reviewer, .auditor]))
        group.get("oversight", use: page)
        group.get("oversight", ":table", use: csv)
        // The cases behind a per-group figure: for those who may open case files, not auditors.
        routes.grouped(RequireAnyRole(roles: [.governance, .reviewer])).get("oversight", "cases", use: behind)
    }

    func percent(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
    func days(_ x: Double) -> String { String(format: "%.1f", x) }

    func cases(_ req: Request, from: Day?, to: Day?) async throws -> (OversightCases, OversightColumns, [PersonID: String], Procedure) {
        let procedure = try await req.docket.procedure(on: req.db)
        let (cases, columns) = try await req.docket.oversightFigures(on: req.db, receivedFrom: from, to: to)
        return (cases, columns, try await OversightData.staffNames(on: req.db), procedure)
    }

    func tables(_ req: Request) async throws -> ([FigureTable], String, String) {
        let now = req.docket.clock()
        let cal = req.docket.config.calendar
        let to = req.query[String.self, at: "to"].flatMap(Day.init) ?? cal.day(of: now)
        let from = req.query[String.self, at: "from"].flatMap(Day.init) ?? to.adding(days: -365)
        let (cases, columns, names, procedure) = try await cases(req, from: from, to: to)
        let range = cases.startIndex..<cases.endIndex
        var tables: [FigureTable] = []
        // Auditors see figures, never case files; the others may follow a figure to its cases.
        let person = req.auth.get(Person.self)
        let mayOpen = person.map { !$0.roles.isDisjoint(with: [.governance, .reviewer]) } ?? false
        func link(id: CaseID, route: CaseRoute) -> String? {
            guard mayOpen, route == .standard || person?.roles.contains(.reviewer) == true else { return nil }
            return SiteURL.caseFile(id)
        }
        func link(_ c: OversightCase) -> String? { link(id: c.id, route: c.route) }
        // A row that names a case of the independent route (a complaint about an official or a
        // member of staff) is for the independent reviewers only; the others see it in the counts.
        let seesIndependent = person?.roles.contains(.reviewer) == true
        func shown(_ route: CaseRoute) -> Bool { seesIndependent || route == .standard }
        func behind(_ g: Oversight.Grouping, _ key: String) -> String? {
            guard mayOpen else { return nil }
            return Self.behindPath(g, key, from: from, to: to)
        }

        // Backlog: open cases by stage and kind, overdue and idle first.
        let open = cases.matching { !$0.stage.isTerminal }
        let byStage = Dictionary(grouping: open, by: \.stage)
        tables.append(
            FigureTable(
                id: "backlog", title: "Open cases by stage", columns: ["stage", "open cases", "oldest received"],
                rows: CaseStage.allCases.filter { !$0.isTerminal }.map { stage in
                    let list = byStage[stage] ?? []
                    return [stage.title, String(list.count), list.map(\.receivedAt).min().map(Display.date) ?? "—"]
                },
                chart: SVGChart.bars(
                    title: "Open cases by stage", description: "Number of open cases at each stage",
                    CaseStage.allCases.filter { !$0.isTerminal }.map {
                        SVGChart.Bar(label: $0.title, value: Double(byStage[$0]?.count ?? 0), text: String(byStage[$0]?.count ?? 0))
                    })))
        let byKind = Dictionary(grouping: open, by: \.category)
        tables.append(
            FigureTable(
                id: "backlog-kind", title: "Open cases by kind of complaint", columns: ["kind", "open cases", "median age (days)"],
                rows: byKind.keys.sorted().map { k in
                    let ages = byKind[k]!.map { now.timeIntervalSince($0.receivedAt) / 86_400 }
                    return [Display.kind(k), String(ages.count), days(Statistics.quantile(ages, 0.5) ?? 0)]
                }))

        // Idle cases, wherever they sit.
        let idleDays = req.docket.config.idleDays
        let idle = Oversight.idle(cases, days: idleDays, at: now).filter { shown($0.route) }
        tables.append(
            FigureTable(
                id: "idle", title: "Open cases with nothing done for more than \(idleDays) days",
                columns: ["case", "stage", "kind", "last activity", "days idle"],
                rows: idle.map {
                    [
                        $0.reference, $0.stage.title, Display.kind($0.category), Display.date($0.lastActivity),
                        String(Int(now.timeIntervalSince($0.lastActivity) / 86_400)),
                    ]
                },
                links: idle.map(link)))

        // Timeliness and outcomes by kind, caseworker and panel: one pass per grouping, the
        // groupings side by side on the available cores.
        let figures = await withTaskGroup(of: (Oversight.Grouping, ([Oversight.Timeliness], [Oversight.Rate])).self) { group in
            for grouping in Oversight.Grouping.allCases {
                group.addTask { (grouping, columns.figures(range, by: grouping, names: names)) }
            }
            return await group.reduce(into: [Oversight.Grouping: ([Oversight.Timeliness], [Oversight.Rate])]()) { $0[$1.0] = $1.1 }
        }
        for grouping in Oversight.Grouping.allCases {
            let rows = figures[grouping]!.0
            let chartRows = rows.filter { $0.measure == "to decision" }
            tables.append(
                FigureTable(
                    id: "timeliness-\(grouping.rawValue)", title: "Days from receipt, by \(grouping.rawValue)",
                    columns: [grouping.rawValue, "milestone", "cases", "median days", "90th percentile"],
                    rows: rows.map {
                        [grouping == .category ? Display.kind($0.group) : $0.group, $0.measure, String($0.count), days($0.median), days($0.p90)]
                    },
                    links: rows.map { behind(grouping, $0.key) },
                    chart: chartRows.isEmpty
                        ? nil
                        : SVGChart.bars(
                            title: "Days from receipt to decision, by \(grouping.rawValue)",
                            description: "Median, with a line to the 90th percentile",
                            chartRows.map {
                                SVGChart.Bar(
                                    label: grouping == .category ? Display.kind($0.group) : $0.group, value: $0.median,
                                    text: "\(days($0.median)) (90%: \(days($0.p90)))", whisker: $0.p90)
                            })))
        }

        // Outcomes, with 95% intervals and flags.
        for grouping in Oversight.Grouping.allCases {
            let rates = figures[grouping]!.1
            let upheld = rates.filter { $0.measure == "allegations upheld" }
            tables.append(
                FigureTable(
                    id: "outcomes-\(grouping.rawValue)", title: "Outcomes by \(grouping.rawValue)",
                    columns: [grouping.rawValue, "measure", "count", "of", "share", "95% interval", "z against the rest", "flag"],
                    rows: rates.map {
                        [
                            grouping == .category ? Display.kind($0.group) : $0.group, $0.measure, String($0.successes), String($0.total),
                            percent($0.share), "\(percent($0.low))–\(percent($0.high))", String(format: "%+.1f", $0.z), $0.outlier ? "differs" : "",
                        ]
                    },
                    links: rates.map { behind(grouping, $0.key) },
                    chart: upheld.isEmpty
                        ? nil
                        : SVGChart.bars(
                            title: "Share of allegations upheld, by \(grouping.rawValue)",
                            description: "Red bars differ from the rest by more than chance explains",
                            upheld.map {
                                SVGChart.Bar(
                                    label: grouping == .category ? Display.kind($0.group) : $0.group, value: $0.share,
                                    text: "\(percent($0.share)) of \($0.total)\($0.outlier ? " — differs" : "")", flagged: $0.outlier)
                            }, maximum: 1)))
        }

        // Sanctions by severity.
        var sanctioned: [SanctionKind: Int] = [:]
        for i in cases.indices { if let s = cases[i].sanction { sanctioned[s, default: 0] += 1 } }
        tables.append(
            FigureTable(
                id: "sanctions", title: "Sanctions by severity", columns: ["sanction", "cases"],
                rows: SanctionKind.allCases.map { [$0.title, String(sanctioned[$0] ?? 0)] },
                chart: SVGChart.bars(
                    title: "Sanctions by severity", description: "Cases ending in each sanction",
                    SanctionKind.allCases.map { SVGChart.Bar(label: $0.title, value: Double(sanctioned[$0] ?? 0), text: String(sanctioned[$0] ?? 0)) })))

        // Complainants.
        let c = columns.complainants(range)
        tables.append(
            FigureTable(
                id: "complainants", title: "Who complains", columns: ["measure", "value"],
                rows: [
                    ["complaints", String(c.complaints)], ["different complainants", String(c.distinctComplainants)],
                    ["share filed by the top complainant", percent(c.top1)], ["share filed by the top 5", percent(c.top5)],
                    ["share filed by the top 10", percent(c.top10)], ["concentration index (HHI, 0–1)", String(format: "%.3f", c.concentration)],
                ]
                    + ComplainantRelation.allCases.map {
                        ["filed by \(Display.kind($0.rawValue).lowercased())", percent(Double(c.byRelation[$0] ?? 0) / Double(max(1, c.complaints)))]
                    },
                chart: SVGChart.bars(
                    title: "Share of complaints by complainant's position", description: "Directly affected, witnesses and third parties",
                    ComplainantRelation.allCases.map { r in
                        let share = Double(c.byRelation[r] ?? 0) / Double(max(1, c.complaints))
                        return SVGChart.Bar(label: Display.kind(r.rawValue), value: share, text: percent(share))
                    }, maximum: 1)))

        // Interim suspensions.
        let s = Oversight.suspensions(cases, at: now, calendar: procedure.calendar)
        let suspensions = s.rows.filter { shown($0.route) }
        tables.append(
            FigureTable(
                id: "suspensions", title: "Interim suspensions (\(s.daysWithoutHearing) member-days suspended without a hearing)",
                columns: ["case", "imposed", "days", "review date", "in force", "hearing held"],
                rows: suspensions.map {
                    [
                        $0.reference, Display.date($0.imposed), String($0.daysElapsed), $0.reviewDate.description, $0.active ? "yes" : "no",
                        $0.hearingHeld ? "yes" : "no",
                    ]
                },
                links: suspensions.map { row in link(id: row.id, route: row.route) }))

        // Whistleblowing: the Directive's limits for protected disclosures, and the retaliation
        // flags, as counts (which cases were flagged is for the independent reviewers' case pages).
        let period = cal.start(of: from)..<cal.start(of: to.adding(days: 1))
        let w = try await OversightData.whistleblowing(on: req.db, services: req.docket, received: period)
        tables.append(
            FigureTable(
                id: "whistleblowing", title: "Protected disclosures and retaliation flags", columns: ["figure", "count"],
                rows: [
                    ["Protected disclosures received", String(w.disclosures)],
                    ["Acknowledged within 7 days", String(w.acknowledgedInTime)], ["Acknowledged late", String(w.acknowledgedLate)],
                    ["Not yet acknowledged, past 7 days", String(w.acknowledgementOverdue)],
                    ["Feedback within 3 months", String(w.feedbackInTime)], ["Feedback late", String(w.feedbackLate)],
                    ["No feedback yet, past 3 months", String(w.feedbackOverdue)],
                    ["Retaliation flags raised", String(w.flagsRaised)], ["Confirmed by a reviewer", String(w.flagsConfirmed)],
                    ["Dismissed by a reviewer", String(w.flagsDismissed)], ["Open", String(w.flagsOpen)],
                ]))
        return (tables, from.description, to.description)
    }

    static func behindPath(_ g: Oversight.Grouping, _ key: String, from: Day, to: Day) -> String {
        var c = URLComponents()
        c.path = SiteURL.oversightCases
        c.queryItems = [
            .init(name: "by", value: g.rawValue), .init(name: "group", value: key),
            .init(name: "from", value: from.description), .init(name: "to", value: to.description),
        ]
        return c.string ?? c.path
    }

    /// `/oversight/cases?by=caseworker&group=ID&from=…&to=…`: every case a per-group figure
    /// counts, with links to the files. The governance committee sees the standard route only;
    /// complaints about officials are for the independent reviewers.
    func behind(req: Request) async throws -> Response {
        guard let g = req.query[String.self, at: "by"].flatMap(Oversight.Grouping.init(rawValue:)),
            let key = req.query[String.self, at: "group"], !key.isEmpty
        else {
            throw DueProcessError.invalid("bad_figure", "Say which figure: by=category, caseworker or panel, and group=the kind or the person's id.")
        }
        let cal = req.docket.config.calendar
        let to = req.query[String.self, at: "to"].flatMap(Day.init) ?? cal.day(of: req.docket.clock())
        let from = req.query[String.self, at: "from"].flatMap(Day.init) ?? to.adding(days: -365)
        let person = try req.auth.require(Person.self)
        let reviewer = person.roles.contains(.reviewer)
        let all = Oversight.members(of: key, by: g, in: try await req.docket.oversightCases(on: req.db, receivedFrom: from, to: to))
        let visible = reviewer ? all : all.filter { $0.route == .standard }
        let names = try await OversightData.staffNames(on: req.db)
        let label = g == .category ? Display.kind(key) : UUID(uuidString: key).flatMap { names[$0] } ?? key
        // Found by reference or kind, narrowed to a stage, in the order asked, fifty at a time.
        let query = (try? req.query.decode(BehindQuery.self)) ?? BehindQuery()
        let text = (query.q ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let stage = query.stage.flatMap(CaseStage.init(rawValue:))
        let matching = visible.filter { c in
            (text.isEmpty || c.reference.lowercased().contains(text) || Display.kind(c.category).lowercased().contains(text))
                && (stage == nil || c.stage == stage)
        }
        let order = ListOrder.chosen(query.sort, from: Self.behindOrders)
        func cells(_ c: OversightCase) -> [String] {
            [
                c.reference, Display.kind(c.category), c.stage.title, Display.date(c.receivedAt), c.triagedAt.map(Display.date) ?? "—",
                c.decidedAt.map(Display.date) ?? "—", c.allegations == 0 ? "—" : "\(c.upheld) of \(c.allegations)", c.sanction?.title ?? "—",
            ]
        }
        let columns = ["case", "kind", "stage", "received", "triaged", "decided", "upheld", "sanction"]
        let base: [(String, String?)] = [
            ("by", g.rawValue), ("group", key), ("from", from.description), ("to", to.description), ("q", query.q), ("stage", stage?.rawValue),
            order.field(in: Self.behindOrders),
        ]
        if query.format == "csv" {
            // The CSV has every case the filters find, in the order asked.
            let sorted = matching.page(by: order, size: matching.count, after: nil, key: { Self.sortKey($0, order) }, id: { $0.id.uuidString }).rows
            let table = FigureTable(id: "cases", title: "", columns: columns, rows: sorted.map(cells))
            let res = Response(status: .ok, body: .init(string: table.csv))
            res.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"cases-\(g.rawValue).csv\"")
            return res
        }
        let (rows, next) = matching.page(
            by: order, size: Self.behindPageSize, after: query.after, key: { Self.sortKey($0, order) }, id: { $0.id.uuidString })
        let hidden = all.count - visible.count
        return try await req.page(
            "behind",
            BehindPage(
                chrome: Chrome(req, title: "Cases behind a figure"),
                heading: "Cases behind the figures for \(label) (\(g.rawValue)), received \(from) to \(to)", from: from.description,
                to: to.description, by: g.rawValue, group: key, q: query.q ?? "",
                stages: CaseStage.allCases.map { .init(value: $0.rawValue, label: $0.title, selected: $0 == stage) },
                sorts: ListOrder.options(Self.behindOrders, chosen: order), order: order.label.lowercased(), columns: columns,
                rows: rows.map { FigureTable.Row(cells: cells($0), link: SiteURL.caseFile($0.id), hasLink: true) },
                found: matching.count, counted: visible.count,
                filtered: !text.isEmpty || stage != nil || order != Self.behindOrders[0],
                clear: Self.behindPath(g, key, from: from, to: to),
                more: next.map { SiteURL.withQuery(SiteURL.oversightCases, base + [("after", $0)]) },
                csv: SiteURL.withQuery(SiteURL.oversightCases, base + [("format", "csv")]),
                notes: (hidden > 0
                    ? [
                        "\(hidden) complaint\(hidden == 1 ? "" : "s") about staff or office-holders in this group \(hidden == 1 ? "is" : "are") shown only to the independent reviewers."
                    ] : []),
                back: SiteURL.oversight(from: from, to: to))
        )
        .encodeResponse(for: req)
    }

    struct BehindQuery: Content { var q: String?; var stage: String?; var sort: String?; var after: String?; var format: String? }

    struct BehindPage: Encodable {
        var chrome: Chrome
        var heading: String
        var from: String; var to: String; var by: String; var group: String
        var q: String
        var stages: [CaseWebController.ListPage.Option]
        var sorts: [CaseWebController.ListPage.Option]
        var order: String
        var columns: [String]
        var rows: [FigureTable.Row]
        var found: Int
        var counted: Int
        var filtered: Bool
        var clear: String
        var more: String?
        var csv: String
        var notes: [String]
        var back: String
    }

    static let behindPageSize = 50
    static let behindOrders = [
        ListOrder(name: "newest", label: "Newest received first", column: "received", descending: true),
        ListOrder(name: "oldest", label: "Oldest received first", column: "received", descending: false),
        ListOrder(name: "reference", label: "By reference", column: "reference", descending: false, key: .text),
    ]

    /// A case's place in an order of the drill-down, as text that sorts the same way.
    static func sortKey(_ c: OversightCase, _ order: ListOrder) -> String {
        order.column == "reference" ? c.reference : String(format: "%015lld", Int64(c.receivedAt.timeIntervalSince1970 * 1000))
    }

    func page(req: Request) async throws -> View {
        let (tables, from, to) = try await tables(req)
        return try await req.page(
            "analytics",
            Page(
                chrome: Chrome(req, title: "Oversight"), from: from, to: to, tables: tables,
                notes: [
                    "Outcomes are compared group by group with a two-proportion z-test against all other groups; a group of at least \(Oversight.outlierMinimum) is flagged when |z| ≥ \(Int(Oversight.outlierZ)), which chance alone produces about three times in a thousand. A flag asks a question; it is not a finding.",
                    "Intervals are 95% Wilson intervals. Medians and 90th percentiles are nearest-rank, in calendar days from receipt.",
                    "Complainant figures are shown so that patterns can be seen; nothing about a complainant is ever used to dismiss a complaint.",
                ]))
    }

    func csv(req: Request) async throws -> Response {
        let name = (req.parameters.get("table") ?? "").replacingOccurrences(of: ".csv", with: "")
        let (tables, _, _) = try await tables(req)
        guard let table = tables.first(where: { $0.id == name }) else { throw Abort(.notFound) }
        let res = Response(status: .ok, body: .init(string: table.csv))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(table.id).csv\"")
        return res
    }
}
