import DocketCore
import DocketStore
import Fluent
import SQLKit
import Vapor

/// The governance committee's queues in full: every case waiting on it, on the standard route,
/// fifty at a time by keyset on the queue's own order, with a search and filters (kind,
/// caseworker, received between two days) that live in the address.
struct GovernanceQueues: RouteCollection {
    enum Queue: String, CaseIterable {
        case overdue
        case suspensions
        case awaitingCaseworker = "awaiting-caseworker"
        case awaitingPanel = "awaiting-panel"
        case appeals

        var title: String {
            switch self {
            case .overdue: "Overdue cases"
            case .suspensions: "Interim suspensions"
            case .awaitingCaseworker: "Awaiting a caseworker"
            case .awaitingPanel: "Awaiting a panel"
            case .appeals: "Appeals"
            }
        }

        /// The column the queue is in order of, oldest or soonest first.
        var column: String {
            switch self {
            case .overdue: "stage_due_at"
            case .suspensions: "suspension_review"
            default: "stage_entered_at"
            }
        }

        /// The orders the queue offers: its own first (most urgent first), then by receipt and reference.
        var orders: [ListOrder] {
            let own =
                switch self {
                case .overdue: "Most overdue first"
                case .suspensions: "Soonest review first"
                default: "Longest waiting first"
                }
            return [
                ListOrder(name: "queue", label: own, column: column, descending: false, key: self == .suspensions ? .text : .number),
                ListOrder(name: "newest", label: "Newest received first", column: "received_at", descending: true),
                ListOrder(name: "oldest", label: "Oldest received first", column: "received_at", descending: false),
                ListOrder(name: "reference", label: "By reference", column: "reference", descending: false, key: .text),
            ]
        }

        var stage: CaseStage? {
            switch self {
            case .awaitingCaseworker: .received
            case .awaitingPanel: .reported
            case .appeals: .appeal
            default: nil
            }
        }
    }

    struct Query: Content {
        var q: String?; var kind: String?; var caseworker: String?; var from: String?; var to: String?; var after: String?; var sort: String?
    }

    struct Page: Encodable {
        var chrome: Chrome
        var queue: String
        var rows: [OversightController.Row]
        var total: Int
        var q: String; var from: String; var to: String
        var kinds: [CaseWebController.ListPage.Option]
        var sorts: [CaseWebController.ListPage.Option]
        var order: String
        var caseworkers: [CaseWebController.ListPage.Option]
        var filtered: Bool
        var more: String?
        var action: String
    }

    static let pageSize = 50
    /// Rows of each queue on the governance page itself.
    static let onGovernancePage = 25

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireRole(role: .governance)).get("governance", "queues", ":queue", use: show)
    }

    func show(req: Request) async throws -> View {
        guard let queue = req.parameters.get("queue").flatMap(Queue.init(rawValue:)) else { throw Abort(.notFound) }
        let query = (try? req.query.decode(Query.self)) ?? Query()
        let now = req.docket.clock()
        let calendar = req.docket.config.calendar
        // Governance sees the standard route only: complaints about officials are the reviewers'.
        let q = CaseSummary.query(on: req.db).filter(\.$route == CaseRoute.standard.rawValue)
        switch queue {
        case .overdue: CaseSummary.onlyOverdue(q, at: now)
        case .suspensions: q.filter(\.$suspensionReview > "")
        default: q.filter(\.$stage == queue.stage!.rawValue)
        }
        if let kind = query.kind, !kind.isEmpty { q.filter(\.$category == String(kind.prefix(100))) }
        if let id = query.caseworker.flatMap(UUID.init(uuidString:)) { q.filter(\.$caseworkerId == id) }
        let from = query.from.flatMap(Day.init), to = query.to.flatMap(Day.init)
        if let from { q.filter(\.$receivedAt >= Instant.millis(calendar.start(of: from))) }
        if let to { q.filter(\.$receivedAt < Instant.millis(calendar.start(of: to.adding(days: 1)))) }
        if let text = query.q, let matching = CaseSearch.filter(text, column: "\(ident: CaseSummary.schema).\(ident: "id")", on: req.db) {
            q.filter(.sql(embed: matching))
        }
        let total = try await q.copy().count()
        // Keyset: after the last row shown, in the chosen order (the queue's own unless asked), then by id.
        let order = ListOrder.chosen(query.sort, from: queue.orders)
        order.apply(q, table: CaseSummary.schema, after: query.after)
        let fetched = try await q.limit(Self.pageSize + 1).all()
        let shown = Array(fetched.prefix(Self.pageSize))
        let today = Display.calendar.day(of: now).description
        let ms = Instant.millis(now)
        let rows = OversightController().rows(shown, now: ms) { c in
            switch queue {
            case .overdue: "due by \(Display.deadline(Instant.date(millis: c.stageDueAt ?? 0)))"
            case .suspensions:
                (c.suspensionReview ?? "") < today ? "lapsed on \(c.suspensionReview ?? "") unless renewed" : "review date \(c.suspensionReview ?? "")"
            default: OversightController().since(c)
            }
        }
        let filters: [(String, String?)] = [
            ("q", query.q), ("kind", query.kind), ("caseworker", query.caseworker), ("from", from?.description), ("to", to?.description),
            order.field(in: queue.orders),
        ]
        let more =
            fetched.count > Self.pageSize
            ? shown.last.map { SiteURL.withQuery(SiteURL.governanceQueue(queue.rawValue), filters + [("after", order.cursor($0.key(in: order), id: $0.id!))]) }
            : nil
        // The kinds the rulebook has had: the choices, whichever cases there are.
        let kinds = Set(try await req.docket.procedure(on: req.db).rulebook.versions.flatMap { $0.clauses.map(\.category) }).sorted()
        let caseworkers = try await Person.candidates(with: .caseworker, on: req.db).map(\.id)
        let names = try await OversightData.staffNames(on: req.db)
        return try await req.page(
            "queue",
            Page(
                chrome: Chrome(req, title: queue.title), queue: queue.title, rows: rows, total: total, q: query.q ?? "",
                from: from?.description ?? "", to: to?.description ?? "",
                kinds: kinds.map { .init(value: $0, label: Display.kind($0), selected: $0 == query.kind) },
                sorts: ListOrder.options(queue.orders, chosen: order), order: order.label.lowercased(),
                caseworkers: caseworkers.compactMap { id in names[id].map { (id, $0) } }.sorted { $0.1 < $1.1 }.map {
                    .init(value: $0.0.uuidString.lowercased(), label: $0.1, selected: $0.0.uuidString.lowercased() == query.caseworker?.lowercased())
                },
                filtered: filters.contains { !($0.1 ?? "").isEmpty }, more: more, action: SiteURL.governanceQueue(queue.rawValue)))
    }
}
