//! Days and instants in UTC: what claimcheck needs of the calendar (credit dates, `now`, timestamps in
//! support packages), written out instead of taken from a date library. The arithmetic is the civil
//! calendar algorithm of Howard Hinnant ("chrono-Compatible Low-Level Date Algorithms"); the tests
//! compare every day from 0000-01-01 to 9999-12-31 with `chrono`.

use crate::prelude::*;

/// Days from 0000-03-01 to 1970-01-01 (the algorithm counts from a March 1st).
const UNIX_EPOCH_SHIFT: i64 = 719_468;
/// Days in a 400-year era.
const ERA_DAYS: i64 = 146_097;
/// The first and last day claimcheck represents: years 0–9999, what `YYYY-MM-DD` can write.
const MIN_DAY: i64 = -719_528; // 0000-01-01
const MAX_DAY: i64 = 2_932_896; // 9999-12-31
const SECONDS_PER_DAY: i64 = 86_400;

/// A day of the proleptic Gregorian calendar, 0000-01-01 to 9999-12-31.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i32,
}

impl Date {
    /// The day, or `None` for a month or day that does not exist or a year outside 0–9999.
    // Inlined into its few callers: a smaller browser module (docs/measurements.md, "Size").
    #[inline]
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(0..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let shifted_month = i64::from(if month > 2 { month - 3 } else { month + 9 });
        let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        Date::from_days(era * ERA_DAYS + day_of_era - UNIX_EPOCH_SHIFT)
    }

    fn from_days(days: i64) -> Option<Date> {
        (MIN_DAY..=MAX_DAY).contains(&days).then_some(Date { days: days as i32 })
    }

    /// Year, month (1–12) and day (1–31).
    // Inlined into its few callers: a smaller browser module (docs/measurements.md, "Size").
    #[inline]
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = i64::from(self.days) + UNIX_EPOCH_SHIFT;
        let era = z.div_euclid(ERA_DAYS);
        let day_of_era = z - era * ERA_DAYS;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        (year as i32, month as u32, day as u32)
    }

    /// The day `days` later, if it is still within 9999.
    pub fn add_days(self, days: u64) -> Option<Date> {
        Date::from_days(i64::from(self.days).checked_add(i64::try_from(days).ok()?)?)
    }

    /// The day `days` earlier, if it is still within year 0.
    pub fn sub_days(self, days: u64) -> Option<Date> {
        Date::from_days(i64::from(self.days).checked_sub(i64::try_from(days).ok()?)?)
    }

    /// Days from `earlier` to this day (negative when `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        i64::from(self.days) - i64::from(earlier.days)
    }

    /// Parses `YYYY-MM-DD` exactly.
    pub fn parse(text: &str) -> Option<Date> {
        Date::parse_bytes(text.as_bytes())
    }

    fn parse_bytes(b: &[u8]) -> Option<Date> {
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::from_ymd(number(&b[..4])? as i32, number(&b[5..7])?, number(&b[8..10])?)
    }

    /// `YYYY-MM-DD`.
    pub fn format(self) -> String {
        let mut out = String::with_capacity(10);
        self.write(&mut out);
        out
    }

    fn write(self, out: &mut String) {
        let (year, month, day) = self.ymd();
        push_digits(out, year as u32, 4);
        out.push('-');
        push_digits(out, month, 2);
        out.push('-');
        push_digits(out, day, 2);
    }
}

/// `YYYY-MM-DD`.
impl core::fmt::Display for Date {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.format())
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An instant in UTC, to the second (claimcheck judges days and writes seconds), within years 0–9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    seconds: i64,
}

impl Timestamp {
    /// 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: Timestamp = Timestamp { seconds: 0 };

    /// The instant `seconds` after 1970-01-01T00:00:00Z (negative: before), if within years 0–9999.
    pub fn from_unix_seconds(seconds: i64) -> Option<Timestamp> {
        let day = seconds.div_euclid(SECONDS_PER_DAY);
        (MIN_DAY..=MAX_DAY).contains(&day).then_some(Timestamp { seconds })
    }

    /// The instant of a JavaScript `Date.now()` or `Date.getTime()`, rounded down to the second.
    pub fn from_unix_millis(millis: i64) -> Option<Timestamp> {
        Timestamp::from_unix_seconds(millis.div_euclid(1000))
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.seconds
    }

    /// The UTC day.
    pub fn date(self) -> Date {
        // In range by construction.
        Date { days: self.seconds.div_euclid(SECONDS_PER_DAY) as i32 }
    }

    /// Midnight UTC at the start of `date`.
    pub fn at_midnight(date: Date) -> Timestamp {
        Timestamp { seconds: i64::from(date.days) * SECONDS_PER_DAY }
    }

    /// Parses an RFC 3339 timestamp (`2026-11-22T10:00:00Z`; a fraction is allowed and dropped, an
    /// offset is converted to UTC) or a plain date (`2026-11-22`, taken as midnight UTC).
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = crate::trim(text).as_bytes();
        let date = Date::parse_bytes(text.get(..10)?)?;
        let rest = text.get(10..)?;
        if rest.is_empty() {
            return Some(Timestamp::at_midnight(date));
        }
        if !matches!(rest[0], b'T' | b't' | b' ') || rest.len() < 9 || rest[3] != b':' || rest[6] != b':' {
            return None;
        }
        let (hour, minute, second) = (number(&rest[1..3])?, number(&rest[4..6])?, number(&rest[7..9])?);
        // A leap second (:60) is read as the last second of the minute.
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
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
                let minutes = i64::from(h * 60 + m);
                if *sign == b'-' {
                    -minutes
                } else {
                    minutes
                }
            }
            _ => return None,
        };
        let local = Timestamp::at_midnight(date).seconds
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second.min(59));
        Timestamp::from_unix_seconds(local - offset_minutes * 60)
    }

    /// RFC 3339 in UTC to the second: `2026-11-22T12:00:00Z`.
    pub fn format(self) -> String {
        let mut out = String::with_capacity(20);
        self.date().write(&mut out);
        let second_of_day = self.seconds.rem_euclid(SECONDS_PER_DAY) as u32;
        for (separator, value) in
            [('T', second_of_day / 3600), (':', second_of_day / 60 % 60), (':', second_of_day % 60)]
        {
            out.push(separator);
            push_digits(&mut out, value, 2);
        }
        out.push('Z');
        out
    }
}

/// RFC 3339 in UTC to the second.
impl core::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.format())
    }
}

/// The value of ASCII digits, or `None` if any byte is not one.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0')))
}

/// `value` in decimal with exactly `width` digits (leading zeros; higher digits dropped).
fn push_digits(out: &mut String, value: u32, width: u32) {
    for k in (0..width).rev() {
        out.push(char::from(b'0' + (value / 10u32.pow(k) % 10) as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, NaiveDate, Timelike};

    #[test]
    fn every_day_of_years_0_to_9999_agrees_with_chrono() {
        let mut expected = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        let mut date = Date::from_ymd(0, 1, 1).unwrap();
        assert_eq!(date.days, MIN_DAY as i32);
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        loop {
            let (y, m, d) = (expected.year(), expected.month(), expected.day());
            assert_eq!(date.ymd(), (y, m, d));
            assert_eq!(Date::from_ymd(y, m, d), Some(date));
            assert_eq!(i64::from(date.days), (expected - epoch).num_days());
            match date.add_days(1) {
                Some(next) => {
                    date = next;
                    expected = expected.succ_opt().unwrap();
                }
                None => break,
            }
        }
        assert_eq!(date.ymd(), (9999, 12, 31));
        assert_eq!(date.days, MAX_DAY as i32);
    }

    #[test]
    fn impossible_days_and_out_of_range_years_are_refused() {
        for (y, m, d) in [
            (2026, 2, 29),
            (1900, 2, 29),
            (2026, 4, 31),
            (2026, 0, 1),
            (2026, 13, 1),
            (2026, 1, 0),
            (-1, 12, 31),
            (10_000, 1, 1),
        ] {
            assert_eq!(Date::from_ymd(y, m, d), None, "{y}-{m}-{d}");
            assert_eq!(NaiveDate::from_ymd_opt(y, m, d).filter(|_| (0..=9999).contains(&y)), None);
        }
        assert!(Date::from_ymd(2000, 2, 29).is_some());
        assert!(Date::from_ymd(2024, 2, 29).is_some());
        let last = Date::from_ymd(9999, 12, 31).unwrap();
        assert_eq!(last.add_days(1), None);
        assert_eq!(last.add_days(u64::MAX), None);
        assert_eq!(Date::from_ymd(0, 1, 1).unwrap().sub_days(1), None);
        assert_eq!(last.sub_days(u64::MAX), None);
    }

    #[test]
    fn day_arithmetic_agrees_with_chrono() {
        let start = Date::from_ymd(2020, 1, 1).unwrap();
        let chrono_start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        for days in [0u64, 1, 29, 30, 365, 366, 2496, 3660, 100_000] {
            let later = start.add_days(days).unwrap();
            let expected = chrono_start.checked_add_days(chrono::Days::new(days)).unwrap();
            assert_eq!(later.format(), expected.format("%Y-%m-%d").to_string());
            assert_eq!(later.days_since(start), days as i64);
            assert_eq!(later.sub_days(days), Some(start));
        }
    }

    #[test]
    fn timestamps_agree_with_chrono() {
        // Every 7,919 seconds over years 0–9999 (about 40,000 instants, all times of day).
        let first =
            chrono::NaiveDate::from_ymd_opt(0, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
        let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
            .unwrap()
            .and_hms_opt(23, 59, 59)
            .unwrap()
            .and_utc()
            .timestamp();
        let mut seconds = first;
        while seconds <= last {
            let t = Timestamp::from_unix_seconds(seconds).unwrap();
            let expected = chrono::DateTime::from_timestamp(seconds, 0).unwrap();
            assert_eq!(t.format(), expected.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            assert_eq!(t.date().ymd(), (expected.year(), expected.month(), expected.day()));
            assert_eq!(Timestamp::parse(&t.format()), Some(t));
            assert_eq!(
                expected.hour() * 3600 + expected.minute() * 60 + expected.second(),
                (seconds.rem_euclid(86_400)) as u32
            );
            seconds += 7_919 * 1_000;
        }
        assert_eq!(Timestamp::from_unix_seconds(first - 1), None);
        assert_eq!(Timestamp::from_unix_seconds(last + 1), None);
        assert_eq!(Timestamp::from_unix_millis(-1).map(Timestamp::format).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(Timestamp::from_unix_millis(1_999).map(Timestamp::unix_seconds), Some(1));
    }

    #[test]
    fn parses_rfc3339_and_plain_dates() {
        let at = |text: &str| Timestamp::parse(text).map(Timestamp::format);
        assert_eq!(at("2026-11-22").as_deref(), Some("2026-11-22T00:00:00Z"));
        assert_eq!(at("2026-11-22T10:00:00.123+05:30").as_deref(), Some("2026-11-22T04:30:00Z"));
        assert_eq!(at("2026-11-22t10:00:00z").as_deref(), Some("2026-11-22T10:00:00Z"));
        assert_eq!(at("2026-11-22 10:00:00-02:30").as_deref(), Some("2026-11-22T12:30:00Z"));
        assert_eq!(at("2026-12-02T00:30:00+01:00").as_deref(), Some("2026-12-01T23:30:00Z"));
        assert_eq!(at("2026-11-22T23:59:60Z").as_deref(), Some("2026-11-22T23:59:59Z"));
        assert_eq!(at(" 2026-11-22T09:05:07.9+01:00 ").as_deref(), Some("2026-11-22T08:05:07Z"));
        assert_eq!(at("0000-01-01T00:30:00+01:00"), None, "before year 0 in UTC");
        for bad in [
            "yesterday",
            "2026-13-01",
            "2026-11-22T25:00:00Z",
            "2026-11-22T10:60:00Z",
            "2026-11-22T10:00:61Z",
            "2026-11-22T10:00:00",
            "2026-11-22T10:00:00.Z",
            "2026-11-22T10:00:00+24:00",
            "2026-1-22",
            "2026-11-22T",
            "",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::parse("2020-02-30"), None);
        assert_eq!(Date::parse("2020-01-01T"), None);
        assert_eq!(Date::parse("2020-01-01").map(Date::format).as_deref(), Some("2020-01-01"));
    }
}
