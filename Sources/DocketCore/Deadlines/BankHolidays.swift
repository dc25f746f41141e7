import Foundation

/// The UK's bank holidays, 2024–2030, for England and Wales, Scotland and Northern Ireland.
///
/// Source: the lists GOV.UK publishes (https://www.gov.uk/bank-holidays, also as
/// https://www.gov.uk/bank-holidays.json) for the years published when this table was made
/// (2024–2026), and for later years the rules those lists follow, under the Banking and Financial
/// Dealings Act 1971 and the annual royal proclamations: New Year's Day (and 2 January in
/// Scotland), St Patrick's Day and the Battle of the Boyne in Northern Ireland, Good Friday,
/// Easter Monday (not in Scotland), the first and last Mondays of May, the summer bank holiday
/// (first Monday of August in Scotland, last elsewhere), St Andrew's Day in Scotland, Christmas
/// Day and Boxing Day; a holiday on a Saturday or Sunday moves to the next weekday not already a
/// holiday ("substitute day"). A one-off holiday proclaimed later (a coronation, a jubilee) is
/// not here: add it with `DOCKET_HOLIDAYS` or on the settings page, and to this table.
///
/// To extend the table: add each year's days under its region below, from GOV.UK's list, and
/// extend `years`. `BankHolidaysTests` checks every day is a weekday, each region has its
/// holidays in every year covered, and the dates GOV.UK published.
public enum BankHolidays {
    public enum Region: String, CaseIterable, Sendable {
        case englandAndWales = "england-and-wales"
        case scotland
        case northernIreland = "northern-ireland"

        public var title: String {
            switch self {
            case .englandAndWales: "England and Wales"
            case .scotland: "Scotland"
            case .northernIreland: "Northern Ireland"
            }
        }
    }

    /// The years the table covers.
    public static let years = 2024...2030

    /// The bank holidays of `region`, each with its name, in date order.
    public static func days(_ region: Region) -> [(day: Day, name: String)] {
        table(region).map { (Day($0.0)!, $0.1) }
    }

    static func table(_ region: Region) -> [(String, String)] {
        switch region {
        case .englandAndWales:
            [
                // 2024
                ("2024-01-01", "New Year's Day"),
                ("2024-03-29", "Good Friday"),
                ("2024-04-01", "Easter Monday"),
                ("2024-05-06", "Early May bank holiday"),
                ("2024-05-27", "Spring bank holiday"),
                ("2024-08-26", "Summer bank holiday"),
                ("2024-12-25", "Christmas Day"),
                ("2024-12-26", "Boxing Day"),
                // 2025
                ("2025-01-01", "New Year's Day"),
                ("2025-04-18", "Good Friday"),
                ("2025-04-21", "Easter Monday"),
                ("2025-05-05", "Early May bank holiday"),
                ("2025-05-26", "Spring bank holiday"),
                ("2025-08-25", "Summer bank holiday"),
                ("2025-12-25", "Christmas Day"),
                ("2025-12-26", "Boxing Day"),
                // 2026
                ("2026-01-01", "New Year's Day"),
                ("2026-04-03", "Good Friday"),
                ("2026-04-06", "Easter Monday"),
                ("2026-05-04", "Early May bank holiday"),
                ("2026-05-25", "Spring bank holiday"),
                ("2026-08-31", "Summer bank holiday"),
                ("2026-12-25", "Christmas Day"),
                ("2026-12-28", "Boxing Day (substitute day)"),
                // 2027
                ("2027-01-01", "New Year's Day"),
                ("2027-03-26", "Good Friday"),
                ("2027-03-29", "Easter Monday"),
                ("2027-05-03", "Early May bank holiday"),
                ("2027-05-31", "Spring bank holiday"),
                ("2027-08-30", "Summer bank holiday"),
                ("2027-12-27", "Christmas Day (substitute day)"),
                ("2027-12-28", "Boxing Day (substitute day)"),
                // 2028
                ("2028-01-03", "New Year's Day (substitute day)"),
                ("2028-04-14", "Good Friday"),
                ("2028-04-17", "Easter Monday"),
                ("2028-05-01", "Early May bank holiday"),
                ("2028-05-29", "Spring bank holiday"),
                ("2028-08-28", "Summer bank holiday"),
                ("2028-12-25", "Christmas Day"),
                ("2028-12-26", "Boxing Day"),
                // 2029
                ("2029-01-01", "New Year's Day"),
                ("2029-03-30", "Good Friday"),
                ("2029-04-02", "Easter Monday"),
                ("2029-05-07", "Early May bank holiday"),
                ("2029-05-28", "Spring bank holiday"),
                ("2029-08-27", "Summer bank holiday"),
                ("2029-12-25", "Christmas Day"),
                ("2029-12-26", "Boxing Day"),
                // 2030
                ("2030-01-01", "New Year's Day"),
                ("2030-04-19", "Good Friday"),
                ("2030-04-22", "Easter Monday"),
                ("2030-05-06", "Early May bank holiday"),
                ("2030-05-27", "Spring bank holiday"),
                ("2030-08-26", "Summer bank holiday"),
                ("2030-12-25", "Christmas Day"),
                ("2030-12-26", "Boxing Day"),
            ]
        case .scotland:
            [
                // 2024
                ("2024-01-01", "New Year's Day"),
                ("2024-01-02", "2nd January"),
                ("2024-03-29", "Good Friday"),
                ("2024-05-06", "Early May bank holiday"),
                ("2024-05-27", "Spring bank holiday"),
                ("2024-08-05", "Summer bank holiday"),
                ("2024-12-02", "St Andrew's Day (substitute day)"),
                ("2024-12-25", "Christmas Day"),
                ("2024-12-26", "Boxing Day"),
                // 2025
                ("2025-01-01", "New Year's Day"),
                ("2025-01-02", "2nd January"),
                ("2025-04-18", "Good Friday"),
                ("2025-05-05", "Early May bank holiday"),
                ("2025-05-26", "Spring bank holiday"),
                ("2025-08-04", "Summer bank holiday"),
                ("2025-12-01", "St Andrew's Day (substitute day)"),
                ("2025-12-25", "Christmas Day"),
                ("2025-12-26", "Boxing Day"),
                // 2026
                ("2026-01-01", "New Year's Day"),
                ("2026-01-02", "2nd January"),
                ("2026-04-03", "Good Friday"),
                ("2026-05-04", "Early May bank holiday"),
                ("2026-05-25", "Spring bank holiday"),
                ("2026-08-03", "Summer bank holiday"),
                ("2026-11-30", "St Andrew's Day"),
                ("2026-12-25", "Christmas Day"),
                ("2026-12-28", "Boxing Day (substitute day)"),
                // 2027
                ("2027-01-01", "New Year's Day"),
                ("2027-01-04", "2nd January (substitute day)"),
                ("2027-03-26", "Good Friday"),
                ("2027-05-03", "Early May bank holiday"),
                ("2027-05-31", "Spring bank holiday"),
                ("2027-08-02", "Summer bank holiday"),
                ("2027-11-30", "St Andrew's Day"),
                ("2027-12-27", "Christmas Day (substitute day)"),
                ("2027-12-28", "Boxing Day (substitute day)"),
                // 2028
                ("2028-01-03", "New Year's Day (substitute day)"),
                ("2028-01-04", "2nd January (substitute day)"),
                ("2028-04-14", "Good Friday"),
                ("2028-05-01", "Early May bank holiday"),
                ("2028-05-29", "Spring bank holiday"),
                ("2028-08-07", "Summer bank holiday"),
                ("2028-11-30", "St Andrew's Day"),
                ("2028-12-25", "Christmas Day"),
                ("2028-12-26", "Boxing Day"),
                // 2029
                ("2029-01-01", "New Year's Day"),
                ("2029-01-02", "2nd January"),
                ("2029-03-30", "Good Friday"),
                ("2029-05-07", "Early May bank holiday"),
                ("2029-05-28", "Spring bank holiday"),
                ("2029-08-06", "Summer bank holiday"),
                ("2029-11-30", "St Andrew's Day"),
                ("2029-12-25", "Christmas Day"),
                ("2029-12-26", "Boxing Day"),
                // 2030
                ("2030-01-01", "New Year's Day"),
                ("2030-01-02", "2nd January"),
                ("2030-04-19", "Good Friday"),
                ("2030-05-06", "Early May bank holiday"),
                ("2030-05-27", "Spring bank holiday"),
                ("2030-08-05", "Summer bank holiday"),
                ("2030-12-02", "St Andrew's Day (substitute day)"),
                ("2030-12-25", "Christmas Day"),
                ("2030-12-26", "Boxing Day"),
            ]
        case .northernIreland:
            [
                // 2024
                ("2024-01-01", "New Year's Day"),
                ("2024-03-18", "St Patrick's Day (substitute day)"),
                ("2024-03-29", "Good Friday"),
                ("2024-04-01", "Easter Monday"),
                ("2024-05-06", "Early May bank holiday"),
                ("2024-05-27", "Spring bank holiday"),
                ("2024-07-12", "Battle of the Boyne (Orangemen's Day)"),
                ("2024-08-26", "Summer bank holiday"),
                ("2024-12-25", "Christmas Day"),
                ("2024-12-26", "Boxing Day"),
                // 2025
                ("2025-01-01", "New Year's Day"),
                ("2025-03-17", "St Patrick's Day"),
                ("2025-04-18", "Good Friday"),
                ("2025-04-21", "Easter Monday"),
                ("2025-05-05", "Early May bank holiday"),
                ("2025-05-26", "Spring bank holiday"),
                ("2025-07-14", "Battle of the Boyne (Orangemen's Day) (substitute day)"),
                ("2025-08-25", "Summer bank holiday"),
                ("2025-12-25", "Christmas Day"),
                ("2025-12-26", "Boxing Day"),
                // 2026
                ("2026-01-01", "New Year's Day"),
                ("2026-03-17", "St Patrick's Day"),
                ("2026-04-03", "Good Friday"),
                ("2026-04-06", "Easter Monday"),
                ("2026-05-04", "Early May bank holiday"),
                ("2026-05-25", "Spring bank holiday"),
                ("2026-07-13", "Battle of the Boyne (Orangemen's Day) (substitute day)"),
                ("2026-08-31", "Summer bank holiday"),
                ("2026-12-25", "Christmas Day"),
                ("2026-12-28", "Boxing Day (substitute day)"),
                // 2027
                ("2027-01-01", "New Year's Day"),
                ("2027-03-17", "St Patrick's Day"),
                ("2027-03-26", "Good Friday"),
                ("2027-03-29", "Easter Monday"),
                ("2027-05-03", "Early May bank holiday"),
                ("2027-05-31", "Spring bank holiday"),
                ("2027-07-12", "Battle of the Boyne (Orangemen's Day)"),
                ("2027-08-30", "Summer bank holiday"),
                ("2027-12-27", "Christmas Day (substitute day)"),
                ("2027-12-28", "Boxing Day (substitute day)"),
                // 2028
                ("2028-01-03", "New Year's Day (substitute day)"),
                ("2028-03-17", "St Patrick's Day"),
                ("2028-04-14", "Good Friday"),
                ("2028-04-17", "Easter Monday"),
                ("2028-05-01", "Early May bank holiday"),
                ("2028-05-29", "Spring bank holiday"),
                ("2028-07-12", "Battle of the Boyne (Orangemen's Day)"),
                ("2028-08-28", "Summer bank holiday"),
                ("2028-12-25", "Christmas Day"),
                ("2028-12-26", "Boxing Day"),
                // 2029
                ("2029-01-01", "New Year's Day"),
                ("2029-03-19", "St Patrick's Day (substitute day)"),
                ("2029-03-30", "Good Friday"),
                ("2029-04-02", "Easter Monday"),
                ("2029-05-07", "Early May bank holiday"),
                ("2029-05-28", "Spring bank holiday"),
                ("2029-07-12", "Battle of the Boyne (Orangemen's Day)"),
                ("2029-08-27", "Summer bank holiday"),
                ("2029-12-25", "Christmas Day"),
                ("2029-12-26", "Boxing Day"),
                // 2030
                ("2030-01-01", "New Year's Day"),
                ("2030-03-18", "St Patrick's Day (substitute day)"),
                ("2030-04-19", "Good Friday"),
                ("2030-04-22", "Easter Monday"),
                ("2030-05-06", "Early May bank holiday"),
                ("2030-05-27", "Spring bank holiday"),
                ("2030-07-12", "Battle of the Boyne (Orangemen's Day)"),
                ("2030-08-26", "Summer bank holiday"),
                ("2030-12-25", "Christmas Day"),
                ("2030-12-26", "Boxing Day"),
            ]
        }
    }
}
