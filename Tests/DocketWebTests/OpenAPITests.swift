import Foundation
import Testing
import Vapor
@testable import DocketWeb

@Suite("The OpenAPI document")
struct OpenAPITests {
    @Test func it_describes_exactly_the_api_routes_the_application_serves() async throws {
        try await TestApp.run { t in
            let r = try await t.call(.GET, "/api/v1/openapi.json")
            #expect(r.status == .ok)
            #expect(r["openapi"] as? String == "3.1.0")
            let paths = try #require(r["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
            let served = Set(t.app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { c -> String in
                    if case .parameter(let name) = c { return "{\(name)}" }
                    return c.description
                }.joined(separator: "/")
                return path.hasPrefix("/api/") ? "\(route.method.rawValue) \(path)" : nil
            })
            #expect(documented == served, "documented but not served: \(documented.subtracting(served)); served but not documented: \(served.subtracting(documented))")
            let step = try #require(paths["/api/v1/cases/{caseID}/{action}"]?["post"] as? [String: Any])
            let actions = (step["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "action" }
            #expect((actions?["schema"] as? [String: Any])?["enum"] as? [String] == CommandBody.actions)
        }
    }
}
