//! Courtesy-credit dates: the issue day and validity a code carries, judged against a given `now`.
//!
//! A credit is usable through its expiry date (issue day + validity days) inclusive, judged in UTC.
//! The core never reads a clock: `now` comes in as an argument.

use crate::prelude::*;

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

/// Parses an RFC 3339 timestamp (`2026-11-22T10:00:00Z`, fractions and offsets allowed) or a plain
/// date (`2026-11-22`, taken as midnight UTC). Written by hand: chrono's general parser costs the
/// browser bundle tens of kilobytes.
pub fn parse_now(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim().as_bytes();
    let date = parse_ymd_bytes(text.get(..10)?)?;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(date.and_hms_opt(0, 0, 0)?.and_utc());
    }
    if !matches!(rest[0], b'T' | b't' | b' ') || rest.len() < 9 || rest[3] != b':' || rest[6] != b':' {
        return None;
    }
    let (hour, minute, second) = (number(&rest[1..3])?, number(&rest[4..6])?, number(&rest[7..9])?);
    let mut zone = &rest[9..];
    if let Some(fraction) = zone.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        zone = &fraction[digits..];
    }
    let offset_minutes: i64 = match zone {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (number(&[*h1, *h2])?, number(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = (h * 60 + m) as i64;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    // A leap second (:60) is read as the last second of the minute.
    let local = date.and_hms_opt(hour, minute, second.min(59))?.and_utc();
    local.checked_sub_signed(chrono::TimeDelta::try_minutes(offset_minutes)?)
}

/// Parses `YYYY-MM-DD` exactly.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 {
        return None;
    }
    parse_ymd_bytes(bytes)
}

fn parse_ymd_bytes(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = number(&b[..4])? as i32;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..10])?)
}

fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| d.is_ascii_digit().then(|| acc * 10 + (d - b'0') as u32))
}

/// Formats a date as `YYYY-MM-DD` (years 0–9999).
pub fn format_ymd(date: NaiveDate) -> String {
    use chrono::Datelike;
    let mut out = String::with_capacity(10);
    let year = date.year().clamp(0, 9999) as u32;
    for (value, width) in [(year, 4), (date.month(), 2), (date.day(), 2)] {
        if !out.is_empty() {
            out.push('-');
        }
        for k in (0..width).rev() {
            out.push(char::from(b'0' + (value / 10u32.pow(k) % 10) as u8));
        }
    }
    out
}

/// Formats an instant as RFC 3339 in UTC to the second (`2026-11-22T12:00:00Z`).
pub fn format_timestamp(at: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let mut out = format_ymd(at.date_naive());
    for (separator, value) in [('T', at.hour()), (':', at.minute()), (':', at.second())] {
        out.push(separator);
        out.push(char::from(b'0' + (value / 10) as u8));
        out.push(char::from(b'0' + (value % 10) as u8));
    }
    out.push('Z');
    out
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
        assert_eq!(late_in_berlin, at(2026, 12, 1, "23:30:00"));
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
        assert_eq!(parse_now("2026-11-22t10:00:00z"), Some(at(2026, 11, 22, "10:00:00")));
        assert_eq!(parse_now("2026-11-22 10:00:00-02:30"), Some(at(2026, 11, 22, "12:30:00")));
        for bad in [
            "yesterday",
            "2026-13-01",
            "2026-11-22T25:00:00Z",
            "2026-11-22T10:00:00",
            "2026-11-22T10:00:00.Z",
            "2026-11-22T10:00:00+24:00",
            "2026-1-22",
            "",
        ] {
            assert_eq!(parse_now(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_timestamps_to_the_second() {
        let at = parse_now("2026-11-22T09:05:07.9+01:00").unwrap();
        assert_eq!(format_timestamp(at), "2026-11-22T08:05:07Z");
        assert_eq!(parse_now(&format_timestamp(at)), parse_now("2026-11-22T08:05:07Z"));
    }

    #[test]
    fn formats_and_parses_plain_dates() {
        assert_eq!(format_ymd(day(2026, 3, 7)), "2026-03-07");
        assert_eq!(parse_ymd("2020-01-01"), Some(day(2020, 1, 1)));
        assert_eq!(parse_ymd("2020-02-30"), None);
        assert_eq!(parse_ymd("2020-01-01T"), None);
    }
}
