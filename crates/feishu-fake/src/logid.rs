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
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    humantime::format_rfc3339_seconds(time)
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
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
