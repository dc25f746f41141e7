import DocketCore
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
            let served = Set(
                t.app.routes.all.compactMap { route -> String? in
                    let path =
                        "/"
                        + route.path.map { c -> String in
                            if case .parameter(let name) = c { return "{\(name)}" }
                            return c.description
                        }.joined(separator: "/")
                    return path.hasPrefix("/api/") ? "\(route.method.rawValue) \(path)" : nil
                })
            // Each step is its own path; together they are the actions the step route takes.
            let stepPrefix = "POST /api/v1/cases/{caseID}/"
            let steps = documented.filter { $0.hasPrefix(stepPrefix) }.map { String($0.dropFirst(stepPrefix.count)) }
            #expect(Set(steps) == Set(CommandBody.actions))
            // …and those are the core's catalogue of steps, but the web-only evidence upload.
            #expect(Set(steps) == Set(CaseStep.allCases.map(\.rawValue)).subtracting(["evidence"]))
            let others = documented.subtracting(steps.map { stepPrefix + $0 })
            #expect(
                others.union(["POST /api/v1/cases/{caseID}/{action}"]) == served,
                "documented but not served: \(others.subtracting(served)); served but not documented: \(served.subtracting(others).subtracting(["POST /api/v1/cases/{caseID}/{action}"]))"
            )

            // Every route lists what it can answer; the statuses of a step with a body include
            // those of a bad body.
            let serve = try #require(paths["/api/v1/cases/{caseID}/serve-notice"]?["post"] as? [String: Any])
            let responses = try #require(serve["responses"] as? [String: Any])
            #expect(Set(responses.keys) == ["200", "401", "403", "404", "409", "413", "415", "422", "429"])
            let filing = try #require(paths["/api/v1/cases"]?["post"] as? [String: Any])
            #expect(Set(try #require(filing["responses"] as? [String: Any]).keys) == ["201", "401", "413", "415", "422", "429"])
        }
    }

    /// A value of the type a schema property asks for.
    static func sample(_ schema: [String: Any]) -> Any {
        if let values = schema["enum"] as? [String] { return values[0] }
        switch schema["type"] as? String {
        case "integer": return 10
        case "boolean": return true
        case "array": return [] as [Any]
        default:
            switch schema["format"] as? String {
            case "date": return "2026-02-10"
            case "uuid": return UUID().uuidString
            default: return "Some words."
            }
        }
    }

    /// The document is tied to the decoder: for every step, leaving out any field the document
    /// calls required is refused with 422 naming that field as the API spells it.
    @Test func every_required_field_of_every_step_is_required_by_the_api() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.user("Alice", [.member], number: "A1")
            _ = try await t.user("Bob", [.member], number: "A2")
            let r = try await t.call(
                .POST, "/api/v1/cases", as: complainant,
                json: [
                    "respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S",
                ])
            let id = try #require(r["id"] as? String)
            let doc = try await t.call(.GET, "/api/v1/openapi.json")
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            var checked = 0
            for step in OpenAPIDocument.steps {
                guard let schema = schemas[OpenAPIDocument.schemaName(step.action)],
                    let properties = schema["properties"] as? [String: [String: Any]],
                    let required = schema["required"] as? [String]
                else { continue }
                for missing in required {
                    var body: [String: Any] = [:]
                    for (name, p) in properties where name != missing && required.contains(name) { body[name] = Self.sample(p) }
                    let answer = try await t.call(.POST, "/api/v1/cases/\(id)/\(step.action)", as: complainant, json: body)
                    #expect(answer.status == .unprocessableEntity, "\(step.action) without \(missing): \(answer.status)")
                    #expect(answer.message?.contains(missing) == true, "\(step.action) without \(missing): \(answer.message ?? "")")
                    checked += 1
                }
            }
            #expect(checked > 30)
        }
    }
}

@Suite("The API's rate limit")
struct APIRateLimitTests {
    @Test func a_token_gets_its_requests_a_minute_then_429_with_retry_after() async throws {
        try await TestApp.run(settings: { $0.apiRequestsPerMinute = 3 }) { t in
            let alice = try await t.user("Alice", [.member], number: "A1")
            let bob = try await t.user("Bob", [.member], number: "A2")
            for _ in 0..<3 { #expect(try await t.call(.GET, "/api/v1/me", as: alice).status == .ok) }
            let refused = try await t.call(.GET, "/api/v1/cases", as: alice)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.code == "too_many_requests")
            #expect(refused.message?.contains("More than 3 API requests in a minute") == true)
            #expect(Int(refused.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
            // Another token is counted on its own; and after the minute, Alice may go on.
            #expect(try await t.call(.GET, "/api/v1/me", as: bob).status == .ok)
            t.clock.set(t.clock.now.addingTimeInterval(61))
            #expect(try await t.call(.GET, "/api/v1/me", as: alice).status == .ok)
        }
    }
}
