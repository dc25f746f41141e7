import Testing

@testable import DocketCore

@Suite("CSV cells a spreadsheet would run")
struct CSVTextTests {
    @Test func text_that_would_start_a_formula_is_written_as_text() {
        for cell in ["=HYPERLINK(\"http://x.example\",\"open\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tx", "\rx", "＝1+1", "=", "-", "+."] {
            let written = CSVText.neutralised(cell)
            #expect(written == "'" + cell, "\(cell.debugDescription) → \(written.debugDescription)")
        }
    }

    @Test func plain_numbers_and_ordinary_text_are_left_alone() {
        for cell in ["-3", "+2.5", "-12%", "0", "42", "fewer than 5", "Bob said \"no\"", "", "1-2", "a=b"] {
            #expect(CSVText.neutralised(cell) == cell)
        }
    }

    @Test func a_neutralised_cell_is_still_quoted_when_it_needs_to_be() {
        #expect(CSVText.field("=A1,\"B\"") == "\"'=A1,\"\"B\"\"\"")
        #expect(CSVText.lines([["a", "=1"], ["-1", "@x"]]) == "a,'=1\r\n-1,'@x\r\n")
    }
}
