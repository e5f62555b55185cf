//! UTC timestamps in the one format both signatures use: `YYYY-MM-DDTHH:MM:SSZ`.
//!
//! The civil-date conversion is done here (Howard Hinnant's `days_from_civil`) rather than with
//! a date crate, to keep the signer free of dependencies and of any clock.

const SECS_PER_DAY: i64 = 86_400;

/// Formats seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (UTC).
///
/// Years outside `0000..=9999` still format, but [`parse_timestamp`] will not read them back.
pub fn format_timestamp(unix_secs: i64) -> String {
    let days = unix_secs.div_euclid(SECS_PER_DAY);
    let secs = unix_secs.rem_euclid(SECS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` (UTC) into seconds since the Unix epoch.
///
/// Anything else (offsets, fractions, lowercase `t`/`z`, impossible dates such as Feb 30) is
/// `None`: a verifier must not guess at what the client meant to sign.
pub fn parse_timestamp(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        b[from..to].iter().try_fold(0i64, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * SECS_PER_DAY + hour * 3600 + minute * 60 + second)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date; eras of 400 years repeat exactly.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    // Counting months from March puts the leap day at the end of the year.
    let march_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * march_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * march_month + 2) / 5 + 1;
    let month = if march_month < 10 {
        march_month + 3
    } else {
        march_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates_format_and_parse() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (1_456_231_584, "2016-02-23T12:46:24Z"),
            (1_704_164_645, "2024-01-02T03:04:05Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
        ];
        for (secs, text) in cases {
            assert_eq!(format_timestamp(secs), text);
            assert_eq!(parse_timestamp(text), Some(secs), "{text}");
        }
    }

    #[test]
    fn parse_rejects_anything_but_the_exact_utc_format() {
        for bad in [
            "2016-02-23T12:46:24",
            "2016-02-23T12:46:24.000Z",
            "2016-02-23T12:46:24+00:00",
            "2016-02-23 12:46:24Z",
            "2016-02-23t12:46:24z",
            "2016-02-30T12:46:24Z",
            "2015-02-29T00:00:00Z",
            "2016-13-01T00:00:00Z",
            "2016-00-01T00:00:00Z",
            "2016-01-01T24:00:00Z",
            "2016-01-01T00:60:00Z",
            "2016-01-01T00:00:60Z",
            "+016-01-01T00:00:00Z",
            "２016-01-01T00:00:00Z",
            "",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(secs in -62_167_219_200i64..=253_402_300_799) {
            prop_assert_eq!(parse_timestamp(&format_timestamp(secs)), Some(secs));
        }

        #[test]
        fn format_never_panics(secs in any::<i64>()) {
            let _ = format_timestamp(secs);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,24}") {
            let _ = parse_timestamp(&s);
        }
    }
}
