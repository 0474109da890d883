//! The `tracing` output of one test, captured in memory.
//!
//! All tests share one binary, and `tracing` caches whether a callsite is enabled
//! process-wide: with a scoped subscriber per test (`set_default`), a span first reached by a
//! test without a subscriber stayed off for the test with one (the `feishu_request` span went
//! missing from `secrets.rs`). So one global subscriber at TRACE serves the whole binary and
//! writes each event to the capture of the thread it happens on, if that thread has one.
//! `#[tokio::test]` runs a test's futures on its own thread (the current-thread runtime).

use std::cell::RefCell;
use std::io::Write;
use std::sync::{Arc, Mutex, Once};

use tracing_subscriber::fmt::MakeWriter;

/// Log output captured in memory.
#[derive(Clone, Default)]
pub(crate) struct Captured(pub(crate) Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Everything written so far.
    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

thread_local! {
    static CAPTURE: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

/// Stops the calling thread's capture when dropped.
pub(crate) struct CaptureGuard(());

impl Drop for CaptureGuard {
    fn drop(&mut self) {
        CAPTURE.with(|capture| capture.borrow_mut().take());
    }
}

/// Captures every `tracing` event and span of the calling thread (TRACE and up, no colours)
/// until the guard drops.
pub(crate) fn capture_logs() -> (Captured, CaptureGuard) {
    static GLOBAL: Once = Once::new();
    GLOBAL.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(ThreadCapture)
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other global subscriber in the client's tests");
    });
    let captured = Captured::default();
    CAPTURE.with(|capture| *capture.borrow_mut() = Some(captured.clone()));
    (captured, CaptureGuard(()))
}

/// Writes to the current thread's capture, or nowhere.
struct ThreadCapture;

impl<'a> MakeWriter<'a> for ThreadCapture {
    type Writer = Box<dyn Write>;

    fn make_writer(&'a self) -> Self::Writer {
        match CAPTURE.with(|capture| capture.borrow().clone()) {
            Some(captured) => Box::new(captured),
            None => Box::new(std::io::sink()),
        }
    }
}
