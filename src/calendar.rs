//! Mainland China's working days, and when a sale is due to reach the merchant's account.
//!
//! A merchant's first question after "did it go through?" is "when will the money arrive?".
//! Acquirers credit on terms such as T+1 (the next working day), D+1 (the next calendar day),
//! T+0 or D+0 (the same day), and a sale after the acquirer's daily cut-off counts as the next
//! day's. Working days are not simply Monday to Friday: the State Council moves rest days
//! around public holidays every year and makes some weekends working days (调休). Those tables
//! are data (`data/calendar.toml`, one entry per year with the notice it comes from); for a
//! year without one, weekends alone decide and the answer says it may move.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use time::{Date, Duration, Time, Weekday};

const DATA: &str = include_str!("../data/calendar.toml");

/// One year's announced holidays and make-up working days, with the notice they come from.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Year {
    pub source: String,
    pub url: String,
    pub holidays: Vec<String>,
    pub workdays: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
struct File {
    years: BTreeMap<i32, Year>,
}

/// The working-day calendar.
#[derive(Debug)]
pub struct Calendar {
    years: BTreeMap<i32, Year>,
    holidays: HashSet<Date>,
    workdays: HashSet<Date>,
}

/// Why the embedded or a given calendar is not usable: a date that does not parse, one filed
/// under the wrong year, a day both rest and work, or a make-up working day that is not a
/// weekend day (the notices only ever move work onto weekends).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("calendar {year}: {problem} ({date})")]
pub struct Problem {
    pub year: i32,
    pub date: String,
    pub problem: &'static str,
}

fn parse_date(s: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &format).ok()
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

impl Calendar {
    /// The calendar built into the binary. The data is checked by the test suite, so a
    /// problem here is a bug; it is still reported as one rather than a panic.
    pub fn embedded() -> Result<&'static Calendar, Problem> {
        static CAL: OnceLock<Result<Calendar, Problem>> = OnceLock::new();
        CAL.get_or_init(|| Calendar::parse(DATA))
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn parse(text: &str) -> Result<Calendar, Problem> {
        let file: File = toml::from_str(text).map_err(|_| Problem {
            year: 0,
            date: String::new(),
            problem: "not a calendar file",
        })?;
        let mut holidays = HashSet::new();
        let mut workdays = HashSet::new();
        for (&year, y) in &file.years {
            for (list, set, is_work) in [
                (&y.holidays, &mut holidays, false),
                (&y.workdays, &mut workdays, true),
            ] {
                for s in list {
                    let problem = |problem| Problem {
                        year,
                        date: s.clone(),
                        problem,
                    };
                    let d = parse_date(s).ok_or_else(|| problem("not a date"))?;
                    if d.year() != year {
                        return Err(problem("filed under another year"));
                    }
                    if is_work && !is_weekend(d) {
                        return Err(problem("a make-up working day that is not a weekend day"));
                    }
                    if !set.insert(d) {
                        return Err(problem("listed twice"));
                    }
                }
            }
        }
        if let Some(d) = holidays.intersection(&workdays).next() {
            return Err(Problem {
                year: d.year(),
                date: d.to_string(),
                problem: "both a holiday and a working day",
            });
        }
        Ok(Calendar {
            years: file.years,
            holidays,
            workdays,
        })
    }

    /// The year's entry, when the calendar has one.
    pub fn year(&self, year: i32) -> Option<&Year> {
        self.years.get(&year)
    }

    /// Whether the calendar knows the year's holidays (otherwise weekends alone decide).
    pub fn knows(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        !is_weekend(d) && !self.holidays.contains(&d)
    }

    /// The `n`-th working day after `d` (`n = 0`: `d` itself when it is a working day, else
    /// the next one).
    pub fn working_day_after(&self, d: Date, n: u32) -> Option<Date> {
        let mut day = d;
        if n == 0 {
            // Bounded: the longest run of rest days in any notice is under two weeks.
            for _ in 0..60 {
                if self.is_working_day(day) {
                    return Some(day);
                }
                day = day.next_day()?;
            }
            return None;
        }
        let mut left = n;
        for _ in 0..(60 + n.saturating_mul(3)) {
            day = day.next_day()?;
            if self.is_working_day(day) {
                left -= 1;
                if left == 0 {
                    return Some(day);
                }
            }
        }
        None
    }

    /// Working days strictly after `from` up to and including `to` (0 when `to` is not later).
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        let mut n = 0u32;
        let mut day = from;
        // Bounded by the span itself, capped at ten years.
        for _ in 0..3660 {
            if day >= to {
                break;
            }
            match day.next_day() {
                Some(next) => day = next,
                None => break,
            }
            if self.is_working_day(day) {
                n += 1;
            }
        }
        n
    }
}

/// How an acquirer credits a merchant: on the n-th working day (T) or calendar day (D) after
/// the trade day, with an optional daily cut-off after which a sale counts as the next day's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    pub basis: Basis,
    pub days: u32,
    pub cutoff: Option<Time>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// T: working days.
    Working,
    /// D: calendar days, weekends and holidays included.
    Calendar,
}

impl fmt::Display for Terms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = match self.basis {
            Basis::Working => 'T',
            Basis::Calendar => 'D',
        };
        write!(f, "{b}+{}", self.days)?;
        if let Some(c) = self.cutoff {
            write!(f, " (cut-off {:02}:{:02})", c.hour(), c.minute())?;
        }
        Ok(())
    }
}

impl Default for Terms {
    /// T+1 with no cut-off: what most acquirers in mainland China offer small merchants.
    fn default() -> Self {
        Terms {
            basis: Basis::Working,
            days: 1,
            cutoff: None,
        }
    }
}

impl Terms {
    /// `T+1`, `D+0`, `t+2` (any case, spaces allowed), up to 30 days; `None` otherwise.
    pub fn parse(text: &str, cutoff: Option<Time>) -> Option<Terms> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let t = t.to_ascii_uppercase();
        let (b, days) = t.split_once('+')?;
        let basis = match b {
            "T" => Basis::Working,
            "D" => Basis::Calendar,
            _ => return None,
        };
        if days.is_empty() || days.len() > 2 || !days.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let days: u32 = days.parse().ok()?;
        (days <= 30).then_some(Terms {
            basis,
            days,
            cutoff,
        })
    }
}

/// When a sale is due in the merchant's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub date: Date,
    /// The trade day the sale counts for (the next day when it came after the cut-off).
    pub trade_day: Date,
    /// False when a year on the way has no holiday table: the date may still move.
    pub certain: bool,
}

/// The day a sale made at `sold` (the merchant's local time) is due under `terms`.
pub fn due(cal: &Calendar, sold_date: Date, sold_time: Time, terms: Terms) -> Option<Due> {
    let trade_day = match terms.cutoff {
        Some(c) if sold_time >= c => sold_date.next_day()?,
        _ => sold_date,
    };
    let date = match terms.basis {
        Basis::Calendar => trade_day.checked_add(Duration::days(i64::from(terms.days)))?,
        Basis::Working => cal.working_day_after(trade_day, terms.days)?,
    };
    let certain = match terms.basis {
        Basis::Calendar => true,
        Basis::Working => (trade_day.year()..=date.year()).all(|y| cal.knows(y)),
    };
    Some(Due {
        date,
        trade_day,
        certain,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, time};

    fn cal() -> &'static Calendar {
        Calendar::embedded().expect("the embedded calendar is valid")
    }

    #[test]
    fn the_embedded_calendar_is_valid_and_cites_a_notice_per_year() {
        for y in [2025, 2026] {
            let year = cal().year(y).expect("year present");
            assert!(year.source.contains(&format!("{y}年部分节假日安排的通知")));
            assert!(year.url.starts_with("https://"));
        }
    }

    #[test]
    fn weekends_holidays_and_make_up_days() {
        // 2026-11-20 is a Friday, 2026-11-21 a Saturday.
        assert!(cal().is_working_day(date!(2026 - 11 - 20)));
        assert!(!cal().is_working_day(date!(2026 - 11 - 21)));
        // National Day week is off, and Saturday 10 October is worked.
        assert!(!cal().is_working_day(date!(2026 - 10 - 05)));
        assert!(cal().is_working_day(date!(2026 - 10 - 10)));
    }

    #[test]
    fn t_plus_one_moves_over_weekends_and_holidays() {
        let t1 = Terms::default();
        let noon = time!(12:00);
        // Monday → Tuesday.
        let d = due(cal(), date!(2026 - 11 - 23), noon, t1).unwrap();
        assert_eq!(d.date, date!(2026 - 11 - 24));
        assert!(d.certain);
        // Friday → Monday.
        let d = due(cal(), date!(2026 - 11 - 20), noon, t1).unwrap();
        assert_eq!(d.date, date!(2026 - 11 - 23));
        // 30 September 2026 (Wednesday), before National Day → Thursday 8 October.
        let d = due(cal(), date!(2026 - 09 - 30), noon, t1).unwrap();
        assert_eq!(d.date, date!(2026 - 10 - 08));
        // Friday 9 October 2026 → Saturday 10 October, a make-up working day.
        let d = due(cal(), date!(2026 - 10 - 09), noon, t1).unwrap();
        assert_eq!(d.date, date!(2026 - 10 - 10));
        // Spring Festival 2026: Friday 13 February → Saturday 14 February (worked).
        let d = due(cal(), date!(2026 - 02 - 13), noon, t1).unwrap();
        assert_eq!(d.date, date!(2026 - 02 - 14));
        // Saturday 14 February → Tuesday 24 February, after the nine days off.
        let d = due(cal(), date!(2026 - 02 - 14), noon, t1).unwrap();
        assert_eq!(d.date, date!(2026 - 02 - 24));
    }

    #[test]
    fn cut_off_d_terms_and_unknown_years() {
        let late = Terms::parse("T+1", Some(time!(23:00))).unwrap();
        // Monday 23:30 counts as Tuesday: due Wednesday.
        let d = due(cal(), date!(2026 - 11 - 23), time!(23:30), late).unwrap();
        assert_eq!(d.trade_day, date!(2026 - 11 - 24));
        assert_eq!(d.date, date!(2026 - 11 - 25));
        // D+1 ignores the weekend.
        let d1 = Terms::parse("d+1", None).unwrap();
        let d = due(cal(), date!(2026 - 11 - 20), time!(12:00), d1).unwrap();
        assert_eq!(d.date, date!(2026 - 11 - 21));
        // T+0 on a Sunday waits for Monday.
        let t0 = Terms::parse("T + 0", None).unwrap();
        let d = due(cal(), date!(2026 - 11 - 22), time!(12:00), t0).unwrap();
        assert_eq!(d.date, date!(2026 - 11 - 23));
        // 31 December 2026 → a 2027 date the calendar does not know yet.
        let d = due(cal(), date!(2026 - 12 - 31), time!(12:00), Terms::default()).unwrap();
        assert_eq!(d.date, date!(2027 - 01 - 01));
        assert!(!d.certain);
    }

    #[test]
    fn overdue_counts_working_days() {
        // Due Friday 20 November 2026; on Tuesday 24 November it is two working days late.
        assert_eq!(
            cal().working_days_between(date!(2026 - 11 - 20), date!(2026 - 11 - 24)),
            2
        );
        assert_eq!(
            cal().working_days_between(date!(2026 - 11 - 24), date!(2026 - 11 - 20)),
            0
        );
    }

    #[test]
    fn bad_terms_and_bad_calendars_are_refused() {
        for bad in ["T1", "X+1", "T+", "T+-1", "T+99", "T+1.5", ""] {
            assert_eq!(Terms::parse(bad, None), None, "{bad}");
        }
        let weekday_workday = r#"
            [years.2030]
            source = "s"
            url = "https://example.invalid/"
            holidays = []
            workdays = ["2030-01-02"]
        "#;
        assert!(Calendar::parse(weekday_workday).is_err());
        let wrong_year = r#"
            [years.2030]
            source = "s"
            url = "https://example.invalid/"
            holidays = ["2031-01-01"]
            workdays = []
        "#;
        assert!(Calendar::parse(wrong_year).is_err());
    }
}
