import DocketCore
import Foundation
import Testing

@testable import DocketWeb

/// Each step of the catalogue has one form partial, `steps/<its URL name>.leaf`, and the case
/// page shows it when the core offers the step (`offered.<its name>`); no other template spells
/// a step's form. Adding a step is one case in the catalogue, one partial and one test.
@Suite("One form partial per step")
struct StepFormTests {
    static let views = LiveServer.packageRoot.appendingPathComponent("Resources/Views")

    @Test func every_step_has_one_partial_and_the_case_page_shows_it_when_offered() throws {
        let steps = Self.views.appendingPathComponent("steps")
        let partials = try FileManager.default.contentsOfDirectory(atPath: steps.path).filter { $0.hasSuffix(".leaf") }
        #expect(Set(partials) == Set(CaseStep.allCases.map { "\($0.rawValue).leaf" }))
        let page = try ["case.leaf", "case-actions.leaf"].map { try String(contentsOf: Self.views.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
        for step in CaseStep.allCases {
            let url = steps.appendingPathComponent("\(step.rawValue).leaf")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            #expect(text.components(separatedBy: "<form ").count == 2, "\(step.rawValue).leaf should hold exactly one form")
            #expect(text.contains("<form method=\"post\" action=\"/cases/#(id)/\(step.rawValue)\""), "\(step.rawValue).leaf posts elsewhere")
            #expect(text.contains("#extend(\"csrf\")"), "\(step.rawValue).leaf has no CSRF field")
            #expect(page.components(separatedBy: "#extend(\"steps/\(step.rawValue)\")").count == 2, "the case page should show steps/\(step.rawValue) once")
            #expect(page.contains("#if(offered.\(CasePage.key(step)))"), "the case page never asks whether \(step.rawValue) is offered")
        }
        // No other template spells a step's form.
        let others =
            FileManager.default.enumerator(at: Self.views, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "leaf" && !$0.path.contains("/steps/") } ?? []
        for file in others {
            #expect(!(try String(contentsOf: file, encoding: .utf8)).contains("action=\"/cases/#(id)/"), "\(file.lastPathComponent) spells a step's form")
        }
    }
}
