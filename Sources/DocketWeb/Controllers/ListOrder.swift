import DocketStore
import Fluent
import FluentSQL
import Foundation
import SQLKit

/// One order a list can be shown in, chosen with `sort=` in its address, and the keyset cursor
/// that continues a page in that order: the last row's key and id. A page is found through an
/// index by where the last one ended, never by counting the rows before it, so the hundredth page
/// of a caseworker's hundred thousand cases costs what the first does.
struct ListOrder: Sendable, Equatable {
    enum Key: Sendable { case number, text }
    /// As in the address: `sort=oldest`.
    var name: String
    /// As in the list's *Order* menu.
    var label: String
    var column: String
    var descending: Bool
    var key: Key = .number

    /// The order the address names, or else the list's first (its natural order).
    static func chosen(_ name: String?, from orders: [ListOrder]) -> ListOrder {
        orders.first { $0.name == name } ?? orders[0]
    }

    /// The menu of a list's orders, the chosen one selected.
    static func options(_ orders: [ListOrder], chosen: ListOrder) -> [CaseWebController.ListPage.Option] {
        orders.map { .init(value: $0.name, label: $0.label, selected: $0 == chosen) }
    }

    /// The `sort` field of a list's address: none for the natural order, so the plain address stays plain.
    func field(in orders: [ListOrder]) -> (String, String?) { ("sort", self == orders[0] ? nil : name) }

    /// Puts a query in this order, the id breaking ties the same way, and starts it after a
    /// cursor from `cursor(_:id:)`. A cursor that cannot be read starts at the beginning.
    func apply<M: Model>(_ q: QueryBuilder<M>, table: String, idColumn: String = "id", after cursor: String?) {
        let col = SQLQueryString("\(ident: table).\(ident: column)")
        let idCol = SQLQueryString("\(ident: table).\(ident: idColumn)")
        let beyond: SQLQueryString = descending ? "<" : ">"
        if let cursor, let cut = cursor.lastIndex(of: "_") {
            let raw = String(cursor[..<cut]), rest = String(cursor[cursor.index(after: cut)...])
            let id: (any Encodable & Sendable)? = UUID(uuidString: rest) ?? Int64(rest).map { $0 as any Encodable & Sendable }
            let value: (any Encodable & Sendable)? = key == .number ? Int64(raw).map { $0 as any Encodable & Sendable } : raw
            if let id, let value {
                q.filter(.sql(embed: "(\(col) \(beyond) \(bind: value) OR (\(col) = \(bind: value) AND \(idCol) \(beyond) \(bind: id)))"))
            }
        }
        let direction: SQLQueryString = descending ? "DESC" : "ASC"
        q.sort(.sql(embed: "\(col) \(direction)"))
        q.sort(.sql(embed: "\(idCol) \(direction)"))
    }

    /// Where the next page starts: after this row.
    func cursor(_ value: some CustomStringConvertible, id: some CustomStringConvertible) -> String { "\(value)_\(id)" }
}

extension Array {
    /// One page of a list held in memory (built from a projection already loaded), in an order,
    /// after a cursor, with the cursor of the next page if there is one. `key` must sort as the
    /// order does when compared as text (numbers zero-padded); the id breaks ties.
    func page(by order: ListOrder, size: Int, after cursor: String?, key: (Element) -> String, id: (Element) -> String) -> (
        rows: [Element], next: String?
    ) {
        func before(_ a: (String, String), _ b: (String, String)) -> Bool { order.descending ? a > b : a < b }
        let keyed = self.map { ((key($0), id($0)), $0) }.sorted { before($0.0, $1.0) }
        var rest = keyed[...]
        if let cursor, let cut = cursor.lastIndex(of: "_") {
            let at = (String(cursor[..<cut]), String(cursor[cursor.index(after: cut)...]))
            rest = keyed.drop { !before(at, $0.0) }
        }
        let rows = rest.prefix(size)
        let next = rest.count > size ? rows.last.map { order.cursor($0.0.0, id: $0.0.1) } : nil
        return (rows.map(\.1), next)
    }
}

/// A SQL `LIKE` pattern (with `ESCAPE '\'`) that finds a text typed into a search as typed:
/// a `%` or `_` in it is a character, not a wildcard.
func likePattern(containing text: String) -> String {
    "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
}

extension CaseSummary {
    /// This case's place in an order over the cases table, as the order's cursor holds it.
    func key(in order: ListOrder) -> String {
        switch order.column {
        case "received_at": "\(receivedAt)"
        case "last_seq": "\(lastSeq)"
        case "reference": reference
        case "stage_due_at": "\(stageDueAt ?? 0)"
        case "suspension_review": suspensionReview ?? ""
        default: "\(stageEnteredAt)"
        }
    }
}
