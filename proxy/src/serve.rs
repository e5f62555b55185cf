//! The listener loop with the limits a server facing a network needs (axum::serve has none of
//! them): a header-read timeout (which also closes idle keep-alive connections, since hyper
//! starts it whenever it waits for the next request), a cap on open connections, and a
//! graceful shutdown that waits for in-flight calls only up to a deadline. The request
//! deadline and the body-read deadline are layers of the router (`app`).

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::write_deadline::WriteDeadline;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// Open connections per client address.
#[derive(Clone)]
struct PerClient {
    cap: usize,
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// One admitted connection; gives its place back when dropped (also when its task panics).
struct Held {
    ip: IpAddr,
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl PerClient {
    fn new(cap: usize) -> Self {
        Self {
            cap,
            open: Arc::default(),
        }
    }

    fn admit(&self, ip: IpAddr) -> Option<Held> {
        let mut open = self.open.lock().ok()?;
        let count = open.entry(ip).or_insert(0);
        if *count >= self.cap {
            return None;
        }
        *count += 1;
        Some(Held {
            ip,
            open: self.open.clone(),
        })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Ok(mut open) = self.open.lock()
            && let Some(count) = open.get_mut(&self.ip)
        {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// The server's limits; every one is a flag (`tether --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// A client must send a request's headers within this (and an idle keep-alive connection
    /// is closed after it).
    pub header_read_timeout: Duration,
    /// A request body must arrive within this.
    pub body_read_timeout: Duration,
    /// A whole request is abandoned after this.
    pub request_timeout: Duration,
    /// Connections open at once; further ones wait in the kernel's backlog.
    pub max_connections: usize,
    /// Connections one client address may hold at once; more are closed at once, so one
    /// client cannot take every slot (behind a reverse proxy, that proxy is the client).
    pub max_connections_per_client: usize,
    /// A write to a client must make progress within this, or the connection is cut (a
    /// client that stops reading would otherwise hold its slot for ever).
    pub write_timeout: Duration,
    /// HTTP/1 keep-alive.
    pub keep_alive: bool,
    /// On SIGTERM, how long in-flight connections get before they are cut.
    pub shutdown_grace: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(15),
            request_timeout: Duration::from_secs(60),
            max_connections: 512,
            max_connections_per_client: 128,
            write_timeout: Duration::from_secs(20),
            keep_alive: true,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains within the grace period.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_client = PerClient::new(limits.max_connections_per_client.max(1));
    let graceful = GracefulShutdown::new();
    // HTTP/1 only, as axum::serve without its http2 feature served: browsers speak HTTP/1
    // to a plain-HTTP origin, and TLS (hence HTTP/2) is the reverse proxy's job.
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(limits.keep_alive);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(held) = per_client.admit(peer.ip()) else {
            tracing::warn!(client = %peer.ip(), "refused: too many connections from one client");
            drop(stream);
            continue;
        };
        let stream = WriteDeadline::new(stream, limits.write_timeout);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<_>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(req)
        });
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = conn.await;
            drop((permit, held));
        });
    }
    drop(listener);
    tracing::info!("shutting down; letting in-flight calls finish");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!(grace_s = limits.shutdown_grace.as_secs(), "connections still open after the grace period were cut");
        }
    }
}
