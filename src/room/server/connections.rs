//! Taking connections: at most so many open at once, and so many from one address, each with
//! a deadline for its headers, and all of them ended when the room closes. axum's own `serve` has neither the cap nor
//! the deadline, and waits on closing for connections that never finish, as a page's live
//! connection does.

use super::{Arc, ConnectInfo, Duration, MAX_DEVICES, Request, Router, oneshot};

/// Open connections at most: a live one per device and a few for requests. Past it a new
/// connection is closed at once, so a flood of sockets costs the room nothing but the refusal.
pub const MAX_CONNECTIONS: usize = 2 * MAX_DEVICES;
/// How long a connection may take to send a request's headers, and how long one may stay
/// open waiting for its next request.
pub const HEADERS_WITHIN: Duration = Duration::from_secs(10);
/// The most a connection buffers of what it reads: headers past it are refused.
const READ_BUFFER: usize = 16 * 1024;
/// Open connections at most from one address on the room's network: a phone needs two (its
/// live connection and a request), so a few phones sharing an address fit, and one device
/// holding sockets open cannot take the room's.
pub const MAX_CONNECTIONS_PER_ADDRESS: usize = 32;

/// True for an address whose connections are counted against [`MAX_CONNECTIONS_PER_ADDRESS`]:
/// every one but this computer's own, through which the facilitator's browser and a reverse
/// proxy (for every remote phone at once) reach the room.
pub(super) fn counted(ip: std::net::IpAddr) -> bool {
    !matches!(ip, std::net::IpAddr::V4(v4) if v4 == std::net::Ipv4Addr::LOCALHOST)
        && ip != std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)
}

/// The open connections of each counted address.
#[derive(Clone, Default)]
struct PerAddress(Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>);

/// One open connection of a counted address, given back when the connection ends.
struct Held(PerAddress, std::net::IpAddr);

impl PerAddress {
    /// A place for one more connection from `ip`, unless it holds its share already.
    fn take(&self, ip: std::net::IpAddr) -> Option<Held> {
        let mut open = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = open.entry(ip).or_insert(0);
        if *count >= MAX_CONNECTIONS_PER_ADDRESS {
            return None;
        }
        *count += 1;
        Some(Held(self.clone(), ip))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut open = (self.0)
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.1) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.1);
            }
        }
    }
}

/// Takes connections until the room closes, at most `max` at once, each with a deadline for
/// its headers. Closing the room ends every connection, live ones included.
pub(super) async fn accept(
    listener: tokio::net::TcpListener,
    router: Router,
    stopped: oneshot::Receiver<()>,
    max: usize,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt as _;

    let open = Arc::new(tokio::sync::Semaphore::new(max));
    let per_address = PerAddress::default();
    let mut connections = tokio::task::JoinSet::new();
    let mut stopped = std::pin::pin!(stopped);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stopped => break,
        };
        while connections.try_join_next().is_some() {}
        let Ok((stream, peer)) = accepted else {
            // Out of file descriptors, or a connection gone before it was taken: the next
            // one may fare better in a moment.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let held = if counted(peer.ip()) {
            match per_address.take(peer.ip()) {
                Some(held) => Some(held),
                None => continue,
            }
        } else {
            None
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service =
            router
                .clone()
                .map_request(move |mut request: Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(peer));
                    request
                });
        connections.spawn(async move {
            let _permit = permit;
            let _held = held;
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADERS_WITHIN)
                .max_buf_size(READ_BUFFER)
                .serve_connection(
                    TokioIo::new(stream),
                    hyper_util::service::TowerToHyperService::new(service),
                )
                .await;
        });
    }
    connections.shutdown().await;
}
