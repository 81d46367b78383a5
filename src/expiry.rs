//! Courtesy-credit dates: the issue day and validity a code carries, judged against a given `now`.
//!
//! A credit is usable through its expiry date (issue day + validity days) inclusive, judged in UTC.
//! The core never reads a clock: `now` comes in as an argument.

use crate::date::{Date, Timestamp};

/// Clock skew tolerated before an issue day counts as "in the future".
pub const SKEW_DAYS: u64 = 1;
/// A credit with this many days or fewer left gets an `expires_soon` warning.
pub const SOON_DAYS: i64 = 7;
/// A code being typed whose credit expired more than this many days ago is taken for something else
/// rather than a credit: customers still try credits that expired lately, and most random symbols
/// decode to dates years away.
pub const RECENTLY_EXPIRED_DAYS: u64 = 365;

/// Dates decoded from a credit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CreditDates {
    /// The day the credit was issued.
    pub issued_on: Date,
    /// The last day it can be used.
    pub expires_on: Date,
}

/// Where `now` stands relative to a credit's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStatus {
    /// Issued more than a day after `now`: a clock problem or a mistyped code.
    NotYetValid,
    /// Usable, with this many days left after today (0 = last day).
    Usable {
        /// Days left after today.
        days_left: i64,
    },
    /// The expiry date has passed.
    Expired,
}

/// Decodes a base-N issue day (most significant symbol first) into a date.
pub fn issue_date(epoch: Date, day_values: &[u8], radix: usize) -> Option<Date> {
    let days = day_values.iter().fold(0u64, |acc, &v| acc * radix as u64 + v as u64);
    epoch.add_days(days)
}

/// Issue and expiry dates, or `None` when the validity value has no meaning or the dates overflow.
pub fn credit_dates(
    epoch: Date,
    day_values: &[u8],
    radix: usize,
    validity_value: u8,
    validity_days: &[u32],
) -> Option<CreditDates> {
    let issued_on = issue_date(epoch, day_values, radix)?;
    let days = *validity_days.get(validity_value as usize)?;
    let expires_on = issued_on.add_days(u64::from(days))?;
    Some(CreditDates { issued_on, expires_on })
}

/// Judges the dates on `now`'s UTC day.
pub fn judge(dates: &CreditDates, now: Timestamp) -> DateStatus {
    let today = now.date();
    let latest_issue = today.add_days(SKEW_DAYS).unwrap_or(today);
    if dates.issued_on > latest_issue {
        DateStatus::NotYetValid
    } else if today > dates.expires_on {
        DateStatus::Expired
    } else {
        DateStatus::Usable { days_left: dates.expires_on.days_since(today) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, hms: &str) -> Timestamp {
        Timestamp::parse(&format!("{y:04}-{m:02}-{d:02}T{hms}Z")).unwrap()
    }

    #[test]
    fn design_vector_decodes() {
        // DE4G22…: issue day "4G2" = 2·1024 + 14·32 + 0 = 2496 days after 2020-01-01; validity "2" = 0 → 30 days.
        let dates = credit_dates(day(2020, 1, 1), &[2, 14, 0], 32, 0, &[30, 60, 90, 180, 365]).unwrap();
        assert_eq!(dates.issued_on, day(2026, 11, 1));
        assert_eq!(dates.expires_on, day(2026, 12, 1));
    }

    #[test]
    fn boundaries_are_inclusive_in_utc() {
        let dates = CreditDates { issued_on: day(2026, 11, 1), expires_on: day(2026, 12, 1) };
        assert_eq!(judge(&dates, at(2026, 12, 1, "23:59:59")), DateStatus::Usable { days_left: 0 });
        assert_eq!(judge(&dates, at(2026, 12, 2, "00:00:00")), DateStatus::Expired);
        assert_eq!(judge(&dates, at(2026, 11, 24, "12:00:00")), DateStatus::Usable { days_left: 7 });
        // One day of clock skew is tolerated.
        assert_eq!(judge(&dates, at(2026, 10, 31, "08:00:00")), DateStatus::Usable { days_left: 31 });
        assert_eq!(judge(&dates, at(2026, 10, 30, "23:00:00")), DateStatus::NotYetValid);
        // Offsets are converted to UTC before the day is taken.
        let late_in_berlin = Timestamp::parse("2026-12-02T00:30:00+01:00").unwrap();
        assert_eq!(late_in_berlin, at(2026, 12, 1, "23:30:00"));
        assert_eq!(judge(&dates, late_in_berlin), DateStatus::Usable { days_left: 0 });
    }

    #[test]
    fn validity_out_of_table_has_no_dates() {
        assert_eq!(credit_dates(day(2020, 1, 1), &[0, 0, 0], 32, 5, &[30, 60, 90, 180, 365]), None);
    }
}
