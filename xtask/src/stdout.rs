//! xtask's one way to write to stdout and stderr: a reader that went away (`| head`,
//! `2>&1 | head`) ends the output quietly, as in any Unix tool, where `print!` and
//! `eprintln!` would panic; any other failure to write stdout is an error.

use std::fmt;
use std::io::Write as _;

use anyhow::Context as _;

/// Writes `text` to stdout and flushes it.
///
/// # Errors
///
/// When stdout fails for another reason than a reader that went away.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(error).context("writing to stdout")
        }
        _ => Ok(()),
    }
}

/// Writes `text` and a newline to stderr; a failure is ignored, since there is nowhere left to
/// report it. [`errln!`](crate::errln) is the way to call it.
pub fn write_err(text: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// `eprintln!` that never panics on a closed stderr: xtask's one way to write to stderr.
///
/// ```
/// xtask::errln!("docs check: {} finding(s)", 0);
/// ```
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::stdout::write_err(format_args!($($arg)*))
    };
}
