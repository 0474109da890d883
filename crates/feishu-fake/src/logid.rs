//! Feishu-style log ids: `YYYYMMDDhhmmss` (UTC) followed by 20 upper-case hex digits.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh log id, unique within the process.
pub(crate) fn next() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // Spread the counter over the hex part so consecutive ids do not look alike.
    let mixed = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(now.subsec_nanos());
    format!(
        "{}{:04X}{:016X}",
        utc_stamp(now.as_secs()),
        n & 0xFFFF,
        mixed
    )
}

/// The troubleshooter link Feishu puts beside a log id.
pub(crate) fn troubleshooter(log_id: &str) -> String {
    format!("https://open.feishu.cn/search?from=openapi&log_id={log_id}")
}

/// `YYYYMMDDhhmmss` of a Unix time, in UTC.
fn utc_stamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_known_dates() {
        assert_eq!(utc_stamp(0), "19700101000000");
        assert_eq!(utc_stamp(1_610_462_759), "20210112144559");
        assert_eq!(utc_stamp(1_709_210_096), "20240229123456");
    }

    #[test]
    fn ids_are_unique_and_shaped() {
        let a = next();
        let b = next();
        assert_ne!(a, b);
        assert_eq!(a.len(), 34);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        );
    }
}
