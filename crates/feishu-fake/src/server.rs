//! Running a fake: bind, serve in the background, stop on request or drop.

use std::future::Future;
use std::future::IntoFuture as _;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::{AppCredential, Config};
use crate::error::{Error, Result};
use crate::listener::EnvelopeListener;
use crate::routes::app;
use crate::state::AppState;

/// A running fake. Dropping it stops the server.
#[derive(Debug)]
pub struct FakeHandle {
    addr: SocketAddr,
    state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

/// Binds `config.addr` and serves the fake in the background on the current Tokio runtime.
pub async fn start(config: Config) -> Result<FakeHandle> {
    let state = AppState::new(config)?;
    let addr = state.config().addr;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| Error::Bind { addr, source })?;
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, state.clone(), async {
        let _ = stopped.await;
    }));
    tracing::debug!(%addr, "feishu fake listening");
    Ok(FakeHandle {
        addr,
        state,
        stop: Some(stop),
        task: Some(task),
    })
}

/// How long requests in flight may go on after the shutdown signal; then [`serve`] returns
/// anyway, so a client holding a half-sent request can't keep the fake alive.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Serves the fake on `listener` until `shutdown` completes, then finishes the requests in
/// flight for at most [`SHUTDOWN_GRACE`]. Answers hyper writes by itself (URI too long,
/// malformed request) carry the JSON envelope too.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stopping, stopped) = oneshot::channel::<()>();
    let server =
        axum::serve(EnvelopeListener(listener), app(state)).with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stopping.send(());
        });
    let grace_over = async move {
        match stopped.await {
            Ok(()) => tokio::time::sleep(SHUTDOWN_GRACE).await,
            // The server ended on its own; its result wins the race below.
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        result = server.into_future() => result,
        () = grace_over => {
            tracing::warn!(grace = ?SHUTDOWN_GRACE, "requests still in flight; stopping anyway");
            Ok(())
        }
    }
}

impl FakeHandle {
    /// `http://127.0.0.1:PORT` (no trailing slash): the base URL for a client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The fake's state: its tenant, clock and configuration.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The first configured credential (the default one unless configured otherwise).
    pub fn credential(&self) -> &AppCredential {
        &self.state.config().credentials[0]
    }

    /// Moves the fake's clock forward, so tokens and page tokens expire without waiting.
    pub fn advance_clock(&self, by: std::time::Duration) {
        self.state.advance_clock(by);
    }

    /// Stops accepting, finishes the requests in flight and waits for the server to end.
    pub async fn shutdown(mut self) -> Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.task.take() {
            Some(task) => match task.await {
                Ok(result) => result.map_err(Error::Serve),
                Err(join) => Err(Error::Serve(std::io::Error::other(join))),
            },
            None => Ok(()),
        }
    }
}

impl Drop for FakeHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
