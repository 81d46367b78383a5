//! Courtesy-credit dates: the issue day and validity a code carries, judged against a given `now`.
//!
//! A credit is usable through its expiry date (issue day + validity days) inclusive, judged in UTC.
//! The core never reads a clock: `now` comes in as an argument.

use chrono::{DateTime, Days, NaiveDate, Utc};

/// Clock skew tolerated before an issue day counts as "in the future".
pub const SKEW_DAYS: u64 = 1;
/// A credit with this many days or fewer left gets an `expires_soon` warning.
pub const SOON_DAYS: i64 = 7;

/// Dates decoded from a credit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CreditDates {
    /// The day the credit was issued.
    pub issued_on: NaiveDate,
    /// The last day it can be used.
    pub expires_on: NaiveDate,
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
pub fn issue_date(epoch: NaiveDate, day_values: &[u8], radix: usize) -> Option<NaiveDate> {
    let days = day_values.iter().fold(0u64, |acc, &v| acc * radix as u64 + v as u64);
    epoch.checked_add_days(Days::new(days))
}

/// Issue and expiry dates, or `None` when the validity value has no meaning or the dates overflow.
pub fn credit_dates(
    epoch: NaiveDate,
    day_values: &[u8],
    radix: usize,
    validity_value: u8,
    validity_days: &[u32],
) -> Option<CreditDates> {
    let issued_on = issue_date(epoch, day_values, radix)?;
    let days = *validity_days.get(validity_value as usize)?;
    let expires_on = issued_on.checked_add_days(Days::new(days as u64))?;
    Some(CreditDates { issued_on, expires_on })
}

/// Judges the dates on `now`'s UTC day.
pub fn judge(dates: &CreditDates, now: DateTime<Utc>) -> DateStatus {
    let today = now.date_naive();
    let latest_issue = today.checked_add_days(Days::new(SKEW_DAYS)).unwrap_or(today);
    if dates.issued_on > latest_issue {
        DateStatus::NotYetValid
    } else if today > dates.expires_on {
        DateStatus::Expired
    } else {
        DateStatus::Usable { days_left: (dates.expires_on - today).num_days() }
    }
}

/// Parses an RFC 3339 timestamp (`2026-11-22T10:00:00Z`, offsets allowed) or a plain date
/// (`2026-11-22`, taken as midnight UTC).
pub fn parse_now(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text.trim()) {
        return Some(t.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, hms: &str) -> DateTime<Utc> {
        parse_now(&format!("{y:04}-{m:02}-{d:02}T{hms}Z")).unwrap()
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
        let late_in_berlin = parse_now("2026-12-02T00:30:00+01:00").unwrap();
        assert_eq!(judge(&dates, late_in_berlin), DateStatus::Usable { days_left: 0 });
    }

    #[test]
    fn validity_out_of_table_has_no_dates() {
        assert_eq!(credit_dates(day(2020, 1, 1), &[0, 0, 0], 32, 5, &[30, 60, 90, 180, 365]), None);
    }

    #[test]
    fn parses_rfc3339_and_plain_dates() {
        assert_eq!(parse_now("2026-11-22"), Some(at(2026, 11, 22, "00:00:00")));
        assert!(parse_now("2026-11-22T10:00:00.123+05:30").is_some());
        assert_eq!(parse_now("yesterday"), None);
        assert_eq!(parse_now("2026-13-01"), None);
    }
}
