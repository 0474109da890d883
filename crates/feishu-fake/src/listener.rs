//! Feishu's JSON envelope on the answers hyper writes by itself.
//!
//! hyper answers some malformed requests before any handler runs, with an empty body: a request
//! URI longer than 65534 bytes gets `414`, a request head larger than its read buffer `431`, a
//! request line or header it cannot parse `400`. Clients expect the envelope on every answer
//! (the spec's `ErrorResponse`), and hyper offers no hook for these, so the connection's writes
//! are watched: when hyper starts one of these answers, the envelope goes out in its place.
//! hyper closes the connection after such an answer, so nothing else is written on it.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::http::StatusCode;
use axum::serve::Listener;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use crate::error_answer::ErrorAnswer;

/// A TCP listener whose connections answer hyper's own errors with the envelope.
pub(crate) struct EnvelopeListener(pub(crate) TcpListener);

impl Listener for EnvelopeListener {
    type Io = EnvelopeIo;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (inner, addr) = Listener::accept(&mut self.0).await;
        let io = EnvelopeIo {
            inner,
            replacement: None,
        };
        (io, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

/// One connection; see the module docs.
pub(crate) struct EnvelopeIo {
    inner: TcpStream,
    /// The envelope written in place of hyper's own answer, and how many bytes of it are out.
    replacement: Option<(Vec<u8>, usize)>,
}

impl AsyncRead for EnvelopeIo {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for EnvelopeIo {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.replacement.is_none() {
            match hypers_own_answer(buf) {
                Some(error) => this.replacement = Some((error.into_http1(), 0)),
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        if let Some((envelope, sent)) = &mut this.replacement {
            while *sent < envelope.len() {
                match ready!(Pin::new(&mut this.inner).poll_write(cx, &envelope[*sent..]))? {
                    0 => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                    n => *sent += n,
                }
            }
        }
        // hyper's bytes count as written: it goes on to close the connection.
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// The envelope for `buf` when it starts one of hyper's own error answers. Those have no
/// `content-type`; every answer of the fake's handlers has one.
fn hypers_own_answer(buf: &[u8]) -> Option<ErrorAnswer> {
    let head = buf.strip_prefix(b"HTTP/1.")?;
    let status = head.get(2..5)?;
    let head_end = head.windows(4).position(|w| w == b"\r\n\r\n")?;
    let has_content_type = head[..head_end]
        .split(|&b| b == b'\n')
        .any(|line| line.to_ascii_lowercase().starts_with(b"content-type:"));
    let (status, msg) = match status {
        b"414" => (
            StatusCode::URI_TOO_LONG,
            "the request URI is longer than the 65534 bytes the server reads",
        ),
        b"431" => (
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "the request line and headers are larger than the server reads",
        ),
        b"400" => (
            StatusCode::BAD_REQUEST,
            "the request is not valid HTTP/1.1 (request line or a header)",
        ),
        _ => return None,
    };
    (!has_content_type).then(|| ErrorAnswer::http(status, msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hypers_bodiless_error_heads_are_replaced() {
        let bare = b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        let replaced = hypers_own_answer(bare).map(|e| e.status());
        assert_eq!(replaced, Some(StatusCode::URI_TOO_LONG));
        let handler = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n\r\n{}";
        assert!(hypers_own_answer(handler).is_none());
        assert!(hypers_own_answer(b"HTTP/1.1 200 OK\r\n\r\n").is_none());
        assert!(hypers_own_answer(b"{\"code\":0}").is_none());
    }
}
