//! Writing to stdout and stderr the way Unix tools do: a closed stdout (the reader went away,
//! as with `| head`) ends the output quietly instead of panicking like `println!`. The command
//! still finishes and exits with its own code. Everything the CLI says on stderr goes through
//! [`errln!`], which never panics on a closed stderr either (`eprintln!` would).

use std::fmt;
use std::io::{ErrorKind, Write as _};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write found stdout closed; later output is dropped.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to stdout. A closed stdout is not an error; any other write failure is.
pub(crate) fn write(text: fmt::Arguments<'_>) -> anyhow::Result<()> {
    if CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_fmt(text).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() == ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(error) => Err(anyhow::Error::new(error).context("cannot write to standard output")),
        Ok(()) => Ok(()),
    }
}

/// Writes one line to stderr; a closed stderr is ignored (there is nowhere left to say so).
pub(crate) fn write_err(text: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// `println!` that ends quietly on a closed stdout; evaluates to `anyhow::Result<()>`.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::stdout::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` that ends quietly on a closed stdout; evaluates to `anyhow::Result<()>`.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::stdout::write(format_args!($($arg)*))
    };
}

/// `eprintln!` that never panics on a closed stderr: the CLI's one way to write to stderr.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::stdout::write_err(format_args!($($arg)*))
    };
}

pub(crate) use {errln, out, outln};
