//! Why a request got no complete answer, in words a user can act on.

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::time::Duration;

/// What went wrong on the wire; the `Display` names the cause (`timed out after 30 s`,
/// `connection refused`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportFault {
    /// No complete answer within the client's timeout (`None` when a custom HTTP client set
    /// its own).
    TimedOut(Option<Duration>),
    /// No connection within the client's connect timeout.
    ConnectTimedOut(Option<Duration>),
    /// Nothing accepts connections at the address.
    Refused,
    /// The server reset the connection.
    Reset,
    /// The server closed the connection before the answer came.
    Closed,
    /// The answer's body ended before the length its head announced.
    CutShort {
        /// The HTTP status the head carried.
        status: u16,
        /// Bytes of body received.
        got: u64,
        /// Bytes announced by `content-length`, when it was sent.
        expected: Option<u64>,
    },
    /// Anything else (DNS, TLS, a malformed answer head): the innermost cause reqwest gave.
    Other(String),
}

/// The HTTP client's timeouts, to name them in errors.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timeouts {
    /// A whole request, answer included.
    pub(crate) total: Duration,
    /// Establishing the connection.
    pub(crate) connect: Duration,
}

impl TransportFault {
    /// Classifies `error`; `cut_short` is what the client saw of a body that broke off, and
    /// `timeouts` the client's (`None` for a caller's own HTTP client).
    pub(crate) fn of(
        error: &reqwest::Error,
        cut_short: Option<TransportFault>,
        timeouts: Option<Timeouts>,
    ) -> Self {
        let timeout = timeouts.map(|t| t.total);
        if error.is_timeout() && error.is_connect() {
            return TransportFault::ConnectTimedOut(timeouts.map(|t| t.connect.min(t.total)));
        }
        if error.is_timeout() {
            return TransportFault::TimedOut(timeout);
        }
        let mut innermost = error.to_string();
        let mut cause: Option<&(dyn StdError + 'static)> = error.source();
        while let Some(current) = cause {
            if let Some(io) = current.downcast_ref::<io::Error>() {
                match io.kind() {
                    io::ErrorKind::ConnectionRefused => return TransportFault::Refused,
                    io::ErrorKind::ConnectionReset if cut_short.is_none() => {
                        return TransportFault::Reset;
                    }
                    io::ErrorKind::TimedOut => return TransportFault::TimedOut(timeout),
                    _ => {}
                }
            }
            innermost = current.to_string();
            cause = current.source();
        }
        if let Some(cut_short) = cut_short {
            return cut_short;
        }
        // hyper's words for a connection that ended before a whole answer head; hyper is not
        // a direct dependency, so its error can't be matched by type.
        if innermost.contains("connection closed before message completed")
            || innermost.contains("incomplete message")
        {
            return TransportFault::Closed;
        }
        TransportFault::Other(innermost)
    }
}

impl fmt::Display for TransportFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportFault::TimedOut(Some(after)) => {
                write!(f, "timed out after {}", Seconds(*after))
            }
            TransportFault::TimedOut(None) => f.write_str("timed out"),
            TransportFault::ConnectTimedOut(Some(after)) => {
                write!(f, "no connection within {}", Seconds(*after))
            }
            TransportFault::ConnectTimedOut(None) => f.write_str("no connection in time"),
            TransportFault::Refused => f.write_str("connection refused"),
            TransportFault::Reset => f.write_str("connection reset"),
            TransportFault::Closed => f.write_str("connection closed before the answer"),
            TransportFault::CutShort {
                status,
                got,
                expected: Some(expected),
            } => write!(
                f,
                "body cut short after HTTP {status} (got {got} of {expected} bytes)"
            ),
            TransportFault::CutShort {
                status,
                got,
                expected: None,
            } => write!(f, "body cut short after HTTP {status} (got {got} bytes)"),
            TransportFault::Other(message) => f.write_str(message),
        }
    }
}

/// A duration as people write timeouts: `30 s`, `1.5 s`, `200 ms`.
struct Seconds(Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.as_millis();
        if millis < 1000 {
            write!(f, "{millis} ms")
        } else if millis.is_multiple_of(1000) {
            write!(f, "{} s", millis / 1000)
        } else {
            write!(f, "{} s", self.0.as_secs_f64())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_read_as_the_issue_words_them() {
        let timed_out = TransportFault::TimedOut(Some(Duration::from_secs(30)));
        assert_eq!(timed_out.to_string(), "timed out after 30 s");
        let short = TransportFault::TimedOut(Some(Duration::from_millis(200)));
        assert_eq!(short.to_string(), "timed out after 200 ms");
        let connect = TransportFault::ConnectTimedOut(Some(Duration::from_millis(1500)));
        assert_eq!(connect.to_string(), "no connection within 1.5 s");
        let cut = TransportFault::CutShort {
            status: 200,
            got: 10,
            expected: Some(120),
        };
        assert_eq!(
            cut.to_string(),
            "body cut short after HTTP 200 (got 10 of 120 bytes)"
        );
    }
}
