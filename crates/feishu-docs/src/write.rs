//! Writing a file so that a failure never leaves half of it: `docs fetch` rewrites pages and
//! `check --fix` the spec this way.

use std::path::Path;

use anyhow::Context as _;

/// Writes `text` to a temporary file beside `file`, flushes it and renames it over `file`.
pub(crate) fn write_atomically(file: &Path, text: &str) -> anyhow::Result<()> {
    let name = file
        .file_name()
        .map_or_else(Default::default, |name| name.to_string_lossy());
    let temp = file.with_file_name(format!(".{name}.fetch-tmp"));
    let result = (|| -> std::io::Result<()> {
        let mut out = std::fs::File::create(&temp)?;
        std::io::Write::write_all(&mut out, text.as_bytes())?;
        out.sync_all()?;
        std::fs::rename(&temp, file)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.with_context(|| format!("writing {}", file.display()))
}
