//! xtask's one way to write to stdout: a reader that went away (`| head`) ends the output
//! quietly, as in any Unix tool; any other write failure is an error.

use std::io::Write as _;

use anyhow::Context as _;

/// Writes `text` to stdout and flushes it.
pub(crate) fn print(text: &str) -> anyhow::Result<()> {
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
