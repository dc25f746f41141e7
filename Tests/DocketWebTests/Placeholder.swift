import Testing
import VaporTesting
@testable import DocketWeb
@Test func placeholder() { #expect(DocketWebVersion.value == "0.1.0") }
